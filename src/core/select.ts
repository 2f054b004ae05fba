import { and, asc, count, eq, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import { preparedFor, preparedQuery } from '../db/prepared.ts';
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

/** What a channel draws from: its notes' banks (null: every bank) and its workspace's own. */
interface BankChoice {
  banks: string[] | null;
  owner: string | null;
  /** The choice as text: it names the pool without building its SQL. */
  key: string;
}

async function bankChoice(deps: PracticeDeps, channel: ChannelRow): Promise<BankChoice> {
  const banks = await channelBanks(deps, channel);
  const owner = drawsSuggested(channel) ? ownerOf(channel) : null;
  return { banks, owner, key: JSON.stringify([banks, owner]) };
}

/**
 * The questions a channel draws from, as conditions that do not overlap, one per owner: the
 * notes of its banks (none: every bank), and its workspace's own approved suggestions (bank
 * `suggested`) unless its chosen banks leave that out; never another workspace's.
 */
function bankParts({ questions }: Tables, { banks, owner }: BankChoice): SQL[] {
  const notes = banks
    ? and(isNull(questions.owner), inArray(questions.bank, banks))
    : isNull(questions.owner);
  return [notes as SQL, ...(owner !== null ? [eq(questions.owner, owner)] : [])];
}

/** The questions a channel draws from, as one condition (see `bankParts`). */
export async function inBanks(deps: PracticeDeps, channel: ChannelRow) {
  return or(...bankParts(deps.store.tables, await bankChoice(deps, channel)));
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
function inBag({ questions }: Tables, channelId: unknown, round: unknown) {
  return and(
    round === null
      ? undefined
      : sql`not exists (select 1 from drops d where d.channel_id = ${channelId} and d.round = ${round} and d.question_id = ${questions.id} and d.status || '' in ('claimed', 'posted'))`,
    sql`(${questions.parent} is null
      or exists (select 1 from questions p where p.id = ${questions.parent} and (p.kind = 'group' or p.retired = true))
      or exists (select 1 from drops d2 where d2.channel_id = ${channelId} and d2.question_id = ${questions.parent} and d2.status || '' = 'posted'))`,
  );
}

/** Candidates drawn at once: one query finds the first of them still in the bag. */
const TRIES = 12;

/**
 * A uniformly random question of the bag (`round` null: of any round), as its whole row. The
 * pool's ids (active questions of the channel's banks and sections) are kept in the store's
 * memo; a draw takes TRIES random ids of the pool and one query returns the first of them, in
 * the order drawn, that is still in the bag: rejection sampling, so uniform over the bag. Only a
 * nearly empty bag (no candidate left in it) falls back to listing the bag whole.
 */
async function drawFromBag(
  deps: PracticeDeps,
  channel: ChannelRow,
  round: number | null,
  sections: string[] | null,
  banks: BankChoice,
): Promise<QuestionRow | null> {
  const { db, tables } = deps.store;
  // Built only when a query is (the pool's ids expired, a statement not held, the fallback): a
  // draw whose ids and statement are held builds no SQL at all.
  const pool = (t: Tables) =>
    and(
      active(t),
      or(...bankParts(t, banks)),
      sections ? inArray(t.questions.section, sections) : undefined,
    );
  const shape = JSON.stringify([banks.key, sections]);
  // The pool changes only with the notes and approved suggestions, so its ids are read once per
  // while, not on every draw. A stale list is safe: a retired question fails the pool's
  // condition below, and a question added by another process is drawn once the memo sees it
  // (src/db/memo.ts).
  const ids = await deps.store.memo.get('questions', `pool ${shape}`, async () =>
    (
      await db
        .select({ id: tables.questions.id })
        .from(tables.questions)
        .where(pool(tables))
        .orderBy(tables.questions.id)
    ).map((r) => r.id),
  );
  if (ids.length === 0) return null;
  const drawn: Record<string, unknown> = { channelId: channel.id, round };
  for (let i = 0; i < TRIES; i++) drawn[`c${i}`] = ids[Math.floor(deps.random() * ids.length)];
  // One statement per pool and kind of round, prepared once: the first candidate still in the
  // bag is chosen on ids alone, and only its row is read whole.
  const [kept] = await preparedFor(deps.store, `draw ${round === null} ${shape}`, (pdb, t) => {
    const candidates = Array.from({ length: TRIES }, (_, i) => sql.placeholder(`c${i}`));
    const order = sql.join(
      candidates.map((c, i) => sql`when ${c} then ${sql.raw(String(i))}`),
      sql` `,
    );
    const first = pdb
      .select({ id: t.questions.id })
      .from(t.questions)
      .where(
        and(
          inArray(t.questions.id, candidates),
          pool(t),
          inBag(t, sql.placeholder('channelId'), round === null ? null : sql.placeholder('round')),
        ),
      )
      .orderBy(sql`case ${t.questions.id} ${order} end`)
      .limit(1);
    return pdb.select().from(t.questions).where(sql`${t.questions.id} = (${first})`);
  }).execute(drawn);
  if (kept) return kept;
  const left = await db
    .select({ id: tables.questions.id })
    .from(tables.questions)
    .where(and(pool(tables), inBag(tables, channel.id, round)));
  if (left.length === 0) return null;
  const id = (left[Math.floor(deps.random() * left.length)] as { id: string }).id;
  return (await questionById(deps, id)) ?? null;
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
  const banks = await bankChoice(deps, channel);
  let question = await drawFromBag(deps, channel, round, sections, banks);
  if (question === null) {
    refilled = true;
    if (sections) question = await drawFromBag(deps, channel, null, sections, banks);
    else {
      round += 1;
      await db
        .update(tables.channels)
        .set({ bagRound: round })
        .where(eq(tables.channels.id, channel.id));
      question = await drawFromBag(deps, channel, round, null, banks);
    }
  }
  if (question === null) throw new UserError('ask.empty');
  return { question, round, refilled };
}

export async function questionById(
  deps: PracticeDeps,
  id: string | null,
): Promise<QuestionRow | undefined> {
  if (!id) return undefined;
  const [row] = await questionWithId(deps.store, { id });
  return row;
}

const questionWithId = preparedQuery((db, { questions }) =>
  db
    .select()
    .from(questions)
    .where(eq(questions.id, sql.placeholder('id')))
    .limit(1),
);

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
