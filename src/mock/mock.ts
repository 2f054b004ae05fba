import { and, asc, desc, eq, gte, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { gradeCard, gradeOfRating, type Learner } from '../core/cards.ts';
import { ensureChannel } from '../core/channels.ts';
import type { PracticeDeps } from '../core/deps.ts';
import { UserError } from '../core/errors.ts';
import type { ChannelAddress } from '../core/port.ts';
import type { Grade } from '../core/reactions.ts';
import {
  clearScreen,
  lastPublicAt,
  type ScreenRow,
  screenOf,
  showOnScreen,
  storePrivateAnswer,
} from '../core/screen.ts';
import { inBanks, matchTopics } from '../core/select.ts';
import type { ChannelRow, QuestionRow, Tables } from '../db/store.ts';

export type MockRow = Tables['mocks']['$inferSelect'];
/** A mock interview as commands name it; today the store's row itself. */
export type Mock = MockRow;

/** The longest time limit a mock takes per answer. */
export const MAX_MINUTES = 60;

/**
 * Where a mock is: answering question `index` of `total`, grading question `index` after the
 * model answers were shown, or finished.
 */
export type MockStep =
  | {
      kind: 'ask';
      mock: MockRow;
      question: QuestionRow;
      index: number;
      total: number;
      /** The answer before came after the time limit. */
      late: boolean;
    }
  | { kind: 'grade'; mock: MockRow; questions: QuestionRow[]; index: number; late: boolean }
  | { kind: 'finished'; mock: MockRow; questions: QuestionRow[] };

const active = ({ questions }: Tables) =>
  and(eq(questions.retired, false), eq(questions.kind, 'question'));

/**
 * A main question and its follow-ups in the order of the notes: a main question that has
 * follow-ups when the topic has one (`1.` then `1-1`, `1-2`), else any question on its own.
 */
async function pickInterview(
  deps: PracticeDeps,
  channel: ChannelRow,
  topic: string | undefined,
): Promise<QuestionRow[]> {
  const { db, tables } = deps.store;
  const { questions } = tables;
  const sections = topic ? await matchTopics(deps, channel, topic) : null;
  const inTopic = and(
    active(tables),
    await inBanks(deps, channel),
    sections ? inArray(questions.section, sections) : undefined,
  );
  const hasFollowUps = sql`exists (select 1 from questions f where f.parent = ${questions.id} and f.retired = false and f.kind = 'question')`;
  const pick = async (withFollowUps: boolean) =>
    db
      .select()
      .from(questions)
      .where(and(inTopic, isNull(questions.parent), withFollowUps ? hasFollowUps : undefined))
      .orderBy(asc(questions.bank), asc(questions.position));
  let mains = await pick(true);
  if (mains.length === 0) mains = await pick(false);
  if (mains.length === 0) throw new UserError('ask.empty');
  const main = mains[Math.floor(deps.random() * mains.length)] as QuestionRow;
  const followUps = await db
    .select()
    .from(questions)
    .where(and(active(tables), eq(questions.parent, main.id)))
    .orderBy(asc(questions.position));
  return [main, ...followUps];
}

/** A mock's questions in its order. */
export async function questionsOf(deps: PracticeDeps, mock: MockRow): Promise<QuestionRow[]> {
  const { questions } = deps.store.tables;
  const rows = await deps.store.db
    .select()
    .from(questions)
    .where(inArray(questions.id, mock.questions));
  const byId = new Map(rows.map((q) => [q.id, q]));
  return mock.questions.map((id) => byId.get(id)).filter((q): q is QuestionRow => !!q);
}

async function stepOf(deps: PracticeDeps, mock: MockRow, late: boolean): Promise<MockStep> {
  const questions = await questionsOf(deps, mock);
  const total = questions.length;
  const who = { platform: mock.platform as Learner['platform'], member: mock.member };
  if (mock.step < total) {
    const question = questions[mock.step] as QuestionRow;
    await showOnScreen(deps, who, { kind: 'mock', questionId: question.id, mockId: mock.id });
    return { kind: 'ask', mock, question, index: mock.step, total, late };
  }
  if (mock.step < 2 * total) {
    const index = mock.step - total;
    await showOnScreen(deps, who, {
      kind: 'mock',
      questionId: (questions[index] as QuestionRow).id,
      mockId: mock.id,
      revealed: true,
    });
    return { kind: 'grade', mock, questions, index, late };
  }
  await clearScreen(deps, who);
  return { kind: 'finished', mock, questions };
}

/**
 * Starts a private mock interview for the member: the first question goes on their screen.
 * `threadRef` is where it runs (a private thread on Discord, the DM on Slack).
 */
export async function startMock(
  deps: PracticeDeps,
  address: ChannelAddress,
  who: Learner,
  opts: { topic?: string; minutes?: number | null; threadRef?: string | null } = {},
): Promise<MockStep> {
  const interview = await pickInterview(deps, await ensureChannel(deps, address), opts.topic);
  const now = deps.clock.now();
  const { mocks } = deps.store.tables;
  const [mock] = await deps.store.db
    .insert(mocks)
    .values({
      platform: who.platform,
      workspace: address.workspace,
      channel: address.channel,
      member: who.member,
      questions: interview.map((q) => q.id),
      minutes: opts.minutes ?? null,
      threadRef: opts.threadRef ?? null,
      startedAt: now,
      stepAt: now,
    })
    .returning();
  return stepOf(deps, mock as MockRow, false);
}

/** The member's latest mock that also meets `where` (none: any). */
export async function latestMock(
  deps: PracticeDeps,
  who: Learner,
  where?: SQL,
): Promise<MockRow | undefined> {
  const { mocks } = deps.store.tables;
  const [mock] = await deps.store.db
    .select()
    .from(mocks)
    .where(and(eq(mocks.platform, who.platform), eq(mocks.member, who.member), where))
    .orderBy(desc(mocks.id))
    .limit(1);
  return mock;
}

/** The member's own mock with this id; undefined when it is not theirs or not there. */
export function mockOf(deps: PracticeDeps, who: Learner, id: number): Promise<MockRow | undefined> {
  return latestMock(deps, who, eq(deps.store.tables.mocks.id, id));
}

/**
 * The mock the member is in: the one on screen, or, named by a message in its private place, a
 * form or a button (`mockId`, or the question it is grading), the member's unfinished one even
 * when a /review has taken the screen since; the next step puts it back on screen.
 */
async function currentMock(
  deps: PracticeDeps,
  who: Learner,
  named: { mockId?: number; grading?: string } = {},
): Promise<MockRow | undefined> {
  const screen = await screenOf(deps, who);
  const onScreen = screen?.kind === 'mock' ? screen.mockId : null;
  const { mocks } = deps.store.tables;
  const id = named.mockId ?? onScreen;
  const mock = await latestMock(
    deps,
    who,
    and(isNull(mocks.finishedAt), id !== null ? eq(mocks.id, id) : undefined),
  );
  if (!mock || named.mockId !== undefined || onScreen !== null) return mock;
  // Off screen and named by the question being graded only: that question must be its current.
  const total = mock.questions.length;
  const grading = mock.step >= total ? mock.questions[mock.step - total] : undefined;
  return named.grading !== undefined && grading === named.grading ? mock : undefined;
}

async function advance(deps: PracticeDeps, mock: MockRow, late: boolean): Promise<MockStep> {
  const { mocks } = deps.store.tables;
  const total = mock.questions.length;
  const now = deps.clock.now();
  const step = mock.step + 1;
  const [moved] = await deps.store.db
    .update(mocks)
    .set({ step, stepAt: now, finishedAt: step >= 2 * total ? now : null })
    .where(and(eq(mocks.id, mock.id), eq(mocks.step, mock.step)))
    .returning();
  // Another click got there first: show where the mock is now.
  return stepOf(deps, moved ?? mock, late);
}

/**
 * Ends the member's unfinished mock where it is (`/mock stop`): answers and grades given so far
 * stay; the rest is never asked or graded. The mock, or undefined when none was running.
 */
export async function stopMock(deps: PracticeDeps, who: Learner): Promise<MockRow | undefined> {
  const { mocks } = deps.store.tables;
  const mock = await latestMock(deps, who, isNull(mocks.finishedAt));
  if (!mock) return undefined;
  const [stopped] = await deps.store.db
    .update(mocks)
    .set({ finishedAt: deps.clock.now() })
    .where(and(eq(mocks.id, mock.id), isNull(mocks.finishedAt)))
    .returning();
  const screen = await screenOf(deps, who);
  if (screen?.kind === 'mock' && screen.mockId === mock.id) await clearScreen(deps, who);
  return stopped;
}

/** The member's answer to the mock question on their screen; the next question, or the model answers. */
export async function answerMock(
  deps: PracticeDeps,
  who: Learner,
  text: string,
  at?: { mockId: number; step: number },
): Promise<MockStep | undefined> {
  const mock = await currentMock(deps, who, at ? { mockId: at.mockId } : {});
  if (!mock || mock.step >= mock.questions.length) return undefined;
  // A form from an earlier question (a second click, an old message) answers nothing.
  if (at && (at.mockId !== mock.id || at.step !== mock.step)) return undefined;
  const questionId = mock.questions[mock.step] as string;
  await storePrivateAnswer(deps, who, { questionId, source: 'mock', mockId: mock.id, text });
  const late = mock.minutes !== null && deps.clock.now() - mock.stepAt > mock.minutes * 60_000;
  return advance(deps, mock, late);
}

/**
 * A grade of the mock question on screen after the model answers: it feeds the member's review
 * schedule, and the next one comes up. `questionId` (a button's) must be the one on screen.
 */
export async function gradeMock(
  deps: PracticeDeps,
  who: Learner,
  grade: Grade,
  questionId?: string,
): Promise<{ graded: string; next: MockStep } | undefined> {
  const mock = await currentMock(deps, who, questionId ? { grading: questionId } : {});
  const total = mock?.questions.length ?? 0;
  if (!mock || mock.step < total) return undefined;
  const graded = mock.questions[mock.step - total] as string;
  if (questionId && questionId !== graded) return undefined;
  await gradeCard(deps, { ...who, questionId: graded, grade, source: 'mock' });
  return { graded, next: await advance(deps, mock, false) };
}

/** The mock the member is in, where it is (after a restart or from another place). */
export async function mockInProgress(
  deps: PracticeDeps,
  who: Learner,
): Promise<MockStep | undefined> {
  const mock = await currentMock(deps, who);
  return mock ? stepOf(deps, mock, false) : undefined;
}

/**
 * The member's unfinished mock that moved after `since` (nothing newer was posted in the
 * channel), where it is: what a plain line or /grade goes on with once a /review ended.
 */
export async function waitingMock(
  deps: PracticeDeps,
  who: Learner,
  since: number,
): Promise<MockStep | undefined> {
  const { mocks } = deps.store.tables;
  const mock = await latestMock(deps, who, and(isNull(mocks.finishedAt), gte(mocks.stepAt, since)));
  return mock ? stepOf(deps, mock, false) : undefined;
}

/**
 * The private question a plain line or /grade is about: what the member has on screen, if it was
 * shown after the channel's latest drop was posted or revealed; else a mock left waiting when a
 * /review ended, put back on screen. A drop posted or revealed since takes over from both.
 */
export async function questionInFront(
  deps: PracticeDeps,
  who: Learner,
  address: ChannelAddress,
): Promise<ScreenRow | undefined> {
  const since = await lastPublicAt(deps, address);
  const screen = await screenOf(deps, who);
  if (screen && screen.shownAt >= since) return screen;
  return (await waitingMock(deps, who, since)) ? screenOf(deps, who) : undefined;
}

/** The member's answers in a mock, by question. */
export async function mockAnswers(
  deps: PracticeDeps,
  mockId: number,
): Promise<Map<string, string>> {
  const { privateAnswers } = deps.store.tables;
  const rows = await deps.store.db
    .select({ questionId: privateAnswers.questionId, text: privateAnswers.text })
    .from(privateAnswers)
    .where(eq(privateAnswers.mockId, mockId))
    .orderBy(asc(privateAnswers.id));
  return new Map(rows.map((r) => [r.questionId, r.text]));
}

/** How the member graded the questions of a finished mock. */
export async function mockGrades(
  deps: PracticeDeps,
  mock: MockRow,
): Promise<Record<Grade, number>> {
  const { reviewLog, reviewCards } = deps.store.tables;
  const rows = await deps.store.db
    .select({ rating: reviewLog.rating })
    .from(reviewLog)
    .innerJoin(reviewCards, eq(reviewCards.id, reviewLog.cardId))
    .where(
      and(
        eq(reviewLog.source, 'mock'),
        eq(reviewCards.platform, mock.platform),
        eq(reviewCards.member, mock.member),
        inArray(reviewCards.questionId, mock.questions),
        gte(reviewLog.reviewedAt, mock.startedAt),
      ),
    );
  const out: Record<Grade, number> = { ok: 0, partly: 0, missed: 0 };
  for (const r of rows) out[gradeOfRating(r.rating)]++;
  return out;
}
