import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import { channels, questions } from '../db/schema.ts';
import type { ChannelRow } from './channels.ts';
import type { PracticeDeps } from './deps.ts';
import { UserError } from './errors.ts';

export type QuestionRow = typeof questions.$inferSelect;

const active = and(eq(questions.retired, false), eq(questions.kind, 'question'));

/** Topics (sections) that have active questions, in the order of the notes. */
export function listTopics(deps: PracticeDeps): string[] {
  const rows = deps.db
    .select({ section: questions.section, first: sql<number>`min(${questions.position})` })
    .from(questions)
    .where(active)
    .groupBy(questions.bank, questions.section)
    .orderBy(asc(questions.bank), asc(sql`2`))
    .all();
  return [...new Set(rows.map((r) => r.section))];
}

/** Sections whose name starts with `topic`, ignoring case; a clear error listing topics if none. */
export function matchTopics(deps: PracticeDeps, topic: string): string[] {
  const all = listTopics(deps);
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
 * `+d.status` keeps SQLite on the (channel, question, round) index, not the status one.
 */
function inBag(channel: ChannelRow, round: number | null) {
  return and(
    round === null
      ? undefined
      : sql`not exists (select 1 from drops d where d.channel_id = ${channel.id} and d.round = ${round} and d.question_id = ${questions.id} and +d.status in ('claimed', 'posted'))`,
    sql`(${questions.parent} is null
      or exists (select 1 from questions p where p.id = ${questions.parent} and (p.kind = 'group' or p.retired = 1))
      or exists (select 1 from drops d2 where d2.channel_id = ${channel.id} and d2.question_id = ${questions.parent} and +d2.status = 'posted'))`,
  );
}

const TRIES = 12;

/**
 * A uniformly random question of the bag (`round` null: of any round). Most draws take a few
 * cheap probes: pick a random active question and keep it if it is still in the bag, which is
 * uniform over the bag; only a nearly empty bag falls back to listing it whole.
 */
function drawFromBag(
  deps: PracticeDeps,
  channel: ChannelRow,
  round: number | null,
  sections: string[] | null,
): string | null {
  const pool = and(active, sections ? inArray(questions.section, sections) : undefined);
  const size = deps.db.select({ n: count() }).from(questions).where(pool).get()?.n ?? 0;
  if (size === 0) return null;
  for (let i = 0; i < TRIES; i++) {
    const probe = deps.db
      .select({ id: questions.id })
      .from(questions)
      .where(pool)
      .orderBy(questions.id)
      .limit(1)
      .offset(Math.floor(deps.random() * size))
      .get();
    if (!probe) break;
    const kept = deps.db
      .select({ id: questions.id })
      .from(questions)
      .where(and(eq(questions.id, probe.id), inBag(channel, round)))
      .get();
    if (kept) return kept.id;
  }
  const ids = deps.db
    .select({ id: questions.id })
    .from(questions)
    .where(and(pool, inBag(channel, round)))
    .all();
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
 * repeats. When the bag is empty it refills (a new round). With topics, the draw is limited to
 * those sections; when they are used up in this round they start over without ending the round
 * for the rest of the bank.
 */
export function pickQuestion(
  deps: PracticeDeps,
  channel: ChannelRow,
  sections: string[] | null,
): Pick {
  let round = channel.bagRound;
  let refilled = false;
  let id = drawFromBag(deps, channel, round, sections);
  if (id === null) {
    refilled = true;
    if (sections) id = drawFromBag(deps, channel, null, sections);
    else {
      round += 1;
      deps.db.update(channels).set({ bagRound: round }).where(eq(channels.id, channel.id)).run();
      id = drawFromBag(deps, channel, round, null);
    }
  }
  if (id === null) throw new UserError('ask.empty');
  const question = deps.db.select().from(questions).where(eq(questions.id, id)).get();
  if (!question) throw new Error(`question ${id} vanished`);
  return { question, round, refilled };
}

export function questionById(deps: PracticeDeps, id: string | null): QuestionRow | undefined {
  if (!id) return undefined;
  return deps.db.select().from(questions).where(eq(questions.id, id)).get();
}
