import { createHash } from 'node:crypto';
import {
  ChannelType,
  type Client,
  DiscordAPIError,
  type EmbedData,
  RESTEvents,
  RESTJSONErrorCodes,
  Routes,
} from 'discord.js';
import {
  type ChannelAddress,
  type ChatPort,
  type OutFile,
  type OutMessage,
  PlatformError,
} from '../../core/port.ts';
import { Pacer } from '../pacer.ts';
import { layout, type Rendered } from '../render.ts';
import { buttonRows } from './interactions.ts';
import { memberManages } from './managers.ts';
import { DISCORD } from './render.ts';
import { onShards } from './shards.ts';
import { dropMention, memberMentions, NO_MENTIONS } from './text.ts';

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

/** A refusal to open or write in a private thread, as the reason the member is told. */
function privateThreadError(err: unknown): unknown {
  if (!(err instanceof DiscordAPIError)) return toPlatformError(err);
  if (
    err.code === RESTJSONErrorCodes.MissingPermissions ||
    err.code === RESTJSONErrorCodes.MissingAccess
  )
    return new PlatformError(String(err.code), 'platform.privateThreadPermissions');
  if (err.code === RESTJSONErrorCodes.CannotExecuteActionOnThisChannelType)
    return new PlatformError(String(err.code), 'platform.privateThreadsUnavailable');
  return toPlatformError(err);
}

/** Discord's nonce holds 25 characters; the same drop always gets the same one. */
const nonceOf = (key: string) => createHash('sha256').update(key).digest('hex').slice(0, 25);

/**
 * Whether a request's connection closed before any answer came ("other side closed": the server
 * closed a kept-alive connection as it was reused). discord.js retries a reset, not this one.
 */
function closedUnanswered(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === 'UND_ERR_SOCKET';
}

/**
 * Sends a request again, twice at most, when its connection closed unanswered; only for requests
 * Discord takes once however often they come (a message with its nonce, a thread on a message).
 */
async function takenOnce<T>(send: () => Promise<T>): Promise<T> {
  for (let tries = 1; ; tries++) {
    try {
      return await send();
    } catch (err) {
      if (tries === 3 || !closedUnanswered(err)) throw err;
    }
  }
}

/** Discord answers 160004 when a thread was already started on the message (a repeated try). */
const THREAD_EXISTS = 160004;

function embed(message: Rendered): EmbedData {
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
/** The port's own pace, requests a second: under Discord's global 50 in any one second. */
export const DISCORD_PACE = 48;

/**
 * The port's pacer: two requests every 1/24 s, 48 in any second. In pairs, a fan-out's requests
 * and their answers wake the process half as often as one at a time: each wake-up costs the
 * process CPU of its own (the 1,000-channel bench: 6.9 → 5.8 ms a drop at a load of 6, 5.1 →
 * 3.4 wake-ups a drop). Three or four at once reached Discord's end bunched past 50 in a second
 * (6 and 12 answers 429 of 2,000).
 */
export const discordPacer = () => new Pacer(DISCORD_PACE, Date.now, { group: 2 });

export class DiscordPort implements ChatPort {
  readonly platform = 'discord' as const;
  readonly maxChars = 4000;
  /** 50 channels at once leave room for slow and hung ones; the pacer keeps the rate. */
  readonly pace = { width: 50 };
  /**
   * Every request this port makes waits its turn: 48 a second in pairs, under Discord's global
   * 50 with room for command answers. discord.js's own global and per-route queues stay as the
   * backstop.
   */
  private readonly pacer = discordPacer();

  constructor(private readonly client: Client) {
    // While Discord blocks every request (a global 429), discord.js holds them back; turns given
    // out meanwhile would all reach Discord the moment it lifts, and be refused again.
    client.rest.on(RESTEvents.RateLimited, (info) => {
      if (info.global) this.pacer.hold(info.timeToReset);
    });
  }

  serves(channel: ChannelAddress): boolean {
    const { shards, shardCount } = this.client.options;
    if (!Array.isArray(shards) || !shardCount) return true; // 'auto': every shard is here
    return onShards(channel.workspace, shards, shardCount);
  }

  managesChannel(channel: ChannelAddress, member: string): Promise<boolean> {
    return memberManages(this.client, channel, member);
  }

  async postDrop(channel: ChannelAddress, message: OutMessage, threadName: string, key: string) {
    return discordCall(async () => {
      const mention = dropMention(message.mention);
      // With enforce_nonce, Discord returns the first message for a repeated nonce (a retry
      // after a crash or a failed record) instead of posting it again.
      // A connection closed unanswered is tried again: the nonce and THREAD_EXISTS keep it one.
      const body = {
        ...(mention.content ? { content: mention.content } : {}),
        embeds: [embed(this.one(message))],
        components: buttonRows(message.buttons),
        allowed_mentions: mention.allowed,
        nonce: nonceOf(key),
        enforce_nonce: true,
      };
      const posted = (await takenOnce(async () => {
        await this.pacer.turn();
        return this.client.rest.post(Routes.channelMessages(channel.channel), { body });
      })) as { id: string };
      let threadId: string;
      try {
        const thread = (await takenOnce(async () => {
          await this.pacer.turn();
          return this.client.rest.post(Routes.threads(channel.channel, posted.id), {
            body: { name: threadName.slice(0, 100), auto_archive_duration: 1440 },
          });
        })) as { id: string };
        threadId = thread.id;
      } catch (err) {
        // A thread started on a message has the message's id.
        if (!(err instanceof DiscordAPIError) || err.code !== THREAD_EXISTS) throw err;
        threadId = posted.id;
      }
      return { messageRef: messageRef(channel.channel, posted.id), threadRef: threadId };
    });
  }

  /** Posts the message's parts in order (one, unless a block is split); the first one's ref. */
  async postInThread(_channel: ChannelAddress, threadRef: string, message: OutMessage) {
    return discordCall(async () => {
      let first: string | undefined;
      for (const part of this.render(message)) {
        const members = memberMentions(part.mentionMembers);
        await this.pacer.turn();
        const posted = (await this.client.rest.post(Routes.channelMessages(threadRef), {
          body: {
            ...(members.content ? { content: members.content } : {}),
            embeds: [embed(part)],
            components: buttonRows(part.buttons),
            allowed_mentions: members.allowed,
          },
        })) as { id: string };
        first ??= messageRef(threadRef, posted.id);
      }
      return first as string;
    });
  }

  /** The message as Discord's messages: the first alone where the call posts one. */
  private render(message: OutMessage): Rendered[] {
    return layout(message, DISCORD, this.maxChars);
  }

  private one(message: OutMessage): Rendered {
    return this.render(message)[0] ?? { body: '' };
  }

  async postInChannel(channel: ChannelAddress, message: OutMessage) {
    return this.postInThread(channel, channel.channel, message);
  }

  async sendDirect(_channel: ChannelAddress, member: string, message: OutMessage) {
    await discordCall(async () => {
      await this.pacer.turn();
      const dm = (await this.client.rest.post(Routes.userChannels(), {
        body: { recipient_id: member },
      })) as { id: string };
      await this.pacer.turn();
      await this.client.rest.post(Routes.channelMessages(dm.id), {
        body: { embeds: [embed(this.one(message))], allowed_mentions: NO_MENTIONS },
      });
    });
  }

  /**
   * A private thread in the channel (no invites by members), with the member added: they and
   * the bot see it, and moderators who may manage threads.
   */
  async openPrivate(channel: ChannelAddress, member: string, name: string) {
    const parent = this.client.channels.cache.get(channel.channel);
    // Private threads live in text channels only (not announcement, forum or voice channels).
    if (parent && parent.type !== ChannelType.GuildText)
      throw new PlatformError('50024', 'platform.privateThreadsUnavailable');
    try {
      await this.pacer.turn();
      const thread = (await this.client.rest.post(Routes.threads(channel.channel), {
        body: {
          name: name.slice(0, 100),
          type: ChannelType.PrivateThread,
          invitable: false,
          auto_archive_duration: 1440,
        },
      })) as { id: string };
      await this.pacer.turn();
      await this.client.rest.put(Routes.threadMembers(thread.id, member));
      return {
        threadRef: thread.id,
        link: `https://discord.com/channels/${channel.workspace}/${thread.id}`,
      };
    } catch (err) {
      throw privateThreadError(err);
    }
  }

  async postPrivate(channel: ChannelAddress, threadRef: string, message: OutMessage) {
    try {
      return await this.postInThread(channel, threadRef, message);
    } catch (err) {
      // postInThread has made it a PlatformError; a refusal here is the thread's permissions.
      if (err instanceof PlatformError && ['50001', '50013'].includes(err.code))
        throw new PlatformError(err.code, 'platform.privateThreadPermissions');
      throw err;
    }
  }

  async react(_channel: ChannelAddress, ref: string, emoji: string) {
    const { channelId, messageId } = splitRef(ref);
    await discordCall(async () => {
      await this.pacer.turn();
      return this.client.rest.put(
        Routes.channelMessageOwnReaction(channelId, messageId, encodeURIComponent(emoji)),
      );
    });
  }

  /** A message in the channel naming the member, who alone may be pinged by it. */
  async notifyMember(channel: ChannelAddress, member: string, message: OutMessage) {
    await discordCall(async () => {
      const members = memberMentions([member]);
      await this.pacer.turn();
      await this.client.rest.post(Routes.channelMessages(channel.channel), {
        body: {
          content: [members.content, this.one(message).body]
            .filter(Boolean)
            .join(' ')
            .slice(0, 2000),
          allowed_mentions: members.allowed,
        },
      });
    });
  }

  async uploadFile(channel: ChannelAddress, threadRef: string | null, file: OutFile) {
    await discordCall(async () => {
      await this.pacer.turn();
      // An attachment goes as multipart form data with the message as payload_json.
      await this.client.rest.post(Routes.channelMessages(threadRef ?? channel.channel), {
        body: {
          content: file.title.slice(0, 2000),
          attachments: [{ id: 0, filename: file.name }],
          allowed_mentions: NO_MENTIONS,
        },
        files: [{ name: file.name, data: Buffer.from(file.bytes) }],
      });
    });
  }

  link(channel: ChannelAddress, ref: string): string {
    const { channelId, messageId } = splitRef(ref);
    return `https://discord.com/channels/${channel.workspace}/${channelId}/${messageId}`;
  }
}
