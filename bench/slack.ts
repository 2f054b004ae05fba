import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { runCommand } from '../commands/index.ts';
import { syncContent } from '../src/bank/sync.ts';
import { startSlack } from '../src/chat/slack/index.ts';
import { manualClock } from '../src/core/clock.ts';
import { openSqlite } from '../src/db/sqlite.ts';
import { Scheduler } from '../src/schedule/scheduler.ts';
import { headlessDeps, scheduleChannel } from '../tests/fakes/deps.ts';
import { FakeSlack, signedRequest, TEAM_ID } from '../tests/fakes/slack.ts';
import { type Figure, round } from './figures.ts';

const CONTENT = fileURLToPath(new URL('../content', import.meta.url));
const SECRET = 'bench-signing-secret';

async function world(dir: string, name: string) {
  const fake = new FakeSlack();
  await fake.start();
  const store = openSqlite(join(dir, `${name}.db`));
  const clock = manualClock('2027-01-04T00:30:00Z');
  await syncContent(store, [CONTENT], clock.now());
  const deps = headlessDeps(store, { clock });
  const slack = await startSlack(deps, {
    botToken: 'xoxb-bench',
    signingSecret: SECRET,
    port: 0,
    host: '127.0.0.1',
    apiUrl: fake.apiUrl,
  });
  const url = `http://127.0.0.1:${((slack.server as Server).address() as AddressInfo).port}/slack/events`;
  return {
    fake,
    deps,
    clock,
    url,
    async close() {
      await slack.stop();
      await fake.stop();
      await store.close();
    },
  };
}

/** 1,000 thread replies from 200 members, users.info limited to 100 a minute: time until stored. */
async function burst(dir: string): Promise<Figure[]> {
  const w = await world(dir, 'slack-burst');
  w.fake.limit('users.info', 100, 60_000);
  await runCommand(
    'ask',
    {},
    {
      deps: w.deps,
      address: { platform: 'slack', workspace: TEAM_ID, channel: 'C0BURST' },
      threadRef: null,
      member: { id: 'U1', name: 'U1', canManage: false },
      locale: 'en',
    },
  );
  const { drops, replies } = w.deps.store.tables;
  const thread = (await w.deps.store.db.select().from(drops))[0]?.threadRef as string;
  const t = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 50 }, async () => {
      while (next < 1000) {
        const i = next++;
        const body = JSON.stringify({
          type: 'event_callback',
          team_id: TEAM_ID,
          event_id: `Ev${i}`,
          event: {
            type: 'message',
            channel: 'C0BURST',
            user: `U${String(i % 200).padStart(3, '0')}`,
            text: `answer ${i}`,
            ts: `1700000100.${String(i).padStart(6, '0')}`,
            thread_ts: thread,
          },
        });
        await signedRequest(w.url, body, { secret: SECRET, contentType: 'application/json' });
      }
    }),
  );
  await w.fake.waitFor(
    async () => (await w.deps.store.db.select().from(replies)).length === 1000,
    120_000,
  );
  const seconds = (performance.now() - t) / 1000;
  const limited = w.fake.limited.length;
  await w.close();
  return [
    {
      name: 'slack_burst_stored_s',
      value: round(seconds, 2),
      unit: 's',
      target: 5,
      note: `1,000 replies from 200 members, users.info limited to 100/min (${limited} look-ups refused)`,
    },
  ];
}

/** 200 channels of one workspace due at one minute; chat.postMessage 1/s per channel, 50/s in all. */
async function fanout(dir: string): Promise<Figure[]> {
  const w = await world(dir, 'slack-fanout');
  for (let i = 0; i < 200; i++)
    await scheduleChannel(w.deps, { platform: 'slack', workspace: TEAM_ID, channel: `C${i}` });
  const scheduler = new Scheduler(w.deps, {
    catchupWindowMs: 7_200_000,
    claimTimeoutMs: 60_000,
    timers: false,
  });
  await scheduler.start();
  w.fake.latencyMs = 150;
  w.fake.limit('chat.postMessage', 50, 1000);
  w.clock.set('2027-01-05T00:00:00Z');
  const t = performance.now();
  await scheduler.tick();
  const seconds = (performance.now() - t) / 1000;
  const { drops } = w.deps.store.tables;
  const posted = (await w.deps.store.db.select().from(drops)).filter(
    (d) => d.status === 'posted',
  ).length;
  const limited = w.fake.limited.length;
  await scheduler.stop();
  await w.close();
  return [
    {
      name: 'slack_fanout_200_s',
      value: round(seconds, 1),
      unit: 's',
      target: 200 / 50 / 0.9,
      note: `${posted}/200 posted; the workspace limit (50/s) allows 4 s; ${limited} calls answered 429`,
      ...(posted === 200 ? {} : { failed: `only ${posted} of 200 drops were posted` }),
    },
  ];
}

/** A process that keeps one core busy for at most two minutes (killed sooner). */
function burner() {
  return spawn(
    process.execPath,
    ['-e', 'const end = Date.now() + 120000; while (Date.now() < end) {}'],
    {
      stdio: 'ignore',
    },
  );
}

/**
 * 1,000 thread replies of 200 members in about 3 s over a real Socket Mode connection to the
 * fake Slack (in a process of its own), with a CPU-burning process on each core beside the bot:
 * events lost (never acked), the slowest ack, and the longest the bot's event loop was held.
 */
export async function socketBurst(dir: string, burnerCount = 2): Promise<Figure[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/slack-process.ts'], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async () => JSON.parse(String((await lines.next()).value));
  const burners = Array.from({ length: burnerCount }, burner);
  const store = openSqlite(join(dir, 'slack-socket.db'));
  try {
    const { apiUrl } = (await next()) as { apiUrl: string };
    await syncContent(store, [CONTENT], Date.now());
    const deps = headlessDeps(store);
    const slack = await startSlack(deps, {
      botToken: 'xoxb-bench',
      appToken: 'xapp-bench',
      apiUrl,
      retries: 0,
      timeoutMs: 3000,
    });
    const address = { platform: 'slack' as const, workspace: TEAM_ID, channel: 'C0SOCKET' };
    await runCommand(
      'ask',
      {},
      {
        deps,
        address,
        threadRef: null,
        member: { id: 'U1', name: 'U1', canManage: false },
        locale: 'en',
      },
    );
    const { drops, replies } = store.tables;
    const thread = (await store.db.select().from(drops))[0]?.threadRef as string;
    // One row back, not every reply's: the bench polls in the bot's own process and must not
    // itself be what holds its event loop.
    const count = async () =>
      (await store.db.select({ n: sql<number>`count(*)` }).from(replies))[0]?.n ?? 0;
    // A warm-up of 20 events first: the bot has served before, so the burst does not also pay
    // for loading and compiling the modules a first event needs.
    child.stdin.write(`burst 20 C0SOCKET ${thread} 900000\n`);
    await next();
    // Acks go out as events arrive, before they are stored: the warm-up's replies are all in
    // before the burst is counted.
    const warmUntil = Date.now() + 30_000;
    while ((await count()) < 20 && Date.now() < warmUntil)
      await new Promise((r) => setTimeout(r, 50));
    const warm = await count();
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    child.stdin.write(`burst 1000 C0SOCKET ${thread}\n`);
    const { acked, lost, maxAckMs } = (await next()) as {
      acked: number;
      lost: number;
      maxAckMs: number;
    };
    const until = Date.now() + 60_000;
    while ((await count()) - warm < acked && Date.now() < until)
      await new Promise((r) => setTimeout(r, 100));
    loop.disable();
    const stored = (await count()) - warm;
    await slack.stop();
    const failed = stored < acked ? `${stored} of ${acked} acked replies stored` : undefined;
    const note = `1,000 events in ~3 s after a warm-up of 20, ${burnerCount} CPU burners beside the bot; ${stored} stored`;
    return [
      { name: 'slack_socket_burst_lost', value: lost, unit: 'events', target: 0, note, failed },
      {
        name: 'slack_socket_burst_max_ack_ms',
        value: round(maxAckMs, 0),
        unit: 'ms',
        target: 1000,
        failed,
      },
      {
        name: 'event_loop_max_block_ms',
        value: round(loop.max / 1e6, 1),
        unit: 'ms',
        target: 50,
        note: `the bot's event loop during the burst (p99 ${round(loop.percentile(99) / 1e6, 1)} ms)`,
      },
    ];
  } finally {
    for (const b of burners) b.kill();
    child.kill();
    await store.close();
  }
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The node options of `npm start` (package.json's start script): V8's sizes and pool. */
export function startFlags(): string[] {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    scripts: { start: string };
  };
  const words = pkg.scripts.start.split(/\s+/);
  return words.slice(words.indexOf('node') + 1).filter((w) => w.startsWith('--'));
}

/**
 * The socket burst with the bot in a process of its own, started with `npm start`'s node options
 * (bench/slack-bot.ts), so the event loop measured is that of a bot sized as deployed.
 */
async function socketBurstProcess(dir: string): Promise<Figure[]> {
  const child = spawn(
    process.execPath,
    [...startFlags(), '--import', 'tsx', 'bench/slack-bot.ts', dir],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout.on('data', (d: Buffer) => {
    out += d;
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const last = out.trim().split('\n').at(-1);
  if (code !== 0 || !last) throw new Error(`bench/slack-bot.ts exited with ${code}`);
  const flags = startFlags().join(' ');
  return (JSON.parse(last) as Figure[]).map((f) =>
    f.name === 'event_loop_max_block_ms' ? { ...f, note: `${f.note}; node ${flags}` } : f,
  );
}

export async function benchSlack(dir: string): Promise<Figure[]> {
  return [...(await burst(dir)), ...(await fanout(dir)), ...(await socketBurstProcess(dir))];
}
