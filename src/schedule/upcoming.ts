import { type ChannelRow, channelTimezone } from '../core/channels.ts';
import type { PracticeDeps } from '../core/deps.ts';
import { localDate } from '../core/zone.ts';
import { nextSlots, parseCron } from './rule.ts';
import { skippedSlots } from './settings.ts';
import { skipDates } from './skips.ts';

export interface UpcomingDrop {
  at: number;
  /** On one of the channel's holidays: no drop that day. */
  holiday: boolean;
  /** Skipped once with `/schedule skip`. */
  skipped: boolean;
}

/** The channel's next scheduled slots and whether each will drop (`/schedule show`, the web). */
export async function upcomingDrops(
  deps: PracticeDeps,
  row: ChannelRow,
  count: number,
): Promise<UpcomingDrop[]> {
  if (!row.cron) return [];
  const zone = channelTimezone(deps, row);
  const slots = nextSlots(parseCron(row.cron), zone, deps.clock.now(), count);
  if (slots.length === 0) return [];
  const holidays = await skipDates(deps, row);
  const skipped = await skippedSlots(deps, row.id);
  return slots.map((at) => ({
    at,
    holiday: holidays.includes(localDate(at, zone)),
    skipped: skipped.has(new Date(at).toISOString()),
  }));
}
