import type { PracticeDeps } from './deps.ts';
import { type IncomingReply, type ReplyRow, recordReply } from './replies.ts';

/** Replies stored together at most: a batch holds the store for a few milliseconds. */
const BATCH = 64;

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
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, BATCH);
      await this.write(batch);
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
        const out: (ReplyRow | null)[] = [];
        for (const w of batch) out.push(await recordReply(tx, w.reply));
        return out;
      });
    } catch {
      // Nothing of the batch was kept: each reply on its own, each caller told its own outcome.
      for (const w of batch) await recordReply(this.deps, w.reply).then(w.resolve, w.reject);
      return;
    }
    for (const [i, w] of batch.entries()) w.resolve(rows[i] ?? null);
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
