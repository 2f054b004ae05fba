import { accessSync, constants, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { storeFailure } from './errors.ts';
import * as schema from './schema.ts';

export type Db = BetterSQLite3Database<typeof schema>;

export interface Connection {
  db: Db;
  sqlite: Database.Database;
  close(): void;
}

/** The project folder (with package.json), whether this runs from src/ or from the build in dist/. */
function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('package.json not found above the database module');
    dir = up;
  }
  return dir;
}

const MIGRATIONS = join(projectRoot(), 'drizzle');

/** Why the database could not be opened at start-up, for one line naming the fix. */
export class DatabaseOpenError extends Error {
  constructor(
    readonly kind: 'corrupt' | 'readonly' | 'cannotOpen' | 'full' | 'newer',
    readonly path: string,
    readonly detail: string,
    readonly schema?: { found: number; known: number },
  ) {
    super(`${path}: ${kind} (${detail})`);
    this.name = 'DatabaseOpenError';
  }
}

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

interface Journal {
  entries: { when: number }[];
}

/**
 * A database that has a migration this Drill does not know was written by a newer Drill: it is
 * refused before anything is written, instead of failing later on a missing column.
 */
function refuseNewerSchema(sqlite: Database.Database, path: string): void {
  const journal = JSON.parse(readFileSync(`${MIGRATIONS}/meta/_journal.json`, 'utf8')) as Journal;
  const known = Math.max(0, ...journal.entries.map((e) => e.when));
  const table = sqlite
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'")
    .get();
  if (!table) return;
  const applied = sqlite
    .prepare('SELECT count(*) AS n, max(created_at) AS last FROM __drizzle_migrations')
    .get() as { n: number; last: number | null };
  if ((applied.last ?? 0) > known) {
    throw new DatabaseOpenError('newer', path, 'unknown migration', {
      found: applied.n,
      known: journal.entries.length,
    });
  }
}

/**
 * Opens (creating the folder if needed) and migrates the database. WAL lets readers run beside
 * the writer; the busy timeout makes a second process wait for the lock instead of failing.
 * Every way this can fail (a corrupt, read-only, unreachable or newer database, a full disk)
 * is a DatabaseOpenError saying which.
 */
export function openDatabase(path: string, opts: { busyTimeoutMs?: number } = {}): Connection {
  let sqlite: Database.Database | undefined;
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    sqlite = new Database(path);
    sqlite.pragma(`busy_timeout = ${opts.busyTimeoutMs ?? 10_000}`);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    refuseNewerSchema(sqlite, path);
    const db = drizzle(sqlite, { schema });
    migrate(db, { migrationsFolder: MIGRATIONS });
    // A read-only file that needed no migration would only fail at the first answer.
    sqlite.exec('BEGIN IMMEDIATE; ROLLBACK');
    const opened = sqlite;
    return {
      db,
      sqlite: opened,
      close: () => {
        if (opened.open) opened.close();
      },
    };
  } catch (err) {
    if (sqlite?.open) sqlite.close();
    throw databaseError(path, err);
  }
}
