import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { pathToFileURL } from 'node:url';
import { syncContent } from './bank/sync.ts';
import { ConsolePort, runConsole } from './chat/console/console.ts';
import { startDiscord } from './chat/discord/index.ts';
import { startSlack } from './chat/slack/index.ts';
import { systemClock } from './clock.ts';
import { type Config, ConfigError, describeConfig, loadConfig, secretsOf } from './config.ts';
import { openDatabase } from './db/connection.ts';
import { createLogger } from './log.ts';
import type { PracticeDeps } from './practice/deps.ts';
import { Scheduler } from './schedule/scheduler.ts';

function readConfig(): Config | null {
  // DRILL_ENV_FILE names another file, or none when empty (tests keep a developer's .env out).
  const envFile = process.env.DRILL_ENV_FILE ?? '.env';
  if (envFile && existsSync(envFile)) {
    if (typeof process.loadEnvFile === 'function') process.loadEnvFile(envFile);
    else
      process.stderr.write(
        `drill: ${envFile} is ignored: reading it needs Node.js 20.12 or newer\n`,
      );
  }
  try {
    return loadConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`drill: ${err.message}\n`);
    process.exitCode = 2;
    return null;
  }
}

/** Start-up: config → database → bank → platforms → scheduler. */
export async function main(): Promise<void> {
  const config = readConfig();
  if (!config) return;
  const log = createLogger({ level: config.LOG_LEVEL, secrets: secretsOf(config) });
  log.debug({ config: describeConfig(config) }, 'configuration');
  const conn = openDatabase(config.DATABASE_PATH);
  const clock = systemClock;

  const sync = syncContent(conn.db, [config.CONTENT_DIR], clock.now());
  for (const kept of sync.kept) {
    for (const p of kept.problems.filter((p) => p.level === 'error')) {
      log.error(
        `${p.file}:${p.line}: ${p.message} (the last good version of "${kept.bank}" keeps serving)`,
      );
    }
  }
  log.info({ ...sync, kept: sync.kept.map((k) => k.bank) }, 'question bank synced');

  const deps: PracticeDeps = {
    db: conn.db,
    clock,
    random: Math.random,
    ports: {},
    defaults: { locale: config.DEFAULT_LOCALE, timezone: config.DEFAULT_TIMEZONE },
    log,
  };

  const scheduler = new Scheduler(deps, {
    catchupWindowMs: config.CATCHUP_WINDOW,
    claimTimeoutMs: config.CLAIM_TIMEOUT,
    timers: true,
  });
  deps.scheduleChanged = (channelId) => scheduler.reload(channelId);

  const platforms: { stop(): Promise<void> }[] = [];
  let stopping = false;
  const stop = async (reason: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal: reason }, 'shutting down');
    await scheduler.stop();
    for (const p of platforms)
      await p.stop().catch((err) => log.error({ err }, 'stopping a platform failed'));
    conn.close();
  };
  const onSignal = (signal: string) => void stop(signal).then(() => process.exit(0));
  process.once('SIGINT', () => onSignal('SIGINT'));
  process.once('SIGTERM', () => onSignal('SIGTERM'));

  try {
    if (config.DISCORD_TOKEN && config.DISCORD_APPLICATION_ID) {
      platforms.push(
        await startDiscord(deps, {
          token: config.DISCORD_TOKEN,
          applicationId: config.DISCORD_APPLICATION_ID,
          guildId: config.DISCORD_GUILD_ID,
          apiUrl: config.DISCORD_API_URL,
        }),
      );
    }
    if (config.SLACK_BOT_TOKEN) {
      platforms.push(
        await startSlack(deps, {
          botToken: config.SLACK_BOT_TOKEN,
          appToken: config.SLACK_APP_TOKEN,
          signingSecret: config.SLACK_SIGNING_SECRET,
          port: config.PORT,
          apiUrl: config.SLACK_API_URL,
          adminUserIds: config.ADMIN_USER_IDS,
        }),
      );
    }
  } catch (err) {
    log.fatal({ err }, 'could not connect to a chat platform; check the tokens and the network');
    await stop('start-up failed');
    process.exitCode = 1;
    return;
  }
  if (platforms.length > 0) {
    await scheduler.start();
    log.info('drill is running');
    return;
  }
  // No platform tokens: this terminal is the channel, until the end of its input.
  deps.ports.console = new ConsolePort(process.stdout);
  await scheduler.start();
  await runConsole(deps, {
    input: process.stdin,
    out: process.stdout,
    member: userInfo().username || 'me',
  });
  await stop('end of input');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
