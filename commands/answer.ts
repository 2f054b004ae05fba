import { z } from 'zod';
import { t } from '../src/i18n/index.ts';
import { ensureChannel } from '../src/practice/channels.ts';
import { revealAnswer } from '../src/practice/reveal.ts';
import { mayReveal } from '../src/settings/managers.ts';
import { defineCommand } from './types.ts';

export const answer = defineCommand({
  name: 'answer',
  description: 'cmd.answer',
  options: [],
  asksManager: (channel) => channel.revealBy === 'managers',
  schema: z.object({}).strict(),
  async handle(_input, ctx) {
    const channel = await ensureChannel(ctx.deps, ctx.address);
    if (!(await mayReveal(ctx.deps, channel, ctx.member)))
      return { text: t(ctx.locale, 'answer.managersOnly'), ephemeral: true };
    const result = await revealAnswer(ctx.deps, ctx.address, { threadRef: ctx.threadRef });
    if (result.kind === 'none')
      return { text: t(ctx.locale, 'answer.nothingOpen'), ephemeral: true };
    if (result.kind === 'already') {
      return {
        text: result.link
          ? t(ctx.locale, 'answer.already', { link: result.link })
          : t(ctx.locale, 'answer.alreadyHere'),
        ephemeral: true,
      };
    }
    return { text: t(ctx.locale, 'answer.revealed'), ephemeral: true };
  },
});
