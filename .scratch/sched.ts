import { existsSync } from 'node:fs';
import { openSqlite } from '../src/db/sqlite.ts';
import { Scheduler } from '../src/schedule/scheduler.ts';
import { headlessDeps } from '../tests/fakes/deps.ts';
import { RecordingPort } from '../tests/fakes/recorder.ts';
const path = '/tmp/sched-100k.db';
const ZONES = ['Asia/Seoul','America/New_York','Europe/London','Asia/Tokyo','America/Los_Angeles','Europe/Berlin','Australia/Sydney','America/Sao_Paulo','Asia/Kolkata','UTC'];
if (!existsSync(path)) {
  const s = openSqlite(path);
  const now = Date.now();
  const ins = s.sqlite.prepare(`insert into channels (platform, workspace, channel, locale, cron, timezone, schedule_since, created_at) values ('console','bench',?, 'en', ?, ?, ?, ?)`);
  s.sqlite.transaction(() => { for (let n = 0; n < 100000; n++) ins.run(`c${n}`, `${n % 60} ${Math.floor(n / 60) % 24} * * ${n % 2 ? '1-5' : '*'}`, ZONES[n % 10], now, now); })();
  await s.close();
}
const store = openSqlite(path);
const deps = headlessDeps(store, { ports: { console: new RecordingPort('console', 2000) } });
const t = performance.now();
const scheduler = new Scheduler(deps, { catchupWindowMs: 7_200_000, claimTimeoutMs: 60_000, timers: true });
await scheduler.start();
console.log('start ms', performance.now() - t, scheduler.size);
await scheduler.stop();
await store.close();
