import { z } from 'zod';
import { t } from '../src/i18n/index.ts';
import { commands, usage } from './index.ts';
import { defineCommand } from './types.ts';

/** Every command of commands/index.ts with its usage and what it does, in the channel's language. */
export const help = defineCommand({
  name: 'help',
  description: 'cmd.help',
  options: [],
  schema: z.object({}).strict(),
  async handle(_input, ctx) {
    const platform = ctx.address.platform;
    const lines = commands.map((c) => `${usage(c, ctx.locale)} · ${t(ctx.locale, c.description)}`);
    return {
      text: [
        t(ctx.locale, 'help.title'),
        ...lines,
        // The console has no reactions: votes and members are lines of their own there.
        ...(platform === 'console' ? [t(ctx.locale, 'help.console')] : []),
        t(ctx.locale, platform === 'console' ? 'help.footerConsole' : 'help.footer'),
      ].join('\n'),
      ephemeral: true,
    };
  },
});
