import { z } from 'zod';
import { ensureChannel } from '../src/core/channels.ts';
import { GRADES } from '../src/core/reactions.ts';
import { line } from '../src/core/reply/line.ts';
import { questionInFront } from '../src/mock/mock.ts';
import { gradeSelf } from '../src/practice/grades.ts';
import { dropByThread } from '../src/practice/lookup.ts';
import { gradeInMock } from './mock.ts';
import { gradeInReview, gradeLabel, learnerOf } from './review.ts';
import { type CommandContext, defineCommand } from './types.ts';

const CHOICES = Object.values(GRADES);

/** Run in the thread of one of the channel's drops (the console has no threads of its own). */
async function inDropThread(ctx: CommandContext): Promise<boolean> {
  if (ctx.threadRef === null || ctx.address.platform === 'console') return false;
  const channel = await ensureChannel(ctx.deps, ctx.address);
  return (await dropByThread(ctx.deps, channel.id, ctx.threadRef)) !== undefined;
}

/**
 * `/grade ok|partly|missed`: the question on the member's screen (a /review question, a /mock
 * question after its model answer), else the revealed answer of this thread's drop or the latest
 * revealed one, as ✅ 🤔 ❌ on it would (replacing the member's other grade of it).
 */
export const grade = defineCommand({
  name: 'grade',
  description: 'cmd.grade',
  options: [{ name: 'grade', description: 'cmd.grade.grade', choices: CHOICES, required: true }],
  schema: z.object({ grade: z.enum(CHOICES) }).strict(),
  async handle({ grade }, ctx) {
    // In a drop's thread on a platform, /grade is about that drop; elsewhere about the /review
    // or /mock question on screen, unless a drop was posted or revealed since it was shown.
    const screen = (await inDropThread(ctx))
      ? undefined
      : await questionInFront(ctx.deps, learnerOf(ctx), ctx.address);
    if (screen?.kind === 'review') {
      const reply = await gradeInReview(ctx, grade);
      if (reply) return reply;
    }
    if (screen?.kind === 'mock') {
      return (
        (await gradeInMock(ctx, grade)) ?? {
          blocks: [line(ctx.locale, 'mock.answerHint')],
          ephemeral: true,
        }
      );
    }
    const result = await gradeSelf(ctx.deps, ctx.address, {
      threadRef: ctx.threadRef,
      member: ctx.member.id,
      grade,
    });
    if (result.kind === 'notRevealed')
      return { blocks: [line(ctx.locale, 'grade.notRevealed')], ephemeral: true };
    // A second /grade of the same reveal (a double-typed command) says what it did to the first.
    const vars = { prompt: result.prompt, grade: gradeLabel(ctx.locale, grade) };
    const key =
      result.before === null
        ? 'grade.recordedAs'
        : result.before === grade
          ? 'grade.sameAs'
          : 'grade.changedAs';
    const from = result.before ? gradeLabel(ctx.locale, result.before) : '';
    return { blocks: [line(ctx.locale, key, { ...vars, from })], ephemeral: true };
  },
});
