import { and, count, desc, eq, gte, isNull, lt, or, sql } from 'drizzle-orm';
import { type Coverage, channelCoverage, coverageFigures } from '../coach/feedback.ts';
import { addressOf, type ChannelRow, channelLocale, channelTimezone } from '../core/channels.ts';
import { type PracticeDeps, portFor } from '../core/deps.ts';
import { t } from '../core/i18n/index.ts';
import type { Fill } from '../core/message.ts';
import type { OutMessage } from '../core/port.ts';
import { BLANK, joinLines, line, prose } from '../core/reply/line.ts';
import { clipText } from '../core/split.ts';
import { periodStart } from '../core/standings.ts';
import { addDays, localDate, startOfLocalDay } from '../core/zone.ts';
import { preparedQuery } from '../db/prepared.ts';
import { countedOnly } from '../db/where.ts';

/** How many answers and questions each list of the digest names. */
const TOP = 3;

export interface Digest {
  /** The Monday the week began (local date). */
  week: string;
  answered: { name: string; n: number }[];
  top: { name: string; votes: number; prompt: string; link: string | null }[];
  missed: { prompt: string; n: number }[];
  /** The answer coach's judgements of the week's answers (src/coach/). */
  coverage: Coverage;
}

/** The local Monday of the week `at` falls in. */
export function weekOf(at: number, zone: string): string {
  return localDate(periodStart('week', at, zone), zone);
}

/**
 * The channel's week starting `week` (a local Monday): who answered how much, the top-voted
 * answers with links, and the questions most often graded ❌ on their reveals.
 */
export async function weeklyDigest(
  deps: PracticeDeps,
  channel: ChannelRow,
  week: string,
): Promise<Digest> {
  const { db, tables } = deps.store;
  const { replies, drops, votes, questions } = tables;
  const zone = channelTimezone(deps, channel);
  const from = startOfLocalDay(week, zone);
  const to = startOfLocalDay(addDays(week, 7), zone);
  // Counted answers only: a member's first reply before the reveal, as on the leaderboard.
  const inWeek = and(
    eq(drops.channelId, channel.id),
    countedOnly(replies),
    gte(replies.createdAt, from),
    lt(replies.createdAt, to),
  );
  const answered = await db
    .select({ member: replies.member, name: sql<string>`max(${replies.memberName})`, n: count() })
    .from(replies)
    .innerJoin(drops, eq(drops.id, replies.dropId))
    .where(inWeek)
    .groupBy(replies.member)
    .orderBy(desc(count()), sql`2`);
  const top = await db
    .select({
      name: replies.memberName,
      messageRef: replies.messageRef,
      threadRef: drops.threadRef,
      prompt: questions.prompt,
      votes: count(),
    })
    .from(votes)
    .innerJoin(replies, eq(replies.id, votes.replyId))
    .innerJoin(drops, eq(drops.id, replies.dropId))
    .innerJoin(questions, eq(questions.id, drops.questionId))
    .where(inWeek)
    .groupBy(replies.id, replies.memberName, replies.messageRef, drops.threadRef, questions.prompt)
    .orderBy(desc(count()), replies.id)
    .limit(TOP);
  const missed = await db
    .select({ prompt: questions.prompt, n: count() })
    .from(votes)
    .innerJoin(drops, eq(drops.id, votes.dropId))
    .innerJoin(questions, eq(questions.id, drops.questionId))
    .where(
      and(
        eq(drops.channelId, channel.id),
        eq(votes.target, 'reveal'),
        eq(votes.emoji, '❌'),
        gte(drops.postedAt, from),
        lt(drops.postedAt, to),
      ),
    )
    .groupBy(questions.id, questions.prompt)
    .orderBy(desc(count()), questions.prompt)
    .limit(TOP);
  const port = portFor(deps, addressOf(channel));
  const coverage = await channelCoverage(deps, channel.id, from, to);
  return {
    week,
    coverage,
    answered: answered.map((a) => ({ name: a.name ?? a.member, n: a.n })),
    top: top.map((r) => ({
      name: r.name,
      votes: r.votes,
      prompt: r.prompt,
      link: port.link(addressOf(channel), r.messageRef, r.threadRef),
    })),
    missed,
  };
}

/** The digest as one message in the channel's language; names and prompts are data, escaped. */
export function digestMessage(digest: Digest, channel: ChannelRow): OutMessage {
  const locale = channelLocale(channel);
  // Names and prompts are data (line()), shown by the port as written.
  const lines: Fill[] = [];
  if (digest.answered.length === 0) lines.push(line(locale, 'digest.quiet'));
  else {
    lines.push(line(locale, 'digest.answeredTitle'));
    for (const a of digest.answered.slice(0, 20))
      lines.push(line(locale, 'digest.member', { name: clipText(a.name, 80), n: a.n }));
  }
  if (digest.top.length > 0) {
    lines.push(BLANK, line(locale, 'digest.topTitle'));
    for (const r of digest.top) {
      const top = line(locale, 'digest.top', {
        name: clipText(r.name, 80),
        votes: r.votes,
        prompt: clipText(r.prompt, 120),
        link: r.link ? { url: r.link } : BLANK,
      });
      lines.push({ ...top, text: top.text.trimEnd() });
    }
  }
  if (digest.missed.length > 0) {
    lines.push(BLANK, line(locale, 'digest.missedTitle'));
    for (const m of digest.missed)
      lines.push(line(locale, 'digest.missed', { prompt: clipText(m.prompt, 120), n: m.n }));
  }
  if (digest.coverage.answers > 0)
    lines.push(BLANK, prose(t(locale, 'digest.coverage', coverageFigures(digest.coverage))));
  return {
    title: t(locale, 'digest.title', { week: digest.week }),
    body: '',
    blocks: [joinLines(lines)],
  };
}

/** Late self-grades and votes on the week's last reveal still count when it comes this late. */
const GRACE_MS = 2 * 3_600_000;
const DAY_MS = 86_400_000;

/**
 * Posts the channel's weekly digest when its week's drops are over: the schedule's next slot
 * (`nextSlot`) is in a later week and the week's last drop was revealed two hours ago (so its
 * late grades and votes count); a week whose last drop has no reveal time gets its digest when
 * the week has ended. Only weeks with a posted drop. Claimed in the database first, so it is
 * posted once across processes. Returns whether it posted.
 */
export async function postDigestIfDue(
  deps: PracticeDeps,
  channel: ChannelRow,
  nextSlot: number | null,
  now = deps.clock.now(),
): Promise<boolean> {
  if (!channel.digest) return false;
  const zone = channelTimezone(deps, channel);
  const thisWeek = weekOf(now, zone);
  const lastWeek = weekOf(startOfLocalDay(thisWeek, zone) - 1, zone);
  const done = (week: string) => channel.digestWeek !== null && channel.digestWeek >= week;
  // A week that has ended: its digest, if it had drops and none was posted.
  if (!done(lastWeek) && (await lastDropOf(deps, channel, lastWeek, zone)))
    return postDigest(deps, channel, lastWeek);
  if (done(thisWeek)) return false;
  if (nextSlot !== null && weekOf(nextSlot, zone) === thisWeek) return false;
  const last = await lastDropOf(deps, channel, thisWeek, zone);
  if (!last || last.revealedAt === null || now - last.revealedAt < GRACE_MS) return false;
  return postDigest(deps, channel, thisWeek);
}

/**
 * Channels that may have a digest due: those with a drop claimed in the last 16 days (this week
 * and last week, in any zone, with a day to spare). One indexed query, so the scheduler does not
 * ask every channel every minute.
 */
export async function channelsWithRecentDrops(
  deps: PracticeDeps,
  now: number,
): Promise<Set<number>> {
  const { drops } = deps.store.tables;
  const rows = await deps.store.db
    .selectDistinct({ channelId: drops.channelId })
    .from(drops)
    .where(and(eq(drops.status, 'posted'), gte(drops.claimedAt, now - 16 * DAY_MS)));
  return new Set(rows.map((r) => r.channelId));
}

/** The latest posted drop of a channel between two times (asked of every recent channel each minute). */
const lastDropBetween = preparedQuery((db, { drops }) =>
  db
    .select({ revealedAt: drops.revealedAt })
    .from(drops)
    .where(
      and(
        eq(drops.channelId, sql.placeholder('channelId')),
        eq(drops.status, 'posted'),
        gte(drops.postedAt, sql.placeholder('from')),
        lt(drops.postedAt, sql.placeholder('to')),
      ),
    )
    .orderBy(desc(drops.postedAt), desc(drops.id))
    .limit(1),
);

/** The latest posted drop of the channel in the week starting `week`. */
async function lastDropOf(deps: PracticeDeps, channel: ChannelRow, week: string, zone: string) {
  const [last] = await lastDropBetween(deps.store, {
    channelId: channel.id,
    from: startOfLocalDay(week, zone),
    to: startOfLocalDay(addDays(week, 7), zone),
  });
  return last;
}

/** Claims the week on the channel row, then posts its digest; false when another claimed it. */
async function postDigest(deps: PracticeDeps, channel: ChannelRow, week: string) {
  const { channels } = deps.store.tables;
  const claimed = await deps.store.db
    .update(channels)
    .set({ digestWeek: week })
    .where(
      and(
        eq(channels.id, channel.id),
        or(isNull(channels.digestWeek), lt(channels.digestWeek, week)),
      ),
    )
    .returning({ id: channels.id });
  channel.digestWeek = week;
  if (claimed.length === 0) return false;
  const message = digestMessage(await weeklyDigest(deps, channel, week), channel);
  const port = portFor(deps, addressOf(channel));
  if (!port.postInChannel) throw new Error(`${port.platform} cannot post a digest`);
  await port.postInChannel(addressOf(channel), message);
  return true;
}

/** `/settings digest on|off` (or its domain twin until /settings has the entry). */
export async function setDigest(deps: PracticeDeps, channel: ChannelRow, on: boolean) {
  const { channels } = deps.store.tables;
  await deps.store.db.update(channels).set({ digest: on }).where(eq(channels.id, channel.id));
  await deps.scheduleChanged?.(channel.id);
}
