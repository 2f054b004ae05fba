import { type ChannelRow, channelTimezone } from '../core/channels.ts';
import type { PracticeDeps } from '../core/deps.ts';
import { nextSlots, parseCron } from './rule.ts';

/**
 * `channels.next_due_at` of a scheduled channel with nothing coming (paused, or a rule that
 * never matches again): the last instant a Date can hold, so no start or minute reads it.
 */
export const NEVER = 8_640_000_000_000_000;

/**
 * The first slot after `after` of the schedule `row` describes: what `next_due_at` holds. NEVER
 * when paused, never due again or not a valid rule; null without a schedule.
 */
export function nextDueOf(
  deps: PracticeDeps,
  row: Pick<ChannelRow, 'cron' | 'paused' | 'timezone'>,
  after: number,
): number | null {
  if (!row.cron) return null;
  if (row.paused) return NEVER;
  try {
    return (
      nextSlots(parseCron(row.cron), channelTimezone(deps, row as ChannelRow), after, 1)[0] ?? NEVER
    );
  } catch {
    return NEVER;
  }
}
