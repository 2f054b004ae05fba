import { dueCount, gradeCard, type Learner, nextDue, nextDueAt } from '../core/cards.ts';
import { ensureChannel } from '../core/channels.ts';
import type { PracticeDeps } from '../core/deps.ts';
import type { ChannelAddress } from '../core/port.ts';
import type { Grade } from '../core/reactions.ts';
import {
  clearScreen,
  markRevealed,
  screenOf,
  showOnScreen,
  storePrivateAnswer,
} from '../core/screen.ts';
import { inBanks, questionById } from '../core/select.ts';
import type { QuestionRow } from '../db/store.ts';

/**
 * What /review shows next: a due question (and how many are due with it; `elsewhere` when it is
 * not from the banks of the channel the review runs in), or when the next is.
 */
export type ReviewStep =
  | { kind: 'question'; question: QuestionRow; due: number; elsewhere: boolean }
  | { kind: 'done'; next: number | null };

/**
 * The member's next due question, put on their screen; or, when none is due, the next date.
 * In a channel (`in`), the questions of that channel's banks come first, the rest after them.
 */
export async function nextReview(
  deps: PracticeDeps,
  who: Learner,
  opts: { in?: ChannelAddress } = {},
): Promise<ReviewStep> {
  const now = deps.clock.now();
  const here = opts.in ? await inBanks(deps, await ensureChannel(deps, opts.in)) : undefined;
  const local = here ? await nextDue(deps, who, now, here) : undefined;
  const due = local ?? (await nextDue(deps, who, now));
  if (!due) {
    const screen = await screenOf(deps, who);
    if (screen?.kind === 'review') await clearScreen(deps, who);
    return { kind: 'done', next: await nextDueAt(deps, who, now) };
  }
  await showOnScreen(deps, who, { kind: 'review', questionId: due.question.id });
  const elsewhere = here !== undefined && local === undefined;
  return {
    kind: 'question',
    question: due.question,
    due: await dueCount(deps, who, now),
    elsewhere,
  };
}

/** The question on the member's review screen, if one is there (`questionId`: only that one). */
async function reviewScreen(deps: PracticeDeps, who: Learner, questionId?: string) {
  const screen = await screenOf(deps, who);
  if (screen?.kind !== 'review') return undefined;
  if (questionId && screen.questionId !== questionId) return undefined;
  const question = await questionById(deps, screen.questionId);
  return question ? { screen, question } : undefined;
}

/** The member's own answer to the question on their review screen (optional; private). */
export async function answerReview(
  deps: PracticeDeps,
  who: Learner,
  text: string,
  questionId?: string,
): Promise<QuestionRow | undefined> {
  const on = await reviewScreen(deps, who, questionId);
  if (!on || on.screen.revealed) return undefined;
  await storePrivateAnswer(deps, who, { questionId: on.question.id, source: 'review', text });
  return on.question;
}

/** "Show answer": the question on the review screen, now waiting for a grade. */
export async function revealReview(
  deps: PracticeDeps,
  who: Learner,
  questionId?: string,
): Promise<QuestionRow | undefined> {
  const on = await reviewScreen(deps, who, questionId);
  if (!on) return undefined;
  await markRevealed(deps, who);
  return on.question;
}

/**
 * A grade in review: the card moves on, and the next due question comes up. Undefined when no
 * review question is on the member's screen (`questionId`: or another one is).
 */
export async function gradeReview(
  deps: PracticeDeps,
  who: Learner,
  grade: Grade,
  questionId?: string,
  opts: { in?: ChannelAddress } = {},
): Promise<{ graded: QuestionRow; due: number; next: ReviewStep } | undefined> {
  const on = await reviewScreen(deps, who, questionId);
  if (!on) return undefined;
  const card = await gradeCard(deps, {
    ...who,
    questionId: on.question.id,
    grade,
    source: 'review',
  });
  await clearScreen(deps, who);
  return { graded: on.question, due: card.due, next: await nextReview(deps, who, opts) };
}
