import { z } from 'zod';
import { t } from '../src/i18n/index.ts';
import { revealAnswer } from '../src/practice/reveal.ts';
import { defineCommand } from './types.ts';

export const answer = defineCommand({
  name: 'answer',
  description: 'cmd.answer',
  options: [],
  schema: z.object({}).strict(),
  async handle(_input, ctx) {
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
