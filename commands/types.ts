import type { z } from 'zod';
import type { Channel } from '../src/core/channels.ts';
import type { PracticeDeps } from '../src/core/deps.ts';
import type { Locale, MessageKey } from '../src/core/i18n/index.ts';
import type { Block } from '../src/core/message.ts';
import type { Button, ChannelAddress, OutFile } from '../src/core/port.ts';

export type { Button };

/**
 * What an option holds where a platform has pickers (Discord): plain text (the default), a
 * member, a member or role (`mentionable`), or a channel. The handler gets the platform's
 * mention text (`<@id>`, `<@&id>`, `<#id>`); where there is no picker it is typed text.
 */
export type OptionKind = 'text' | 'user' | 'mentionable' | 'channel';

export interface OptionSpec {
  name: string;
  description: MessageKey;
  kind?: OptionKind;
  choices?: readonly string[];
  required?: boolean;
  /** In text form (Slack, console) this option takes the rest of the line. */
  rest?: boolean;
  /** In text form this first option takes the whole line as written, quotes included. */
  raw?: boolean;
  /** In text form, how many words an unquoted value spans (a cron has 5). */
  words?: number;
}

export interface CommandContext {
  deps: PracticeDeps;
  address: ChannelAddress;
  /** The thread the command was used in, if any. */
  threadRef: string | null;
  member: { id: string; name: string; canManage: boolean };
  locale: Locale;
  /**
   * Names of the permissions the bot lacks in this channel, where the platform can tell: the
   * ones every drop needs, and those of `extra` needs of a command (see `Command.needs`).
   */
  missingPermissions?: (extra?: readonly PlatformNeed[]) => Promise<string[]>;
  /**
   * Whether the bot may ping `text` with each drop, where the platform can tell: the mention to
   * store (a role name resolved to the role), or the message key of the refusal.
   */
  resolveMention?: (text: string) => Promise<{ mention: string } | { refused: MessageKey }>;
}

/** One text field of a form; `id` names its value in what `onForm` gets. */
export interface FormField {
  id: string;
  label: string;
  /** Several lines (Discord paragraph, Slack multiline). */
  long?: boolean;
  /** Required unless false. */
  required?: boolean;
  /** Shown already filled in (the member's earlier text, to change it). */
  value?: string;
  /** At most 4000 (Discord's limit for a text input). */
  maxLength?: number;
}

/**
 * A form the platform opens for the person (a Discord modal, a Slack modal; the console asks
 * field by field or takes `a | b | c` on one line). Its `id` is `<command>:<form>[:<arg>]`: the
 * submitted values go to that command's `onForm('<form>[:<arg>]', values, ctx)`. Discord holds
 * 5 fields, titles of 45 characters; Slack titles of 24 (longer ones are cut).
 */
export interface Form {
  id: string;
  title: string;
  fields: FormField[];
  /** The submit button's label. */
  submit: string;
}

export interface CommandReply {
  /**
   * The answer as structure, one block a line: catalogue lines (`line()`, src/core/reply/) whose
   * data each port shows as written, notes, links. Each port renders it in its own markup.
   */
  blocks: Block[];
  /** Only the person who ran the command sees it. */
  ephemeral: boolean;
  /** Buttons under the answer. */
  buttons?: Button[];
  /** A form to open for the person instead of (Discord, Slack) or before (console) the text. */
  form?: Form;
  /**
   * Files sent with the answer, seen by whoever sees it: a Discord attachment (ephemeral with an
   * ephemeral answer), on Slack a file in the channel, or in the member's direct messages with
   * the app when the answer is ephemeral (Slack has no ephemeral files); the console writes
   * them under its files folder and prints where.
   */
  files?: OutFile[];
}

/**
 * A slash command as plain data plus a handler. Adapters turn the same definition into a
 * Discord command, a Slack command and a console command; the handler's input is typed from
 * the zod schema.
 */
/** What a command needs of a platform beyond posting in a channel and its threads. */
export type PlatformNeed = 'files' | 'privateThreads';

export interface Command<S extends z.ZodType = z.ZodType> {
  name: string;
  /** Beyond posting: a refused call names what the bot lacks of these too. */
  needs?: readonly PlatformNeed[];
  description: MessageKey;
  options: OptionSpec[];
  schema: S;
  /** Its answer is for the whole channel (platforms that must acknowledge first do so publicly). */
  public?: boolean;
  /**
   * The handler may ask whether the member manages the channel (`member.canManage`), always or
   * in channels where the function says so: platforms where that costs a call (Slack's
   * users.info, which may be rate limited) make it only then.
   */
  asksManager?: boolean | ((channel: Channel) => boolean);
  handle(input: z.output<S>, ctx: CommandContext): Promise<CommandReply>;
  /**
   * Its slash command may answer with a form: platforms that must acknowledge within 3 s
   * (Discord) wait for the answer instead of deferring, since a modal cannot follow a deferral.
   */
  opensForm?: boolean;
  /** A click on one of its buttons (`<name>:<action>[:<arg>]`); `arg` is null when absent. */
  onButton?(action: string, arg: string | null, ctx: CommandContext): Promise<CommandReply>;
  /** A submitted form of its own (`formId` is `<form>[:<arg>]`); values by field id. */
  onForm?(
    formId: string,
    values: Record<string, string>,
    ctx: CommandContext,
  ): Promise<CommandReply>;
}

export function defineCommand<S extends z.ZodType>(command: Command<S>): Command<S> {
  return command;
}
