import { type Locale, type MessageKey, t, type Vars } from './i18n/index.ts';
import type { Block, Fill } from './message.ts';
import { line } from './reply/line.ts';

/**
 * The one way the practice service talks to a chat platform. Adapters implement it; the domain
 * never imports a platform SDK.
 */
export type Platform = 'discord' | 'slack' | 'console';

export interface ChannelAddress {
  platform: Platform;
  /** Discord guild or Slack team; empty where the platform has none. */
  workspace: string;
  channel: string;
}

/**
 * A button under a message or a command's answer. Its `id` is `<command>:<action>[:<arg>]`
 * (at most 100 characters, Discord's limit): a click runs that command's
 * `onButton(action, arg, ctx)`. The label is already in the channel's language.
 */
export interface Button {
  id: string;
  label: string;
  style?: 'primary' | 'secondary' | 'success' | 'danger';
  /**
   * What a console user types to do the same, when the command has a nicer line for it
   * (`/grade ok`); the console offers `/press <id>` otherwise.
   */
  typed?: string;
}

export interface OutMessage {
  title?: string;
  /** Text from the catalogue, shown as written (the port escapes it where its platform must). */
  body: string;
  /**
   * What follows the body: notes text, links, catalogue lines with data. Each port renders
   * them in its own markup and fits them to its message size (src/core/message.ts).
   */
  blocks?: Block[];
  /** The title of the messages after the first, when a `split` block takes more than one. */
  more?: string;
  footer?: string;
  /** A role, user group or user to ping with the message (scheduled drops). */
  mention?: string;
  /**
   * Members (platform user ids) the message names and pings, and only they (a nudge): never
   * a role, @everyone or @here.
   */
  mentionMembers?: string[];
  /** Buttons under the message (under its first part); the console shows what to type instead. */
  buttons?: Button[];
}

/** A file to send: an export, a chart. `title` is shown with it. */
export interface OutFile {
  name: string;
  bytes: Uint8Array;
  title: string;
}

/**
 * How the scheduler may send to a platform: at most `width` channels at once (the port keeps
 * its own request rate within the platform's limits).
 */
export interface Pace {
  width: number;
}

export interface ChatPort {
  readonly platform: Platform;
  /** The fan-out this platform takes; one channel at a time where not said. */
  readonly pace?: Pace;
  /** The most characters of title + body + footer that one message may carry. */
  readonly maxChars: number;
  /**
   * Posts a drop in the channel and opens its thread. `key` is the same for every try of one
   * drop: a platform that can recognise a repeated post by it returns the first one instead.
   */
  postDrop(
    channel: ChannelAddress,
    message: OutMessage,
    threadName: string,
    key: string,
  ): Promise<{ messageRef: string; threadRef: string }>;
  /**
   * Posts in a drop's thread; returns the new message's reference (of its first part, when a
   * `split` block takes several).
   */
  postInThread(channel: ChannelAddress, threadRef: string, message: OutMessage): Promise<string>;
  react(channel: ChannelAddress, messageRef: string, emoji: string): Promise<void>;
  /**
   * Tells one member something in the channel (the outcome of their suggestion): only they are
   * pinged, and where the platform can, only they see it.
   */
  notifyMember(channel: ChannelAddress, member: string, message: OutMessage): Promise<void>;
  /** Sends a file to the channel, or into a thread when `threadRef` is given. */
  uploadFile(channel: ChannelAddress, threadRef: string | null, file: OutFile): Promise<void>;
  /** Posts in the channel itself, outside any thread (the weekly digest); returns its reference. */
  postInChannel?(channel: ChannelAddress, message: OutMessage): Promise<string>;
  /** A direct message to a member of the channel's workspace (the daily review reminder). */
  sendDirect?(channel: ChannelAddress, member: string, message: OutMessage): Promise<void>;
  /**
   * A file only the member sees, in their direct messages with the app: for platforms where a
   * file in a channel is everyone's (Slack has no ephemeral files).
   */
  uploadDirect?(channel: ChannelAddress, member: string, file: OutFile): Promise<void>;
  /**
   * Opens a place only the member and the bot see, for a private conversation started in the
   * channel (a /mock): a Discord private thread in the channel with the member added, the
   * member's Slack DM with the app. `threadRef` is where `postPrivate` posts and where the
   * member's messages come from; `link` opens it. A refusal (a missing permission, a channel
   * that cannot have one) throws a PlatformError saying why.
   */
  openPrivate?(
    channel: ChannelAddress,
    member: string,
    name: string,
  ): Promise<{ threadRef: string; link: string | null }>;
  /** Posts in a place `openPrivate` opened; returns the message's reference. */
  postPrivate?(channel: ChannelAddress, threadRef: string, message: OutMessage): Promise<string>;
  /** A link people can follow to a message, where the platform has one. */
  link(channel: ChannelAddress, messageRef: string, threadRef: string | null): string | null;
  /**
   * Whether this process serves the channel's scheduled work; absent means all of the
   * platform's channels. Discord: only guilds on this process's shards.
   */
  serves?(channel: ChannelAddress): boolean;
  /**
   * The platform's own say on whether a member manages the channel, asked outside a command
   * (the web dashboard); a command gets it with the command. Discord: Manage Channels in that
   * channel, overwrites counted. False when the platform cannot tell; absent: not asked here.
   */
  managesChannel?(channel: ChannelAddress, member: string): Promise<boolean>;
}

/**
 * A platform refused (missing permission, unknown channel, rate limit given up on). The message
 * key says, for the person who can fix it, what to do: "invite the bot", "add the scope".
 */
export class PlatformError extends Error {
  constructor(
    readonly code: string,
    readonly key: MessageKey,
    readonly vars: Vars = {},
  ) {
    super(`${code}: ${t('en', key, vars)}`);
    this.name = 'PlatformError';
  }

  reason(locale: Locale): string {
    return t(locale, this.key, this.vars);
  }

  /** The reason as a line of a reply: its values kept as data. */
  reasonLine(locale: Locale): Fill {
    return line(locale, this.key, this.vars);
  }
}
