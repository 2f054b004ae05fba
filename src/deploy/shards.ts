import { randomUUID } from 'node:crypto';
import { and, eq, like, lte, ne } from 'drizzle-orm';
import type { Store } from '../db/store.ts';

/** Each running process with a fixed shard count keeps one row: `discord.shard_count:<id>`. */
const PREFIX = 'discord.shard_count:';
/** A process confirms its count every minute; one silent for this long has stopped. */
export const SHARD_COUNT_STALE_MS = 3 * 60_000;
export const SHARD_COUNT_CONFIRM_MS = 60_000;

export type ShardClaim =
  | { ok: true; release(): Promise<void>; confirm(now: number): Promise<void> }
  | { ok: false; theirs: number; seenAt: number };

/**
 * The total of Discord shards (DISCORD_SHARD_COUNT) this process splits with the others on the
 * database. Each running process keeps its count in a row of its own, confirmed every minute
 * and removed when it stops; a process whose count differs from one confirmed in the last three
 * minutes is refused (its share of the servers would otherwise fall between the processes'
 * shards). A process that died without stopping stops counting after those three minutes.
 */
export async function claimShardCount(
  store: Store,
  count: number,
  now: number,
): Promise<ShardClaim> {
  const key = `${PREFIX}${randomUUID()}`;
  const value = String(count);
  const refused = await store.transaction(
    async ({ db, tables }) => {
      const { deployment } = tables;
      // Rows of processes long gone go first.
      await db
        .delete(deployment)
        .where(
          and(
            like(deployment.key, `${PREFIX}%`),
            lte(deployment.updatedAt, now - SHARD_COUNT_STALE_MS),
          ),
        );
      const [other] = await db
        .select()
        .from(deployment)
        .where(and(like(deployment.key, `${PREFIX}%`), ne(deployment.value, value)))
        .limit(1);
      if (other)
        return { ok: false as const, theirs: Number(other.value), seenAt: other.updatedAt };
      await db.insert(deployment).values({ key, value, updatedAt: now });
      return null;
    },
    { lock: 'deployment' },
  );
  if (refused) return refused;
  const { deployment } = store.tables;
  return {
    ok: true,
    async confirm(at: number) {
      await store.db.update(deployment).set({ updatedAt: at }).where(eq(deployment.key, key));
    },
    async release() {
      await store.db.delete(deployment).where(eq(deployment.key, key));
    },
  };
}
