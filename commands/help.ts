import { z } from 'zod';
import { catalogue, type MessageKey, t } from '../src/core/i18n/index.ts';
import { line, prose } from '../src/core/reply/line.ts';
import { commands, findCommand } from './run.ts';
import { type Command, type CommandContext, defineCommand } from './types.ts';
import { usage } from './usage.ts';

/** What a command does, in the console's own words where it has them (no threads there). */
function description(command: Command, ctx: CommandContext): string {
  const consoleKey = `${command.description}Console`;
  const key =
    ctx.address.platform === 'console' && consoleKey in catalogue[ctx.locale]
      ? (consoleKey as MessageKey)
      : command.description;
  return t(ctx.locale, key);
}

/**
 * Every command of commands/index.ts with its usage and what it does, in the channel's
 * language; `/help <command>` that one command's.
 */
export const help = defineCommand({
  name: 'help',
  description: 'cmd.help',
  options: [{ name: 'command', description: 'cmd.help.command' }],
  schema: z.object({ command: z.string().max(100).optional() }).strict(),
  async handle(input, ctx) {
    const platform = ctx.address.platform;
    const wanted = input.command?.trim();
    if (wanted) {
      const command = findCommand(wanted);
      if (!command) {
        return {
          blocks: [
            line(ctx.locale, 'error.unknownCommand', {
              command: wanted.replace(/^\//, ''),
              commands: prose(commands.map((c) => `/${c.name}`).join(', ')),
            }),
          ],
          ephemeral: true,
        };
      }
      return {
        blocks: [prose(`${usage(command, ctx.locale)} · ${description(command, ctx)}`)],
        ephemeral: true,
      };
    }
    const lines = commands.map((c) => prose(`${usage(c, ctx.locale)} · ${description(c, ctx)}`));
    return {
      blocks: [
        line(ctx.locale, 'help.title'),
        ...lines,
        // The console has no reactions: votes and members are lines of their own there.
        ...(platform === 'console' ? [line(ctx.locale, 'help.console')] : []),
        line(ctx.locale, platform === 'console' ? 'help.footerConsole' : 'help.footer'),
      ],
      ephemeral: true,
    };
  },
});
