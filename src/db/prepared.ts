import { createHash } from 'node:crypto';
import type { Db, Store, Tables } from './store.ts';

/** What drizzle's `.prepare()` gives on both dialects: a query run with placeholder values. */
export interface Prepared<R> {
  execute(values?: Record<string, unknown>): Promise<R>;
}

type Build<R> = (db: Db, tables: Tables) => { prepare(name: string): Prepared<R> };

/**
 * Queries held per builder. Past this many (queries whose shape varies, such as a draw's with the
 * channel's banks and topics) the rest are prepared for the one run, not held.
 */
const HELD = 256;
const held = new WeakMap<object, Map<string, Prepared<unknown>>>();
let defined = 0;

/**
 * The query `key` names, on this store's builder: built with its `sql.placeholder()`s and
 * prepared the first time, then only executed with the values given (no SQL built again, no
 * statement compiled again). Kept per builder: SQLite's one connection; on PostgreSQL the pool's
 * builder, and each pooled connection's own for the transactions it holds (src/db/postgres.ts),
 * where it is a named prepared statement. `key` must name one SQL text in the whole process.
 */
export function preparedFor<R>(store: Store, key: string, build: Build<R>): Prepared<R> {
  let queries = held.get(store.db);
  if (!queries) {
    queries = new Map();
    held.set(store.db, queries);
  }
  let query = queries.get(key) as Prepared<R> | undefined;
  if (!query) {
    const name = `drill_p_${createHash('sha1').update(key).digest('base64url').slice(0, 22)}`;
    query = build(store.db, store.tables).prepare(name);
    if (queries.size < HELD) queries.set(key, query);
  }
  return query;
}

/**
 * A query of the hot paths, written once with `sql.placeholder()`s (see `preparedFor`). The same
 * calls and rows on both stores, as with `db` itself.
 */
export function preparedQuery<R, V extends Record<string, unknown>>(
  build: Build<R>,
): (store: Store, values: V) => Promise<R> {
  const key = `query ${++defined}`;
  return (store, values) => preparedFor(store, key, build).execute(values);
}
