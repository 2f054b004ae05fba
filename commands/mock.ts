import { z } from 'zod';
import { t } from '../src/i18n/index.ts';
import { clipText } from '../src/practice/split.ts';
import {
  answerMock,
  MAX_MINUTES,
  type MockStep,
  mockAnswers,
  mockGrades,
  startMock,
} from '../src/review/mock.ts';
import { screenOf } from '../src/review/screen.ts';
import { answerReview } from '../src/review/session.ts';
import { learnerOf, modelAnswerText, questionText } from './review.ts';
import type { CommandContext, CommandReply } from './types.ts';
import { defineCommand } from './types.ts';

/** A mock step as the member sees it: the next question, the model answers, a grade to give, the end. */
export async function mockStepText(ctx: CommandContext, step: MockStep): Promise<string> {
  const { locale } = ctx;
  const late = 'late' in step && step.late ? [t(locale, 'mock.late')] : [];
  if (step.kind === 'ask') {
    const vars = {
      n: step.index + 1,
      total: step.total,
      topic: clipText(step.question.section, 200),
    };
    return [
      ...late,
      `── ${t(locale, step.index === 0 ? 'mock.title' : 'mock.followUpTitle', vars)} ──`,
      questionText(step.question),
      ...(step.mock.minutes ? [t(locale, 'mock.limit', { minutes: step.mock.minutes })] : []),
      `(${t(locale, 'mock.answerHint')})`,
    ].join('\n');
  }
  if (step.kind === 'finished') {
    return t(locale, 'mock.finished', await mockGrades(ctx.deps, step.mock));
  }
  const total = step.questions.length;
  const current = step.questions[step.index];
  const gradeNext = t(locale, 'mock.gradeNext', {
    n: step.index + 1,
    total,
    prompt: clipText(current?.prompt ?? '', 300),
  });
  if (step.index > 0) return gradeNext;
  // Just after the last answer: every model answer beside the member's own, then the grades.
  const answers = await mockAnswers(ctx.deps, step.mock.id);
  const parts = step.questions.map((q, i) =>
    [
      `── ${t(locale, 'mock.modelOf', { n: i + 1, total, prompt: clipText(q.prompt, 300) })} ──`,
      t(locale, 'mock.yourAnswer', {
        text: clipText(answers.get(q.id) ?? t(locale, 'mock.noAnswer'), 500),
      }),
      modelAnswerText(q, locale),
    ].join('\n'),
  );
  return [...late, t(locale, 'mock.modelAnswers'), ...parts, gradeNext].join('\n\n');
}

/**
 * A line the member wrote while a /review or /mock question is on their screen (the console,
 * the mock's private thread or DM): their answer to it. Null when no such question waits.
 */
export async function answerOnScreen(
  ctx: CommandContext,
  text: string,
): Promise<CommandReply | null> {
  const who = learnerOf(ctx);
  const screen = await screenOf(ctx.deps, who);
  if (!screen || screen.revealed) return null;
  if (screen.kind === 'review') {
    const question = await answerReview(ctx.deps, who, text);
    return question ? { text: t(ctx.locale, 'review.answerSaved'), ephemeral: true } : null;
  }
  const step = await answerMock(ctx.deps, who, text);
  return step ? { text: await mockStepText(ctx, step), ephemeral: true } : null;
}

export const mock = defineCommand({
  name: 'mock',
  description: 'cmd.mock',
  options: [
    { name: 'topic', description: 'cmd.mock.topic' },
    { name: 'minutes', description: 'cmd.mock.minutes' },
  ],
  schema: z
    .object({
      topic: z.string().trim().min(1).max(200).optional(),
      minutes: z.coerce.number().int().min(1).max(MAX_MINUTES).optional(),
    })
    .strict(),
  async handle({ topic, minutes }, ctx) {
    const step = await startMock(ctx.deps, ctx.address, learnerOf(ctx), {
      ...(topic ? { topic } : {}),
      minutes: minutes ?? null,
    });
    return { text: await mockStepText(ctx, step), ephemeral: true };
  },
});
