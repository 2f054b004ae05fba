/**
 * Values derived from the store that many requests read and few writes change (the ids of a
 * channel's question pool), kept per store and filed under the table they are read from. A
 * write to that table in this process forgets them at once (`forget('questions')`). Another
 * process's write is seen in one of two ways:
 * - where the store can tell that another connection has committed since (SQLite's
 *   `PRAGMA data_version`, a few microseconds to ask), values are kept until then and no longer:
 *   a pool of 10,000 ids is not read again every half minute by a bot that is the file's only
 *   writer;
 * - elsewhere (PostgreSQL, whose other processes write all the time), they expire after ttlMs.
 * Keep here only what a stale value cannot make wrong (a draw checks each id of a stale pool
 * against the table, never trusts it).
 */
export class StoreMemo {
  private readonly values = new Map<string, { value: unknown; until: number }>();
  private readonly ttlMs: number;
  private readonly now: () => number;
  private readonly changedElsewhere: (() => boolean) | undefined;
  /** Counts forgets: a value computed across one is returned but not kept (it may predate it). */
  private generation = 0;

  constructor(
    opts: {
      ttlMs?: number;
      now?: () => number;
      /** True when another connection committed since the last call: everything is forgotten. */
      changedElsewhere?: () => boolean;
    } = {},
  ) {
    this.ttlMs = opts.ttlMs ?? 30_000;
    this.now = opts.now ?? (() => performance.now());
    this.changedElsewhere = opts.changedElsewhere;
  }

  async get<T>(table: string, key: string, compute: () => Promise<T>): Promise<T> {
    key = `${table}\u0000${key}`;
    if (this.changedElsewhere?.()) this.forgetAll();
    const kept = this.values.get(key);
    const now = this.now();
    if (kept && (this.changedElsewhere || kept.until > now)) return kept.value as T;
    const generation = this.generation;
    const value = await compute();
    if (generation === this.generation) this.values.set(key, { value, until: now + this.ttlMs });
    return value;
  }

  /** Forgets every value read from `table`. */
  forget(table: string): void {
    const prefix = `${table}\u0000`;
    this.generation++;
    for (const key of this.values.keys()) if (key.startsWith(prefix)) this.values.delete(key);
  }

  private forgetAll(): void {
    this.generation++;
    this.values.clear();
  }
}

/**
 * `changedElsewhere` for a SQLite connection: PRAGMA data_version changes when another
 * connection (another process, `npm run drill`) commits to the file, never for this one's own
 * commits.
 */
export function dataVersionWatch(read: () => number): () => boolean {
  let seen = read();
  return () => {
    const now = read();
    if (now === seen) return false;
    seen = now;
    return true;
  };
}
