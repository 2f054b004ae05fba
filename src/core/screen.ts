import { and, desc, eq } from 'drizzle-orm';
import type { Tables } from '../db/store.ts';
import type { Learner } from './cards.ts';
import { atAddress } from './channels.ts';
import type { PracticeDeps } from './deps.ts';
import type { ChannelAddress } from './port.ts';
import { clipText } from './split.ts';

export type ScreenRow = Tables['reviewScreens']['$inferSelect'];

/** Private answers are kept to the same limit as answers in a thread. */
const MAX_ANSWER = 4000;

const of = ({ reviewScreens }: Tables, who: Learner) =>
  and(eq(reviewScreens.platform, who.platform), eq(reviewScreens.member, who.member));

/** What the member has on screen in /review or /mock, if anything. */
export async function screenOf(deps: PracticeDeps, who: Learner): Promise<ScreenRow | undefined> {
  const { db, tables } = deps.store;
  const [row] = await db.select().from(tables.reviewScreens).where(of(tables, who)).limit(1);
  return row;
}

/** When the channel's latest drop was posted or revealed (0: none yet). */
export async function lastPublicAt(deps: PracticeDeps, address: ChannelAddress): Promise<number> {
  const { tables } = deps.store;
  const { drops, channels } = tables;
  // A join, not ensureChannel: a DM where a mock runs gets no channel row.
  const [latest] = await deps.store.db
    .select({ postedAt: drops.postedAt, revealedAt: drops.revealedAt })
    .from(drops)
    .innerJoin(channels, eq(channels.id, drops.channelId))
    .where(and(atAddress(tables, address), eq(drops.status, 'posted')))
    .orderBy(desc(drops.id))
    .limit(1);
  return Math.max(latest?.postedAt ?? 0, latest?.revealedAt ?? 0);
}

/** Puts a question on the member's screen (one at a time: it replaces what was there). */
export async function showOnScreen(
  deps: PracticeDeps,
  who: Learner,
  screen: {
    kind: 'review' | 'mock';
    questionId: string;
    mockId?: number | null;
    revealed?: boolean;
  },
): Promise<void> {
  const { reviewScreens } = deps.store.tables;
  const values = {
    kind: screen.kind,
    questionId: screen.questionId,
    mockId: screen.mockId ?? null,
    revealed: screen.revealed ?? false,
    shownAt: deps.clock.now(),
  };
  await deps.store.db
    .insert(reviewScreens)
    .values({ ...who, ...values })
    .onConflictDoUpdate({ target: [reviewScreens.platform, reviewScreens.member], set: values })
    .returning({ id: reviewScreens.id });
}

export async function markRevealed(deps: PracticeDeps, who: Learner): Promise<void> {
  const { db, tables } = deps.store;
  await db.update(tables.reviewScreens).set({ revealed: true }).where(of(tables, who));
}

export async function clearScreen(deps: PracticeDeps, who: Learner): Promise<void> {
  const { db, tables } = deps.store;
  await db.delete(tables.reviewScreens).where(of(tables, who));
}

/** An answer written in /review or /mock: stored like a thread answer, seen only by its author. */
export async function storePrivateAnswer(
  deps: PracticeDeps,
  who: Learner,
  answer: { questionId: string; source: 'review' | 'mock'; mockId?: number | null; text: string },
): Promise<void> {
  await deps.store.db
    .insert(deps.store.tables.privateAnswers)
    .values({
      ...who,
      questionId: answer.questionId,
      source: answer.source,
      mockId: answer.mockId ?? null,
      text: clipText(answer.text, MAX_ANSWER),
      createdAt: deps.clock.now(),
    })
    .returning({ id: deps.store.tables.privateAnswers.id });
}
