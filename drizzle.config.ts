import { defineConfig } from 'drizzle-kit';

/** SQLite migrations; drizzle.pg.config.ts makes the PostgreSQL ones (`npm run db:generate`). */
export default defineConfig({
  dialect: 'sqlite',
  schema: './src/db/schema.ts',
  out: './drizzle/sqlite',
});
