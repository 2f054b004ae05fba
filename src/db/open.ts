import { openSqlite } from './sqlite.ts';
import type { Store } from './store.ts';

/** `postgres://…` or `postgresql://…` selects PostgreSQL; anything else is an SQLite file path. */
export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target);
}

/** Opens the store Drill is configured for: DATABASE_URL when set, else the SQLite file. */
export async function openStore(
  target: string,
  opts: { onError?: (err: Error) => void; poolSize?: number; sync?: 'normal' | 'full' } = {},
): Promise<Store> {
  if (!isPostgresUrl(target)) return openSqlite(target, opts.sync ? { sync: opts.sync } : {});
  // The PostgreSQL driver is loaded only by those who use it.
  const { openPostgres } = await import('./postgres.ts');
  return openPostgres(target, {
    ...(opts.onError ? { onError: opts.onError } : {}),
    ...(opts.poolSize ? { max: opts.poolSize } : {}),
  });
}
