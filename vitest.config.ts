import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // The build `npm start` runs, and one PostgreSQL server for the whole run.
    globalSetup: ['tests/global-setup.ts', 'tests/setup/postgres.ts'],
    // vitest's own report, then the ten slowest tests and what was skipped for want of ../shared.
    reporters: ['default', './tests/setup/summary.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
