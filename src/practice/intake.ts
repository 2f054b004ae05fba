import type { PracticeDeps } from '../core/deps.ts';
import { nextTurn, TURN_MS } from '../core/turns.ts';
import { insertReplies } from '../db/bulk.ts';
import {
  type IncomingReply,
  type ReplyRow,
  recordReply,
  replyRow,
  type ThreadDrop,
  type ThreadDrops,
  threadDropAnswered,
  threadKey,
} from './replies.ts';

/** Replies stored together at most: one INSERT of a batch takes a few milliseconds. */
const BATCH = 128;
/** Replies stored together at least, however slow a batch was. */
const MIN_BATCH = 16;
/**
 * Batches written side by side on PostgreSQL at most, each on a connection of the pool (and
 * one connection of the pool left to the rest of the bot).
 */
const PG_LANES = 4;
/** Threads whose drop an intake on PostgreSQL keeps from one batch to the next, at most. */
const RECENT_THREADS = 1000;

/** The lane of a member's messages: the same for all of them. */
function laneOf(member: string, lanes: number): number {
  let h = 0;
  for (let i = 0; i < member.length; i++) h = (h * 31 + member.charCodeAt(i)) | 0;
  return Math.abs(h) % lanes;
}

interface Waiting {
  reply: IncomingReply;
  resolve: (row: ReplyRow | null) => void;
  reject: (err: unknown) => void;
}

/**
 * Replies of a burst stored together: the messages that arrive while one batch is written wait
 * for the next, and each batch is one transaction (one commit, not one per reply), so the rate
 * of storing grows with the rate of arrival instead of falling behind it. Each caller still
 * hears about its own reply: when a batch fails, its replies are stored one by one, so one
 * bad reply costs no other its place.
 */
class ReplyIntake {
  private queue: Waiting[] = [];
  private running = false;
  /**
   * Replies a batch takes now. On SQLite a batch is written synchronously, so one that held the
   * event loop longer than a turn (src/core/turns.ts: a CPU shared with other work makes it
   * slower) halves the next, and a quick one doubles it back, up to BATCH.
   */
  private batch = BATCH;
  /**
   * On PostgreSQL, the drops of the threads recent batches were in (insertReplies checks each
   * against the database as it stores the row).
   */
  private readonly recent: Map<string, ThreadDrop> | undefined;

  constructor(private readonly deps: PracticeDeps) {
    if (deps.store.dialect === 'postgres') this.recent = new Map();
  }

  record(reply: IncomingReply): Promise<ReplyRow | null> {
    return new Promise((resolve, reject) => {
      this.queue.push({ reply, resolve, reject });
      if (!this.running) {
        this.running = true;
        // After the events already read from the socket have queued theirs.
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    // SQLite has one writer; PostgreSQL takes a few batches side by side when more than one is
    // waiting, each on its own connection. A member's messages always share a lane, so their
    // order (which one is the answer) is kept.
    const store = this.deps.store;
    const most = store.dialect === 'postgres' ? Math.min(PG_LANES, store.poolSize - 1) : 1;
    while (this.queue.length > 0) {
      // A backlog is written a batch per turn of the event loop, never in one stretch.
      await nextTurn();
      const lanes = Math.max(1, Math.min(most, Math.ceil(this.queue.length / this.batch)));
      const taken = this.queue.splice(0, this.batch * lanes);
      const byLane: Waiting[][] = Array.from({ length: lanes }, () => []);
      for (const w of taken) byLane[laneOf(w.reply.member, lanes)]?.push(w);
      // Drops by thread, for the replies a batch leaves to be stored one by one.
      const threads: ThreadDrops = new Map();
      const started = performance.now();
      await Promise.all(byLane.filter((b) => b.length > 0).map((b) => this.write(b, threads)));
      const took = performance.now() - started;
      // PostgreSQL's batches wait on the network, not on the event loop: they keep their size.
      if (store.dialect === 'sqlite' && taken.length >= this.batch) {
        if (took > TURN_MS) this.batch = Math.max(MIN_BATCH, this.batch >> 1);
        else if (took < TURN_MS / 2) this.batch = Math.min(BATCH, this.batch * 2);
      }
    }
    this.running = false;
  }

  private async write(batch: Waiting[], threads: ThreadDrops): Promise<void> {
    if (batch.length === 1) {
      const [one] = batch as [Waiting];
      await recordReply(this.deps, one.reply, threads).then(one.resolve, one.reject);
      return;
    }
    let rows: (ReplyRow | null | undefined)[];
    try {
      rows = await insertBatch(
        this.deps,
        batch.map((w) => w.reply),
        threads,
        this.recent,
      );
    } catch {
      // The statement stored nothing: each reply on its own, each caller told its own outcome,
      // and the threads' drops are read again for the next batch.
      this.recent?.clear();
      for (const w of batch) await recordReply(this.deps, w.reply).then(w.resolve, w.reject);
      return;
    }
    for (const [i, w] of batch.entries()) {
      const row = rows[i];
      if (row !== undefined) w.resolve(row);
      // Not stored by the batch (a redelivered message, an answer another write beat): on its own.
      else await recordReply(this.deps, w.reply, threads).then(w.resolve, w.reject);
    }
  }
}

/**
 * The replies of a batch in one INSERT (src/db/bulk.ts): one statement and one commit for all of
 * them, after a query per thread whose drop is not known yet (on SQLite, every thread). Each reply's outcome, in order: its
 * stored row; null when it is not stored at all (a bot's, or not in a drop's thread); undefined
 * when the statement skipped it (it conflicts with a stored row: a redelivered message, or an
 * answer another process stored meanwhile), it is a second copy of a message in the batch, or it
 * could not be made a row, for the caller to store on its own. Throws when the statement fails:
 * nothing was stored.
 */
async function insertBatch(
  deps: PracticeDeps,
  batch: IncomingReply[],
  threads: ThreadDrops,
  recent?: Map<string, ThreadDrop>,
): Promise<(ReplyRow | null | undefined)[]> {
  // Each thread's drop, with which of the batch's members have their answer in it already: one
  // query per thread (a burst is mostly one thread's), so the INSERT carries plain values. On
  // PostgreSQL a thread read for an earlier batch is not read again: the statement checks that
  // its drop and channel are still as read, and which members have their answer.
  const byThread = new Map<string, { reply: IncomingReply; members: Set<string> }>();
  for (const reply of batch) {
    if (reply.isBot) continue;
    const key = threadKey(reply);
    const thread = byThread.get(key);
    if (thread) thread.members.add(reply.member);
    else byThread.set(key, { reply, members: new Set([reply.member]) });
  }
  const answered = new Set<string>();
  const found = new Map<string, ThreadDrop | undefined>();
  await Promise.all(
    [...byThread].map(async ([key, { reply, members }]) => {
      const known = recent?.get(key);
      if (known) {
        found.set(key, known);
        return;
      }
      const thread = await threadDropAnswered(deps, reply, [...members]);
      found.set(key, thread?.drop);
      // A reply the batch leaves to its caller finds its drop here.
      threads.set(key, Promise.resolve(thread?.drop));
      if (thread && recent) {
        recent.set(key, thread.drop);
        if (recent.size > RECENT_THREADS) recent.delete(recent.keys().next().value as string);
      }
      for (const member of thread?.answered ?? [])
        answered.add(`${thread?.drop.id}\u0000${member}`);
    }),
  );
  const out: (ReplyRow | null | undefined)[] = batch.map(() => null);
  const built: {
    i: number;
    drop: ThreadDrop;
    row: ReturnType<typeof replyRow>['row'];
    countable: boolean;
  }[] = [];
  for (const [i, reply] of batch.entries()) {
    const drop = reply.isBot ? undefined : found.get(threadKey(reply));
    if (!drop) continue;
    try {
      built.push({ i, drop, ...replyRow(deps, reply, drop) });
    } catch {
      // A reply that cannot be made a row fails alone, when the caller stores it on its own.
      out[i] = undefined;
    }
  }
  if (built.length === 0) return out;
  // A message delivered twice within the batch is inserted once: the later copies are left to
  // their callers, who find it stored.
  const first = new Set<string>();
  const unique = built.filter(({ i, row }) => {
    const key = `${row.dropId}\u0000${row.messageRef}`;
    if (first.has(key)) {
      out[i] = undefined;
      return false;
    }
    first.add(key);
    return true;
  });
  // A member's first countable message in the batch is their answer unless they have one; the
  // unique index on (drop, member) where counted refuses it if another process stored one since
  // (the statement skips it and the caller stores it on its own, as discussion).
  const rows = unique.map(({ i, drop, row, countable }) => {
    const key = `${row.dropId}\u0000${row.member}`;
    const counted = countable && !answered.has(key);
    if (counted) answered.add(key);
    return { i, row: { ...row, counted }, read: drop };
  });
  const stored = await insertReplies(deps.store, rows);
  const byRef = new Map(stored.map((r) => [`${r.dropId}\u0000${r.messageRef}`, r]));
  for (const { i, row } of rows) {
    const got = byRef.get(`${row.dropId}\u0000${row.messageRef}`);
    // The row as stored: these values, its id and whether it counted, never edited.
    if (got) out[i] = { ...row, id: got.id, counted: got.counted, editedAt: null };
    else {
      // Skipped: a stored row, or a drop no longer as read, which its caller reads again.
      out[i] = undefined;
      recent?.delete(threadKey(batch[i] as IncomingReply));
    }
  }
  return out;
}

const intakes = new WeakMap<PracticeDeps['store'], ReplyIntake>();

/**
 * Stores a member's message in a drop's thread like `recordReply`, batched with the others that
 * arrive at the same moment (one intake per store).
 */
export function storeReply(deps: PracticeDeps, reply: IncomingReply): Promise<ReplyRow | null> {
  let intake = intakes.get(deps.store);
  if (!intake) {
    intake = new ReplyIntake(deps);
    intakes.set(deps.store, intake);
  }
  return intake.record(reply);
}
