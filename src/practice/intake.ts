import type { PracticeDeps } from '../core/deps.ts';
import { nextTurn, TURN_MS } from '../core/turns.ts';
import { type IncomingReply, type ReplyRow, recordReply, type ThreadDrop } from './replies.ts';

/** Replies stored together at most: a batch holds the store for a few milliseconds. */
const BATCH = 64;
/** Transactions side by side on PostgreSQL (each a connection of the pool). */
const PG_LANES = 4;

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

  constructor(private readonly deps: PracticeDeps) {}

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
    // SQLite has one writer; PostgreSQL takes a few transactions side by side, each on its own
    // connection. A member's messages always share a lane, so their order (which one is the
    // answer) is kept.
    const lanes = this.deps.store.dialect === 'postgres' ? PG_LANES : 1;
    while (this.queue.length > 0) {
      // A backlog is written a batch per turn of the event loop, never in one stretch.
      await nextTurn();
      const taken = this.queue.splice(0, BATCH * lanes);
      const byLane: Waiting[][] = Array.from({ length: lanes }, () => []);
      for (const w of taken) byLane[laneOf(w.reply.member, lanes)]?.push(w);
      await Promise.all(byLane.filter((b) => b.length > 0).map((b) => this.write(b)));
    }
    this.running = false;
  }

  private async write(batch: Waiting[]): Promise<void> {
    if (batch.length === 1) {
      const [one] = batch as [Waiting];
      await recordReply(this.deps, one.reply).then(one.resolve, one.reject);
      return;
    }
    let rows: (ReplyRow | null)[];
    try {
      rows = await this.deps.store.transaction(async (store) => {
        const tx = { ...this.deps, store };
        // A burst is mostly one thread's: its drop is looked up once for the batch.
        const threads = new Map<string, Promise<ThreadDrop | undefined>>();
        const out: (ReplyRow | null)[] = [];
        // SQLite answers synchronously: a batch stops after TURN_MS of work, the rest waits for
        // the next turn (PostgreSQL's round trips let the loop run meanwhile).
        const started = performance.now();
        const timed = this.deps.store.dialect === 'sqlite';
        for (const w of batch) {
          if (timed && out.length > 0 && performance.now() - started > TURN_MS) break;
          out.push(await recordReply(tx, w.reply, threads));
        }
        return out;
      });
    } catch {
      // Nothing of the batch was kept: each reply on its own, each caller told its own outcome.
      for (const w of batch) await recordReply(this.deps, w.reply).then(w.resolve, w.reject);
      return;
    }
    // Those the batch had no time for go first in the next one, in their order.
    this.queue.unshift(...batch.slice(rows.length));
    for (const [i, w] of batch.slice(0, rows.length).entries()) w.resolve(rows[i] ?? null);
  }
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
