/**
 * Processes on one database split Discord by the same shard count: the count is kept in the
 * database, a process that disagrees with a running one is refused with a clear line, and a
 * count no running process confirms any more gives way to a new one.
 */
import { describe, expect, it } from 'vitest';
import { claimShardCount, confirmShardCount, SHARD_COUNT_STALE_MS } from '../src/deploy/shards.ts';
import {
  newStoreTarget,
  npmStart,
  openTestStore,
  STORES,
  type StoreKind,
  tempDir,
} from './helpers.ts';

const T0 = Date.parse('2026-12-01T00:00:00Z');

describe.each(STORES)('the shard count on %s', (kind: StoreKind) => {
  it('is kept, refused when another running process disagrees, and given up when stale', async () => {
    const store = await openTestStore(await newStoreTarget(kind, tempDir()));
    expect(await claimShardCount(store, 2, T0)).toEqual({ ok: true });
    expect(await claimShardCount(store, 2, T0 + 1000)).toEqual({ ok: true }); // the same count
    expect(await claimShardCount(store, 3, T0 + 2000)).toEqual({
      ok: false,
      theirs: 2,
      seenAt: T0 + 1000,
    });
    // The running processes confirm theirs; a new count is refused while they do…
    await confirmShardCount(store, 2, T0 + 120_000);
    expect(await claimShardCount(store, 3, T0 + 120_000 + SHARD_COUNT_STALE_MS - 1)).toMatchObject({
      ok: false,
      theirs: 2,
    });
    // …and taken once none has for a while (the host restarted them all with the new one).
    expect(await claimShardCount(store, 3, T0 + 120_000 + SHARD_COUNT_STALE_MS)).toEqual({
      ok: true,
    });
    expect(await claimShardCount(store, 2, T0 + 120_000 + SHARD_COUNT_STALE_MS)).toMatchObject({
      ok: false,
      theirs: 3,
    });
  });
});

describe('a process whose DISCORD_SHARD_COUNT disagrees', () => {
  it('is refused at start with a line that says what to do, exit 2', async () => {
    const target = await newStoreTarget('sqlite', tempDir());
    const store = await openTestStore(target);
    // Another process, running now, splits Discord into two shards.
    expect(await claimShardCount(store, 2, Date.now())).toEqual({ ok: true });
    await store.close();
    const r = await npmStart('', {
      DATABASE_PATH: target,
      DEFAULT_LOCALE: 'en',
      DISCORD_TOKEN: 'test-token',
      DISCORD_APPLICATION_ID: '1',
      // Nothing may be reached: the count is checked before connecting.
      DISCORD_API_URL: 'http://127.0.0.1:9/api',
      DISCORD_SHARDS: '0',
      DISCORD_SHARD_COUNT: '3',
    });
    expect(r.code).toBe(2);
    expect(r.err).toContain(
      'DISCORD_SHARD_COUNT=3, but a Drill process on this database splits Discord into 2 shards',
    );
    expect(r.err).toContain('set DISCORD_SHARD_COUNT=2');
    expect(r.err).not.toContain('test-token');
  });
});
