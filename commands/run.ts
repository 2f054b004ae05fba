import { asNotSaved, NotSavedError, UserError } from '../src/core/errors.ts';
import { PlatformError } from '../src/core/port.ts';
import { line, prose } from '../src/core/reply/line.ts';
import { describeIssues } from './problems.ts';
import type { Command, CommandContext, CommandReply } from './types.ts';
import { usage } from './usage.ts';

/**
 * Every slash command, in the order help lists them: commands/index.ts fills it when it is
 * loaded, so /help and a button that runs another command find the list without importing it.
 */
export const commands: Command[] = [];

/** A command by name, in any case (`/Help`, `ASK`). */
export function findCommand(name: string): Command | undefined {
  const wanted = name.replace(/^\//, '').toLowerCase();
  return commands.find((c) => c.name === wanted);
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
      blocks: [
        line(ctx.locale, 'error.unknownCommand', {
          command: name,
          commands: prose(commands.map((c) => `/${c.name}`).join(', ')),
        }),
      ],
      ephemeral: true,
    };
  }
  const parsed = command.schema.safeParse(raw);
  if (!parsed.success) {
    const detail = describeIssues(parsed.error.issues, raw, ctx.locale);
    return {
      blocks: [
        line(ctx.locale, 'error.badOptions', {
          usage: prose(usage(command, ctx.locale)),
          detail,
        }),
      ],
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
    if (err instanceof UserError) return { blocks: [err.line(ctx.locale)], ephemeral: true };
    if (err instanceof PlatformError) {
      // A missing permission: the ones the bot lacks here, where the platform can tell.
      const missing =
        err.key === 'platform.missingPermissions'
          ? ((await ctx.missingPermissions?.(command.needs)) ?? [])
          : [];
      const reason =
        missing.length > 0
          ? line(ctx.locale, 'platform.missingPermissions', { permissions: missing.join(', ') })
          : err.reasonLine(ctx.locale);
      return { blocks: [line(ctx.locale, 'error.platform', { reason })], ephemeral: true };
    }
    ctx.deps.log.error({ err, command: command.name, channel: ctx.address }, 'command failed');
    return { blocks: [line(ctx.locale, 'error.internal')], ephemeral: true };
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
  blocks: [line(ctx.locale, 'interaction.stale')],
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
