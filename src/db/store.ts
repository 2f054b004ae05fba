import type BetterSqlite3 from 'better-sqlite3';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type { NodePgDatabase, NodePgQueryResultHKT } from 'drizzle-orm/node-postgres';
import type { PgDatabase } from 'drizzle-orm/pg-core';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import type pg from 'pg';
import type { StoreMemo } from './memo.ts';
import type * as tables from './schema.pg.ts';

type PgBuilder = PgDatabase<NodePgQueryResultHKT>;

/**
 * The one query builder the domain writes against: only the members drizzle's PostgreSQL and
 * SQLite databases both have (select, insert, update, delete, `$count`, `$with`, transaction…),
 * so a call only PostgreSQL has (`execute`, `selectDistinctOn`) or only SQLite has (`run`, `get`)
 * does not typecheck here; each store offers its own dialect's builder beside it for those. Their
 * signatures are PostgreSQL's: every query is awaited (no synchronous `.get()`/`.run()`) and
 * counts come from `.returning()`. On SQLite the object is drizzle's better-sqlite3 database,
 * whose builders accept the same calls and await the same rows (src/db/sqlite.ts says so with
 * the one cast left; a builder method only PostgreSQL has, such as `.for('update')`, still
 * typechecks there: the contract suite runs every store query on both).
 */
export type Db = Pick<PgBuilder, keyof PgBuilder & keyof BaseSQLiteDatabase<'sync', unknown>>;

/** The tables of the store's dialect; the same names, columns and row shapes on both. */
export type Tables = typeof tables;

export type QuestionRow = Tables['questions']['$inferSelect'];
export type ChannelRow = Tables['channels']['$inferSelect'];
export type DropRow = Tables['drops']['$inferSelect'];
export type ReplyRow = Tables['replies']['$inferSelect'];

export type Dialect = 'sqlite' | 'postgres';

interface StoreOf<D extends Dialect> {
  readonly dialect: D;
  readonly db: Db;
  readonly tables: Tables;
  /** Short-lived values derived from the store, shared by its transactions (src/db/memo.ts). */
  readonly memo: StoreMemo;
  /**
   * Runs `fn` in one transaction on the store it is given. `lock` names what it serializes
   * across processes (PostgreSQL: an advisory lock; SQLite: every write transaction already is).
   */
  transaction<T>(fn: (tx: Store) => Promise<T>, opts?: { lock?: string }): Promise<T>;
  close(): Promise<void>;
}

/** An SQLite file (src/db/sqlite.ts). */
export interface SqliteStore extends StoreOf<'sqlite'> {
  /** The raw connection, for checks such as `PRAGMA integrity_check`. */
  readonly sqlite: BetterSqlite3.Database;
  /** SQLite's own builder on the same writer, for what only it has (`run`, `all`, `get`). */
  readonly lite: BetterSQLite3Database<Record<string, unknown>>;
}

/** A PostgreSQL database (src/db/postgres.ts). */
export interface PostgresStore extends StoreOf<'postgres'> {
  /** PostgreSQL's own builder (in a transaction: the transaction's), for what only it has. */
  readonly pg: NodePgDatabase;
  /**
   * The connection `pg` runs on (the pool; in a transaction, the transaction's own), for the few
   * statements src/db/ writes for node-postgres itself (src/db/bulk.ts).
   */
  readonly client: pg.Pool | pg.PoolClient;
  /** True on a transaction's store (its `client` is the transaction's connection). */
  readonly inTransaction: boolean;
  /** Connections its pool keeps at most (DATABASE_POOL). */
  readonly poolSize: number;
}

/** Where Drill keeps its data: an SQLite file or a PostgreSQL database. */
export type Store = SqliteStore | PostgresStore;
