import { z } from 'zod';
import { shownTopic } from '../src/core/bidi.ts';
import { channelLocale, ensureChannel } from '../src/core/channels.ts';
import type { PracticeDeps } from '../src/core/deps.ts';
import { LOCALES, type Locale, t } from '../src/core/i18n/index.ts';
import type { Fill } from '../src/core/message.ts';
import type { OutMessage } from '../src/core/port.ts';
import type { Grade } from '../src/core/reactions.ts';
import {
  around,
  BLANK,
  datum,
  joinLines,
  line,
  mergeLines,
  paragraphs,
  prose,
} from '../src/core/reply/line.ts';
import { clipText } from '../src/core/split.ts';
import {
  answerMock,
  gradeMock,
  MAX_MINUTES,
  type MockStep,
  mockGrades,
  questionInFront,
  stopMock,
} from '../src/mock/mock.ts';
import { mockAddress, mockAt, postInPlace, startPrivateMock } from '../src/mock/place.ts';
import { answerReview } from '../src/review/session.ts';
import { screenFeedbackButtons } from './feedback.ts';
import { modelAnswerStep, moreOfModelAnswer } from './mock-answers.ts';
import { optionName } from './problems.ts';
import {
  answerForm,
  gradeArg,
  gradeButtons,
  gradeLabel,
  learnerOf,
  questionText,
} from './review.ts';
import { type CommandContext, type CommandReply, defineCommand } from './types.ts';
import { usage } from './usage.ts';

/**
 * A mock step as the member sees it, with its buttons: "answer" (a form) under a question,
 * ✅ 🤔 ❌ under the question to grade; `before` goes first. In the mock's private place (its
 * thread, the DM) the step is a message there; elsewhere only the member sees it.
 */
export async function mockStepReply(
  ctx: CommandContext,
  step: MockStep,
  before: Fill[] = [],
): Promise<CommandReply> {
  const ephemeral = ctx.threadRef === null || ctx.threadRef !== step.mock.threadRef;
  if (step.kind === 'grade') {
    const question = step.questions[step.index];
    const parts = await mockStepParts(ctx, step, before);
    const grades = question ? gradeButtons('mock', ctx.locale, question.id) : [];
    const coach = await screenFeedbackButtons(ctx);
    return { blocks: parts.blocks, ephemeral, buttons: [...parts.buttons, ...grades, ...coach] };
  }
  const blocks = paragraphs(...before, await mockStepLines(ctx, step));
  if (step.kind === 'ask') {
    return {
      blocks,
      ephemeral,
      buttons: [
        {
          id: `mock:write:${step.mock.id}.${step.index}`,
          label: t(ctx.locale, 'mock.answerButton'),
          style: 'primary',
          typed: t(ctx.locale, 'review.typeAnswer'),
        },
      ],
    };
  }
  return { blocks, ephemeral };
}

const asMessage = (reply: CommandReply): OutMessage => ({
  body: '',
  blocks: mergeLines(reply.blocks),
  ...(reply.buttons ? { buttons: reply.buttons } : {}),
});

/**
 * A message a member wrote in a private place (a thread, their DM): when a mock of theirs runs
 * there, it is their answer to the question the mock is at, and the next step is posted there.
 * False when no mock of theirs runs there (the message is someone else's business).
 */
export async function answerInPlace(
  deps: PracticeDeps,
  message: {
    platform: CommandContext['address']['platform'];
    member: string;
    name: string;
    threadRef: string;
    text: string;
  },
): Promise<boolean> {
  const who = { platform: message.platform, member: message.member };
  const mock = await mockAt(deps, who, message.threadRef);
  if (!mock) return false;
  const text = message.text.trim();
  if (!text || mock.finishedAt !== null) return true;
  const step = await answerMock(deps, who, text, { mockId: mock.id, step: mock.step });
  if (!step) return true;
  const address = mockAddress(mock);
  const ctx: CommandContext = {
    deps,
    address,
    threadRef: message.threadRef,
    member: { id: message.member, name: message.name, canManage: false },
    locale: channelLocale(await ensureChannel(deps, address)),
  };
  await postInPlace(deps, step.mock, asMessage(await mockStepReply(ctx, step)));
  return true;
}

/** A grade of the mock question on screen (command or button); undefined when none waits. */
export async function gradeInMock(
  ctx: CommandContext,
  grade: Grade,
  questionId?: string,
): Promise<CommandReply | undefined> {
  const done = await gradeMock(ctx.deps, learnerOf(ctx), grade, questionId);
  if (!done) return undefined;
  const graded = line(ctx.locale, 'grade.recorded', { grade: gradeLabel(ctx.locale, grade) });
  return mockStepReply(ctx, done.next, [graded]);
}

async function mockStepLines(ctx: CommandContext, step: MockStep): Promise<Fill[]> {
  const { locale } = ctx;
  const late = 'late' in step && step.late ? [line(locale, 'mock.late')] : [];
  if (step.kind === 'ask') {
    const vars = {
      n: step.index + 1,
      total: step.total,
      topic: clipText(shownTopic(step.question.section), 200),
    };
    const hint = line(locale, 'mock.answerHint');
    const hints = step.index === 0 ? joinLines([hint, line(locale, 'mock.stopHint')], ' ') : hint;
    return [
      ...late,
      around(
        '── ',
        line(locale, step.index === 0 ? 'mock.title' : 'mock.followUpTitle', vars),
        ' ──',
      ),
      datum(questionText(step.question)),
      ...(step.mock.minutes ? [line(locale, 'mock.limit', { minutes: step.mock.minutes })] : []),
      around('(', hints, ')'),
    ];
  }
  if (step.kind === 'finished') {
    return [line(locale, 'mock.finished', await mockGrades(ctx.deps, step.mock))];
  }
  return (await mockStepParts(ctx, step)).blocks;
}

/** A grade step: its question's model answer whole (page by page), then what to grade. */
async function mockStepParts(
  ctx: CommandContext,
  step: MockStep & { kind: 'grade' },
  before: Fill[] = [],
) {
  const { locale } = ctx;
  const late = step.late ? [line(locale, 'mock.late')] : [];
  const total = step.questions.length;
  const current = step.questions[step.index];
  const gradeNext = line(locale, 'mock.gradeNext', {
    n: step.index + 1,
    total,
    prompt: clipText(current?.prompt ?? '', 300),
  });
  const title = step.index === 0 ? [line(locale, 'mock.modelAnswers')] : [];
  return modelAnswerStep(
    ctx,
    step.mock,
    step.questions,
    step.index,
    [...before, ...late, ...title],
    gradeNext,
  );
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
  const screen = await questionInFront(ctx.deps, who, ctx.address);
  if (!screen || screen.revealed) return null;
  if (screen.kind === 'review') {
    const question = await answerReview(ctx.deps, who, text);
    return question ? { blocks: [line(ctx.locale, 'review.answerSaved')], ephemeral: true } : null;
  }
  const step = await answerMock(ctx.deps, who, text);
  return step ? mockStepReply(ctx, step) : null;
}

const noMock = (ctx: CommandContext): CommandReply => ({
  blocks: [line(ctx.locale, 'interaction.stale')],
  ephemeral: true,
});

/**
 * `자기 PR 5` typed as the topic: the topic `자기 PR` and 5 minutes. A last word that is a
 * number is always the minutes (`HTTP 999` is 999 minutes, too many), so a wrong number is
 * said as one; `problem` is what is wrong with the minutes, in the channel's language.
 */
function topicAndMinutes(
  input: { topic?: string | undefined; minutes?: number | undefined },
  locale: Locale,
): { topic: string | undefined; minutes: number | undefined; problem?: Fill } {
  const option = optionName(locale, 'minutes');
  const typed = input.minutes === undefined ? /^(.*\S)\s+(\d+)$/.exec(input.topic ?? '') : null;
  const minutes = typed ? Number(typed[2]) : input.minutes;
  const topic = typed ? typed[1] : input.topic;
  const value = typed ? (typed[2] as string) : String(minutes);
  if (minutes !== undefined && minutes > MAX_MINUTES)
    return {
      topic,
      minutes,
      problem: line(locale, 'option.tooBig', { option, max: MAX_MINUTES, value }),
    };
  if (minutes !== undefined && minutes < 1)
    return { topic, minutes, problem: line(locale, 'option.tooSmall', { option, min: 1, value }) };
  return { topic, minutes };
}

/** `/mock stop` in either language's word, in any channel. */
function isStop(topic: string | undefined): boolean {
  const word = topic?.trim().toLowerCase();
  return word !== undefined && LOCALES.some((locale) => word === t(locale, 'mock.stopWord'));
}

export const mock = defineCommand({
  name: 'mock',
  description: 'cmd.mock',
  needs: ['privateThreads'],
  options: [
    // In text, the topic may have spaces (`/mock 자기 PR 5`): a last word that is a number is
    // the minutes.
    { name: 'topic', description: 'cmd.mock.topic', rest: true },
    { name: 'minutes', description: 'cmd.mock.minutes' },
  ],
  schema: z
    .object({
      topic: z.string().trim().min(1).max(200).optional(),
      minutes: z.coerce.number().int().min(1).max(MAX_MINUTES).optional(),
    })
    .strict(),
  async handle(input, ctx) {
    // `/mock stop` (or `/mock 그만`, in any channel) ends the running mock.
    if (isStop(input.topic)) {
      const stopped = await stopMock(ctx.deps, learnerOf(ctx));
      return {
        blocks: [line(ctx.locale, stopped ? 'mock.stopped' : 'mock.noneToStop')],
        ephemeral: true,
      };
    }
    const { topic, minutes, problem } = topicAndMinutes(input, ctx.locale);
    if (problem) {
      const shown = usage(mock, ctx.locale);
      return {
        blocks: [
          line(ctx.locale, 'error.badOptions', {
            usage: prose(shown),
            detail: problem,
          }),
        ],
        ephemeral: true,
      };
    }
    const started = await startPrivateMock(
      ctx.deps,
      ctx.address,
      learnerOf(ctx),
      {
        ...(topic ? { topic } : {}),
        minutes: minutes ?? null,
        placeName: t(ctx.locale, 'mock.placeName', { name: clipText(ctx.member.name, 60) }),
      },
      async (step) =>
        asMessage(await mockStepReply({ ...ctx, threadRef: step.mock.threadRef }, step)),
    );
    if (started.place) {
      const link = started.place.link ? { url: started.place.link } : '';
      return { blocks: [line(ctx.locale, 'mock.started', { link })], ephemeral: true };
    }
    const reply = await mockStepReply(ctx, started.step);
    if (!started.refused) return reply;
    const why = line(ctx.locale, 'mock.privateRefused', {
      reason: started.refused.reasonLine(ctx.locale),
    });
    return { ...reply, blocks: [why, BLANK, ...reply.blocks] };
  },
  async onButton(action, arg, ctx) {
    if (action === 'write' && arg) {
      return {
        blocks: [],
        ephemeral: true,
        form: answerForm('mock', arg, ctx, t(ctx.locale, 'mock.answerButton')),
      };
    }
    if (action === 'more') return (await moreOfModelAnswer(ctx, arg)) ?? noMock(ctx);
    const graded = action === 'grade' ? gradeArg(arg) : null;
    if (graded) return (await gradeInMock(ctx, graded.grade, graded.questionId)) ?? noMock(ctx);
    return noMock(ctx);
  },
  /** `answer:<mock>.<step>`: the answer to that step, if the mock is still at it. */
  async onForm(formId, values, ctx) {
    const m = /^answer:(\d+)\.(\d+)$/.exec(formId);
    const text = values.answer?.trim() ?? '';
    if (!m || !text) return noMock(ctx);
    const step = await answerMock(ctx.deps, learnerOf(ctx), text, {
      mockId: Number(m[1]),
      step: Number(m[2]),
    });
    return step ? mockStepReply(ctx, step) : noMock(ctx);
  },
});
