import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { count, gt } from 'drizzle-orm';
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
  const startedAt = Date.now();
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
  // Every channel has its next slot ahead (none left due or never computed).
  const { channels } = store.tables;
  const [ahead] = await store.db
    .select({ n: count() })
    .from(channels)
    .where(gt(channels.nextDueAt, startedAt));
  process.stdout.write(
    `${JSON.stringify({ ms, mb: rss / 1024 / 1024, channels: await scheduler.scheduled(), ahead: ahead?.n })}\n`,
  );
  await scheduler.stop();
  await store.close();
}

interface Measured {
  ms: number;
  mb: number;
  channels: number;
  ahead: number;
}

/** One start of the scheduler in a process of its own. */
function startOnce(dbPath: string): Measured {
  const r = spawnSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), dbPath],
    { encoding: 'utf8', timeout: 300_000 },
  );
  const line = r.stdout.trim().split('\n').pop() ?? '';
  if (r.status !== 0 || !line.startsWith('{'))
    throw new Error(`scheduler bench failed: ${r.stderr}`);
  const measured = JSON.parse(line) as Measured;
  if (measured.channels !== CHANNELS || measured.ahead !== CHANNELS)
    throw new Error(`scheduler: ${JSON.stringify(measured)} of ${CHANNELS} channels`);
  return measured;
}

/**
 * The channels are seeded as an upgraded database has them (no next slot stored): the first
 * start computes every channel's next slot once (its time is in the note); the figure is a
 * start after that, as every later restart is.
 */
export async function benchScheduler(dir: string): Promise<Figure[]> {
  await seedChannels(join(dir, 'scheduler.db'));
  const first = startOnce(join(dir, 'scheduler.db'));
  const { ms, mb } = startOnce(join(dir, 'scheduler.db'));
  const note = `${CHANNELS.toLocaleString('en')} channels, 2,880 rules in 10 zones; a restart (the first start after the upgrade, which stores every channel's next slot: ${round(first.ms)} ms, ${round(first.mb)} MB)`;
  return [
    { name: 'scheduler_start_100k_ms', value: round(ms), unit: 'ms', target: 2000, note },
    { name: 'scheduler_rss_100k_mb', value: round(mb), unit: 'MB', target: 500, note },
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await measure(process.argv[2] as string);
}
