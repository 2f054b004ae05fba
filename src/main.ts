import { existsSync } from 'node:fs';
import { syncContent } from './bank/sync.ts';
import { systemClock } from './clock.ts';
import { ConfigError, loadConfig, secretsOf } from './config.ts';
import { openDatabase } from './db/connection.ts';
import { createLogger } from './log.ts';

export async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`drill: ${err.message}\n`);
      process.exitCode = 2;
      return;
    }
    throw err;
  }
  const log = createLogger({ level: config.LOG_LEVEL, secrets: secretsOf(config) });
  const conn = openDatabase(config.DATABASE_PATH);
  const sync = syncContent(conn.db, [config.CONTENT_DIR], systemClock.now());
  for (const kept of sync.kept) {
    for (const p of kept.problems.filter((p) => p.level === 'error')) {
      log.error(
        `${p.file}:${p.line}: ${p.message} (the last good version of "${kept.bank}" keeps serving)`,
      );
    }
  }
  log.info({ ...sync, kept: sync.kept.map((k) => k.bank) }, 'question bank synced');
  conn.close();
}

if (process.argv[1]?.endsWith('main.ts')) await main();
