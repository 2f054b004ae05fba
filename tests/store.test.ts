import { readFileSync, statSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { CONSOLE_ADDRESS } from '../src/chat/console/console.ts';
import { ensureChannel } from '../src/core/channels.ts';
import { loadConfig } from '../src/core/config.ts';
import { WAL_BACKSTOP_PAGES } from '../src/db/checkpoint.ts';
import { DatabaseOpenError } from '../src/db/errors.ts';
import { openStore } from '../src/db/open.ts';
import { waitFor } from './fakes/wait.ts';
import {
  newStoreTarget,
  npmStart,
  openTestStore,
  practiceWorld,
  STORES,
  type StoreKind,
  tempDir,
} from './helpers.ts';

const FUTURE = Date.parse('2100-01-01T00:00:00Z');

describe.each(STORES)('the %s store', (kind: StoreKind) => {
  it('applies the committed migrations once, also when opened again', async () => {
    const target = await newStoreTarget(kind, tempDir());
    const first = await openTestStore(target);
    await first.close();
    const again = await openTestStore(target);
    const { db, tables } = again;
    expect(await db.select().from(tables.drops)).toEqual([]);
    expect(again.dialect).toBe(kind);
    const table = kind === 'sqlite' ? sql`__drizzle_migrations` : sql`drizzle.__drizzle_migrations`;
    const rows = await (again.dialect === 'sqlite'
      ? again.lite.all(sql`select hash from ${table}`)
      : again.pg.execute(sql`select hash from ${table}`).then((r) => r.rows));
    const journal = JSON.parse(
      readFileSync(new URL(`../drizzle/${kind}/meta/_journal.json`, import.meta.url), 'utf8'),
    ) as { entries: unknown[] };
    expect(rows).toHaveLength(journal.entries.length);
  });

  it('refuses a database migrated by a newer Drill, before writing anything', async () => {
    const target = await newStoreTarget(kind, tempDir());
    const store = await openTestStore(target);
    const table = kind === 'sqlite' ? sql`__drizzle_migrations` : sql`drizzle.__drizzle_migrations`;
    const insert = sql`insert into ${table} (hash, created_at) values ('from-the-future', ${FUTURE})`;
    if (store.dialect === 'sqlite') store.lite.run(insert);
    else await store.pg.execute(insert);
    await store.close();
    const known = (
      JSON.parse(
        readFileSync(new URL(`../drizzle/${kind}/meta/_journal.json`, import.meta.url), 'utf8'),
      ).entries as unknown[]
    ).length;
    await expect(openStore(target)).rejects.toBeInstanceOf(DatabaseOpenError);
    await expect(openStore(target)).rejects.toMatchObject({
      kind: 'newer',
      schema: { found: known + 1, known }, // the shipped migrations, and the stranger
    });

    // Start-up says so in one line (SQLite's case is in tests/faults/startup.test.ts).
    if (kind === 'sqlite') return;
    const r = await npmStart('/ask\n', { DATABASE_URL: target, DEFAULT_LOCALE: 'en' });
    expect(r.code).toBe(2);
    expect(r.err).toContain(
      `DATABASE_URL=${target.replace(':drill-test@', ':***@')}: the database was written by a newer Drill`,
    );
    expect(r.err).not.toContain(':drill-test@'); // the test server's password
    expect(r.out).not.toContain('Practice question');
  });

  it('rolls a failed transaction back and keeps serving', async () => {
    const world = await practiceWorld(undefined, { store: kind });
    const channel = await ensureChannel(world.deps, CONSOLE_ADDRESS);
    const { channels } = world.t;
    await expect(
      world.store.transaction(async ({ db }) => {
        await db.update(channels).set({ bagRound: 7 });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await world.db.select().from(channels))[0]?.bagRound).toBe(channel.bagRound);
    await world.store.transaction(async ({ db }) => {
      await db.update(channels).set({ bagRound: 8 });
    });
    expect((await world.db.select().from(channels))[0]?.bagRound).toBe(8);
  });
});

describe('DATABASE_SYNC', () => {
  it('opens SQLite with an fsync per commit when asked, and without by default', async () => {
    const dir = tempDir();
    const sync = async (opts: { sync?: 'normal' | 'full' }) => {
      const store = await openStore(`${dir}/${opts.sync ?? 'default'}.db`, opts);
      if (store.dialect !== 'sqlite') throw new Error('expected SQLite');
      const level = store.sqlite.pragma('synchronous', { simple: true });
      await store.close();
      return level;
    };
    // SQLite's levels: 1 NORMAL, 2 FULL.
    expect(await sync({})).toBe(1);
    expect(await sync({ sync: 'full' })).toBe(2);
    expect(loadConfig({ DATABASE_SYNC: 'full' }).DATABASE_SYNC).toBe('full');
    expect(() => loadConfig({ DATABASE_SYNC: 'fast' })).toThrow(/DATABASE_SYNC.*normal or full/s);
  });
});

describe('SQLite checkpoints', () => {
  it('copies the WAL into the database file once writing pauses, not in the commit that fills it', async () => {
    const path = `${tempDir()}/wal.db`;
    const store = await openStore(path);
    if (store.dialect !== 'sqlite') throw new Error('expected SQLite');
    expect(store.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(WAL_BACKSTOP_PAGES);
    const before = statSync(path).size;
    store.sqlite.exec(
      `CREATE TABLE filler (x TEXT);
       WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)
       INSERT INTO filler SELECT hex(randomblob(500)) FROM n`,
    );
    // Committed into the WAL only: the database file has not grown yet.
    expect(statSync(path).size).toBe(before);
    await waitFor(() => statSync(path).size > before, 20_000, 'a checkpoint');
    await store.close();
  });

  it('copies a bulk write past the backstop in its own commit, so no later checkpoint is unbounded', async () => {
    const path = `${tempDir()}/bulk.db`;
    const store = await openStore(path);
    if (store.dialect !== 'sqlite') throw new Error('expected SQLite');
    const before = statSync(path).size;
    // About 1.2 pages a row: past the backstop in one commit.
    store.sqlite.exec(
      `CREATE TABLE filler (x TEXT);
       WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${WAL_BACKSTOP_PAGES})
       INSERT INTO filler SELECT hex(randomblob(2000)) FROM n`,
    );
    expect(statSync(path).size).toBeGreaterThan(before + WAL_BACKSTOP_PAGES * 4096);
    await store.close();
  });
});
