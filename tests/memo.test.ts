/**
 * The store's memo (src/db/memo.ts): on SQLite a kept value lasts until another connection
 * commits to the file, not a fixed half minute; elsewhere it expires; a value computed across a
 * forget is not kept.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dataVersionWatch, StoreMemo } from '../src/db/memo.ts';
import { openSqlite, type SqliteStore } from '../src/db/sqlite.ts';
import { tempDir } from './helpers.ts';

const opened: SqliteStore[] = [];
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
});

function twoConnections(): [SqliteStore, SqliteStore] {
  const file = join(tempDir(), 'memo.db');
  const a = openSqlite(file);
  const b = openSqlite(file);
  opened.push(a, b);
  return [a, b];
}

const write = (store: SqliteStore) =>
  store.sqlite.exec('create table if not exists probe(x); insert into probe values (1)');

/** A memo.get whose computations are counted. */
function counted(memo: StoreMemo) {
  let computed = 0;
  return {
    get: () => memo.get('questions', 'pool', async () => ++computed),
    computed: () => computed,
  };
}

describe('StoreMemo', () => {
  it("on SQLite keeps a value past its time until another connection commits, not for this one's commits", async () => {
    const [a, b] = twoConnections();
    let now = 0;
    const memo = new StoreMemo({
      now: () => now,
      changedElsewhere: dataVersionWatch(
        () => a.sqlite.pragma('data_version', { simple: true }) as number,
      ),
    });
    const pool = counted(memo);
    expect(await pool.get()).toBe(1);
    now += 3_600_000;
    write(a);
    expect(await pool.get()).toBe(1);
    write(b);
    expect(await pool.get()).toBe(2);
    expect(await pool.get()).toBe(2);
  });

  it("the SQLite store's own memo sees another connection's commit", async () => {
    const [a, b] = twoConnections();
    const pool = counted(a.memo);
    await pool.get();
    write(a);
    await pool.get();
    expect(pool.computed()).toBe(1);
    write(b);
    await pool.get();
    expect(pool.computed()).toBe(2);
  });

  it('without a way to see other writers, a value expires after its time', async () => {
    let now = 0;
    const pool = counted(new StoreMemo({ ttlMs: 30_000, now: () => now }));
    await pool.get();
    now += 29_000;
    await pool.get();
    expect(pool.computed()).toBe(1);
    now += 2_000;
    await pool.get();
    expect(pool.computed()).toBe(2);
  });

  it('a value computed while its table was forgotten is returned but not kept', async () => {
    const memo = new StoreMemo();
    let computed = 0;
    const first = await memo.get('questions', 'pool', async () => {
      memo.forget('questions');
      return ++computed;
    });
    expect(first).toBe(1);
    expect(await memo.get('questions', 'pool', async () => ++computed)).toBe(2);
    expect(await memo.get('questions', 'pool', async () => ++computed)).toBe(2);
  });
});
