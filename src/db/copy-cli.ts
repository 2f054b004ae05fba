import { parseArgs } from 'node:util';
import { CopyError, copyStore } from './copy.ts';
import { DatabaseOpenError } from './errors.ts';
import { isPostgresUrl, openStore } from './open.ts';
import type { Store } from './store.ts';
import { safeUrl } from './url.ts';

interface Io {
  out(text: string): void;
  err(text: string): void;
}

/**
 * `drill db copy --to postgres://… [--from <sqlite file>]`: moves the SQLite history (by default
 * DATABASE_PATH's) into an empty PostgreSQL database and checks the row counts. Stop Drill first.
 */
export async function dbCopy(args: string[], io: Io, usage: (m: string) => Error): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { to: { type: 'string' }, from: { type: 'string' } },
  });
  const to = values.to;
  if (!to || !isPostgresUrl(to)) throw usage('db copy needs --to postgres://user:password@host/db');
  const from = values.from ?? process.env.DATABASE_PATH ?? 'data/drill.db';
  if (isPostgresUrl(from)) throw usage('db copy reads an SQLite file: --from <path>');
  const opened: Store[] = [];
  try {
    const source = await openStore(from);
    opened.push(source);
    const target = await openStore(to);
    opened.push(target);
    io.out(`copying ${from} → ${safeUrl(to)}`);
    const copied = await copyStore(source, target);
    for (const c of copied) io.out(`  ${c.table.padEnd(16)} ${c.source} → ${c.target}`);
    const rows = copied.reduce((n, c) => n + c.target, 0);
    io.out(`${rows} row(s) copied; every table has as many rows as the source`);
    return 0;
  } catch (err) {
    if (err instanceof CopyError || err instanceof DatabaseOpenError) {
      io.err(`drill: db copy: ${err.message}`);
      return 1;
    }
    throw err;
  } finally {
    for (const store of opened) await store.close();
  }
}
