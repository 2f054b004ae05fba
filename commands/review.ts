import { z } from 'zod';
import { renderNotes } from '../src/chat/render.ts';
import type { QuestionRow } from '../src/db/store.ts';
import { type Locale, t } from '../src/i18n/index.ts';
import { channelTimezone, ensureChannel } from '../src/practice/channels.ts';
import type { Grade } from '../src/practice/reveal.ts';
import { clipText } from '../src/practice/split.ts';
import type { Learner } from '../src/review/cards.ts';
import { setReminder } from '../src/review/remind.ts';
import { nextReview, type ReviewStep, revealReview } from '../src/review/session.ts';
import type { CommandContext, CommandReply } from './types.ts';
import { defineCommand } from './types.ts';

/** What a private answer may carry of one notes text. */
const MAX_SHOWN = 1500;

export const learnerOf = (ctx: CommandContext): Learner => ({
  platform: ctx.address.platform,
  member: ctx.member.id,
});

export const gradeLabel = (locale: Locale, grade: Grade) => t(locale, `grade.${grade}`);

/** A day in the channel's language and time zone: "Nov 27, 2026", "2026. 11. 27." */
export async function dateText(ctx: CommandContext, at: number): Promise<string> {
  const zone = channelTimezone(ctx.deps, await ensureChannel(ctx.deps, ctx.address));
  return new Intl.DateTimeFormat(ctx.locale, { dateStyle: 'medium', timeZone: zone }).format(at);
}

/** A question as a private message shows it: prompt, then its body (code, options). */
export function questionText(question: QuestionRow): string {
  const body = question.body ? `\n${renderNotes(question.body, 'console', question.format)}` : '';
  return clipText(`${question.prompt}${body}`, MAX_SHOWN);
}

/** The model answer of a question, as plain text (the platform escapes it where it must). */
export function modelAnswerText(question: QuestionRow, locale: Locale): string {
  const answer = question.answer
    ? renderNotes(question.answer, 'console', question.format)
    : t(locale, 'reveal.noAnswer');
  return clipText(answer, MAX_SHOWN);
}

/** A /review step as the member sees it. */
export async function reviewStepText(ctx: CommandContext, step: ReviewStep): Promise<string> {
  if (step.kind === 'done') {
    return step.next === null
      ? t(ctx.locale, 'review.empty')
      : t(ctx.locale, 'review.nothingDue', { date: await dateText(ctx, step.next) });
  }
  return [
    `── ${t(ctx.locale, 'review.title', { topic: clipText(step.question.section, 200), due: step.due })} ──`,
    questionText(step.question),
    `(${t(ctx.locale, 'review.hint')})`,
  ].join('\n');
}

/** The model answer of the review question on screen, waiting for a grade. */
export function modelAnswerReply(ctx: CommandContext, question: QuestionRow): CommandReply {
  return {
    text: [
      `── ${t(ctx.locale, 'reveal.answerTitle')} ──`,
      modelAnswerText(question, ctx.locale),
      `(${t(ctx.locale, 'review.gradeHint')})`,
    ].join('\n'),
    ephemeral: true,
  };
}

export const review = defineCommand({
  name: 'review',
  description: 'cmd.review',
  options: [
    { name: 'action', description: 'cmd.review.action', choices: ['next', 'show', 'remind'] },
    { name: 'value', description: 'cmd.review.value', choices: ['on', 'off'] },
  ],
  schema: z
    .object({
      action: z.enum(['next', 'show', 'remind']).default('next'),
      value: z.enum(['on', 'off']).optional(),
    })
    .strict(),
  async handle({ action, value }, ctx) {
    const who = learnerOf(ctx);
    if (action === 'remind') {
      if (!value) return { text: t(ctx.locale, 'review.remindUsage'), ephemeral: true };
      await setReminder(ctx.deps, ctx.address, who, value === 'on');
      return {
        text: t(ctx.locale, value === 'on' ? 'review.remindOn' : 'review.remindOff'),
        ephemeral: true,
      };
    }
    if (action === 'show') {
      const question = await revealReview(ctx.deps, who);
      if (!question) return { text: t(ctx.locale, 'review.nothingOnScreen'), ephemeral: true };
      return modelAnswerReply(ctx, question);
    }
    return { text: await reviewStepText(ctx, await nextReview(ctx.deps, who)), ephemeral: true };
  },
});
