import { type Column, getTableColumns, isTable, SQL, type Table } from 'drizzle-orm';
import { type PgTable, getTableConfig as pgConfig } from 'drizzle-orm/pg-core';
import { type SQLiteTable, getTableConfig as sqliteConfig } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import * as pgSchema from '../src/db/schema.pg.ts';
import * as sqliteSchema from '../src/db/schema.ts';

/**
 * The schema is written once per dialect (src/db/schema.ts, schema.pg.ts): rows move between the
 * stores (`drill db copy`) and the domain reads both through one set of row types. This test
 * holds the twins equal: the same tables under the same export names, the same columns (SQL name,
 * property, kind of value, column type pair, null or not, default, key, enum values), primary
 * keys, indexes (name, unique, columns, condition) and foreign keys. A change to one file alone
 * fails here.
 */

/** Each SQLite column type and the PostgreSQL types that store the same values. */
const TWINS: Record<string, string[]> = {
  SQLiteText: ['PgText'],
  SQLiteTextJson: ['PgJsonb'],
  SQLiteInteger: ['PgInteger', 'PgBigInt53'],
  SQLiteBoolean: ['PgBoolean'],
  SQLiteReal: ['PgDoublePrecision'],
};

/** An SQL fragment as text: its literal parts and the names of the columns it mentions. */
function sqlText(value: unknown): string {
  if (!(value instanceof SQL)) return JSON.stringify(value);
  return value.queryChunks
    .map((chunk) => {
      const c = chunk as { value?: string[]; name?: string };
      if (Array.isArray(c.value)) return c.value.join('');
      if (typeof c.name === 'string') return `"${c.name}"`;
      return sqlText(chunk);
    })
    .join('');
}

const names = (columns: { name: string }[]) => columns.map((c) => c.name);

function columnFacts(column: Column) {
  return {
    name: column.name,
    dataType: column.dataType,
    notNull: column.notNull,
    default: column.default === undefined ? null : sqlText(column.default),
    primary: column.primary,
    enumValues: column.enumValues ?? null,
  };
}

/** What the two dialects' table configs say alike, with the columns in declaration order. */
function facts(
  table: Table,
  config: ReturnType<typeof pgConfig> | ReturnType<typeof sqliteConfig>,
) {
  const columns = Object.entries(getTableColumns(table)).map(([key, column]) => ({
    key,
    ...columnFacts(column),
  }));
  const indexes = config.indexes
    .map((i) => {
      const c = i.config as {
        name: string;
        unique: boolean;
        columns: { name?: string }[];
        where?: SQL;
      };
      return {
        name: c.name,
        unique: c.unique,
        columns: c.columns.map((col) => col.name ?? sqlText(col)),
        where: c.where ? sqlText(c.where) : null,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
  const foreignKeys = config.foreignKeys
    .map((fk) => {
      const ref = fk.reference();
      return {
        columns: names(ref.columns),
        table: (ref.foreignTable as unknown as { [k: symbol]: string })[Symbol.for('drizzle:Name')],
        foreignColumns: names(ref.foreignColumns),
        onDelete: fk.onDelete ?? 'no action',
      };
    })
    .sort((a, b) => a.columns.join().localeCompare(b.columns.join()));
  return {
    name: config.name,
    columns,
    primaryKeys: config.primaryKeys.map((pk) => names(pk.columns)),
    indexes,
    foreignKeys,
    uniques: config.uniqueConstraints.map((u) => names(u.columns)),
    checks: config.checks.map((c) => c.name),
  };
}

const tablesOf = (schema: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(schema).filter(([, v]) => isTable(v))) as Record<string, Table>;

describe('the SQLite and PostgreSQL schemas', () => {
  const sqlite = tablesOf(sqliteSchema);
  const pg = tablesOf(pgSchema);

  it('have the same tables under the same names', () => {
    expect(Object.keys(pg).sort()).toEqual(Object.keys(sqlite).sort());
    expect(Object.keys(sqlite).length).toBeGreaterThan(10);
  });

  it('have the same columns, keys, indexes and foreign keys in every table', () => {
    for (const [name, table] of Object.entries(sqlite)) {
      const twin = pg[name] as PgTable;
      const lite = facts(table, sqliteConfig(table as SQLiteTable));
      const post = facts(twin, pgConfig(twin));
      expect({ table: name, ...post }).toEqual({ table: name, ...lite });
    }
  });

  it('store each column in a type of the other dialect that holds the same values', () => {
    for (const [name, table] of Object.entries(sqlite)) {
      const twin = getTableColumns(pg[name] as Table);
      for (const [key, column] of Object.entries(getTableColumns(table))) {
        const other = twin[key]?.columnType ?? 'missing';
        const autoincrement = (column as unknown as { autoIncrement?: boolean }).autoIncrement;
        const allowed = autoincrement ? ['PgSerial'] : (TWINS[column.columnType] ?? []);
        expect(allowed, `${name}.${key}: ${column.columnType} and ${other}`).toContain(other);
      }
    }
  });
});
