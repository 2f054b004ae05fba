import { z } from 'zod';
import { notesText } from '../src/bank/markup.ts';
import { shownTopic } from '../src/core/bidi.ts';
import type { Learner } from '../src/core/cards.ts';
import { channelTimezone, ensureChannel } from '../src/core/channels.ts';
import { type Locale, t } from '../src/core/i18n/index.ts';
import type { Fill } from '../src/core/message.ts';
import type { Grade } from '../src/core/reactions.ts';
import { around, datum, line, paragraphs } from '../src/core/reply/line.ts';
import type { BankQuestion } from '../src/core/select.ts';
import { clipText } from '../src/core/split.ts';
import { setReminder } from '../src/review/remind.ts';
import {
  answerReview,
  gradeReview,
  nextReview,
  type ReviewStep,
  revealReview,
} from '../src/review/session.ts';
import { screenFeedbackButtons } from './feedback.ts';
import type { Button, CommandContext, CommandReply, Form } from './types.ts';
import { defineCommand } from './types.ts';

const GRADE_ORDER: Grade[] = ['ok', 'partly', 'missed'];

/**
 * ✅ 🤔 ❌ as buttons `<command>:grade:<grade>:<question>`, typed as `/grade <grade>` in the
 * console: the question id says which one a click was about.
 */
export function gradeButtons(command: string, locale: Locale, questionId: string): Button[] {
  return GRADE_ORDER.map((g) => ({
    id: `${command}:grade:${g}:${questionId}`,
    label: gradeLabel(locale, g),
    style: g === 'ok' ? 'success' : g === 'missed' ? 'danger' : 'secondary',
    typed: `/grade ${g}`,
  }));
}

/** A button's `<grade>:<question>` argument. */
export function gradeArg(arg: string | null): { grade: Grade; questionId: string } | null {
  const m = /^(ok|partly|missed):(.+)$/s.exec(arg ?? '');
  return m ? { grade: m[1] as Grade, questionId: m[2] as string } : null;
}

/** A form of one long field for the member's own answer (`<command>:answer:<arg>`). */
export function answerForm(command: string, arg: string, ctx: CommandContext, title: string): Form {
  return {
    id: `${command}:answer:${arg}`,
    title: clipText(title, 45),
    fields: [{ id: 'answer', label: clipText(title, 45), long: true, maxLength: 4000 }],
    submit: t(ctx.locale, 'review.submit'),
  };
}

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
export function questionText(question: BankQuestion): string {
  const body = question.body ? `\n${notesText(question.body, question.format)}` : '';
  return clipText(`${question.prompt}${body}`, MAX_SHOWN);
}

/** The model answer of a question, as plain text (the platform escapes it where it must). */
export function modelAnswerText(question: BankQuestion, locale: Locale, max = MAX_SHOWN): string {
  const answer = question.answer
    ? notesText(question.answer, question.format)
    : t(locale, 'reveal.noAnswer');
  return clipText(answer, max);
}

/**
 * A /review step as the member sees it, with its buttons: "write my answer" (a form) and
 * "show answer" under a question; `before` goes first (what the last grade did).
 */
export async function reviewStepReply(
  ctx: CommandContext,
  step: ReviewStep,
  before: Fill[] = [],
): Promise<CommandReply> {
  if (step.kind === 'done') {
    const done =
      step.next === null
        ? line(ctx.locale, 'review.empty')
        : line(ctx.locale, 'review.nothingDue', { date: await dateText(ctx, step.next) });
    return { blocks: paragraphs(...before, done), ephemeral: true };
  }
  const id = step.question.id;
  const topic = clipText(shownTopic(step.question.section), 200);
  const lines = [
    around('── ', line(ctx.locale, 'review.title', { topic, due: step.due }), ' ──'),
    ...(step.elsewhere ? [line(ctx.locale, 'review.elsewhere', { bank: step.question.bank })] : []),
    datum(questionText(step.question)),
    around('(', line(ctx.locale, 'review.hint'), ')'),
  ];
  return {
    blocks: paragraphs(...before, lines),
    ephemeral: true,
    buttons: [
      {
        id: `review:write:${id}`,
        label: t(ctx.locale, 'review.writeButton'),
        typed: t(ctx.locale, 'review.typeAnswer'),
      },
      {
        id: `review:show:${id}`,
        label: t(ctx.locale, 'review.showButton'),
        style: 'primary',
        typed: '/review show',
      },
    ],
  };
}

/** The model answer of the review question on screen, with ✅ 🤔 ❌ to grade it. */
export function modelAnswerReply(ctx: CommandContext, question: BankQuestion): CommandReply {
  return {
    blocks: [
      around('── ', line(ctx.locale, 'reveal.answerTitle'), ' ──'),
      datum(modelAnswerText(question, ctx.locale)),
      around('(', line(ctx.locale, 'review.gradeHint'), ')'),
    ],
    ephemeral: true,
    buttons: gradeButtons('review', ctx.locale, question.id),
  };
}

/** A grade in review (command or button): what it did, then the next due question. */
export async function gradeInReview(
  ctx: CommandContext,
  grade: Grade,
  questionId?: string,
): Promise<CommandReply | undefined> {
  const done = await gradeReview(ctx.deps, learnerOf(ctx), grade, questionId, {
    in: ctx.address,
  });
  if (!done) return undefined;
  const graded = line(ctx.locale, 'review.graded', {
    grade: gradeLabel(ctx.locale, grade),
    date: await dateText(ctx, done.due),
  });
  return reviewStepReply(ctx, done.next, [graded]);
}

const nothingOnScreen = (ctx: CommandContext): CommandReply => ({
  blocks: [line(ctx.locale, 'review.nothingOnScreen')],
  ephemeral: true,
});

export const review = defineCommand({
  name: 'review',
  description: 'cmd.review',
  options: [
    {
      name: 'action',
      description: 'cmd.review.action',
      choices: ['next', 'all', 'show', 'remind'],
    },
    { name: 'value', description: 'cmd.review.value', choices: ['on', 'off'] },
  ],
  schema: z
    .object({
      action: z.enum(['next', 'all', 'show', 'remind']).default('next'),
      value: z.enum(['on', 'off']).optional(),
    })
    .strict(),
  async handle({ action, value }, ctx) {
    const who = learnerOf(ctx);
    if (action === 'remind') {
      if (!value) return { blocks: [line(ctx.locale, 'review.remindUsage')], ephemeral: true };
      await setReminder(ctx.deps, ctx.address, who, value === 'on');
      return {
        blocks: [line(ctx.locale, value === 'on' ? 'review.remindOn' : 'review.remindOff')],
        ephemeral: true,
      };
    }
    if (action === 'show') {
      const question = await revealReview(ctx.deps, who);
      return question ? modelAnswerReply(ctx, question) : nothingOnScreen(ctx);
    }
    // In a channel its own banks' questions come first; `all` takes the most overdue of any.
    const scope = action === 'all' ? {} : { in: ctx.address };
    return reviewStepReply(ctx, await nextReview(ctx.deps, who, scope));
  },
  async onButton(action, arg, ctx) {
    const who = learnerOf(ctx);
    if (action === 'show' && arg) {
      const question = await revealReview(ctx.deps, who, arg);
      return question ? modelAnswerReply(ctx, question) : nothingOnScreen(ctx);
    }
    if (action === 'write' && arg) {
      return {
        blocks: [],
        ephemeral: true,
        form: answerForm('review', arg, ctx, t(ctx.locale, 'review.writeButton')),
      };
    }
    const graded = action === 'grade' ? gradeArg(arg) : null;
    if (graded) {
      return (await gradeInReview(ctx, graded.grade, graded.questionId)) ?? nothingOnScreen(ctx);
    }
    return { blocks: [line(ctx.locale, 'interaction.stale')], ephemeral: true };
  },
  async onForm(formId, values, ctx) {
    const questionId = /^answer:(.+)$/s.exec(formId)?.[1];
    const text = values.answer?.trim() ?? '';
    const question =
      questionId && text
        ? await answerReview(ctx.deps, learnerOf(ctx), text, questionId)
        : undefined;
    if (!question) return nothingOnScreen(ctx);
    return {
      blocks: [line(ctx.locale, 'review.answerSaved')],
      ephemeral: true,
      buttons: [
        {
          id: `review:show:${question.id}`,
          label: t(ctx.locale, 'review.showButton'),
          style: 'primary',
          typed: '/review show',
        },
        ...(await screenFeedbackButtons(ctx)),
      ],
    };
  },
});
