import { and, eq } from 'drizzle-orm';
import type { Store } from '../db/store.ts';

const KEY = 'discord.shard_count';
/** A process confirms its count every minute; one silent for this long has stopped. */
export const SHARD_COUNT_STALE_MS = 3 * 60_000;
export const SHARD_COUNT_CONFIRM_MS = 60_000;

export type ShardClaim = { ok: true } | { ok: false; theirs: number; seenAt: number };

/**
 * The total of Discord shards (DISCORD_SHARD_COUNT) this process splits with the others on the
 * database: kept in the database, so a process whose count disagrees with one that is running
 * is refused (its share of the servers would otherwise fall between the processes' shards). A
 * count no running process has confirmed for a while gives way: the host changed it for all.
 */
export async function claimShardCount(
  store: Store,
  count: number,
  now: number,
): Promise<ShardClaim> {
  return store.transaction(
    async ({ db, tables }) => {
      const { deployment } = tables;
      const [row] = await db.select().from(deployment).where(eq(deployment.key, KEY)).limit(1);
      if (row && row.value !== String(count) && now - row.updatedAt < SHARD_COUNT_STALE_MS)
        return { ok: false, theirs: Number(row.value), seenAt: row.updatedAt };
      await db
        .insert(deployment)
        .values({ key: KEY, value: String(count), updatedAt: now })
        .onConflictDoUpdate({
          target: deployment.key,
          set: { value: String(count), updatedAt: now },
        });
      return { ok: true };
    },
    { lock: 'deployment' },
  );
}

/** A running process says its count still holds. */
export async function confirmShardCount(store: Store, count: number, now: number): Promise<void> {
  const { deployment } = store.tables;
  await store.db
    .update(deployment)
    .set({ updatedAt: now })
    .where(and(eq(deployment.key, KEY), eq(deployment.value, String(count))));
}
