import type { NodePgQueryResultHKT } from 'drizzle-orm/node-postgres';
import type { PgDatabase } from 'drizzle-orm/pg-core';
import type { StoreMemo } from './memo.ts';
import type * as tables from './schema.pg.ts';

/**
 * The one query builder the domain writes against. It is typed as drizzle's PostgreSQL builder
 * because that is the common ground: every query is awaited (no synchronous `.get()`/`.run()`)
 * and counts come from `.returning()`. On SQLite the object is drizzle's better-sqlite3
 * database, whose builders accept the same calls and await the same rows.
 */
export type Db = PgDatabase<NodePgQueryResultHKT>;

/** The tables of the store's dialect; the same names, columns and row shapes on both. */
export type Tables = typeof tables;

export type QuestionRow = Tables['questions']['$inferSelect'];
export type ChannelRow = Tables['channels']['$inferSelect'];
export type DropRow = Tables['drops']['$inferSelect'];
export type ReplyRow = Tables['replies']['$inferSelect'];

export type Dialect = 'sqlite' | 'postgres';

/** Where Drill keeps its data: an SQLite file or a PostgreSQL database. */
export interface Store {
  readonly dialect: Dialect;
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
