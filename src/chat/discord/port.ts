import {
  type Client,
  DiscordAPIError,
  type EmbedData,
  RESTJSONErrorCodes,
  Routes,
} from 'discord.js';
import { type ChannelAddress, type ChatPort, type OutMessage, PlatformError } from '../port.ts';

/** Messages are addressed as `channelOrThread:message`, so a reference alone says where it is. */
export const messageRef = (channelId: string, messageId: string) => `${channelId}:${messageId}`;

function splitRef(ref: string): { channelId: string; messageId: string } {
  const [channelId = '', messageId = ''] = ref.split(':');
  return { channelId, messageId };
}

const NEEDED =
  'View Channel, Send Messages, Create Public Threads, Send Messages in Threads, Embed Links, Add Reactions, Read Message History';

/** Discord's refusals as messages for whoever can fix them; anything else passes through. */
export function toPlatformError(err: unknown): unknown {
  if (!(err instanceof DiscordAPIError)) return err;
  switch (err.code) {
    case RESTJSONErrorCodes.MissingAccess:
      return new PlatformError(String(err.code), 'platform.missingAccess');
    case RESTJSONErrorCodes.MissingPermissions:
      return new PlatformError(String(err.code), 'platform.missingPermissions', {
        permissions: NEEDED,
      });
    case RESTJSONErrorCodes.UnknownChannel:
      return new PlatformError(String(err.code), 'platform.unknownChannel');
    default:
      return new PlatformError(String(err.code), 'platform.other', {
        detail: `Discord ${err.status} ${err.code}: ${err.message}`,
      });
  }
}

async function discordCall<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw toPlatformError(err);
  }
}

function embed(message: OutMessage): EmbedData {
  return {
    ...(message.title ? { title: message.title.slice(0, 256) } : {}),
    description: message.body,
    ...(message.footer ? { footer: { text: message.footer.slice(0, 2048) } } : {}),
    color: 0x5865f2,
  };
}

/**
 * Drops are embeds with a public thread started on them; reveals are embeds in the thread.
 * An embed's description holds 4096 characters and a message 6000 in all, so a message part
 * (title + body + footer) is kept to 4000. Rate limits are left to discord.js's REST queue.
 */
export class DiscordPort implements ChatPort {
  readonly platform = 'discord' as const;
  readonly maxChars = 4000;

  constructor(private readonly client: Client) {}

  async postDrop(channel: ChannelAddress, message: OutMessage, threadName: string) {
    return discordCall(async () => {
      const mention = message.mention ? `${message.mention} ` : '';
      const posted = (await this.client.rest.post(Routes.channelMessages(channel.channel), {
        body: {
          ...(mention ? { content: mention.trim() } : {}),
          embeds: [embed(message)],
          allowed_mentions: { parse: ['roles', 'users', 'everyone'] },
        },
      })) as { id: string };
      const thread = (await this.client.rest.post(Routes.threads(channel.channel, posted.id), {
        body: { name: threadName.slice(0, 100), auto_archive_duration: 1440 },
      })) as { id: string };
      return { messageRef: messageRef(channel.channel, posted.id), threadRef: thread.id };
    });
  }

  async postInThread(_channel: ChannelAddress, threadRef: string, message: OutMessage) {
    return discordCall(async () => {
      const posted = (await this.client.rest.post(Routes.channelMessages(threadRef), {
        body: { embeds: [embed(message)], allowed_mentions: { parse: [] } },
      })) as { id: string };
      return messageRef(threadRef, posted.id);
    });
  }

  async react(_channel: ChannelAddress, ref: string, emoji: string) {
    const { channelId, messageId } = splitRef(ref);
    await discordCall(() =>
      this.client.rest.put(
        Routes.channelMessageOwnReaction(channelId, messageId, encodeURIComponent(emoji)),
      ),
    );
  }

  link(channel: ChannelAddress, ref: string): string {
    const { channelId, messageId } = splitRef(ref);
    return `https://discord.com/channels/${channel.workspace}/${channelId}/${messageId}`;
  }
}
