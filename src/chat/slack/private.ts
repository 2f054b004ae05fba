import { onPrivateMessage } from '../../../commands/events.ts';
import type { PracticeDeps } from '../../core/deps.ts';
import type { ChannelAddress } from '../../core/port.ts';
import { mockAddress, mockAt } from '../../mock/place.ts';

/**
 * A member's own message in their DM with the app (`message.im`): their answer when a mock of
 * theirs runs there. Edits, deletions, bots and the app's own posts are left alone.
 */
export async function onDirectMessage(
  deps: PracticeDeps,
  event: Record<string, unknown>,
): Promise<void> {
  if (event.subtype !== undefined || event.bot_id !== undefined) return;
  if (typeof event.user !== 'string' || typeof event.channel !== 'string') return;
  await onPrivateMessage(deps, {
    platform: 'slack',
    member: event.user,
    name: event.user,
    place: event.channel,
    text: String(event.text ?? ''),
  });
}

/**
 * A click or form in a member's DM where a mock of theirs runs belongs to the channel the mock
 * was started in (its language, its banks); null for any other place.
 */
export async function privatePlace(
  deps: PracticeDeps,
  user: string,
  channel: string,
): Promise<ChannelAddress | null> {
  if (!channel.startsWith('D')) return null;
  const mock = await mockAt(deps, { platform: 'slack', member: user }, channel);
  return mock ? mockAddress(mock) : null;
}
