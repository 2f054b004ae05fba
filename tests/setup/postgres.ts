/**
 * One real PostgreSQL server for the whole test run; each test gets a database of its own
 * (newStoreTarget in tests/helpers.ts), so test files run in parallel.
 */
import type { TestProject } from 'vitest/node';
import { startPostgres } from '../fakes/postgres.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The server's admin URL (database `postgres`). */
    pgAdminUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const server = await startPostgres({ durable: false });
  project.provide('pgAdminUrl', server.url);
  return () => server.stop();
}
