import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // The build `npm start` runs, and one PostgreSQL server for the whole run.
    globalSetup: ['tests/global-setup.ts', 'tests/setup/postgres.ts', 'tests/setup/chromium.ts'],
    // vitest's own report, then the ten slowest tests and what was skipped for want of ../shared.
    reporters: ['default', './tests/setup/summary.ts'],
    // Two test files at a time, also on two cores: many tests wait on processes and sockets.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // Only a guard against a hang: each wait in a test is bounded by the work it waits for, with
    // room for a machine whose cores other jobs share.
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
