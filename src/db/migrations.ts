import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DatabaseOpenError } from './errors.ts';
import type { Dialect } from './store.ts';

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

/** The committed drizzle-kit migrations of a dialect (drizzle/sqlite, drizzle/postgres). */
export function migrationsFolder(dialect: Dialect): string {
  return join(projectRoot(), 'drizzle', dialect);
}

interface Journal {
  entries: { when: number }[];
}

/**
 * A database that has a migration this Drill does not know was written by a newer Drill: it is
 * refused before anything is written, instead of failing later on a missing column. `applied`
 * is drizzle's record: how many migrations and the newest `created_at`.
 */
export function refuseNewer(
  dialect: Dialect,
  where: string,
  applied: { n: unknown; last: unknown } | undefined,
): void {
  if (!applied) return;
  const journal = JSON.parse(
    readFileSync(`${migrationsFolder(dialect)}/meta/_journal.json`, 'utf8'),
  ) as Journal;
  const known = Math.max(0, ...journal.entries.map((e) => e.when));
  if (Number(applied.last ?? 0) > known) {
    throw new DatabaseOpenError('newer', where, 'unknown migration', {
      found: Number(applied.n),
      known: journal.entries.length,
    });
  }
}
