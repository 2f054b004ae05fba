import { z } from 'zod';
import { t } from '../src/i18n/index.ts';
import { GRADES } from '../src/practice/reveal.ts';
import { selfGrade } from '../src/practice/votes.ts';
import { screenOf } from '../src/review/screen.ts';
import { gradeInMock } from './mock.ts';
import { gradeInReview, gradeLabel, learnerOf } from './review.ts';
import { defineCommand } from './types.ts';

const CHOICES = Object.values(GRADES);

/**
 * `/grade ok|partly|missed`: the question on the member's screen (a /review question, a /mock
 * question after its model answer), else the revealed answer of this thread's or the latest
 * drop, as ✅ 🤔 ❌ on it would.
 */
export const grade = defineCommand({
  name: 'grade',
  description: 'cmd.grade',
  options: [{ name: 'grade', description: 'cmd.grade.grade', choices: CHOICES, required: true }],
  schema: z.object({ grade: z.enum(CHOICES) }).strict(),
  async handle({ grade }, ctx) {
    const who = learnerOf(ctx);
    const label = gradeLabel(ctx.locale, grade);
    const screen = await screenOf(ctx.deps, who);
    if (screen?.kind === 'review') {
      const reply = await gradeInReview(ctx, grade);
      if (reply) return reply;
    }
    if (screen?.kind === 'mock') {
      return (
        (await gradeInMock(ctx, grade)) ?? {
          text: t(ctx.locale, 'mock.answerHint'),
          ephemeral: true,
        }
      );
    }
    if (await selfGrade(ctx.deps, ctx.address, ctx.threadRef, ctx.member.id, grade))
      return { text: t(ctx.locale, 'grade.recorded', { grade: label }), ephemeral: true };
    return { text: t(ctx.locale, 'grade.notRevealed'), ephemeral: true };
  },
});
