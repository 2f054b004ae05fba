/**
 * What every store promises, on SQLite and PostgreSQL alike: a write that was acknowledged is
 * never undone by another operation's failure, and a write the disk refuses says so and
 * leaves everything acknowledged before it in place.
 */
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { CONSOLE_ADDRESS } from '../src/chat/console/console.ts';
import { storeFailure } from '../src/db/errors.ts';
import { preparedQuery } from '../src/db/prepared.ts';
import type { SqliteStore } from '../src/db/sqlite.ts';
import type { Store } from '../src/db/store.ts';
import { dropQuestion } from '../src/practice/drops.ts';
import { storeReply } from '../src/practice/intake.ts';
import { type IncomingReply, recordReply } from '../src/practice/replies.ts';
import {
  newStoreTarget,
  openTestStore,
  practiceWorld,
  STORES,
  type StoreKind,
  tempDir,
} from './helpers.ts';

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

describe.each(STORES)('replies of a burst on the %s store', (kind: StoreKind) => {
  async function burstWorld() {
    const world = await practiceWorld(undefined, { store: kind });
    const posted = await dropQuestion(world.deps, CONSOLE_ADDRESS);
    if (posted.kind !== 'posted') throw new Error('not posted');
    const incoming = (
      messageRef: string,
      member: string,
      extra: Partial<IncomingReply> = {},
    ): IncomingReply => ({
      address: CONSOLE_ADDRESS,
      threadRef: posted.drop.threadRef as string,
      messageRef,
      member,
      memberName: member,
      isBot: false,
      text: `${messageRef} 답변`,
      ...extra,
    });
    /** Through the intake the adapters use: batched with the others of the moment. */
    const reply = (messageRef: string, member: string, extra: Partial<IncomingReply> = {}) =>
      storeReply(world.deps, incoming(messageRef, member, extra));
    const stored = async () =>
      (await world.db.select().from(world.t.replies))
        .map((r) => `${r.messageRef}${r.counted ? '*' : ''}`)
        .sort();
    return { world, incoming, reply, stored };
  }

  it('stores every good reply of a burst and tells each sender their own outcome', async () => {
    const { world, incoming, reply, stored } = await burstWorld();
    // Stored before the burst: b's answer, and the message the burst delivers again.
    expect(await recordReply(world.deps, incoming('early', 'b'))).toBeTruthy();
    const outcomes = await Promise.allSettled([
      reply('a1', 'a'),
      reply('a2', 'a'), // a's second message: discussion
      reply('b2', 'b'), // b answered before the burst: discussion
      reply('early', 'b'), // delivered again: the stored row, stored once
      reply('c1', 'c', { text: null as unknown as string }), // not text: fails alone
      reply('c1', 'c'), // the same message again, now good: c's answer
      reply('bot', 'bot', { isBot: true }), // a bot's: not stored
      reply('x1', 'x', { threadRef: 'no-such-thread' }), // not a drop's thread: not stored
      reply('d1', 'd'),
      reply('d1', 'd'), // delivered twice in the burst: stored once
    ]);
    const seen = outcomes.map((o) =>
      o.status === 'rejected'
        ? 'failed'
        : o.value
          ? `${o.value.messageRef}${o.value.counted ? '*' : ''}`
          : 'none',
    );
    expect(seen).toEqual([
      'a1*',
      'a2',
      'b2',
      'early*',
      'failed',
      'c1*',
      'none',
      'none',
      'd1*',
      'd1*',
    ]);
    expect(await stored()).toEqual(['a1*', 'a2', 'b2', 'c1*', 'd1*', 'early*']);
  });

  it('keeps acknowledged replies when a transaction open beside them fails', async () => {
    const { world, incoming, reply, stored } = await burstWorld();
    const opened = held();
    const fail = held();
    const failing = world.store.transaction(async (tx) => {
      await recordReply({ ...world.deps, store: tx }, incoming('in-tx', 'z'));
      opened.resolve();
      await fail.promise;
    });
    await opened.promise;
    // A burst that arrives while the transaction is open; each is acknowledged on its own.
    const burst = Promise.all(['p1', 'p2', 'p3'].map((m) => reply(m, m)));
    fail.reject(new Error('the transaction fails'));
    await expect(failing).rejects.toThrow('the transaction fails');
    expect((await burst).map((r) => r?.messageRef)).toEqual(['p1', 'p2', 'p3']);
    // A failing transaction after them takes none of them either.
    await expect(
      world.store.transaction(async (tx) => {
        await recordReply({ ...world.deps, store: tx }, incoming('later', 'y'));
        throw new Error('fails too');
      }),
    ).rejects.toThrow('fails too');
    expect(await stored()).toEqual(['p1*', 'p2*', 'p3*']);
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
