import { z } from 'zod';
import { t } from '../src/i18n/index.ts';
import { dropQuestion } from '../src/practice/drops.ts';
import { defineCommand } from './types.ts';

export const ask = defineCommand({
  name: 'ask',
  description: 'cmd.ask',
  options: [{ name: 'topic', description: 'cmd.ask.topic', rest: true }],
  schema: z.object({ topic: z.string().trim().max(200).optional() }).strict(),
  async handle({ topic }, ctx) {
    const result = await dropQuestion(ctx.deps, ctx.address, { topic, askedBy: ctx.member.id });
    if (result.kind !== 'posted') throw new Error('a manual slot cannot be taken');
    return {
      text: t(ctx.locale, 'ask.posted', { topic: result.question.section }),
      ephemeral: true,
    };
  },
});
