import { and, count, eq, lte } from 'drizzle-orm';
import type { ChannelAddress } from '../chat/port.ts';
import { drops, replies } from '../db/schema.ts';
import { ensureChannel } from './channels.ts';
import type { PracticeDeps } from './deps.ts';
import { dropByThread } from './drops.ts';
import { clipText } from './split.ts';

export type ReplyRow = typeof replies.$inferSelect;

/** Stored answer text is kept to a platform's message limit (Discord with Nitro: 4,000). */
export const MAX_REPLY = 4000;

export interface IncomingReply {
  address: ChannelAddress;
  threadRef: string;
  messageRef: string;
  member: string;
  memberName: string;
  isBot: boolean;
  text: string;
  /** When the member wrote it; defaults to now. */
  at?: number;
}

/**
 * Stores a member's answer in a drop's thread before anything else happens. Bot messages and
 * messages outside drop threads are ignored; a redelivered message is stored once (and the
 * stored row returned).
 */
export function recordReply(deps: PracticeDeps, reply: IncomingReply): ReplyRow | null {
  if (reply.isBot) return null;
  const channel = ensureChannel(deps, reply.address);
  const drop = dropByThread(deps, channel.id, reply.threadRef);
  if (!drop) return null;
  // `.all()` steps the statement to its end, so a commit that fails (a full disk) throws here.
  const [inserted] = deps.db
    .insert(replies)
    .values({
      dropId: drop.id,
      member: reply.member,
      memberName: reply.memberName,
      messageRef: reply.messageRef,
      text: clipText(reply.text, MAX_REPLY),
      createdAt: reply.at ?? deps.clock.now(),
    })
    .onConflictDoNothing()
    .returning()
    .all();
  return (
    inserted ??
    deps.db
      .select()
      .from(replies)
      .where(and(eq(replies.dropId, drop.id), eq(replies.messageRef, reply.messageRef)))
      .get() ??
    null
  );
}

/** 1 for the first answer in a thread, 2 for the next, ... */
export function replyNumber(deps: PracticeDeps, row: ReplyRow): number {
  return (
    deps.db
      .select({ n: count() })
      .from(replies)
      .where(and(eq(replies.dropId, row.dropId), lte(replies.id, row.id)))
      .get()?.n ?? 0
  );
}

/** The reply with that number in a drop's thread. */
export function replyByNumber(deps: PracticeDeps, dropId: number, n: number): ReplyRow | undefined {
  if (!Number.isInteger(n) || n < 1) return undefined;
  return deps.db
    .select()
    .from(replies)
    .where(eq(replies.dropId, dropId))
    .orderBy(replies.id)
    .limit(1)
    .offset(n - 1)
    .get();
}

export function findReply(
  deps: PracticeDeps,
  address: ChannelAddress,
  messageRef: string,
): ReplyRow | undefined {
  const channel = ensureChannel(deps, address);
  return deps.db
    .select({ reply: replies })
    .from(replies)
    .innerJoin(drops, eq(drops.id, replies.dropId))
    .where(and(eq(replies.messageRef, messageRef), eq(drops.channelId, channel.id)))
    .get()?.reply;
}

/** An edited answer replaces the stored text; returns whether it was one of ours. */
export function editReply(
  deps: PracticeDeps,
  address: ChannelAddress,
  messageRef: string,
  text: string,
): boolean {
  const found = findReply(deps, address, messageRef);
  if (!found) return false;
  deps.db
    .update(replies)
    .set({ text: clipText(text, MAX_REPLY), editedAt: deps.clock.now() })
    .where(eq(replies.id, found.id))
    .run();
  return true;
}

/** A deleted answer is removed, with the votes on it. */
export function deleteReply(
  deps: PracticeDeps,
  address: ChannelAddress,
  messageRef: string,
): boolean {
  const found = findReply(deps, address, messageRef);
  if (!found) return false;
  deps.db.delete(replies).where(eq(replies.id, found.id)).run();
  return true;
}
