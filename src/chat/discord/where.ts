import { type Client, type Message, type PartialMessage, Routes } from 'discord.js';
import type { PracticeDeps } from '../../core/deps.ts';
import type { ChannelAddress } from '../../core/port.ts';
import { clipText } from '../../core/split.ts';
import { NO_MENTIONS } from './text.ts';

/** Where an event happened and who did it, as Drill names them; and how a listener fails. */

/** A channel or thread id as Drill's address: threads belong to their parent channel. */
export async function addressOf(
  client: Client,
  guildId: string,
  channelId: string,
): Promise<{ address: ChannelAddress; threadRef: string | null }> {
  const channel =
    client.channels.cache.get(channelId) ??
    (await client.channels.fetch(channelId).catch(() => null));
  if (channel?.isThread() && channel.parentId) {
    return {
      address: { platform: 'discord', workspace: guildId, channel: channel.parentId },
      threadRef: channel.id,
    };
  }
  return {
    address: { platform: 'discord', workspace: guildId, channel: channelId },
    threadRef: null,
  };
}

/** The name a message's author shows in this server, read as the event arrives. */
export function memberName(message: Message | PartialMessage): string {
  return (
    message.member?.displayName ??
    message.author?.globalName ??
    message.author?.username ??
    'member'
  );
}

/**
 * A short notice in a channel or thread that mentions no one audibly; as a reply to the message
 * `replyTo` when given (what `message.reply` sends, without keeping the message object).
 */
export async function tellInChannel(
  client: Client,
  channelId: string,
  body: { content: string },
  replyTo?: string,
) {
  await client.rest.post(Routes.channelMessages(channelId), {
    body: {
      content: clipText(body.content, 2000),
      allowed_mentions: NO_MENTIONS,
      ...(replyTo ? { message_reference: { message_id: replyTo, fail_if_not_exists: false } } : {}),
    },
  });
}

/** A listener's work, whose failure is logged, never thrown into discord.js. */
export function safely(deps: PracticeDeps, what: string, work: Promise<void>): void {
  void work.catch((err) => deps.log.error({ err }, `discord ${what} failed`));
}
