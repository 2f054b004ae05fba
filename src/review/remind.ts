import type { ChannelAddress } from '../chat/port.ts';
import { ensureChannel } from '../practice/channels.ts';
import type { PracticeDeps } from '../practice/deps.ts';
import type { Learner } from './cards.ts';

/**
 * Turns the member's daily reminder on or off (opt-in). The channel it is turned on in gives
 * the reminder's language and time zone.
 */
export async function setReminder(
  deps: PracticeDeps,
  address: ChannelAddress,
  who: Learner,
  enabled: boolean,
): Promise<void> {
  const channel = await ensureChannel(deps, address);
  const { reviewReminders } = deps.store.tables;
  await deps.store.db
    .insert(reviewReminders)
    .values({ ...who, workspace: address.workspace, channelId: channel.id, enabled })
    .onConflictDoUpdate({
      target: [reviewReminders.platform, reviewReminders.member],
      set: { enabled, channelId: channel.id, workspace: address.workspace },
    })
    .returning({ id: reviewReminders.id });
}
