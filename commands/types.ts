import type { z } from 'zod';
import type { ChannelAddress } from '../src/chat/port.ts';
import type { Locale, MessageKey } from '../src/i18n/index.ts';
import type { PracticeDeps } from '../src/practice/deps.ts';

export interface OptionSpec {
  name: string;
  description: MessageKey;
  choices?: readonly string[];
  required?: boolean;
  /** In text form (Slack, console) this option takes the rest of the line. */
  rest?: boolean;
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
  /** Names of the permissions the bot lacks in this channel, where the platform can tell. */
  missingPermissions?: () => Promise<string[]>;
  /**
   * Whether the bot may ping `text` with each drop, where the platform can tell: the mention to
   * store (a role name resolved to the role), or the message key of the refusal.
   */
  resolveMention?: (text: string) => Promise<{ mention: string } | { refused: MessageKey }>;
}

export interface CommandReply {
  text: string;
  /** Only the person who ran the command sees it. */
  ephemeral: boolean;
}

/**
 * A slash command as plain data plus a handler. Adapters turn the same definition into a
 * Discord command, a Slack command and a console command; the handler's input is typed from
 * the zod schema.
 */
export interface Command<S extends z.ZodType = z.ZodType> {
  name: string;
  description: MessageKey;
  options: OptionSpec[];
  schema: S;
  /** Its answer is for the whole channel (platforms that must acknowledge first do so publicly). */
  public?: boolean;
  handle(input: z.output<S>, ctx: CommandContext): Promise<CommandReply>;
}

export function defineCommand<S extends z.ZodType>(command: Command<S>): Command<S> {
  return command;
}
