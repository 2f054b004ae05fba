import { and, eq } from 'drizzle-orm';
import { gradeCard, ungradeReveal } from '../core/cards.ts';
import { atAddress } from '../core/channels.ts';
import type { PracticeDeps } from '../core/deps.ts';
import { notYetShown } from '../core/hidden.ts';
import type { ChannelAddress } from '../core/port.ts';
import { GRADES, type Grade, VOTE } from '../core/reactions.ts';
import { findReply } from './replies.ts';

export interface IncomingReaction {
  address: ChannelAddress;
  messageRef: string;
  member: string;
  isBot: boolean;
  /** Unicode emoji; skin tones and presentation selectors are ignored. */
  emoji: string;
  added: boolean;
}

export type ReactionResult =
  | { kind: 'vote'; replyId: number; counted: boolean }
  | { kind: 'grade'; grade: Grade; counted: boolean }
  | { kind: 'self' }
  /** A vote on a message that is not a counted answer (discussion, or written after the reveal). */
  | { kind: 'uncounted' }
  /** A vote on a hidden answer the reveal has not shown yet (the console can name one). */
  | { kind: 'notShown' }
  | { kind: 'ignored' };

/** 👍🏽 is 👍, ✔️ and ✔ are one: drop skin-tone modifiers and variation selectors. */
export function baseEmoji(emoji: string): string {
  return emoji.replace(/[\u{1F3FB}-\u{1F3FF}\uFE0E\uFE0F]/gu, '');
}

async function store(
  deps: PracticeDeps,
  dropId: number,
  r: IncomingReaction,
  target: string,
  replyId: number | null,
): Promise<boolean> {
  const { db, tables } = deps.store;
  const { votes } = tables;
  const emoji = baseEmoji(r.emoji);
  if (r.added) {
    const added = await db
      .insert(votes)
      .values({ dropId, voter: r.member, target, replyId, emoji, createdAt: deps.clock.now() })
      .onConflictDoNothing()
      .returning({ id: votes.id });
    return added.length > 0;
  }
  const removed = await db
    .delete(votes)
    .where(
      and(
        eq(votes.dropId, dropId),
        eq(votes.voter, r.member),
        eq(votes.target, target),
        eq(votes.emoji, emoji),
      ),
    )
    .returning({ id: votes.id });
  return removed.length > 0;
}

/**
 * A reaction added or removed: ✅ 🤔 ❌ on the reveal are self-checks (and grades of the member's
 * review card for the question), 👍 on an answer is a vote for it. Votes by bots, on one's own
 * answer and on messages that are not a counted answer do not count and are not stored.
 */
export async function recordReaction(
  deps: PracticeDeps,
  r: IncomingReaction,
): Promise<ReactionResult> {
  if (r.isBot) return { kind: 'ignored' };
  const { tables } = deps.store;
  const { drops, channels } = tables;
  const emoji = baseEmoji(r.emoji);
  const grade = GRADES[emoji as keyof typeof GRADES];
  if (grade) {
    const [drop] = await deps.store.db
      .select({ id: drops.id, questionId: drops.questionId })
      .from(drops)
      .innerJoin(channels, eq(channels.id, drops.channelId))
      .where(and(atAddress(tables, r.address), eq(drops.revealRef, r.messageRef)))
      .limit(1);
    if (drop) {
      const counted = await store(deps, drop.id, r, 'reveal', null);
      // The self-check moves the member's review card for the question (a removed one, back).
      if (counted && drop.questionId) {
        const card = {
          platform: r.address.platform,
          member: r.member,
          questionId: drop.questionId,
          grade,
          dropId: drop.id,
        };
        if (r.added) await gradeCard(deps, { ...card, source: 'reveal' });
        else await ungradeReveal(deps, card);
      }
      return { kind: 'grade', grade, counted };
    }
  }
  if (emoji !== VOTE) return { kind: 'ignored' };
  const reply = await findReply(deps, r.address, r.messageRef);
  if (!reply) return { kind: 'ignored' };
  if (reply.member === r.member) return { kind: 'self' };
  if (notYetShown(reply.messageRef)) return { kind: 'notShown' };
  if (!reply.counted) return { kind: 'uncounted' };
  return {
    kind: 'vote',
    replyId: reply.id,
    counted: await store(deps, reply.dropId, r, `reply:${reply.id}`, reply.id),
  };
}
