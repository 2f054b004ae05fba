import { z } from 'zod';
import { line } from '../src/core/reply/line.ts';
import { sendChannelExport } from '../src/history/export.ts';
import { defineCommand } from './types.ts';

/** `/export`: a manager gets the channel's history as a CSV file in the channel. */
export const exportCommand = defineCommand({
  name: 'export',
  description: 'cmd.export',
  needs: ['files'],
  options: [],
  asksManager: true,
  schema: z.object({}).strict(),
  async handle(_input, ctx) {
    const { locale } = ctx;
    if (!ctx.member.canManage)
      return { blocks: [line(locale, 'export.forbidden')], ephemeral: true };
    const sent = await sendChannelExport(ctx.deps, ctx.address);
    if (sent.drops === 0) return { blocks: [line(locale, 'export.empty')], ephemeral: true };
    return { blocks: [line(locale, 'export.sent', sent)], ephemeral: true };
  },
});
