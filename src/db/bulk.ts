import {
  getTableColumns,
  is,
  Param,
  Placeholder,
  type Placeholder as PlaceholderType,
  sql,
} from 'drizzle-orm';
import type * as sqliteSchema from './schema.ts';
import type { QuestionRow, Store } from './store.ts';

/**
 * Inserts questions, one statement compiled once for all of them, inside the caller's
 * transaction. On SQLite the statement is drizzle's own SQL text, run synchronously by
 * better-sqlite3 with each row's values in column order (each encoded by its column, as drizzle
 * does): no promise, no placeholder lookup through drizzle per row, which cost as much as the
 * insert itself for ten thousand rows. On PostgreSQL, a named prepared statement per row.
 * The result is a promise only where the row is not stored yet when it returns (PostgreSQL).
 */
export function questionInserter(store: Store): (row: QuestionRow) => Promise<unknown> | undefined {
  const table = store.tables.questions;
  const placeholders = Object.fromEntries(
    Object.keys(getTableColumns(table)).map((k) => [k, sql.placeholder(k)]),
  ) as Record<keyof QuestionRow, PlaceholderType>;
  if (store.dialect === 'postgres') {
    const prepared = store.db.insert(table).values(placeholders).prepare('drill_insert_question');
    return (row) => prepared.execute(row);
  }
  const query = store.lite
    .insert(table as unknown as typeof sqliteSchema.questions)
    .values(placeholders)
    .toSQL();
  const encoders = query.params.map((p) => {
    if (!is(p, Param) || !is(p.value, Placeholder)) throw new Error('unexpected insert parameter');
    const key = p.value.name as keyof QuestionRow;
    const encoder = p.encoder as { mapToDriverValue(value: unknown): unknown } | undefined;
    return {
      key,
      encode: encoder ? (v: unknown) => encoder.mapToDriverValue(v) : (v: unknown) => v,
    };
  });
  // The store's raw connection: the caller's transaction holds it, nothing else runs between.
  const statement = store.sqlite.prepare(query.sql);
  const values: unknown[] = new Array(encoders.length);
  return (row) => {
    for (let i = 0; i < encoders.length; i++) {
      const e = encoders[i] as (typeof encoders)[number];
      values[i] = e.encode(row[e.key]);
    }
    statement.run(values);
    return undefined;
  };
}
