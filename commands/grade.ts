import { z } from 'zod';
import { t } from '../src/i18n/index.ts';
import { gradeSelf } from '../src/practice/grades.ts';
import { GRADES } from '../src/practice/reveal.ts';
import { defineCommand } from './types.ts';

const CHOICES = Object.values(GRADES);

export const grade = defineCommand({
  name: 'grade',
  description: 'cmd.grade',
  options: [{ name: 'grade', description: 'cmd.grade.grade', choices: CHOICES, required: true }],
  schema: z.object({ grade: z.enum(CHOICES) }).strict(),
  async handle(input, ctx) {
    const result = await gradeSelf(ctx.deps, ctx.address, {
      threadRef: ctx.threadRef,
      member: ctx.member.id,
      grade: input.grade,
    });
    if (result.kind === 'notRevealed')
      return { text: t(ctx.locale, 'grade.notRevealed'), ephemeral: true };
    const emoji = Object.entries(GRADES).find(([, g]) => g === input.grade)?.[0] ?? '';
    return {
      text: t(ctx.locale, 'grade.recordedAs', {
        prompt: result.prompt,
        grade: `${emoji} ${t(ctx.locale, `grade.${input.grade}`)}`,
      }),
      ephemeral: true,
    };
  },
});
