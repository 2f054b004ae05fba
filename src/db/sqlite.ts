import { accessSync, constants, existsSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { SQLiteSyncDialect } from 'drizzle-orm/sqlite-core';
import { makeFolders } from '../core/folders.ts';
import { checkpointWhenQuiet } from './checkpoint.ts';
import { DatabaseOpenError, storeFailure } from './errors.ts';
import { dataVersionWatch, StoreMemo } from './memo.ts';
import { migrationsFolder, refuseNewer } from './migrations.ts';
import * as schema from './schema.ts';
import { SqliteWriter, WriterSession } from './sqlite-writer.ts';
import type { Db, SqliteStore, Store, Tables } from './store.ts';

export type { SqliteStore } from './store.ts';

/** The first of the file and its folder that this process may not write, with the reason. */
function notWritable(path: string): string | null {
  for (const p of existsSync(path) ? [path, dirname(path)] : [dirname(path)]) {
    try {
      accessSync(p, constants.W_OK);
    } catch (err) {
      return `${(err as NodeJS.ErrnoException).code ?? 'EACCES'} ${p}`;
    }
  }
  return null;
}

/** A failure of the database file or its disk, as what the owner has to fix. */
export function databaseError(path: string, err: unknown): DatabaseOpenError {
  if (err instanceof DatabaseOpenError) return err;
  const code = (err as { code?: string }).code ?? '';
  const detail = [code, (err as Error).message].filter(Boolean).join(' ');
  const failure = storeFailure(err);
  if (failure === 'corrupt') return new DatabaseOpenError('corrupt', path, detail);
  if (failure === 'full' || code === 'ENOSPC') return new DatabaseOpenError('full', path, detail);
  const denied = path === ':memory:' ? null : notWritable(path);
  if (failure === 'readonly' || code === 'EROFS' || denied)
    return new DatabaseOpenError('readonly', path, denied ?? detail);
  return new DatabaseOpenError('cannotOpen', path, detail);
}

function migrationsApplied(sqlite: Database.Database) {
  const table = sqlite
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'")
    .get();
  if (!table) return undefined;
  return sqlite
    .prepare('SELECT count(*) AS n, max(created_at) AS last FROM __drizzle_migrations')
    .get() as { n: number; last: number | null };
}

/**
 * Opens (creating the folder if needed) and migrates the SQLite file. WAL lets readers run
 * beside the writer; the busy timeout makes a second process wait for the lock instead of
 * failing. Every way this can fail (a corrupt, read-only, unreachable or newer database, a full
 * disk) is a DatabaseOpenError saying which; a newer one is refused before anything is written.
 */
export function openSqlite(
  path: string,
  opts: { busyTimeoutMs?: number; sync?: 'normal' | 'full' } = {},
): SqliteStore {
  let sqlite: Database.Database | undefined;
  try {
    if (path !== ':memory:') makeFolders(dirname(path));
    sqlite = new Database(path);
    sqlite.pragma(`busy_timeout = ${opts.busyTimeoutMs ?? 10_000}`);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma(`synchronous = ${opts.sync === 'full' ? 'FULL' : 'NORMAL'}`);
    sqlite.pragma('foreign_keys = ON');
    refuseNewer('sqlite', path, migrationsApplied(sqlite));
    const orm = drizzle(sqlite, { schema });
    migrate(orm, { migrationsFolder: migrationsFolder('sqlite') });
    // A read-only file that needed no migration would only fail at the first answer.
    sqlite.exec('BEGIN IMMEDIATE; ROLLBACK');
    const stopCheckpoints = path === ':memory:' ? () => {} : checkpointWhenQuiet(sqlite, path);
    return sqliteStore(sqlite, stopCheckpoints);
  } catch (err) {
    if (sqlite?.open) sqlite.close();
    throw databaseError(path, err);
  }
}

/**
 * The store on one better-sqlite3 connection. Every query goes through the writer
 * (src/db/sqlite-writer.ts): a transaction holds the connection alone from BEGIN IMMEDIATE to
 * its COMMIT, and statements from elsewhere wait for it, so a failing transaction never takes
 * another event's acknowledged write with it. The write lock makes other processes wait too.
 */
function sqliteStore(sqlite: Database.Database, stopCheckpoints: () => void): SqliteStore {
  const writer = new SqliteWriter(sqlite);
  const session = new WriterSession(sqlite, writer);
  const lite = new BetterSQLite3Database('sync', new SQLiteSyncDialect(), session, undefined);
  const dataVersion = sqlite.prepare('PRAGMA data_version').pluck();
  const store: SqliteStore = {
    dialect: 'sqlite',
    // The better-sqlite3 builders take the same calls as the PostgreSQL ones and await alike:
    // the one place SQLite is typed as PostgreSQL (src/db/store.ts, `Db`).
    db: lite as unknown as Db,
    lite,
    tables: schema as unknown as Tables,
    memo: new StoreMemo({ changedElsewhere: dataVersionWatch(() => dataVersion.get() as number) }),
    sqlite,
    transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
      return writer.transaction(() => fn(store));
    },
    async close() {
      stopCheckpoints();
      if (sqlite.open) sqlite.close();
    },
  };
  return store;
}
