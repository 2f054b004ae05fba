import { AsyncLocalStorage } from 'node:async_hooks';
import type Database from 'better-sqlite3';
import type { TablesRelationalConfig } from 'drizzle-orm';
import { BetterSQLiteSession, type PreparedQuery } from 'drizzle-orm/better-sqlite3';
import { type PreparedQueryConfig, SQLiteSyncDialect } from 'drizzle-orm/sqlite-core';

/**
 * SQLite's one writer. better-sqlite3 runs one synchronous connection, and a transaction's
 * callback awaits between its statements, so without this a statement of another event (a
 * reply, a vote) would run on the same connection while the transaction is open — inside it,
 * and rolled back with it. The writer lets the transaction that holds it alone use the
 * connection: a statement from anywhere else waits until its COMMIT or ROLLBACK, then runs on
 * its own (autocommit). A statement is "the transaction's" when it runs in the transaction's
 * async context (AsyncLocalStorage), whichever store object issued it.
 */
export class SqliteWriter {
  private readonly context = new AsyncLocalStorage<symbol>();
  /** The transaction that holds the connection, and a promise settled when it lets go. */
  private holder: { token: symbol; done: Promise<void> } | null = null;
  /** Transactions wait here for their turn, one at a time per process. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly sqlite: Database.Database) {}

  /** True when the caller runs inside the transaction that holds the connection. */
  private inside(): boolean {
    return this.holder !== null && this.context.getStore() === this.holder.token;
  }

  /** Null when the caller may use the connection now, else a promise of its turn. */
  turn(): Promise<void> | null {
    if (this.holder === null || this.inside()) return null;
    const wait = async () => {
      while (this.holder !== null && !this.inside()) await this.holder.done;
    };
    return wait();
  }

  /**
   * Runs `fn` as one `BEGIN IMMEDIATE … COMMIT`, holding the connection alone. The COMMIT is
   * executed and seen to succeed, so a write that fails at commit (a full disk) throws, and
   * only the transaction's own statements are rolled back. A transaction started from inside
   * the one that holds the connection runs as part of it.
   */
  transaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.inside()) return fn();
    // Transactions take turns through the queue, so none holds the connection when one starts.
    const run = async (): Promise<T> => {
      const token = Symbol('transaction');
      let release = () => {};
      const done = new Promise<void>((resolve) => {
        release = resolve;
      });
      this.sqlite.exec('BEGIN IMMEDIATE');
      this.holder = { token, done };
      try {
        const result = await this.context.run(token, fn);
        this.sqlite.exec('COMMIT');
        return result;
      } catch (err) {
        if (this.sqlite.inTransaction) this.sqlite.exec('ROLLBACK');
        throw err;
      } finally {
        this.holder = null;
        // Off until the next transaction: while any AsyncLocalStorage is on, Node 20 runs a hook
        // for every promise the process makes (a reply burst makes a few hundred thousand).
        this.context.disable();
        release();
      }
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => {});
    return result;
  }
}

/** Statements kept per connection: the same SQL text is compiled once, not on every query. */
const CACHED_STATEMENTS = 512;

function cachedPrepare(sqlite: Database.Database) {
  const cache = new Map<string, Database.Statement>();
  return (source: string): Database.Statement => {
    let stmt = cache.get(source);
    if (stmt) {
      // Most recently used last, so the oldest goes first when the cache is full.
      cache.delete(source);
      cache.set(source, stmt);
      // drizzle turns raw mode on for rows read as arrays; a cached statement starts plain.
      if (stmt.reader) stmt.raw(false);
      return stmt;
    }
    stmt = sqlite.prepare(source);
    cache.set(source, stmt);
    if (cache.size > CACHED_STATEMENTS) {
      const oldest = cache.keys().next().value;
      if (oldest !== undefined) cache.delete(oldest);
    }
    return stmt;
  };
}

type Session = BetterSQLiteSession<Record<string, unknown>, TablesRelationalConfig>;
type PrepareArgs = Parameters<Session['prepareQuery']>;
const EXECUTES = ['run', 'all', 'get', 'values'] as const;

/**
 * drizzle's better-sqlite3 session with two changes: statements come from a per-connection
 * cache, and a query outside the transaction that holds the writer waits for its turn (its
 * result is then a promise, which the awaited builders return as they would the rows).
 */
export class WriterSession extends BetterSQLiteSession<
  Record<string, unknown>,
  TablesRelationalConfig
> {
  constructor(
    sqlite: Database.Database,
    private readonly writer: SqliteWriter,
  ) {
    const client = { prepare: cachedPrepare(sqlite) } as unknown as Database.Database;
    super(client, new SQLiteSyncDialect(), undefined);
  }

  override prepareQuery<T extends Omit<PreparedQueryConfig, 'statement' | 'run'>>(
    ...args: PrepareArgs
  ): PreparedQuery<T> {
    const query = super.prepareQuery<T>(...args);
    const writer = this.writer;
    for (const name of EXECUTES) {
      const execute = query[name].bind(query) as (values?: Record<string, unknown>) => unknown;
      // Checked again right before it runs: a transaction may have begun while it waited.
      const go = (values?: Record<string, unknown>): unknown => {
        const wait = writer.turn();
        return wait ? wait.then(() => go(values)) : execute(values);
      };
      (query as unknown as Record<string, unknown>)[name] = go;
    }
    return query;
  }
}
