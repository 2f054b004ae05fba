/**
 * Processes on one database split Discord by the same shard count: the count is kept in the
 * database, a process that disagrees with a running one is refused with a clear line, and a
 * count no running process confirms any more gives way to a new one.
 */
import { describe, expect, it } from 'vitest';
import { claimShardCount, SHARD_COUNT_STALE_MS } from '../src/deploy/shards.ts';
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
  it('is refused while another running process disagrees, and free once it stops', async () => {
    const store = await openTestStore(await newStoreTarget(kind, tempDir()));
    const first = await claimShardCount(store, 2, T0);
    if (!first.ok) throw new Error('refused');
    const second = await claimShardCount(store, 2, T0 + 1000); // another process, same count
    if (!second.ok) throw new Error('refused');
    expect(await claimShardCount(store, 3, T0 + 2000)).toMatchObject({
      ok: false,
      theirs: 2,
      seenAt: T0,
    });
    // One of the two stops: the other still counts.
    await first.release();
    expect(await claimShardCount(store, 3, T0 + 3000)).toMatchObject({ ok: false, theirs: 2 });
    // The other keeps confirming; refused while it does…
    await second.confirm(T0 + 120_000);
    expect(await claimShardCount(store, 3, T0 + 120_000 + SHARD_COUNT_STALE_MS - 1)).toMatchObject({
      ok: false,
      theirs: 2,
    });
    // …and free once it has stopped, at once…
    await second.release();
    const third = await claimShardCount(store, 3, T0 + 121_000);
    expect(third.ok).toBe(true);
    // …or, had it died without stopping, once it stopped confirming for a while.
    expect(await claimShardCount(store, 2, T0 + 121_000 + SHARD_COUNT_STALE_MS - 1)).toMatchObject({
      ok: false,
      theirs: 3,
    });
    expect((await claimShardCount(store, 2, T0 + 121_000 + SHARD_COUNT_STALE_MS)).ok).toBe(true);
  });
});

describe('a process whose DISCORD_SHARD_COUNT disagrees', () => {
  it('is refused at start with a line that says what to do, exit 2', async () => {
    const target = await newStoreTarget('sqlite', tempDir());
    const store = await openTestStore(target);
    // Another process, running now, splits Discord into two shards.
    expect((await claimShardCount(store, 2, Date.now())).ok).toBe(true);
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

  it('is not refused after the other one stopped, even when it failed to connect', async () => {
    const target = await newStoreTarget('sqlite', tempDir());
    const env = {
      DATABASE_PATH: target,
      DEFAULT_LOCALE: 'en',
      DISCORD_TOKEN: 'test-token',
      DISCORD_APPLICATION_ID: '1',
      DISCORD_API_URL: 'http://127.0.0.1:9/api', // nothing listens: the start fails
      DISCORD_SHARDS: '0',
    };
    const first = await npmStart('', { ...env, DISCORD_SHARD_COUNT: '2' });
    expect(first.code).not.toBe(0);
    expect(first.err).not.toContain('splits Discord');
    // Started again at once with another count: the first one let its count go.
    const again = await npmStart('', { ...env, DISCORD_SHARD_COUNT: '3' });
    expect(again.err).not.toContain('splits Discord');
    expect(again.err).toContain('Discord');
  });
});
