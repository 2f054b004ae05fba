import { and, count, desc, eq, gte, isNotNull, max } from 'drizzle-orm';
import type { ChannelAddress } from '../chat/port.ts';
import { addDays, localDate, localTime, startOfLocalDay } from '../zone.ts';
import { channelTimezone, ensureChannel } from './channels.ts';
import type { PracticeDeps } from './deps.ts';

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

/** How many of a channel's latest drops a streak looks back over. */
const STREAK_DROPS = 400;

/**
 * Drops in a row the member answered, counting back from the channel's latest drop; the latest
 * one while still open (not revealed) does not break it, as the member may still answer.
 */
function streakOf(recent: { id: number; open: boolean }[], answered: Set<number>): number {
  let n = 0;
  for (const [i, drop] of recent.entries()) {
    if (answered.has(drop.id)) n++;
    else if (!(i === 0 && drop.open)) break;
  }
  return n;
}

/** Counted answers and 👍 received on them per member of a channel in a period, best first. */
export async function leaderboard(
  deps: PracticeDeps,
  address: ChannelAddress,
  period: Period,
): Promise<Standing[]> {
  const { db, tables } = deps.store;
  const { drops, replies, votes } = tables;
  const channel = await ensureChannel(deps, address);
  const zone = channelTimezone(deps, channel);
  const now = deps.clock.now();
  const since = periodStart(period, now, zone);
  const inChannel = and(
    eq(drops.channelId, channel.id),
    eq(replies.counted, true),
    gte(replies.createdAt, since),
  );
  const answered = await db
    .select({ member: replies.member, name: max(replies.memberName), n: count() })
    .from(replies)
    .innerJoin(drops, eq(drops.id, replies.dropId))
    .where(inChannel)
    .groupBy(replies.member);
  const voted = new Map(
    (
      await db
        .select({ member: replies.member, n: count() })
        .from(votes)
        .innerJoin(replies, eq(replies.id, votes.replyId))
        .innerJoin(drops, eq(drops.id, replies.dropId))
        .where(and(inChannel, isNotNull(votes.replyId)))
        .groupBy(replies.member)
    ).map((r) => [r.member, r.n]),
  );
  const recent = (
    await db
      .select({ id: drops.id, revealedAt: drops.revealedAt })
      .from(drops)
      .where(and(eq(drops.channelId, channel.id), eq(drops.status, 'posted')))
      .orderBy(desc(drops.postedAt), desc(drops.id))
      .limit(STREAK_DROPS)
  ).map((d) => ({ id: d.id, open: d.revealedAt === null }));
  const answeredDrops = new Map<string, Set<number>>();
  const oldest = recent.at(-1)?.id ?? 0;
  for (const r of await db
    .select({ member: replies.member, drop: replies.dropId })
    .from(replies)
    .innerJoin(drops, eq(drops.id, replies.dropId))
    .where(
      and(eq(drops.channelId, channel.id), eq(replies.counted, true), gte(drops.id, oldest)),
    )) {
    const set = answeredDrops.get(r.member) ?? new Set<number>();
    answeredDrops.set(r.member, set);
    set.add(r.drop);
  }
  return answered
    .map((r) => ({
      member: r.member,
      name: r.name ?? r.member,
      replies: r.n,
      votes: voted.get(r.member) ?? 0,
      streak: streakOf(recent, answeredDrops.get(r.member) ?? new Set()),
    }))
    .sort((a, b) => b.votes - a.votes || b.replies - a.replies || a.name.localeCompare(b.name));
}
