import { and, count, eq, inArray, lte, sql } from 'drizzle-orm';
import { withoutBidiControls } from '../core/bidi.ts';
import { atAddress } from '../core/channels.ts';
import type { PracticeDeps } from '../core/deps.ts';
import type { ChannelAddress } from '../core/port.ts';
import { clipText } from '../core/split.ts';
import { localDate } from '../core/zone.ts';
import { preparedFor } from '../db/prepared.ts';
import type { ReplyRow } from '../db/store.ts';
import { countedOnly, dropChannel } from '../db/where.ts';
import { dropById } from './lookup.ts';

export type { ReplyRow };

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

export interface ThreadDrop {
  id: number;
  revealedAt: number | null;
  answers: string;
  timezone: string | null;
}

/**
 * The drops of a thread, with what storing a reply needs of the drop's channel and which of the
 * members `m0…m{n-1}` have their counted answer in it: one prepared query per number of members
 * (none: the drop alone), built and compiled once, as a reply arrives for every message.
 */
function threadDropQuery(store: PracticeDeps['store'], members: number) {
  return preparedFor(store, `thread drop answered ${members}`, (db, tables) => {
    const { drops, channels, replies } = tables;
    const names = Array.from({ length: members }, (_, k) => sql.placeholder(`m${k}`));
    const address = and(
      eq(channels.platform, sql.placeholder('platform')),
      eq(channels.workspace, sql.placeholder('workspace')),
      eq(channels.channel, sql.placeholder('channel')),
      eq(drops.threadRef, sql.placeholder('thread')),
    );
    const drop = {
      id: drops.id,
      revealedAt: drops.revealedAt,
      answers: channels.answers,
      timezone: channels.timezone,
    };
    if (members === 0)
      return db
        .select(drop)
        .from(drops)
        .innerJoin(channels, eq(channels.id, dropChannel(drops)))
        .where(address)
        .limit(1);
    return (
      db
        .select({ ...drop, member: replies.member })
        .from(drops)
        .innerJoin(channels, eq(channels.id, dropChannel(drops)))
        // The bare column, as the partial index on (drop, member) where counted is written.
        .leftJoin(
          replies,
          and(eq(replies.dropId, drops.id), countedOnly(replies), inArray(replies.member, names)),
        )
        .where(address)
    );
  });
}

function threadValues(reply: IncomingReply, members: string[] = []) {
  const values: Record<string, unknown> = {
    platform: reply.address.platform,
    workspace: reply.address.workspace,
    channel: reply.address.channel,
    thread: reply.threadRef,
  };
  for (const [k, member] of members.entries()) values[`m${k}`] = member;
  return values;
}

/** The drop whose thread a reply is in, with what storing it needs of its channel. */
async function threadDrop(
  deps: PracticeDeps,
  reply: IncomingReply,
): Promise<ThreadDrop | undefined> {
  // A thread of one of our drops: its channel has a row already, so none is created here.
  const [drop] = (await threadDropQuery(deps.store, 0).execute(
    threadValues(reply),
  )) as ThreadDrop[];
  return drop;
}

/**
 * The drop of the reply's thread as `threadDrop` finds it, and which of `members` have their
 * counted answer in it: one query for the replies of a batch in one thread (intake.ts).
 */
export async function threadDropAnswered(
  deps: PracticeDeps,
  reply: IncomingReply,
  members: string[],
): Promise<{ drop: ThreadDrop; answered: Set<string> } | undefined> {
  const rows = (await threadDropQuery(deps.store, members.length).execute(
    threadValues(reply, members),
  )) as (ThreadDrop & { member: string | null })[];
  const [first] = rows;
  if (!first) return undefined;
  const { member: _, ...drop } = first;
  const answered = new Set<string>();
  for (const r of rows) if (r.id === drop.id && r.member !== null) answered.add(r.member);
  return { drop, answered };
}

/** Drops already looked up by thread, shared by the replies of one batch (intake.ts). */
export type ThreadDrops = Map<string, Promise<ThreadDrop | undefined>>;

/** The key of a reply's thread in `ThreadDrops`. */
export const threadKey = (reply: IncomingReply) =>
  `${reply.address.platform}\u0000${reply.address.workspace}\u0000${reply.address.channel}\u0000${reply.threadRef}`;

/** The drop of the reply's thread, looked up once per thread in `threads`. */
export function dropOfThread(
  deps: PracticeDeps,
  reply: IncomingReply,
  threads?: ThreadDrops,
): Promise<ThreadDrop | undefined> {
  const key = threadKey(reply);
  let found = threads?.get(key);
  if (!found) {
    found = threadDrop(deps, reply);
    threads?.set(key, found);
  }
  return found;
}

/**
 * The row a reply is stored as (without `counted`), and whether it may be the member's answer:
 * written before the reveal, and not in a drop with hidden answers (there a message in the
 * thread before the reveal is talk: answers go through the Answer button, hidden.ts).
 */
export function replyRow(deps: PracticeDeps, reply: IncomingReply, drop: ThreadDrop) {
  const at = reply.at ?? deps.clock.now();
  const row = {
    dropId: drop.id,
    member: reply.member,
    memberName: withoutBidiControls(reply.memberName),
    messageRef: reply.messageRef,
    text: clipText(reply.text, MAX_REPLY),
    createdAt: at,
    // Its leaderboard day, in the channel's zone (member_counts is kept per day).
    day: localDate(at, drop.timezone ?? deps.defaults.timezone),
  };
  const beforeReveal = drop.revealedAt === null || at < drop.revealedAt;
  const countable = beforeReveal && !(drop.answers === 'hidden' && drop.revealedAt === null);
  return { row, countable };
}

/**
 * `counted` for a member's message: true unless they have their answer already, asked in the
 * insert itself (one statement for a member's later messages, not a refused insert and another).
 */
function firstAnswer(deps: PracticeDeps, dropId: number, member: string) {
  const { replies } = deps.store.tables;
  return sql`not exists (select 1 from ${replies} r where r.drop_id = ${dropId} and r.member = ${member} and r.counted)`;
}

/**
 * Stores a member's message in a drop's thread before anything else happens. The member's first
 * message written before the reveal is their answer (`counted`); later ones are discussion. Bot
 * messages and messages outside drop threads are ignored; a redelivered message is stored once
 * (and the stored row returned).
 */
export async function recordReply(
  deps: PracticeDeps,
  reply: IncomingReply,
  threads?: ThreadDrops,
): Promise<ReplyRow | null> {
  if (reply.isBot) return null;
  const { db, tables } = deps.store;
  const { replies } = tables;
  const drop = await dropOfThread(deps, reply, threads);
  if (!drop) return null;
  const { row, countable } = replyRow(deps, reply, drop);
  // The unique index on (drop, member) where counted lets one counted row per member win, even
  // when two of their messages arrive at once; the loser is stored as discussion.
  // Awaited, the insert is read to its end (SQLite: `.all()`), so a failed commit throws here.
  for (const counted of countable ? [firstAnswer(deps, drop.id, reply.member), false] : [false]) {
    const [inserted] = await db
      .insert(replies)
      .values({ ...row, counted })
      .onConflictDoNothing()
      .returning();
    if (inserted) return inserted;
  }
  const [stored] = await db
    .select()
    .from(replies)
    .where(and(eq(replies.dropId, drop.id), eq(replies.messageRef, reply.messageRef)))
    .limit(1);
  return stored ?? null;
}

/**
 * The number of the member's counted answer in the drop's thread (1 for the first member who
 * answered, 2 for the next, ...): the row's own when it is the answer, else the one that counts
 * for them; null when they have none.
 */
export async function answerNumber(deps: PracticeDeps, row: ReplyRow): Promise<number | null> {
  const { replies } = deps.store.tables;
  const [answer] = row.counted
    ? [row]
    : await deps.store.db
        .select()
        .from(replies)
        .where(
          and(eq(replies.dropId, row.dropId), eq(replies.member, row.member), countedOnly(replies)),
        )
        .limit(1);
  if (!answer) return null;
  const [counted] = await deps.store.db
    .select({ n: count() })
    .from(replies)
    .where(
      and(eq(replies.dropId, answer.dropId), countedOnly(replies), lte(replies.id, answer.id)),
    );
  return counted?.n ?? null;
}

/** The counted answer with that number in a drop's thread. */
export async function replyByNumber(
  deps: PracticeDeps,
  dropId: number,
  n: number,
): Promise<ReplyRow | undefined> {
  if (!Number.isInteger(n) || n < 1) return undefined;
  const { replies } = deps.store.tables;
  const [row] = await deps.store.db
    .select()
    .from(replies)
    .where(and(eq(replies.dropId, dropId), countedOnly(replies)))
    .orderBy(replies.id)
    .limit(1)
    .offset(n - 1);
  return row;
}

export async function findReply(
  deps: PracticeDeps,
  address: ChannelAddress,
  messageRef: string,
): Promise<ReplyRow | undefined> {
  const { tables } = deps.store;
  const { drops, replies, channels } = tables;
  const [row] = await deps.store.db
    .select({ reply: replies })
    .from(replies)
    .innerJoin(drops, eq(drops.id, replies.dropId))
    .innerJoin(channels, eq(channels.id, dropChannel(drops)))
    .where(and(eq(replies.messageRef, messageRef), atAddress(tables, address)))
    .limit(1);
  return row?.reply;
}

/**
 * An edited message replaces the stored text; returns whether it was one of ours. A counted
 * answer edited after the reveal keeps the text it had at the reveal.
 */
export async function editReply(
  deps: PracticeDeps,
  address: ChannelAddress,
  messageRef: string,
  text: string,
): Promise<boolean> {
  const found = await findReply(deps, address, messageRef);
  if (!found) return false;
  const { replies } = deps.store.tables;
  if (found.counted) {
    const drop = await dropById(deps, found.dropId);
    if (drop?.revealedAt != null && drop.revealedAt <= deps.clock.now()) return true;
  }
  await deps.store.db
    .update(replies)
    .set({ text: clipText(text, MAX_REPLY), editedAt: deps.clock.now() })
    .where(eq(replies.id, found.id));
  return true;
}

/** A deleted answer is removed, with the votes on it. */
export async function deleteReply(
  deps: PracticeDeps,
  address: ChannelAddress,
  messageRef: string,
): Promise<boolean> {
  const found = await findReply(deps, address, messageRef);
  if (!found) return false;
  const { replies } = deps.store.tables;
  await deps.store.db.delete(replies).where(eq(replies.id, found.id));
  return true;
}
