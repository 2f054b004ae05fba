import { and, asc, count, desc, eq, gt, lte, min, type SQL } from 'drizzle-orm';
import { type Card, fsrs, type Grade as Rated, Rating } from 'ts-fsrs';
import type { CardSnapshot } from '../db/schema.ts';
import type { QuestionRow, Store, Tables } from '../db/store.ts';
import type { PracticeDeps } from './deps.ts';
import type { Platform } from './port.ts';
import type { Grade } from './reactions.ts';

/**
 * Days, not minutes: a chat group reviews once a day, so (re)learning steps are off and the
 * shortest interval is one day (a missed question comes back tomorrow). No fuzz: the same
 * grades on the same days give the same schedule, which members can reason about.
 */
const scheduler = fsrs({ enable_short_term: false, enable_fuzz: false });

const RATING: Record<Grade, Rated> = { ok: Rating.Good, partly: Rating.Hard, missed: Rating.Again };

export type CardRow = Tables['reviewCards']['$inferSelect'];
export type ReviewSource = 'reveal' | 'review' | 'mock';

/** Whose queue: a member of a platform (a Discord user is the same one in every server). */
export interface Learner {
  platform: Platform;
  member: string;
}

export function gradeOfRating(rating: number): Grade {
  return rating === Rating.Good ? 'ok' : rating === Rating.Hard ? 'partly' : 'missed';
}

function snapshot(row: CardRow): CardSnapshot {
  return {
    due: row.due,
    stability: row.stability,
    difficulty: row.difficulty,
    scheduledDays: row.scheduledDays,
    learningSteps: row.learningSteps,
    reps: row.reps,
    lapses: row.lapses,
    state: row.state,
    lastReview: row.lastReview,
  };
}

function toCard(s: CardSnapshot | null, now: number): Card {
  if (!s) {
    return {
      due: new Date(now),
      stability: 0,
      difficulty: 0,
      elapsed_days: 0,
      scheduled_days: 0,
      learning_steps: 0,
      reps: 0,
      lapses: 0,
      state: 0,
    };
  }
  return {
    due: new Date(s.due),
    stability: s.stability,
    difficulty: s.difficulty,
    elapsed_days: 0,
    scheduled_days: s.scheduledDays,
    learning_steps: s.learningSteps,
    reps: s.reps,
    lapses: s.lapses,
    state: s.state,
    ...(s.lastReview !== null ? { last_review: new Date(s.lastReview) } : {}),
  };
}

/** The card after a grade given at `now`, from its state before (null: a new card). */
export function scheduleAfter(
  before: CardSnapshot | null,
  grade: Grade,
  now: number,
): CardSnapshot {
  const { card } = scheduler.next(toCard(before, now), new Date(now), RATING[grade]);
  return {
    due: card.due.getTime(),
    stability: card.stability,
    difficulty: card.difficulty,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    lastReview: card.last_review ? card.last_review.getTime() : now,
  };
}

async function cardOf(
  store: Store,
  who: Learner,
  questionId: string,
): Promise<CardRow | undefined> {
  const { reviewCards } = store.tables;
  const [row] = await store.db
    .select()
    .from(reviewCards)
    .where(
      and(
        eq(reviewCards.platform, who.platform),
        eq(reviewCards.member, who.member),
        eq(reviewCards.questionId, questionId),
      ),
    )
    .limit(1);
  return row;
}

async function lastLog(store: Store, cardId: number) {
  const { reviewLog } = store.tables;
  const [row] = await store.db
    .select()
    .from(reviewLog)
    .where(eq(reviewLog.cardId, cardId))
    .orderBy(desc(reviewLog.id))
    .limit(1);
  return row;
}

/** Writes a card's state: a new card is inserted, an existing one updated. */
async function saveCard(
  store: Store,
  who: Learner,
  questionId: string,
  existing: CardRow | undefined,
  state: CardSnapshot,
  now: number,
): Promise<CardRow> {
  const { reviewCards } = store.tables;
  if (existing) {
    const [row] = await store.db
      .update(reviewCards)
      .set(state)
      .where(eq(reviewCards.id, existing.id))
      .returning();
    return row as CardRow;
  }
  const [row] = await store.db
    .insert(reviewCards)
    .values({ ...who, questionId, ...state, createdAt: now })
    .returning();
  return row as CardRow;
}

/** Takes a review back: the card returns to its state before it (a card it created goes). */
async function undo(store: Store, card: CardRow, log: Tables['reviewLog']['$inferSelect']) {
  const { reviewCards, reviewLog } = store.tables;
  await store.db.delete(reviewLog).where(eq(reviewLog.id, log.id));
  if (log.before === null) await store.db.delete(reviewCards).where(eq(reviewCards.id, card.id));
  else await store.db.update(reviewCards).set(log.before).where(eq(reviewCards.id, card.id));
}

export interface GradeInput extends Learner {
  questionId: string;
  grade: Grade;
  source: ReviewSource;
  /** The drop whose reveal was graded (source `reveal`). */
  dropId?: number | null;
}

/**
 * A member graded themselves on a question: their card for it moves on by FSRS (made on the
 * first grade; an answer without a grade makes none). A second self-grade on the same reveal
 * replaces the first rather than counting as another review.
 */
export async function gradeCard(deps: PracticeDeps, input: GradeInput): Promise<CardRow> {
  const now = deps.clock.now();
  const who = { platform: input.platform, member: input.member };
  return deps.store.transaction(
    async (store) => {
      let card = await cardOf(store, who, input.questionId);
      if (card && input.source === 'reveal' && input.dropId != null) {
        const last = await lastLog(store, card.id);
        if (last?.source === 'reveal' && last.dropId === input.dropId) {
          await undo(store, card, last);
          card = await cardOf(store, who, input.questionId);
        }
      }
      const before = card ? snapshot(card) : null;
      const after = scheduleAfter(before, input.grade, now);
      const saved = await saveCard(store, who, input.questionId, card, after, now);
      await store.db.insert(store.tables.reviewLog).values({
        cardId: saved.id,
        rating: RATING[input.grade],
        source: input.source,
        dropId: input.dropId ?? null,
        before,
        due: after.due,
        reviewedAt: now,
      });
      return saved;
    },
    { lock: `review:${who.platform}:${who.member}` },
  );
}

/**
 * A self-grade taken off a reveal: if it is still the card's latest review, the card goes back
 * to where it was before it.
 */
export async function ungradeReveal(
  deps: PracticeDeps,
  input: Learner & { questionId: string; grade: Grade; dropId: number },
): Promise<boolean> {
  const who = { platform: input.platform, member: input.member };
  return deps.store.transaction(
    async (store) => {
      const card = await cardOf(store, who, input.questionId);
      if (!card) return false;
      const last = await lastLog(store, card.id);
      if (
        last?.source !== 'reveal' ||
        last.dropId !== input.dropId ||
        last.rating !== RATING[input.grade]
      )
        return false;
      await undo(store, card, last);
      return true;
    },
    { lock: `review:${who.platform}:${who.member}` },
  );
}

const mine = ({ reviewCards, questions }: Tables, who: Learner) =>
  and(
    eq(reviewCards.platform, who.platform),
    eq(reviewCards.member, who.member),
    eq(questions.retired, false),
  );

export interface DueCard {
  card: CardRow;
  question: QuestionRow;
}

/**
 * The member's most overdue card at `now`, with its question; a retired question never comes
 * back. Served by the (platform, member, due) index. `where`: only questions that meet it.
 */
export async function nextDue(
  deps: PracticeDeps,
  who: Learner,
  now = deps.clock.now(),
  where?: SQL,
): Promise<DueCard | undefined> {
  const { db, tables } = deps.store;
  const { reviewCards, questions } = tables;
  const [row] = await db
    .select({ card: reviewCards, question: questions })
    .from(reviewCards)
    .innerJoin(questions, eq(questions.id, reviewCards.questionId))
    .where(and(mine(tables, who), lte(reviewCards.due, now), where))
    .orderBy(asc(reviewCards.due), asc(reviewCards.id))
    .limit(1);
  return row;
}

/** When the member's next card falls due after `now`, or null when they have none. */
export async function nextDueAt(
  deps: PracticeDeps,
  who: Learner,
  now = deps.clock.now(),
): Promise<number | null> {
  const { db, tables } = deps.store;
  const { reviewCards, questions } = tables;
  const [row] = await db
    .select({ at: min(reviewCards.due) })
    .from(reviewCards)
    .innerJoin(questions, eq(questions.id, reviewCards.questionId))
    .where(and(mine(tables, who), gt(reviewCards.due, now)));
  return row?.at ?? null;
}

/** How many of the member's cards are due by `until`. */
export async function dueCount(deps: PracticeDeps, who: Learner, until: number): Promise<number> {
  const { db, tables } = deps.store;
  const { reviewCards, questions } = tables;
  const [row] = await db
    .select({ n: count() })
    .from(reviewCards)
    .innerJoin(questions, eq(questions.id, reviewCards.questionId))
    .where(and(mine(tables, who), lte(reviewCards.due, until)));
  return row?.n ?? 0;
}
