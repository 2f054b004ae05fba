import { existsSync, fstatSync } from 'node:fs';
import { userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { isatty } from 'node:tty';
import { pathToFileURL } from 'node:url';
import { syncContent } from './bank/sync.ts';
import { ConsolePort, runConsole } from './chat/console/console.ts';
import { refusedToken } from './chat/refused.ts';
import { systemClock } from './core/clock.ts';
import { type Config, ConfigError, describeConfig, loadConfig, secretsOf } from './core/config.ts';
import type { PracticeDeps } from './core/deps.ts';
import { type MessageKey, t } from './core/i18n/index.ts';
import { createLogger, fileSink, redactor } from './core/log.ts';
import { DatabaseOpenError, postgresOpenError, storeFailure } from './db/errors.ts';
import { openStore } from './db/open.ts';
import { databaseError } from './db/sqlite.ts';
import type { Store } from './db/store.ts';
import { safeUrl } from './db/url.ts';
import { claimShardCount, SHARD_COUNT_CONFIRM_MS, SHARD_COUNT_STALE_MS } from './deploy/shards.ts';
import { exitOnSignals } from './deploy/signals.ts';
import { Scheduler } from './schedule/scheduler.ts';
import type { PlatformChecks } from './web/start.ts';

/** SIGTERM to exit, even while a post waits on a rate limit. */
const SHUTDOWN_DEADLINE_MS = 8_000;

const DB_KEYS: Record<DatabaseOpenError['kind'], MessageKey> = {
  corrupt: 'startup.dbCorrupt',
  readonly: 'startup.dbReadonly',
  cannotOpen: 'startup.dbCannotOpen',
  full: 'startup.dbFull',
  newer: 'startup.dbNewer',
  auth: 'startup.dbAuth',
  unreachable: 'startup.dbUnreachable',
  missing: 'startup.dbMissing',
};

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

/** Whether standard input can bring lines: a terminal, a pipe or a file, not /dev/null or none. */
function hasInput(): boolean {
  try {
    return isatty(0) || !fstatSync(0).isCharacterDevice();
  } catch {
    return false;
  }
}

/** Start-up: config → database → bank → platforms → scheduler. */
export async function main(): Promise<void> {
  const config = readConfig();
  if (!config) return;
  const secrets = secretsOf(config);
  // The console is a chat: its logs go to a file next to the database, unless LOG_LEVEL asks
  // for them here.
  const consoleOnly =
    !(config.DISCORD_TOKEN && config.DISCORD_APPLICATION_ID) && !config.SLACK_BOT_TOKEN;
  // No tokens and nothing to read lines from (a container's /dev/null): the console would end at
  // once and a restart policy would start it again forever. Say what is missing and stop.
  if (consoleOnly && !hasInput()) {
    process.stderr.write(`drill: ${t(config.DEFAULT_LOCALE, 'startup.noChannel')}\n`);
    process.exitCode = 2;
    return;
  }
  const logFile =
    consoleOnly && process.env.LOG_LEVEL === undefined
      ? join(config.DATABASE_URL ? 'data' : dirname(config.DATABASE_PATH), 'drill.log')
      : null;
  const fileLog = logFile ? fileSink(logFile) : null;
  const log = createLogger({
    level: config.LOG_LEVEL,
    secrets,
    ...(fileLog ? { sink: fileLog, pretty: false } : {}),
  });
  log.debug({ config: describeConfig(config) }, 'configuration');
  const locale = config.DEFAULT_LOCALE;
  /** One line on stderr, exit code 2; the stack only where LOG_LEVEL asks for it. */
  const refuseStart = (line: string, err: unknown, code = 2) => {
    process.stderr.write(`drill: ${redactor(secrets)(line)}\n`);
    log.debug({ err }, 'start-up failed');
    process.exitCode = code;
  };
  // PostgreSQL when DATABASE_URL is set; otherwise the SQLite file at DATABASE_PATH.
  const where = config.DATABASE_URL
    ? { variable: 'DATABASE_URL', path: safeUrl(config.DATABASE_URL) }
    : { variable: 'DATABASE_PATH', path: config.DATABASE_PATH };
  const dbLine = (err: DatabaseOpenError) =>
    t(locale, DB_KEYS[err.kind], {
      ...where,
      detail: err.detail,
      found: err.schema?.found ?? '?',
      known: err.schema?.known ?? '?',
    });
  let store: Store;
  try {
    store = await openStore(config.DATABASE_URL ?? config.DATABASE_PATH, {
      poolSize: config.DATABASE_POOL,
      sync: config.DATABASE_SYNC,
      onError: (err) => log.error({ err }, 'database connection error'),
    });
  } catch (err) {
    if (!(err instanceof DatabaseOpenError)) throw err;
    refuseStart(dbLine(err), err);
    return;
  }
  const clock = systemClock;

  let sync: Awaited<ReturnType<typeof syncContent>>;
  try {
    sync = await syncContent(store, [config.CONTENT_DIR], clock.now());
  } catch (err) {
    await store.close();
    if (!storeFailure(err)) throw err;
    const opened = config.DATABASE_URL ? postgresOpenError : databaseError;
    refuseStart(dbLine(opened(where.path, err)), err);
    return;
  }
  for (const kept of sync.kept) {
    for (const p of kept.problems.filter((p) => p.level === 'error')) {
      log.error(
        `${p.file}:${p.line}: ${p.message} (the last good version of "${kept.bank}" keeps serving)`,
      );
    }
  }
  log.info({ ...sync, kept: sync.kept.map((k) => k.bank) }, 'question bank synced');

  const deps: PracticeDeps = {
    store,
    clock,
    random: Math.random,
    ports: {},
    defaults: { locale: config.DEFAULT_LOCALE, timezone: config.DEFAULT_TIMEZONE },
    log,
    limits: {
      askCooldownMs: config.ASK_COOLDOWN,
      askPerHour: config.ASK_PER_HOUR,
      scheduleMinIntervalMs: config.SCHEDULE_MIN_INTERVAL,
    },
  };

  if (config.COACH_BASE_URL && config.COACH_MODEL) {
    const { createCoachModel, useCoachModel } = await import('./coach/model.ts');
    useCoachModel(
      deps,
      createCoachModel({
        baseUrl: config.COACH_BASE_URL,
        ...(config.COACH_API_KEY ? { apiKey: config.COACH_API_KEY } : {}),
        model: config.COACH_MODEL,
        dailyBudget: config.COACH_DAILY_BUDGET,
      }),
    );
  }

  const scheduler = new Scheduler(deps, {
    catchupWindowMs: config.CATCHUP_WINDOW,
    claimTimeoutMs: config.CLAIM_TIMEOUT,
    timers: true,
  });
  deps.scheduleChanged = (channelId) => scheduler.reload(channelId);

  const platforms: { stop(): Promise<void> }[] = [];
  /** What GET /healthz asks of each platform this process connected. */
  const connected: PlatformChecks = {};
  let releaseShards = async () => {};
  /** The shutdown, once: whoever asks again (a signal during a failed start) waits for it. */
  let stopped: Promise<void> | null = null;
  const stop = (reason: string): Promise<void> => {
    stopped ??= (async () => {
      log.info({ signal: reason }, 'shutting down');
      await scheduler.stop();
      for (const p of platforms)
        await p.stop().catch((err) => log.error({ err }, 'stopping a platform failed'));
      await releaseShards().catch((err) => log.error({ err }, 'letting the shard count go failed'));
      await store.close();
      log.info('stopped');
    })();
    return stopped;
  };
  // A post waiting on a rate limit must not hold the process: whatever is not done by the
  // deadline is left to the next start (a cut-off claim is retried once, never posted twice).
  exitOnSignals(stop, {
    deadlineMs: SHUTDOWN_DEADLINE_MS,
    onDeadline: (signal) => {
      log.warn({ signal }, 'shutdown deadline reached; exiting with work in flight');
      void store.close();
    },
  });

  let startingSlack = false;
  try {
    // Each platform's SDK (some 30 MB of modules each) is loaded only when its tokens are set.
    if (config.DISCORD_TOKEN && config.DISCORD_APPLICATION_ID) {
      if (config.DISCORD_SHARDS !== 'auto') {
        // Every process on the database splits Discord the same way, or some servers get none.
        const count = Number(config.DISCORD_SHARD_COUNT);
        const claim = await claimShardCount(store, count, clock.now());
        if (!claim.ok) {
          await stop('start-up failed');
          refuseStart(
            t(locale, 'startup.shardsDisagree', {
              mine: count,
              theirs: claim.theirs,
              seconds: Math.max(0, Math.round((clock.now() - claim.seenAt) / 1000)),
              stale: Math.round(SHARD_COUNT_STALE_MS / 60_000),
            }),
            null,
          );
          return;
        }
        const confirm = setInterval(() => {
          claim
            .confirm(clock.now())
            .catch((err) => log.error({ err }, 'confirming the shard count failed'));
        }, SHARD_COUNT_CONFIRM_MS);
        confirm.unref();
        // Stopping (or failing to start) lets the count go, so a restart with another may follow.
        releaseShards = async () => {
          clearInterval(confirm);
          await claim.release();
        };
      }
      const { startDiscord } = await import('./chat/discord/index.ts');
      const discord = await startDiscord(deps, {
        token: config.DISCORD_TOKEN,
        applicationId: config.DISCORD_APPLICATION_ID,
        guildId: config.DISCORD_GUILD_ID,
        apiUrl: config.DISCORD_API_URL,
        ...(config.DISCORD_SHARDS !== 'auto'
          ? { shards: config.DISCORD_SHARDS, shardCount: Number(config.DISCORD_SHARD_COUNT) }
          : {}),
      });
      platforms.push(discord);
      connected.discord = () => discord.client.isReady();
    }
    if (config.SLACK_BOT_TOKEN) {
      startingSlack = true;
      const { startSlack } = await import('./chat/slack/index.ts');
      const slack = await startSlack(deps, {
        botToken: config.SLACK_BOT_TOKEN,
        appToken: config.SLACK_APP_TOKEN,
        signingSecret: config.SLACK_SIGNING_SECRET,
        port: config.PORT,
        apiUrl: config.SLACK_API_URL,
        adminUserIds: config.ADMIN_USER_IDS,
      });
      platforms.push(slack);
      connected.slack = () => slack.app.client.auth.test().then((r) => r.ok === true);
    }
  } catch (err) {
    await stop('start-up failed');
    const refused = refusedToken(err);
    const platform = refused?.platform ?? (startingSlack ? 'Slack' : 'Discord');
    if (refused) refuseStart(t(locale, 'startup.tokenRefused', refused), err);
    else
      refuseStart(
        t(locale, 'startup.platformFailed', { platform, detail: (err as Error).message }),
        err,
        1,
      );
    return;
  }
  // The web dashboard (src/web/), when WEB_PORT is set, and in the console at 127.0.0.1:3000.
  const webAt =
    config.WEB_PORT !== undefined || consoleOnly
      ? (await import('./web/start.ts')).webAddress(config, consoleOnly)
      : null;
  let web: { url: string } | { where: string; detail: string } | undefined;
  if (webAt) {
    const { startDashboard } = await import('./web/start.ts');
    const consoleMember = consoleOnly
      ? { id: `console:${userInfo().username || 'me'}`, name: userInfo().username || 'me' }
      : undefined;
    try {
      const server = await startDashboard(deps, config, webAt, connected, consoleMember);
      platforms.push(server);
      web = { url: server.url };
      log.info({ url: server.url }, 'web dashboard listening');
    } catch (err) {
      // The bot keeps working without its pages (a second console on this machine, say).
      web = { where: `${webAt.host}:${webAt.port}`, detail: (err as Error).message };
      log.warn({ err, ...webAt }, 'the web dashboard could not listen; running without it');
    }
  }
  if (platforms.length > 0 && !consoleOnly) {
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
    ...(fileLog && logFile ? { logFile } : {}),
    ...(web ? { web } : {}),
    ...(process.stdin.isTTY ? { prompt: '> ' } : {}),
  });
  await stop('end of input');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
