import { sql } from 'drizzle-orm';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { postgresOpenError } from './errors.ts';
import { StoreMemo } from './memo.ts';
import { migrationsFolder, refuseNewer } from './migrations.ts';
import { PreparingClient } from './pg-client.ts';
import * as schema from './schema.pg.ts';
import type { PostgresStore } from './store.ts';
import { safeUrl } from './url.ts';

/** One number per lock name, for PostgreSQL's advisory locks. */
const lockKey = (name: string) => sql`hashtextextended(${name}, 0)`;

/**
 * Connects to PostgreSQL and applies the committed migrations. Several Drill processes may start
 * at once: the migration runs under an advisory lock, and a database migrated by a newer Drill
 * is refused before anything is written. Failures are DatabaseOpenErrors without the password.
 */
export async function openPostgres(
  url: string,
  opts: { onError?: (err: Error) => void; max?: number } = {},
): Promise<PostgresStore> {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? 10,
    connectionTimeoutMillis: 10_000,
    // Each statement is parsed and planned once per connection (see PreparingClient).
    Client: PreparingClient,
  });
  // An idle connection that breaks (a server restart) must not crash the process.
  pool.on('error', (err) => opts.onError?.(err));
  try {
    const client = await pool.connect();
    try {
      const session = drizzle(client);
      await session.execute(sql`select pg_advisory_lock(${lockKey('drill:migrate')})`);
      try {
        const found = await client.query(
          `select to_regclass('drizzle.__drizzle_migrations') is not null as present`,
        );
        if (found.rows[0]?.present) {
          const applied = await client.query(
            'select count(*) as n, max(created_at) as last from drizzle.__drizzle_migrations',
          );
          refuseNewer('postgres', safeUrl(url), applied.rows[0]);
        }
        await migrate(session, { migrationsFolder: migrationsFolder('postgres') });
      } finally {
        await session.execute(sql`select pg_advisory_unlock(${lockKey('drill:migrate')})`);
      }
    } finally {
      client.release();
    }
  } catch (err) {
    await pool.end();
    throw postgresOpenError(safeUrl(url), err);
  }
  return postgresStore(drizzle(pool), pool, new StoreMemo());
}

function postgresStore(db: NodePgDatabase, pool: pg.Pool, memo: StoreMemo): PostgresStore {
  return {
    dialect: 'postgres',
    db,
    pg: db,
    poolSize: pool.options.max,
    tables: schema,
    memo,
    transaction(fn, opts) {
      return db.transaction(async (tx) => {
        if (opts?.lock) await tx.execute(sql`select pg_advisory_xact_lock(${lockKey(opts.lock)})`);
        const inner: PostgresStore = {
          ...postgresStore(tx, pool, memo),
          transaction: (f) => f(inner),
        };
        return fn(inner);
      });
    },
    async close() {
      await pool.end();
    },
  };
}
