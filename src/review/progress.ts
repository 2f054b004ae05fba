import { and, eq } from 'drizzle-orm';
import { dueCount, gradeOfRating, type Learner } from '../core/cards.ts';
import { channelTimezone, ensureChannel } from '../core/channels.ts';
import type { PracticeDeps } from '../core/deps.ts';
import type { ChannelAddress } from '../core/port.ts';
import type { Grade } from '../core/reactions.ts';
import { answersByDay, periodStart, standingOf } from '../core/standings.ts';
import { addDays, localDate, startOfLocalDay } from '../core/zone.ts';

/** Weeks the /me summary goes back. */
export const WEEKS = 8;

export type GradeMix = Record<Grade, number>;

export interface Progress {
  /** In this channel, all time (like the leaderboard's `all`). */
  answers: number;
  votes: number;
  streak: number;
  /** Every grade the member gave (reveals, reviews, mocks), by section, weakest first. */
  sections: ({ section: string } & GradeMix)[];
  /** Review cards falling due from now to the end of this week (Sunday, channel's zone). */
  dueThisWeek: number;
  /** The last WEEKS weeks, oldest first: Monday's local date, answers here, grades given. */
  weeks: ({ week: string; answers: number } & GradeMix)[];
}

const mix = (): GradeMix => ({ ok: 0, partly: 0, missed: 0 });

/** The share of a section's grades that were misses (a 🤔 counts half): higher is weaker. */
const weakness = (m: GradeMix) =>
  (m.missed + m.partly / 2) / Math.max(1, m.ok + m.partly + m.missed);

/** The member's progress as /me shows it. */
export async function progressOf(
  deps: PracticeDeps,
  address: ChannelAddress,
  who: Learner,
): Promise<Progress> {
  const { db, tables } = deps.store;
  const { reviewLog, reviewCards, questions } = tables;
  const channel = await ensureChannel(deps, address);
  const zone = channelTimezone(deps, channel);
  const now = deps.clock.now();
  const standing = await standingOf(deps, channel, who.member);

  const thisWeek = periodStart('week', now, zone);
  const monday = localDate(thisWeek, zone);
  const weekKeys = Array.from({ length: WEEKS }, (_, i) => addDays(monday, -7 * (WEEKS - 1 - i)));
  const since = startOfLocalDay(weekKeys[0] as string, zone);
  const weekOfDay = (day: string) => [...weekKeys].reverse().find((w) => w <= day) as string;
  const weekOf = (at: number) => weekOfDay(localDate(at, zone));
  const weeks = new Map(weekKeys.map((w) => [w, { week: w, answers: 0, ...mix() }]));

  const grades = await db
    .select({ section: questions.section, rating: reviewLog.rating, at: reviewLog.reviewedAt })
    .from(reviewLog)
    .innerJoin(reviewCards, eq(reviewCards.id, reviewLog.cardId))
    .innerJoin(questions, eq(questions.id, reviewCards.questionId))
    .where(and(eq(reviewCards.platform, who.platform), eq(reviewCards.member, who.member)));
  const bySection = new Map<string, GradeMix>();
  for (const g of grades) {
    const grade = gradeOfRating(g.rating);
    const section = bySection.get(g.section) ?? mix();
    bySection.set(g.section, section);
    section[grade]++;
    if (g.at >= since) {
      const week = weeks.get(weekOf(g.at));
      if (week) week[grade]++;
    }
  }
  // Answers per day from the counts the database keeps: a row per day, not per answer.
  for (const r of await answersByDay(deps, channel, who.member, weekKeys[0] as string)) {
    const week = weeks.get(weekOfDay(r.day));
    if (week) week.answers += r.answers;
  }
  const weekEnd = startOfLocalDay(addDays(monday, 7), zone) - 1;
  return {
    answers: standing?.replies ?? 0,
    votes: standing?.votes ?? 0,
    streak: standing?.streak ?? 0,
    sections: [...bySection]
      .map(([section, m]) => ({ section, ...m }))
      .sort((a, b) => weakness(b) - weakness(a) || a.section.localeCompare(b.section)),
    dueThisWeek: await dueCount(deps, who, weekEnd),
    weeks: [...weeks.values()],
  };
}
