import { describe, expect, it } from 'vitest';
import { CONSOLE_ADDRESS } from '../../src/chat/console/console.ts';
import type { SqliteStore } from '../../src/db/sqlite.ts';
import { dropQuestion } from '../../src/practice/drops.ts';
import { spawnWorker } from '../fakes/worker.ts';
import { openTestStore, practiceWorld, STORES, type StoreKind } from '../helpers.ts';

describe.each(STORES)('two processes writing into one %s store at once', (store: StoreKind) => {
  // SQLite: enough writes to make the two processes queue on the write lock. PostgreSQL takes
  // writes side by side, each a round trip over loopback: fewer show the same.
  const each = store === 'sqlite' ? 1500 : 300;
  it('loses no reply or vote and lets no SQLITE_BUSY escape', async () => {
    const world = await practiceWorld(undefined, { store });
    const drop = await dropQuestion(world.deps, CONSOLE_ADDRESS);
    if (drop.kind !== 'posted' || !drop.drop.threadRef) throw new Error('no drop');
    const db = world.target;
    await world.store.close();

    const workers = ['a', 'b'].map((prefix) =>
      spawnWorker('tests/fakes/reply-worker.ts', [
        db,
        drop.drop.threadRef as string,
        prefix,
        String(each),
      ]),
    );
    const codes = await Promise.all(workers.map((w) => w.exited));
    for (const w of workers) {
      expect(w.stderr()).not.toMatch(/SQLITE_BUSY|database is locked|deadlock/);
      expect(w.lines).toEqual([`done ${each} ${each}`]);
    }
    expect(codes).toEqual([0, 0]);
    const check = await openTestStore(db);
    expect(await check.db.select().from(check.tables.replies)).toHaveLength(2 * each);
    expect(await check.db.select().from(check.tables.votes)).toHaveLength(2 * each);
    if (store === 'sqlite') {
      const { sqlite } = check as SqliteStore;
      expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    }
  });
});
