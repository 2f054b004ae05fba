/**
 * What every store promises, on SQLite and PostgreSQL alike: a write that was acknowledged is
 * never undone by another operation's failure, and a write the disk refuses says so and
 * leaves everything acknowledged before it in place.
 */
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { storeFailure } from '../src/db/errors.ts';
import { preparedQuery } from '../src/db/prepared.ts';
import type { SqliteStore } from '../src/db/sqlite.ts';
import type { Store } from '../src/db/store.ts';
import { newStoreTarget, openTestStore, STORES, type StoreKind, tempDir } from './helpers.ts';

const optOut = (store: Store, member: string) =>
  store.db
    .insert(store.tables.nudgeOptOuts)
    .values({ platform: 'console', workspace: 'w', member, createdAt: 1 })
    .returning({ id: store.tables.nudgeOptOuts.id });

const members = async (store: Store) =>
  (await store.db.select().from(store.tables.nudgeOptOuts)).map((r) => r.member).sort();

/** A promise with its resolve and reject, to hold a transaction open until a test lets go. */
function held<T = void>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe.each(STORES)('the %s store keeps its promises', (kind: StoreKind) => {
  it('keeps an acknowledged write when a transaction open beside it fails', async () => {
    const store = await openTestStore(await newStoreTarget(kind, tempDir()));
    const opened = held();
    const fail = held();
    const failing = store.transaction(async (tx) => {
      await optOut(tx, 'inside');
      opened.resolve();
      await fail.promise;
    });
    await opened.promise;
    // Another event's write, issued while the transaction is open (then() runs it now).
    const plain = optOut(store, 'outside').then((rows) => rows);
    fail.reject(new Error('the transaction fails'));
    await expect(failing).rejects.toThrow('the transaction fails');
    expect(await plain).toHaveLength(1);
    expect(await members(store)).toEqual(['outside']);
  });

  it('keeps an acknowledged write when a transaction after it fails', async () => {
    const store = await openTestStore(await newStoreTarget(kind, tempDir()));
    expect(await optOut(store, 'first')).toHaveLength(1);
    await expect(
      store.transaction(async (tx) => {
        await optOut(tx, 'second');
        await optOut(tx, 'first'); // unique: refused, the transaction rolls back
      }),
    ).rejects.toBeTruthy();
    expect(await members(store)).toEqual(['first']);
  });

  it('runs a transaction started inside another as part of it, without waiting on itself', async () => {
    const store = await openTestStore(await newStoreTarget(kind, tempDir()));
    await store.transaction(async (tx) => {
      await optOut(tx, 'a');
      // The outer store's transaction from inside: part of the one that is open.
      await tx.transaction(async (inner) => {
        await optOut(inner, 'b');
      });
    });
    expect(await members(store)).toEqual(['a', 'b']);
  });

  it('runs transactions one after another, each seeing the last one committed (a lock name is data)', async () => {
    const store = await openTestStore(await newStoreTarget(kind, tempDir()));
    const { nudgeOptOuts } = store.tables;
    const bump = () =>
      store.transaction(
        async (tx) => {
          const rows = await tx.db.select().from(nudgeOptOuts);
          await optOut(tx, `m${rows.length}`);
        },
        // Quotes and a semicolon in the name: quoted, never run as SQL.
        { lock: `contract:it's "bump"; select 1; --` },
      );
    await Promise.all([bump(), bump(), bump(), optOut(store, 'plain')]);
    const found = await members(store);
    expect(found).toHaveLength(4);
    expect(found).toContain('plain');
  });
});

/** A prepared query (src/db/prepared.ts): the opt-outs of one member. */
const optedOut = preparedQuery((db, { nudgeOptOuts }) =>
  db
    .select({ member: nudgeOptOuts.member })
    .from(nudgeOptOuts)
    .where(eq(nudgeOptOuts.member, sql.placeholder('member'))),
);

describe.each(STORES)('prepared queries on the %s store', (kind: StoreKind) => {
  it('run with new values each time, inside a transaction on its own writes, rolled back with it', async () => {
    const store = await openTestStore(await newStoreTarget(kind, tempDir()));
    await optOut(store, 'a');
    expect(await optedOut(store, { member: 'a' })).toEqual([{ member: 'a' }]);
    expect(await optedOut(store, { member: 'b' })).toEqual([]);
    await expect(
      store.transaction(async (tx) => {
        await optOut(tx, 'b');
        // The transaction's own write is seen inside it (on PostgreSQL: its connection).
        expect(await optedOut(tx, { member: 'b' })).toEqual([{ member: 'b' }]);
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    expect(await optedOut(store, { member: 'b' })).toEqual([]);
    await store.transaction(async (tx) => {
      await optOut(tx, 'c');
      expect(await optedOut(tx, { member: 'c' })).toEqual([{ member: 'c' }]);
    });
    expect(await optedOut(store, { member: 'c' })).toEqual([{ member: 'c' }]);
  });
});

describe('a full SQLite file (PRAGMA max_page_count, no root needed)', () => {
  it('refuses the write that does not fit as "full", and keeps what was acknowledged', async () => {
    const store = (await openTestStore(await newStoreTarget('sqlite', tempDir()))) as SqliteStore;
    expect(await optOut(store, 'kept')).toHaveLength(1);
    const pages = store.sqlite.pragma('page_count', { simple: true }) as number;
    store.sqlite.pragma(`max_page_count = ${pages}`);
    const big = 'x'.repeat(64 * 1024);
    let failure: unknown;
    try {
      await store.transaction(async (tx) => {
        await optOut(tx, 'in-tx');
        await optOut(tx, big);
      });
    } catch (err) {
      failure = err;
    }
    expect(storeFailure(failure)).toBe('full');
    // A plain write that does not fit fails too, and says so.
    let plain: unknown;
    try {
      await optOut(store, `${big}-2`);
    } catch (err) {
      plain = err;
    }
    expect(storeFailure(plain)).toBe('full');
    store.sqlite.pragma('max_page_count = 1073741823');
    expect(await optOut(store, 'after')).toHaveLength(1);
    expect(await members(store)).toEqual(['after', 'kept']);
  });
});

describe('PostgreSQL statements', () => {
  it('are prepared once per connection and then only executed', async () => {
    const store = await openTestStore(await newStoreTarget('postgres', tempDir()));
    const { nudgeOptOuts } = store.tables;
    const prepared = await store.transaction(async (tx) => {
      // One connection for the whole transaction: the same query with other values, twice.
      for (const member of ['a', 'b', 'c']) {
        await tx.db.select().from(nudgeOptOuts).where(eq(nudgeOptOuts.member, member));
      }
      if (tx.dialect !== 'postgres') throw new Error('PostgreSQL only');
      const rows = await tx.pg.execute(
        sql`select name, statement from pg_prepared_statements where not from_sql`,
      );
      return rows.rows as { name: string; statement: string }[];
    });
    const ours = prepared.filter((p) => p.statement.includes('"nudge_opt_outs"'));
    expect(ours).toHaveLength(1);
    expect(ours[0]?.name).toMatch(/^drill_/);
  });
});
