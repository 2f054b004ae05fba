import { type App, webApi } from '@slack/bolt';
import {
  type ChannelAddress,
  type ChatPort,
  type OutFile,
  type OutMessage,
  PlatformError,
} from '../../core/port.ts';
import { clipText } from '../../core/split.ts';
import { Pacer } from '../pacer.ts';
import { layout, type Rendered } from '../render.ts';
import { actionsBlock } from './interactions.ts';
import { SLACK } from './render.ts';
import { escapeMrkdwn, memberMentions, slackCommandNames, slackMention } from './text.ts';

/** chat.postMessage's arguments for one part of a message, to a channel or in a thread. */
function messageArgs(to: string, part: Rendered, threadTs?: string) {
  return {
    channel: to,
    ...(threadTs ? { thread_ts: threadTs } : {}),
    text: fallback(part),
    blocks: blocks(part),
  };
}

/** The metadata event type a drop's first message carries, with the drop's key. */
const DROP_EVENT = 'drill_drop';

/** Slack names reactions; the domain speaks Unicode. */
const NAMES: Record<string, string> = {
  '✅': 'white_check_mark',
  '🤔': 'thinking_face',
  '❌': 'x',
  '👍': '+1',
};
const EMOJI: Record<string, string> = {
  ...Object.fromEntries(Object.entries(NAMES).map(([emoji, name]) => [name, emoji])),
  thumbsup: '👍',
  heavy_check_mark: '✅',
};

/** `+1::skin-tone-3` → 👍; names Drill does not use pass through as they are. */
export function emojiFromSlack(name: string): string {
  const base = name.split('::')[0] ?? name;
  return EMOJI[base] ?? base;
}

/** Slack's refusals as messages for whoever can fix them; anything else passes through. */
export function toPlatformError(err: unknown): unknown {
  const data = (err as { data?: { error?: string; needed?: string } }).data;
  const code = data?.error;
  if (!code) return err;
  switch (code) {
    case 'not_in_channel':
      return new PlatformError(code, 'platform.notInChannel');
    case 'channel_not_found':
      return new PlatformError(code, 'platform.unknownChannel');
    case 'missing_scope':
      return new PlatformError(code, 'platform.missingScope', { scope: data.needed ?? '?' });
    case 'ratelimited':
      return new PlatformError(code, 'platform.rateLimited');
    default:
      return new PlatformError(code, 'platform.other', { detail: `Slack ${code}` });
  }
}

/** A call Slack refused for its rate limit is tried again this many times, each after Retry-After. */
const RATE_LIMIT_RETRIES = 5;

/**
 * Runs a Web API call of a client that rejects rate-limited calls: only this call waits out
 * Slack's Retry-After and goes again, so one channel's 429 pauses no other channel's post (the
 * client's own handling would pause its whole queue).
 */
async function slackCall<T>(fn: () => Promise<T>, before?: () => Promise<void>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    await before?.();
    try {
      return await fn();
    } catch (err) {
      const limited = err as { code?: string; retryAfter?: number };
      if (limited.code !== 'slack_webapi_rate_limited_error') throw toPlatformError(err);
      if (attempt >= RATE_LIMIT_RETRIES)
        throw new PlatformError('ratelimited', 'platform.rateLimited');
      await new Promise((r) => setTimeout(r, Math.max(1, limited.retryAfter ?? 1) * 1000));
    }
  }
}

/** A Block Kit block as Drill sends them. */
export interface SlackBlock {
  type: string;
  text?: { type: string; text: string; emoji?: boolean };
  elements?: unknown[];
}

/**
 * Header, section and context blocks, and the buttons' actions block; a section holds 3000
 * characters, a header 150.
 */
export function blocks(message: Rendered): SlackBlock[] {
  const members = memberMentions(message.mentionMembers);
  return [
    ...(message.mention
      ? [{ type: 'section', text: { type: 'mrkdwn', text: slackMention(message.mention) } }]
      : []),
    ...(members ? [{ type: 'section', text: { type: 'mrkdwn', text: members } }] : []),
    ...(message.title
      ? [
          {
            type: 'header',
            text: { type: 'plain_text', text: message.title.slice(0, 150), emoji: true },
          },
        ]
      : []),
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: message.body,
      },
    },
    ...(message.footer
      ? [
          {
            type: 'context',
            elements: [
              {
                type: 'mrkdwn',
                text: SLACK.body(slackCommandNames(message.footer)),
              },
            ],
          },
        ]
      : []),
    ...(message.buttons?.length ? [actionsBlock(message.buttons)] : []),
  ];
}

/** The notification text: the mention, the title and the start of the body. */
function fallback(message: Rendered): string {
  return [
    message.mention ? slackMention(message.mention) : '',
    memberMentions(message.mentionMembers),
    escapeMrkdwn(message.title ?? ''),
    // Cut, and an entity the cut would halve left out.
    clipText(message.body, 300).replace(/&[a-z]*…$/, '…'),
  ]
    .filter(Boolean)
    .join('\n');
}

/** A message to one member: the commands it names as Slack members type them (/drill review). */
const typedOnSlack = (message: OutMessage): OutMessage => ({
  ...message,
  body: slackCommandNames(message.body),
});

/**
 * A drop is a Block Kit message in the channel; its thread is the message's `ts`. Each message
 * part stays within one section block (3000 characters).
 */
export class SlackPort implements ChatPort {
  readonly platform = 'slack' as const;
  readonly maxChars = 3000;
  /** chat.postMessage is limited per channel (about 1 a second), so channels go side by side. */
  readonly pace = { width: 20 };
  /**
   * Besides 1 a second per channel, a workspace takes only so many chat.postMessage calls a
   * second; a 429 makes the Web API client pause every call, so posts are spaced per workspace
   * instead of finding the limit by hitting it.
   */
  private readonly pacers = new Map<string, Pacer>();

  /**
   * `client` rejects rate-limited calls (rejectRateLimitedCalls): slackCall retries them. `once`
   * is a client that does not retry a call whose connection closed unanswered (the Web API
   * client's own retries would post a drop again blind); drops go through it, tagged.
   */
  constructor(
    private readonly client: App['client'],
    private readonly postsPerSecond = 48,
    private readonly once: App['client'] = client,
  ) {}

  private turn(channel: ChannelAddress): Promise<void> {
    let pacer = this.pacers.get(channel.workspace);
    if (!pacer) {
      pacer = new Pacer(this.postsPerSecond);
      this.pacers.set(channel.workspace, pacer);
    }
    return pacer.turn();
  }

  async postDrop(channel: ChannelAddress, message: OutMessage, _threadName: string, key: string) {
    const [head, ...rest] = layout(message, SLACK, this.maxChars);
    const ts = await this.postTagged(channel, head as Rendered, key);
    for (const part of rest) await this.postPart(channel, channel.channel, part);
    return { messageRef: ts, threadRef: ts };
  }

  /**
   * A drop's first message, tagged with the drop's key (message metadata). When its connection
   * closed with no answer, the channel's latest messages are searched for the tag: found, that
   * message is the drop; not found, it is sent again, twice at most. A drop is posted once.
   */
  private async postTagged(channel: ChannelAddress, part: Rendered, key: string): Promise<string> {
    const metadata = { event_type: DROP_EVENT, event_payload: { key } };
    for (let tries = 1; ; tries++) {
      const posted = await slackCall(
        () =>
          this.once.chat
            .postMessage({ ...messageArgs(channel.channel, part), metadata })
            .catch((err: { code?: string }) => {
              if (tries < 3 && err.code === webApi.ErrorCode.RequestError) return null;
              throw err;
            }),
        () => this.turn(channel),
      );
      if (posted) return posted.ts as string;
      const found = await this.findTagged(channel.channel, key);
      if (found) return found;
    }
  }

  /**
   * The `ts` of the channel's latest message tagged with this drop key, if Slack has one. Asked
   * through `once`: a look-up retried blind for half an hour would outlast the drop's claim.
   */
  private async findTagged(channel: string, key: string): Promise<string | undefined> {
    const history = await slackCall(() =>
      this.once.conversations.history({ channel, limit: 50, include_all_metadata: true }),
    );
    return history.messages?.find(
      (m) =>
        m.metadata?.event_type === DROP_EVENT &&
        (m.metadata.event_payload as { key?: unknown } | undefined)?.key === key,
    )?.ts;
  }

  async postInThread(channel: ChannelAddress, threadRef: string, message: OutMessage) {
    return this.post(channel, channel.channel, message, threadRef);
  }

  async postInChannel(channel: ChannelAddress, message: OutMessage) {
    return this.post(channel, channel.channel, message);
  }

  /** The member's DM with the app (conversations.open, `im:write`): its channel id. */
  private async openDm(member: string): Promise<string> {
    const opened = await slackCall(() => this.client.conversations.open({ users: member }));
    const id = opened.channel?.id;
    if (!id)
      throw new PlatformError('no_dm', 'platform.other', { detail: 'Slack conversations.open' });
    return id;
  }

  async sendDirect(channel: ChannelAddress, member: string, message: OutMessage) {
    await this.post(channel, await this.openDm(member), typedOnSlack(message));
  }

  /** The member's DM with the app: what they write there comes as `message.im` events. */
  async openPrivate(_channel: ChannelAddress, member: string) {
    const dm = await this.openDm(member);
    return { threadRef: dm, link: `https://slack.com/app_redirect?channel=${dm}` };
  }

  async postPrivate(channel: ChannelAddress, threadRef: string, message: OutMessage) {
    return this.post(channel, threadRef, typedOnSlack(message));
  }

  /** Posts the message's parts in order (one, unless a block is split); the first one's `ts`. */
  private async post(channel: ChannelAddress, to: string, message: OutMessage, threadTs?: string) {
    let first: string | undefined;
    for (const part of layout(message, SLACK, this.maxChars)) {
      const ts = await this.postPart(channel, to, part, threadTs);
      first ??= ts;
    }
    return first as string;
  }

  /** One chat.postMessage to `to` (a channel, or a member's DM), paced in the channel's workspace. */
  private async postPart(channel: ChannelAddress, to: string, part: Rendered, threadTs?: string) {
    const posted = await slackCall(
      () => this.client.chat.postMessage(messageArgs(to, part, threadTs)),
      () => this.turn(channel),
    );
    return posted.ts as string;
  }

  async react(channel: ChannelAddress, messageRef: string, emoji: string) {
    await slackCall(() =>
      this.client.reactions.add({
        channel: channel.channel,
        timestamp: messageRef,
        name: NAMES[emoji] ?? emoji,
      }),
    );
  }

  /** An ephemeral message: only the member sees it, in the channel. */
  async notifyMember(channel: ChannelAddress, member: string, message: OutMessage) {
    await slackCall(() =>
      this.client.chat.postEphemeral({
        channel: channel.channel,
        user: member,
        text: layout(message, SLACK, this.maxChars)[0]?.body ?? '',
      }),
    );
  }

  /** files.uploadV2: getUploadURLExternal, the bytes to that URL, completeUploadExternal. */
  async uploadFile(channel: ChannelAddress, threadRef: string | null, file: OutFile) {
    const upload = { file: Buffer.from(file.bytes), filename: file.name, title: file.title };
    await slackCall(() =>
      threadRef
        ? this.client.files.uploadV2({
            ...upload,
            channel_id: channel.channel,
            thread_ts: threadRef,
          })
        : this.client.files.uploadV2({ ...upload, channel_id: channel.channel }),
    );
  }

  /**
   * Into the member's direct messages with the app: conversations.open gives that conversation's
   * id (files.uploadV2 takes no user id), then the same upload as a channel's file.
   */
  async uploadDirect(channel: ChannelAddress, member: string, file: OutFile) {
    const dm = await this.openDm(member);
    await this.uploadFile({ ...channel, channel: dm }, null, file);
  }

  link(channel: ChannelAddress, messageRef: string, threadRef: string | null): string {
    const base = `https://slack.com/archives/${channel.channel}/p${messageRef.replace('.', '')}`;
    return threadRef && threadRef !== messageRef
      ? `${base}?thread_ts=${threadRef}&cid=${channel.channel}`
      : base;
  }
}
