import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { openSqlite } from '../src/db/sqlite.ts';
import { Scheduler } from '../src/schedule/scheduler.ts';
import { headlessDeps } from '../tests/fakes/deps.ts';
import { RecordingPort } from '../tests/fakes/recorder.ts';
import { type Figure, round } from './figures.ts';

const CHANNELS = 100_000;
const ZONES = [
  'Asia/Seoul',
  'America/New_York',
  'Europe/London',
  'Asia/Tokyo',
  'America/Los_Angeles',
  'Europe/Berlin',
  'Australia/Sydney',
  'America/Sao_Paulo',
  'Asia/Kolkata',
  'UTC',
];

/** 100,000 channels with 2,880 rules (minute, hour and weekdays) in 10 zones. */
async function seedChannels(dbPath: string): Promise<void> {
  const store = openSqlite(dbPath);
  const now = Date.now();
  await store.transaction(async ({ db, tables }) => {
    for (let i = 0; i < CHANNELS; i += 500) {
      await db.insert(tables.channels).values(
        Array.from({ length: 500 }, (_, k) => {
          const n = i + k;
          return {
            platform: 'console',
            workspace: 'bench',
            channel: `c${n}`,
            locale: 'en',
            cron: `${n % 60} ${Math.floor(n / 60) % 24} * * ${n % 2 ? '1-5' : '*'}`,
            timezone: ZONES[n % ZONES.length] as string,
            scheduleSince: now,
            createdAt: now,
          };
        }),
      );
    }
  });
  await store.close();
}

/** In a fresh process: open the database, then time Scheduler.start() and its RSS growth. */
async function measure(dbPath: string): Promise<void> {
  const store = openSqlite(dbPath);
  const deps = headlessDeps(store, { ports: { console: new RecordingPort('console', 2000) } });
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  const t = performance.now();
  const scheduler = new Scheduler(deps, {
    catchupWindowMs: 7_200_000,
    claimTimeoutMs: 60_000,
    timers: true,
  });
  await scheduler.start();
  const ms = performance.now() - t;
  global.gc?.();
  const rss = process.memoryUsage().rss - rssBefore;
  process.stdout.write(
    `${JSON.stringify({ ms, mb: rss / 1024 / 1024, channels: scheduler.size })}\n`,
  );
  await scheduler.stop();
  await store.close();
}

export async function benchScheduler(dir: string): Promise<Figure[]> {
  await seedChannels(join(dir, 'scheduler.db'));
  const r = spawnSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), join(dir, 'scheduler.db')],
    { encoding: 'utf8', timeout: 120_000 },
  );
  const line = r.stdout.trim().split('\n').pop() ?? '';
  if (r.status !== 0 || !line.startsWith('{'))
    throw new Error(`scheduler bench failed: ${r.stderr}`);
  const {
    ms,
    mb,
    channels: loaded,
  } = JSON.parse(line) as { ms: number; mb: number; channels: number };
  if (loaded !== CHANNELS) throw new Error(`scheduler loaded ${loaded} channels`);
  const note = `${CHANNELS.toLocaleString('en')} channels, 2,880 rules in 10 zones`;
  return [
    { name: 'scheduler_start_100k_ms', value: round(ms), unit: 'ms', target: 2000, note },
    { name: 'scheduler_rss_100k_mb', value: round(mb), unit: 'MB', target: 500, note },
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await measure(process.argv[2] as string);
}
