import { and, count, desc, eq, gte, isNotNull, max } from 'drizzle-orm';
import type { ChannelAddress } from '../chat/port.ts';
import { holidayDates } from '../schedule/skips.ts';
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
  /** Days in a row, up to today or yesterday, with at least one answer (channel's time zone). */
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

/** Days in a row with an answer; the channel's holidays (no drop) neither count nor break it. */
function streakOf(days: Set<string>, today: string, holidays: Set<string>): number {
  const kept = (day: string) => days.has(day) || holidays.has(day);
  let day = kept(today) ? today : addDays(today, -1);
  let n = 0;
  while (kept(day)) {
    if (days.has(day)) n++;
    day = addDays(day, -1);
  }
  return n;
}

const STREAK_HORIZON = 400 * 86_400_000;

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
  const days = new Map<string, Set<string>>();
  for (const r of await db
    .select({ member: replies.member, at: replies.createdAt })
    .from(replies)
    .innerJoin(drops, eq(drops.id, replies.dropId))
    .where(
      and(
        eq(drops.channelId, channel.id),
        eq(replies.counted, true),
        gte(replies.createdAt, now - STREAK_HORIZON),
      ),
    )
    .orderBy(desc(replies.createdAt))) {
    const set = days.get(r.member) ?? new Set<string>();
    days.set(r.member, set);
    set.add(localDate(r.at, zone));
  }
  const today = localDate(now, zone);
  const holidays = new Set(await holidayDates(deps, channel.id));
  return answered
    .map((r) => ({
      member: r.member,
      name: r.name ?? r.member,
      replies: r.n,
      votes: voted.get(r.member) ?? 0,
      streak: streakOf(days.get(r.member) ?? new Set(), today, holidays),
    }))
    .sort((a, b) => b.votes - a.votes || b.replies - a.replies || a.name.localeCompare(b.name));
}
