import { and, eq } from 'drizzle-orm';
import type { ChannelRow } from '../core/channels.ts';
import { updateChannel } from '../core/channels.ts';
import type { PracticeDeps } from '../core/deps.ts';
import { claimSlot } from '../practice/drops.ts';
import { nextDueOf } from './due.ts';

/** What `/schedule` may change on a channel. */
export type ScheduleSettings = Partial<
  Pick<ChannelRow, 'cron' | 'timezone' | 'reveal' | 'mention' | 'paused' | 'scheduleSince'>
>;

/**
 * Saves a channel's schedule settings with its next slot after now (`next_due_at`, what every
 * running scheduler reads), and tells this process's scheduler.
 */
export async function saveSchedule(
  deps: PracticeDeps,
  row: ChannelRow,
  values: ScheduleSettings,
): Promise<ChannelRow> {
  const nextDueAt = nextDueOf(deps, { ...row, ...values }, deps.clock.now());
  const saved = await updateChannel(deps, row.id, { ...values, nextDueAt });
  await deps.scheduleChanged?.(row.id);
  return saved;
}

/** The slots (ISO) of a channel that were skipped with `/schedule skip`. */
export async function skippedSlots(deps: PracticeDeps, channelId: number): Promise<Set<string>> {
  const { drops } = deps.store.tables;
  const rows = await deps.store.db
    .select({ slot: drops.slot })
    .from(drops)
    .where(and(eq(drops.channelId, channelId), eq(drops.status, 'skipped')));
  return new Set(rows.map((d) => d.slot));
}

/**
 * Claims the first of `slots` nobody has claimed yet as skipped, so it is never posted;
 * returns it, or null when all are taken.
 */
export async function skipNextSlot(
  deps: PracticeDeps,
  row: ChannelRow,
  slots: number[],
): Promise<number | null> {
  for (const slot of slots) {
    const skipped = await claimSlot(deps, row, {
      slot: new Date(slot).toISOString(),
      questionId: null,
      round: row.bagRound,
      status: 'skipped',
    });
    if (skipped) return slot;
  }
  return null;
}
