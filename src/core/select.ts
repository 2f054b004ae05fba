import { and, asc, count, eq, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { ChannelRow, QuestionRow, Tables } from '../db/store.ts';
import { channelBanks, drawsSuggested } from './banks.ts';
import type { PracticeDeps } from './deps.ts';
import { UserError } from './errors.ts';

export type { QuestionRow };

/**
 * A question of a bank as features and commands name it (what is asked, its model answer, where
 * it comes from). Today the store's row itself: commands name this type, never the row.
 */
export type BankQuestion = QuestionRow;

const active = ({ questions }: Tables) =>
  and(eq(questions.retired, false), eq(questions.kind, 'question'));

/** Whose own questions (approved suggestions) a channel's workspace has: `platform:workspace`. */
export function ownerOf(address: { platform: string; workspace: string }): string {
  return `${address.platform}:${address.workspace}`;
}

/** Questions a channel of this workspace may see: the notes', and the workspace's own. */
export function visibleTo({ questions }: Tables, owner: string) {
  return or(isNull(questions.owner), eq(questions.owner, owner));
}

/**
 * The questions a channel draws from, as conditions that do not overlap, one per owner: the
 * notes of its banks (none: every bank), and its workspace's own approved suggestions (bank
 * `suggested`) unless its chosen banks leave that out; never another workspace's.
 */
async function bankParts(deps: PracticeDeps, channel: ChannelRow): Promise<SQL[]> {
  const { questions } = deps.store.tables;
  const banks = await channelBanks(deps, channel);
  const notes = banks
    ? and(isNull(questions.owner), inArray(questions.bank, banks))
    : isNull(questions.owner);
  return [
    notes as SQL,
    ...(drawsSuggested(channel) ? [eq(questions.owner, ownerOf(channel))] : []),
  ];
}

/** The questions a channel draws from, as one condition (see `bankParts`). */
export async function inBanks(deps: PracticeDeps, channel: ChannelRow) {
  return or(...(await bankParts(deps, channel)));
}

/** Topics (sections) of the channel's banks that have active questions, in the order of the notes. */
export async function listTopics(deps: PracticeDeps, channel: ChannelRow): Promise<string[]> {
  const { tables } = deps.store;
  const { questions } = tables;
  const rows = await deps.store.db
    .select({ section: questions.section, first: sql<number>`min(${questions.position})` })
    .from(questions)
    .where(and(active(tables), await inBanks(deps, channel)))
    .groupBy(questions.bank, questions.section)
    .orderBy(asc(questions.bank), asc(sql`2`));
  return [...new Set(rows.map((r) => r.section))];
}

/** The topics a channel can ask for, bank by bank (its banks only), in the order of the notes. */
export async function topicsByBank(
  deps: PracticeDeps,
  channel: ChannelRow,
): Promise<{ bank: string; topics: string[] }[]> {
  const { tables } = deps.store;
  const { questions } = tables;
  const rows = await deps.store.db
    .select({
      bank: questions.bank,
      section: questions.section,
      first: sql<number>`min(${questions.position})`,
    })
    .from(questions)
    .where(and(active(tables), await inBanks(deps, channel)))
    .groupBy(questions.bank, questions.section)
    .orderBy(asc(questions.bank), asc(sql`3`));
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.bank, [...(out.get(r.bank) ?? []), r.section]);
  return [...out].map(([bank, topics]) => ({ bank, topics }));
}

/** Sections whose name starts with `topic`, ignoring case; a clear error listing topics if none. */
export async function matchTopics(
  deps: PracticeDeps,
  channel: ChannelRow,
  topic: string,
): Promise<string[]> {
  const all = await listTopics(deps, channel);
  const wanted = topic.normalize('NFC').trim().toLocaleLowerCase();
  const matched = all.filter((s) => s.toLocaleLowerCase().startsWith(wanted));
  if (matched.length === 0) {
    throw new UserError('ask.unknownTopic', { topic: topic.trim(), topics: all.join(', ') });
  }
  return matched;
}

/**
 * Whether a question is still in the channel's bag for this round: not yet dropped in the
 * round, and, for a follow-up, only once its parent has been dropped in the channel (a parent
 * that is a group or retired never will be, so its follow-ups are free).
 * `d.status || ''` keeps SQLite on the (channel, question, round) index, not the status one;
 * the SQL is the same on PostgreSQL (`true` is 1 in SQLite).
 */
function inBag({ questions }: Tables, channel: ChannelRow, round: number | null) {
  return and(
    round === null
      ? undefined
      : sql`not exists (select 1 from drops d where d.channel_id = ${channel.id} and d.round = ${round} and d.question_id = ${questions.id} and d.status || '' in ('claimed', 'posted'))`,
    sql`(${questions.parent} is null
      or exists (select 1 from questions p where p.id = ${questions.parent} and (p.kind = 'group' or p.retired = true))
      or exists (select 1 from drops d2 where d2.channel_id = ${channel.id} and d2.question_id = ${questions.parent} and d2.status || '' = 'posted'))`,
  );
}

const TRIES = 12;

/**
 * A uniformly random question of the bag (`round` null: of any round). Most draws take a few
 * cheap probes: pick a random active question and keep it if it is still in the bag, which is
 * uniform over the bag; only a nearly empty bag falls back to listing it whole. The pool is
 * counted and probed part by part (each one range of the questions_pool index, in id order), as
 * if the parts stood one after the other.
 */
async function drawFromBag(
  deps: PracticeDeps,
  channel: ChannelRow,
  round: number | null,
  sections: string[] | null,
  parts: SQL[],
): Promise<string | null> {
  const { db, tables } = deps.store;
  const { questions } = tables;
  const pools = parts.map((part) =>
    and(active(tables), part, sections ? inArray(questions.section, sections) : undefined),
  );
  const sizes: number[] = [];
  for (const pool of pools) {
    // The pool's size changes only with the notes and approved suggestions, so it is counted
    // once per while, not on every draw (a stale size is safe: a probe past the end finds
    // nothing and the bag is listed whole).
    const counting = db.select({ n: count() }).from(questions).where(pool);
    const { sql: text, params } = counting.toSQL();
    sizes.push(
      await deps.store.memo.get('questions', `${text}${JSON.stringify(params)}`, async () => {
        const [sized] = await counting;
        return sized?.n ?? 0;
      }),
    );
  }
  const size = sizes.reduce((a, b) => a + b, 0);
  if (size === 0) return null;
  for (let i = 0; i < TRIES; i++) {
    let k = Math.floor(deps.random() * size);
    let part = 0;
    while (k >= (sizes[part] as number)) k -= sizes[part++] as number;
    const [probe] = await db
      .select({ id: questions.id })
      .from(questions)
      .where(pools[part])
      .orderBy(questions.id)
      .limit(1)
      .offset(k);
    if (!probe) break;
    const [kept] = await db
      .select({ id: questions.id })
      .from(questions)
      .where(and(eq(questions.id, probe.id), inBag(tables, channel, round)))
      .limit(1);
    if (kept) return kept.id;
  }
  const ids = await db
    .select({ id: questions.id })
    .from(questions)
    .where(and(or(...pools), inBag(tables, channel, round)));
  if (ids.length === 0) return null;
  return (ids[Math.floor(deps.random() * ids.length)] as { id: string }).id;
}

export interface Pick {
  question: QuestionRow;
  round: number;
  /** The bag was empty, so this pick started a new round. */
  refilled: boolean;
}

/**
 * Draws the next question for a channel: every question once, in random order, before any
 * repeats, from the channel's banks. When the bag is empty it refills (a new round). With topics, the draw is limited to
 * those sections; when they are used up in this round they start over without ending the round
 * for the rest of the bank.
 */
export async function pickQuestion(
  deps: PracticeDeps,
  channel: ChannelRow,
  sections: string[] | null,
): Promise<Pick> {
  const { db, tables } = deps.store;
  let round = channel.bagRound;
  let refilled = false;
  const banks = await bankParts(deps, channel);
  let id = await drawFromBag(deps, channel, round, sections, banks);
  if (id === null) {
    refilled = true;
    if (sections) id = await drawFromBag(deps, channel, null, sections, banks);
    else {
      round += 1;
      await db
        .update(tables.channels)
        .set({ bagRound: round })
        .where(eq(tables.channels.id, channel.id));
      id = await drawFromBag(deps, channel, round, null, banks);
    }
  }
  if (id === null) throw new UserError('ask.empty');
  const question = await questionById(deps, id);
  if (!question) throw new Error(`question ${id} vanished`);
  return { question, round, refilled };
}

export async function questionById(
  deps: PracticeDeps,
  id: string | null,
): Promise<QuestionRow | undefined> {
  if (!id) return undefined;
  const { questions } = deps.store.tables;
  const [row] = await deps.store.db.select().from(questions).where(eq(questions.id, id)).limit(1);
  return row;
}

/** A page of the channel's bank: how many questions match, and the first of them. */
export interface BankPage {
  total: number;
  questions: QuestionRow[];
}

/**
 * The questions of the channel's banks (follow-ups too, with their `parent`), in the order of
 * the notes, whose prompt, answer or notes contain `search` in any case.
 */
export async function browseBank(
  deps: PracticeDeps,
  channel: ChannelRow,
  search: string,
  limit: number,
): Promise<BankPage> {
  const { tables, db } = deps.store;
  const { questions } = tables;
  const where = [active(tables), await inBanks(deps, channel)];
  const wanted = search.trim().toLowerCase();
  if (wanted) {
    const like = `%${wanted.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(
      or(
        sql`lower(${questions.prompt}) like ${like} escape '\\'`,
        sql`lower(${questions.answer}) like ${like} escape '\\'`,
        sql`lower(${questions.notes}) like ${like} escape '\\'`,
      ) as SQL,
    );
  }
  const [counted] = await db
    .select({ n: count() })
    .from(questions)
    .where(and(...where));
  const rows = await db
    .select()
    .from(questions)
    .where(and(...where))
    .orderBy(asc(questions.bank), asc(questions.position))
    .limit(limit);
  return { total: Number(counted?.n ?? 0), questions: rows };
}
