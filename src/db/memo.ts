/**
 * Values derived from the store that many requests read and few writes change (the ids of a
 * channel's question pool), kept for a short time per store and filed under the table they
 * are read from. A write to that table in this process forgets them at once
 * (`forget('questions')`); another process's write is seen when they expire. Keep here only
 * what a stale value cannot make wrong (a draw checks each id of a stale pool against the
 * table, never trusts it).
 */
export class StoreMemo {
  private readonly values = new Map<string, { value: unknown; until: number }>();

  constructor(
    private readonly ttlMs = 30_000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  async get<T>(table: string, key: string, compute: () => Promise<T>): Promise<T> {
    key = `${table}\u0000${key}`;
    const kept = this.values.get(key);
    const now = this.now();
    if (kept && kept.until > now) return kept.value as T;
    const value = await compute();
    this.values.set(key, { value, until: now + this.ttlMs });
    return value;
  }

  /** Forgets every value read from `table`. */
  forget(table: string): void {
    const prefix = `${table}\u0000`;
    for (const key of this.values.keys()) if (key.startsWith(prefix)) this.values.delete(key);
  }
}
