import { and, desc, eq, gte, inArray, isNotNull, max, sql, sum } from 'drizzle-orm';
import { preparedFor, preparedQuery } from '../db/prepared.ts';
import { channelTimezone, ensureChannel } from './channels.ts';
import type { PracticeDeps } from './deps.ts';
import type { ChannelAddress } from './port.ts';
import { addDays, localDate, localTime, startOfLocalDay } from './zone.ts';

export const PERIODS = ['week', 'month', 'all'] as const;
export type Period = (typeof PERIODS)[number];

export interface Standing {
  member: string;
  name: string;
  replies: number;
  votes: number;
  /** The channel's drops in a row, up to its latest, the member answered (scheduled or /ask). */
  streak: number;
}

/** When the period began: Monday 00:00 or the 1st at 00:00 in the zone, or the epoch. */
export function periodStart(period: Period, now: number, timeZone: string): number {
  if (period === 'all') return 0;
  const today = localDate(now, timeZone);
  if (period === 'month') return startOfLocalDay(`${today.slice(0, 8)}01`, timeZone);
  const sinceMonday = (localTime(now, timeZone).weekday + 6) % 7;
  return startOfLocalDay(addDays(today, -sinceMonday), timeZone);
}

/** The longest streak shown: the database counts a run back over at most this many drops. */
const STREAK_CAP = 400;

/**
 * A member's streak from their all-time counts row: the run of answered drops ending at their
 * latest answered one (`streakSeq`, kept by the database), which counts while it ends at the
 * channel's latest drop, or at the one before while the latest is still open (not revealed), as
 * the member may still answer it.
 */
function streakOf(
  latest: { seq: number; open: boolean } | undefined,
  row: { streakSeq: number | null; streak: number },
): number {
  if (!latest || row.streakSeq === null) return 0;
  if (row.streakSeq === latest.seq) return Math.min(row.streak, STREAK_CAP);
  if (latest.open && row.streakSeq === latest.seq - 1) return Math.min(row.streak, STREAK_CAP - 1);
  return 0;
}

/** Which rows of member_counts a period reads: the all-time row, or the days since it began. */
function periodDays(deps: PracticeDeps, channelId: number, since: string | null) {
  const { memberCounts } = deps.store.tables;
  return since === null
    ? and(eq(memberCounts.channelId, channelId), eq(memberCounts.day, ''))
    : and(eq(memberCounts.channelId, channelId), gte(memberCounts.day, since));
}

/** The channel's latest posted drop: its place in the channel's order and whether it is open. */
const latestQuery = preparedQuery((db, { drops }) =>
  db
    .select({ seq: drops.seq, revealedAt: drops.revealedAt })
    .from(drops)
    .where(and(eq(drops.channelId, sql.placeholder('channelId')), isNotNull(drops.seq)))
    .orderBy(desc(drops.seq))
    .limit(1),
);

async function latestDrop(
  deps: PracticeDeps,
  channelId: number,
): Promise<{ seq: number; open: boolean } | undefined> {
  const [row] = await latestQuery(deps.store, { channelId });
  return row?.seq == null ? undefined : { seq: row.seq, open: row.revealedAt === null };
}

/** Every member's all-time row of the channel (the all-time board, with the streaks' rows). */
const allTimeRows = preparedQuery((db, { memberCounts: m }) =>
  db
    .select({
      member: m.member,
      name: m.name,
      replies: m.answers,
      votes: m.votes,
      streakSeq: m.streakSeq,
      streak: m.streak,
    })
    .from(m)
    .where(and(eq(m.channelId, sql.placeholder('channelId')), eq(m.day, ''))),
);

/** The members' counts summed over the days since `since` (a week's or a month's board). */
const sinceRows = preparedQuery((db, { memberCounts: m }) =>
  db
    .select({
      member: m.member,
      name: max(m.name),
      replies: sum(m.answers).mapWith(Number),
      votes: sum(m.votes).mapWith(Number),
    })
    .from(m)
    .where(and(eq(m.channelId, sql.placeholder('channelId')), gte(m.day, sql.placeholder('since'))))
    .groupBy(m.member),
);

/**
 * The streaks of these members, from their all-time counts rows (one row each, whatever the
 * history's length), read only for the members asked about: one prepared query per number of
 * members.
 */
async function streaks(
  deps: PracticeDeps,
  channelId: number,
  members: string[],
  latest: { seq: number; open: boolean } | undefined,
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (members.length === 0 || !latest) return out;
  const rows = await preparedFor(deps.store, `standings streaks of ${members.length}`, (db, t) =>
    db
      .select({
        member: t.memberCounts.member,
        streakSeq: t.memberCounts.streakSeq,
        streak: t.memberCounts.streak,
      })
      .from(t.memberCounts)
      .where(
        and(
          eq(t.memberCounts.channelId, sql.placeholder('channelId')),
          eq(t.memberCounts.day, ''),
          inArray(
            t.memberCounts.member,
            members.map((_, i) => sql.placeholder(`m${i}`)),
          ),
        ),
      ),
  ).execute({ channelId, ...Object.fromEntries(members.map((m, i) => [`m${i}`, m])) });
  for (const row of rows) out.set(row.member, streakOf(latest, row));
  return out;
}

const byRank = (a: Omit<Standing, 'streak'>, b: Omit<Standing, 'streak'>) =>
  b.votes - a.votes || b.replies - a.replies || a.name.localeCompare(b.name);

/**
 * Counted answers and 👍 received on them per member of a channel in a period, best first;
 * `limit` keeps the first ones (their streaks are the only ones read). Read from the counts
 * the database keeps per member and day (member_counts): the cost follows the members and the
 * days of the period, not the replies stored.
 */
export async function leaderboard(
  deps: PracticeDeps,
  address: ChannelAddress,
  period: Period,
  opts: { limit?: number } = {},
): Promise<Standing[]> {
  const channel = await ensureChannel(deps, address);
  const zone = channelTimezone(deps, channel);
  const since =
    period === 'all' ? null : localDate(periodStart(period, deps.clock.now(), zone), zone);
  const latest = await latestDrop(deps, channel.id);
  const all = since === null ? await allTimeRows(deps.store, { channelId: channel.id }) : [];
  const rows = since === null ? all : await sinceRows(deps.store, { channelId: channel.id, since });
  const ranked = rows
    .filter((r) => r.replies > 0)
    .map((r) => ({
      member: r.member,
      name: r.name ?? r.member,
      replies: r.replies,
      votes: r.votes,
    }))
    .sort(byRank)
    .slice(0, opts.limit ?? Number.POSITIVE_INFINITY);
  // The all-time board has its streaks' rows already; a period's reads the members shown.
  const streak =
    since === null
      ? new Map(all.map((r) => [r.member, streakOf(latest, r)]))
      : await streaks(
          deps,
          channel.id,
          ranked.map((r) => r.member),
          latest,
        );
  return ranked.map((r) => ({ ...r, streak: streak.get(r.member) ?? 0 }));
}

/** One member's all-time standing in the channel (answers, votes, streak), as /me shows it. */
export async function standingOf(
  deps: PracticeDeps,
  channel: { id: number },
  member: string,
): Promise<Standing | undefined> {
  const { memberCounts } = deps.store.tables;
  const [row] = await deps.store.db
    .select()
    .from(memberCounts)
    .where(and(periodDays(deps, channel.id, null), eq(memberCounts.member, member)))
    .limit(1);
  if (!row || row.answers <= 0) return undefined;
  return {
    member,
    name: row.name,
    replies: row.answers,
    votes: row.votes,
    streak: streakOf(await latestDrop(deps, channel.id), row),
  };
}

/** Counted answers per local day of the member in the channel since `sinceDay` (YYYY-MM-DD). */
export async function answersByDay(
  deps: PracticeDeps,
  channel: { id: number },
  member: string,
  sinceDay: string,
): Promise<{ day: string; answers: number }[]> {
  const { memberCounts } = deps.store.tables;
  return deps.store.db
    .select({ day: memberCounts.day, answers: memberCounts.answers })
    .from(memberCounts)
    .where(and(periodDays(deps, channel.id, sinceDay), eq(memberCounts.member, member)));
}
