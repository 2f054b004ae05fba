import { asNotSaved, NotSavedError, UserError } from '../src/core/errors.ts';
import { LOCALES, t } from '../src/core/i18n/index.ts';
import { PlatformError } from '../src/core/port.ts';
import type { ChannelRow } from '../src/db/store.ts';
import { answer } from './answer.ts';
import { ask } from './ask.ts';
import { exportCommand } from './export.ts';
import { grade } from './grade.ts';
import { help } from './help.ts';
import { leaderboard } from './leaderboard.ts';
import { me } from './me.ts';
import { mock } from './mock.ts';
import { describeIssues, optionName } from './problems.ts';
import { review } from './review.ts';
import { schedule } from './schedule.ts';
import { settings } from './settings.ts';
import { suggest } from './suggest.ts';
import { approve, reject, suggestions } from './suggestions.ts';
import { topics } from './topics.ts';
import type { Command, CommandContext, CommandReply } from './types.ts';
import { usage } from './usage.ts';

export type { Button, Command, CommandContext, CommandReply, Form, FormField } from './types.ts';
export { usage } from './usage.ts';

/** Every slash command, in the order help lists them. */
export const commands: Command[] = [
  ask,
  answer,
  grade,
  leaderboard,
  topics,
  schedule,
  settings,
  review,
  me,
  mock,
  exportCommand,
  suggest,
  suggestions,
  approve,
  reject,
  help,
] as Command[];

/** Whether running `command` in `channel` may need to know if the member manages it. */
export function asksManager(command: Command, channel: ChannelRow): boolean {
  const asks = command.asksManager;
  return typeof asks === 'function' ? asks(channel) : asks === true;
}

/** A command by name, in any case (`/Help`, `ASK`). */
export function findCommand(name: string): Command | undefined {
  const wanted = name.replace(/^\//, '').toLowerCase();
  return commands.find((c) => c.name === wanted);
}

/** Words of a line; "double", “curly” or 'single' quotes keep spaces inside one word. */
export function splitWords(text: string): string[] {
  const words: string[] = [];
  let cur = '';
  let quote: string | null = null;
  let started = false;
  for (const ch of text) {
    if (quote) {
      if (ch === quote || (quote === '”' && ch === '"')) quote = null;
      else cur += ch;
    } else if (ch === '"' || ch === "'" || ch === '“') {
      quote = ch === '“' ? '”' : ch;
      started = true;
    } else if (/\s/.test(ch)) {
      if (started || cur) words.push(cur);
      cur = '';
      started = false;
    } else {
      cur += ch;
    }
  }
  if (started || cur) words.push(cur);
  return words;
}

/**
 * The option a name written in text stands for: its own name or the name either language
 * shows in usage lines (`period`, `기간`), in any channel.
 */
function namedOption(command: Command, name: string): Command['options'][number] | undefined {
  const wanted = name.toLowerCase();
  return command.options.find(
    (o) =>
      o.name === wanted ||
      LOCALES.some((locale) => optionName(locale, o.name).toLowerCase() === wanted),
  );
}

/** `name:value` in its parts: a name is letters (any script), then a colon. */
const NAMED = /^([\p{L}\p{N}_-]+):(.*)$/su;

/** Whether a word is `name:value` for one of the command's options. */
function namesOption(command: Command, word: string): boolean {
  const named = NAMED.exec(word);
  return named !== null && namedOption(command, named[1] as string) !== undefined;
}

/**
 * Options from a line of text, as Slack and the console deliver them: `name:value` pairs or
 * values in the order of the definition; an option marked `rest` takes the rest of the line
 * (up to another option written by name), one with `words` that many words when its value is
 * not quoted.
 */
export function parseTextOptions(command: Command, text: string): Record<string, string> {
  const first = command.options[0];
  if (first?.raw) return text.trim() === '' ? {} : { [first.name]: text.trim() };
  const out: Record<string, string> = {};
  const words = splitWords(text.trim());
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    const named = NAMED.exec(word);
    const byName = named ? namedOption(command, named[1] as string) : undefined;
    const option = byName ?? command.options.find((o) => !(o.name in out));
    if (!option) {
      out[`_extra${i}`] = word;
      continue;
    }
    const first = byName ? (named?.[2] ?? '') : word;
    if (option.rest) {
      // The rest of the line, up to another option written by name (`topic:a b minutes:5`).
      let end = i + 1;
      while (end < words.length && !namesOption(command, words[end] as string)) end++;
      out[option.name] = [first, ...words.slice(i + 1, end)].join(' ').trim();
      i = end - 1;
      continue;
    }
    const span = option.words && !first.includes(' ') ? option.words : 1;
    out[option.name] = [first, ...words.slice(i + 1, i + span)].join(' ');
    i += span - 1;
  }
  return out;
}

/**
 * Runs a command by name with raw options and turns every outcome into a reply: unknown
 * commands and bad options get help, user errors their message, platform errors the reason,
 * anything else a short apology (and the log gets the details).
 */
export async function runCommand(
  name: string,
  raw: Record<string, unknown>,
  ctx: CommandContext,
): Promise<CommandReply> {
  const command = findCommand(name);
  if (!command) {
    return {
      text: t(ctx.locale, 'error.unknownCommand', {
        command: name,
        commands: commands.map((c) => `/${c.name}`).join(', '),
      }),
      ephemeral: true,
    };
  }
  const parsed = command.schema.safeParse(raw);
  if (!parsed.success) {
    const detail = describeIssues(parsed.error.issues, raw, ctx.locale);
    return {
      text: t(ctx.locale, 'error.badOptions', {
        usage: usage(command, ctx.locale),
        detail,
      }),
      ephemeral: true,
    };
  }
  return guarded(command, ctx, () => command.handle(parsed.data, ctx));
}

/**
 * Runs a command's work and turns every outcome into a reply: user errors their message,
 * platform errors the reason, anything else a short apology (and the log gets the details).
 */
async function guarded(
  command: Command,
  ctx: CommandContext,
  work: () => Promise<CommandReply>,
): Promise<CommandReply> {
  try {
    return await work();
  } catch (thrown) {
    const err = asNotSaved(thrown);
    if (err instanceof NotSavedError)
      ctx.deps.log.error({ err: thrown, command: command.name }, 'a command could not save');
    if (err instanceof UserError) return { text: err.text(ctx.locale), ephemeral: true };
    if (err instanceof PlatformError) {
      // A missing permission: the ones the bot lacks here, where the platform can tell.
      const missing =
        err.key === 'platform.missingPermissions'
          ? ((await ctx.missingPermissions?.(command.needs)) ?? [])
          : [];
      const reason =
        missing.length > 0
          ? t(ctx.locale, 'platform.missingPermissions', { permissions: missing.join(', ') })
          : err.reason(ctx.locale);
      return { text: t(ctx.locale, 'error.platform', { reason }), ephemeral: true };
    }
    ctx.deps.log.error({ err, command: command.name, channel: ctx.address }, 'command failed');
    return { text: t(ctx.locale, 'error.internal'), ephemeral: true };
  }
}

/** Discord's limit for a button's or a form's id, which every platform keeps. */
export const MAX_INTERACTION_ID = 100;

/** `<command>:<action>[:<arg>]` in its parts; the arg is the rest (it may hold colons). */
export function parseInteractionId(
  id: string,
): { command: string; action: string; arg: string | null } | null {
  const m = /^([^:]+):([^:]+)(?::(.*))?$/s.exec(id);
  if (!m) return null;
  return { command: m[1] as string, action: m[2] as string, arg: m[3] ?? null };
}

/** What a click on a button that no command takes (an old message, a removed feature) gets. */
const stale = (ctx: CommandContext): CommandReply => ({
  text: t(ctx.locale, 'interaction.stale'),
  ephemeral: true,
});

/** A click on a button `<command>:<action>[:<arg>]`: that command's `onButton`. */
export async function runButton(id: string, ctx: CommandContext): Promise<CommandReply> {
  const parts = parseInteractionId(id);
  const command = parts ? findCommand(parts.command) : undefined;
  if (!parts || !command?.onButton) return stale(ctx);
  const onButton = command.onButton.bind(command);
  return guarded(command, ctx, () => onButton(parts.action, parts.arg, ctx));
}

/** A submitted form `<command>:<form>[:<arg>]`: that command's `onForm('<form>[:<arg>]', …)`. */
export async function runForm(
  id: string,
  values: Record<string, string>,
  ctx: CommandContext,
): Promise<CommandReply> {
  const parts = parseInteractionId(id);
  const command = parts ? findCommand(parts.command) : undefined;
  if (!parts || !command?.onForm) return stale(ctx);
  const onForm = command.onForm.bind(command);
  const formId = parts.arg === null ? parts.action : `${parts.action}:${parts.arg}`;
  return guarded(command, ctx, () => onForm(formId, values, ctx));
}
