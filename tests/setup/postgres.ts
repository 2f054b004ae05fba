/**
 * One real PostgreSQL server for the whole test run; each test gets a database of its own
 * (newStoreTarget in tests/helpers.ts), so test files run in parallel. A server that cannot
 * start is one line here, and each PostgreSQL test fails with that line; the rest still runs.
 */
import type { TestProject } from 'vitest/node';
import { startPostgres } from '../fakes/postgres.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The server's admin URL (database `postgres`), or '' when it could not start. */
    pgAdminUrl: string;
    /** Why there is no server, when there is none. */
    pgUnavailable: string;
  }
}

export default async function setup(project: TestProject) {
  try {
    const server = await startPostgres({ durable: false });
    project.provide('pgAdminUrl', server.url);
    project.provide('pgUnavailable', '');
    return () => server.stop();
  } catch (err) {
    const why = (err as Error).message;
    process.stderr.write(`\n${why}: the PostgreSQL tests fail, the others run.\n\n`);
    project.provide('pgAdminUrl', '');
    project.provide('pgUnavailable', why);
    return () => {};
  }
}
