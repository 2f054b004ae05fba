import { and, asc, eq, gte, inArray, sql } from 'drizzle-orm';
import type { ChannelRow } from '../core/channels.ts';
import { channelTimezone } from '../core/channels.ts';
import type { PracticeDeps } from '../core/deps.ts';
import { UserError } from '../core/errors.ts';
import { addDays, localDate } from '../core/zone.ts';
import { preparedQuery } from '../db/prepared.ts';

/** How many holiday dates one channel may hold, so the list stays readable. */
export const MAX_SKIP_DATES = 60;

/**
 * A `YYYY-MM-DD` that names a real calendar date, or a UserError saying what is expected.
 * Korean groups write 2026.12.25 or 2026/12/25 as often as 2026-12-25: all three are taken.
 */
export function parseSkipDate(input: string): string {
  const m = /^(\d{4})[-./](\d{1,2})[-./](\d{1,2})\.?$/.exec(input.trim());
  if (m) {
    const date = `${m[1]}-${(m[2] as string).padStart(2, '0')}-${(m[3] as string).padStart(2, '0')}`;
    // A date that rolls over (2027-02-30) is not a date.
    if (addDays(date, 0) === date) return date;
  }
  throw new UserError('skip.badDate', { date: input.trim() });
}

/** Today in the channel's time zone. */
export function channelToday(deps: PracticeDeps, row: ChannelRow): string {
  return localDate(deps.clock.now(), channelTimezone(deps, row));
}

/**
 * Adds a holiday: no drop is posted on that local date. Returns false when it was already
 * there. A date before today in the channel's zone is refused.
 */
export async function addSkipDate(
  deps: PracticeDeps,
  row: ChannelRow,
  date: string,
  member: string,
): Promise<boolean> {
  if (date < channelToday(deps, row)) throw new UserError('skip.past', { date });
  if ((await skipDates(deps, row)).length >= MAX_SKIP_DATES)
    throw new UserError('skip.tooMany', { max: MAX_SKIP_DATES });
  const { scheduleSkips } = deps.store.tables;
  const added = await deps.store.db
    .insert(scheduleSkips)
    .values({ channelId: row.id, date, addedBy: member, createdAt: deps.clock.now() })
    .onConflictDoNothing()
    .returning({ id: scheduleSkips.id });
  return added.length > 0;
}

/** Removes a holiday; false when the date was not one. */
export async function removeSkipDate(
  deps: PracticeDeps,
  row: ChannelRow,
  date: string,
): Promise<boolean> {
  const { scheduleSkips } = deps.store.tables;
  const removed = await deps.store.db
    .delete(scheduleSkips)
    .where(and(eq(scheduleSkips.channelId, row.id), eq(scheduleSkips.date, date)))
    .returning({ id: scheduleSkips.id });
  return removed.length > 0;
}

/** The channel's holidays from today on (its zone), in date order. */
export async function skipDates(deps: PracticeDeps, row: ChannelRow): Promise<string[]> {
  const { scheduleSkips } = deps.store.tables;
  const rows = await deps.store.db
    .select({ date: scheduleSkips.date })
    .from(scheduleSkips)
    .where(
      and(eq(scheduleSkips.channelId, row.id), gte(scheduleSkips.date, channelToday(deps, row))),
    )
    .orderBy(asc(scheduleSkips.date));
  return rows.map((r) => r.date);
}

/** Every holiday the channel has had or will have (for streaks, which they do not break). */
export async function holidayDates(deps: PracticeDeps, channelId: number): Promise<string[]> {
  const { scheduleSkips } = deps.store.tables;
  const rows = await deps.store.db
    .select({ date: scheduleSkips.date })
    .from(scheduleSkips)
    .where(eq(scheduleSkips.channelId, channelId));
  return rows.map((r) => r.date);
}

/** Whether the slot falls on one of the channel's holidays, in the zone the slot is in. */
export async function isHoliday(
  deps: PracticeDeps,
  channelId: number,
  slot: number,
  zone: string,
): Promise<boolean> {
  const found = await holidayOf(deps.store, { channelId, date: localDate(slot, zone) });
  return found.length > 0;
}

/**
 * Which of `channelIds` have a holiday on one of `dates`, as `channel\u0000date`: a query per
 * 500 channels (the unique index on channel and date answers it), not one per channel.
 */
export async function holidaysOn(
  deps: PracticeDeps,
  channelIds: number[],
  dates: string[],
): Promise<Set<string>> {
  const held = new Set<string>();
  if (dates.length === 0) return held;
  const { scheduleSkips } = deps.store.tables;
  for (let i = 0; i < channelIds.length; i += 500) {
    const rows = await deps.store.db
      .select({ channelId: scheduleSkips.channelId, date: scheduleSkips.date })
      .from(scheduleSkips)
      .where(
        and(
          inArray(scheduleSkips.channelId, channelIds.slice(i, i + 500)),
          inArray(scheduleSkips.date, dates),
        ),
      );
    for (const r of rows) held.add(`${r.channelId}\u0000${r.date}`);
  }
  return held;
}

const holidayOf = preparedQuery((db, { scheduleSkips }) =>
  db
    .select({ id: scheduleSkips.id })
    .from(scheduleSkips)
    .where(
      and(
        eq(scheduleSkips.channelId, sql.placeholder('channelId')),
        eq(scheduleSkips.date, sql.placeholder('date')),
      ),
    )
    .limit(1),
);
