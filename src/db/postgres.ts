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
  return postgresStore(drizzle(pool), pool, pool, new StoreMemo());
}

/** One drizzle database per pooled connection, made the first time it holds a transaction. */
const onClient = new WeakMap<pg.PoolClient, NodePgDatabase>();

function postgresStore(
  db: NodePgDatabase,
  client: pg.Pool | pg.PoolClient,
  pool: pg.Pool,
  memo: StoreMemo,
): PostgresStore {
  return {
    dialect: 'postgres',
    db,
    pg: db,
    client,
    inTransaction: client !== pool,
    poolSize: pool.options.max,
    tables: schema,
    memo,
    /**
     * BEGIN and the advisory lock go in one round trip (the simple protocol takes both
     * commands in one text; the lock's name is quoted as a literal), then `fn` runs on the
     * transaction's own connection and COMMIT is seen to succeed before the result returns.
     */
    async transaction(fn, opts) {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        const lock = opts?.lock
          ? `; select pg_advisory_xact_lock(hashtextextended(${client.escapeLiteral(opts.lock)}, 0))`
          : '';
        try {
          // Inside the try: a lock that fails leaves an aborted transaction to roll back.
          await client.query(`begin${lock}`);
          let tx = onClient.get(client);
          if (!tx) {
            tx = drizzle(client);
            onClient.set(client, tx);
          }
          const inner: PostgresStore = {
            ...postgresStore(tx, client, pool, memo),
            transaction: (f) => f(inner),
          };
          const result = await fn(inner);
          await client.query('commit');
          return result;
        } catch (err) {
          // A connection that cannot even roll back is dropped, not handed to the next caller.
          await client.query('rollback').catch((e: Error) => {
            broken = e;
          });
          throw err;
        }
      } finally {
        client.release(broken);
      }
    },
    async close() {
      await pool.end();
    },
  };
}
