import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { count } from 'drizzle-orm';
import { syncContent } from '../src/bank/sync.ts';
import { startDiscord } from '../src/chat/discord/index.ts';
import { ensureChannel } from '../src/core/channels.ts';
import { manualClock } from '../src/core/clock.ts';
import type { PracticeDeps } from '../src/core/deps.ts';
import type { OutMessage } from '../src/core/port.ts';
import { openSqlite } from '../src/db/sqlite.ts';
import { Scheduler } from '../src/schedule/scheduler.ts';
import { headlessDeps, scheduleChannel } from '../tests/fakes/deps.ts';
import { APP_ID, FakeDiscord, GUILD_ID } from '../tests/fakes/discord.ts';
import { FakeSlack } from '../tests/fakes/slack.ts';
import { type Figure, round } from './figures.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CONTENT = join(ROOT, 'content');
const SLOT = '2027-01-05T00:00:00Z';

/** The bot connected to a Discord at `apiUrl` and every channel in `ids` scheduled for SLOT. */
async function world(dir: string, name: string, apiUrl: string, ids: string[]) {
  const store = openSqlite(join(dir, `${name}.db`));
  const clock = manualClock('2027-01-04T00:30:00Z');
  await syncContent(store, [CONTENT], clock.now());
  const deps = headlessDeps(store, { clock });
  const discord = await startDiscord(deps, {
    token: 'bench-token',
    applicationId: APP_ID,
    guildId: GUILD_ID,
    apiUrl,
    waitGuildTimeoutMs: 5000,
  });
  for (const channel of ids)
    await scheduleChannel(deps, { platform: 'discord', workspace: GUILD_ID, channel });
  const scheduler = new Scheduler(deps, {
    catchupWindowMs: 7_200_000,
    claimTimeoutMs: 60_000,
    timers: false,
  });
  await scheduler.start();
  clock.set(SLOT);
  return {
    deps,
    scheduler,
    async close() {
      await scheduler.stop();
      await discord.stop();
      await store.close();
    },
  };
}

/**
 * The CPU per drop of Drill's Discord port alone (discord.js's REST and gateway, the pacer, the
 * embed), no database and no scheduler: the same 1,000 channels each sent a drop and its thread,
 * 50 at once as the scheduler sends them. What part of `drop_cpu_ms` the platform takes.
 */
async function portOnlyCpu(deps: PracticeDeps, ids: string[]): Promise<{ ms: number; ok: number }> {
  const port = deps.ports.discord;
  if (!port) throw new Error('no Discord port');
  const message: OutMessage = {
    title: 'Question of the day · 네트워크',
    body: '',
    blocks: [
      {
        kind: 'notes',
        text: 'TCP 3-way handshake 과정을 설명해 주세요. 각 단계에서 오가는 플래그와, 2-way로는 왜 부족한지도 함께.',
        format: 'markdown',
        fit: 'clip',
      },
    ],
    footer: 'Reply in the thread.',
  };
  let next = 0;
  let ok = 0;
  const cpu = process.cpuUsage();
  await Promise.all(
    Array.from({ length: 50 }, async () => {
      while (next < ids.length) {
        const channel = ids[next++] as string;
        const address = { platform: 'discord' as const, workspace: GUILD_ID, channel };
        await port.postDrop(address, message, 'TCP 3-way handshake', `port-only:${channel}`);
        ok++;
      }
    }),
  );
  const used = process.cpuUsage(cpu);
  return { ms: (used.user + used.system) / 1000 / ids.length, ok };
}

/** Lines of a child process's stdout, one at a time. */
function lineReader(child: { stdout: Readable }) {
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  return async () => JSON.parse(String((await lines.next()).value));
}

/** The fake Discord of 1,000 channels, 150 ms round trips and the global 50/s, in its own process. */
async function discordProcess() {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'bench/discord-process.ts', '1000', '150', '50'],
    { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const next = lineReader(child);
  const { apiUrl, ids } = (await next()) as { apiUrl: string; ids: string[] };
  return { child, next, apiUrl, ids };
}

/**
 * 1,000 channels due at one minute, 150 ms round trips, Discord's global 50/s enforced by a fake
 * Discord in a process of its own.
 */
async function fanout(dir: string): Promise<Figure[]> {
  const { child, next, apiUrl, ids } = await discordProcess();
  try {
    const w = await world(dir, 'fanout', apiUrl, ids);
    child.stdin.write('stats\n');
    const before = (await next()) as { requests: number; limited: number };
    const t = performance.now();
    const cpu = process.cpuUsage();
    await w.scheduler.tick();
    const used = process.cpuUsage(cpu);
    const seconds = (performance.now() - t) / 1000;
    child.stdin.write('stats\n');
    const after = (await next()) as { requests: number; limited: number };
    const { drops } = w.deps.store.tables;
    const posted = (await w.deps.store.db.select().from(drops)).filter(
      (d) => d.status === 'posted',
    ).length;
    const portOnly = await portOnlyCpu(w.deps, ids);
    await w.close();
    const requests = after.requests - before.requests;
    const limited = after.limited - before.limited;
    const needed = (1000 * 2) / 50;
    return [
      {
        name: 'fanout_1000_ratio',
        value: round(needed / seconds),
        unit: 'x',
        target: 0.9,
        higherIsBetter: true,
        note: `${posted}/1000 drops posted in ${round(seconds, 1)} s; the limit allows ${needed} s`,
        ...(posted === 1000 ? {} : { failed: `only ${posted} of 1,000 drops were posted` }),
      },
      {
        name: 'drop_cpu_ms',
        value: round((used.user + used.system) / 1000 / 1000),
        unit: 'ms',
        target: 3,
        note: `the bot's CPU (user + system) per drop in the 1,000-channel tick, discord.js included; Drill's Discord port alone (discord.js REST and gateway, the pacer; no database, no scheduler) took ${round(portOnly.ms)} ms a drop for the same 1,000`,
        ...(posted === 1000 && portOnly.ok === 1000
          ? {}
          : {
              failed: `only ${posted} of 1,000 drops were posted (${portOnly.ok} by the port alone)`,
            }),
      },
      {
        name: 'fanout_429_share',
        value: round(limited / requests, 4),
        unit: 'share',
        target: 0.01,
        note: `${limited} of ${requests} requests answered 429`,
      },
    ];
  } finally {
    child.kill();
  }
}

/**
 * How late 998 channels' drops are when one channel's posts hang and another is told to wait
 * 30 s, in a 1,000-channel minute with Discord's global 50/s enforced (the fake in a process of
 * its own): the time until every other channel's drop has its thread, with the trouble and
 * without.
 */
async function holDelay(dir: string): Promise<Figure[]> {
  const lastOthers = async (name: string, trouble: boolean) => {
    const { child, next, apiUrl, ids } = await discordProcess();
    try {
      const w = await world(dir, name, apiUrl, ids);
      const [hung, limited] = ids as [string, string];
      if (trouble) child.stdin.write(`trouble ${hung} ${limited}\n`);
      child.stdin.write('mark\n');
      const tick = w.scheduler.tick();
      child.stdin.write(`others ${hung} ${limited}\n`);
      const { ms } = (await next()) as { ms: number };
      // The hung channel's post never answers: the bot gives up on it when it stops.
      void tick.catch(() => {});
      await w.close();
      return ms;
    } finally {
      child.kill();
    }
  };
  const clean = await lastOthers('hol-clean', false);
  const troubled = await lastOthers('hol-trouble', true);
  return [
    {
      name: 'hol_delay_ms',
      value: round(Math.max(0, troubled - clean), 0),
      unit: 'ms',
      target: 1000,
      note: `998 other channels of 1,000 (global 50/s) done in ${round(troubled, 0)} ms, ${round(clean, 0)} ms without the trouble`,
    },
  ];
}

/** VmRSS of a process (or its peak so far, VmHWM), in bytes. */
export function rssOf(pid: number, field: 'VmRSS' | 'VmHWM' = 'VmRSS'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) * 1024;
}

/** CPU time a process has used, in clock ticks. */
function cpuOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/** Waits until the process has worked off what it was sent: no CPU used for 2 s (at most 120 s). */
export async function settled(pid: number): Promise<void> {
  const end = Date.now() + 120_000;
  let last = cpuOf(pid);
  let quietSince = Date.now();
  while (Date.now() < end && Date.now() - quietSince < 2000) {
    await new Promise((r) => setTimeout(r, 250));
    const now = cpuOf(pid);
    if (now > last + 2) quietSince = Date.now();
    last = now;
  }
}

/**
 * The RSS a process keeps after a burst: once it has worked the burst off (`settled`), and once
 * V8 has given back the heap pages the burst left committed but empty, which its memory reducer
 * does some 8 s after allocation stops. `quiet` is the RSS right after the CPU went quiet.
 */
async function heldRss(pid: number): Promise<{ quiet: number; held: number }> {
  await settled(pid);
  const quiet = rssOf(pid);
  await new Promise((r) => setTimeout(r, 12_000));
  return { quiet, held: rssOf(pid) };
}

/** The process and every process under it (by /proc's parent links). */
function treeOf(root: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(Number(entry), ppid);
    } catch {}
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++)
    for (const [pid, ppid] of parents) if (ppid === tree[i]) tree.push(pid);
  return tree;
}

/**
 * `npm start` connected to `fake` (and to `slack` when given) on the database at `db`: the npm
 * process and the bot's pid.
 */
export async function startBot(
  fake: FakeDiscord,
  db: string,
  slack?: FakeSlack,
  extra: Record<string, string> = {},
) {
  const npm = spawn('npm', ['start', '--silent'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      DRILL_ENV_FILE: '',
      DATABASE_PATH: db,
      LOG_LEVEL: 'info',
      DISCORD_TOKEN: 'bench-token',
      DISCORD_APPLICATION_ID: APP_ID,
      DISCORD_GUILD_ID: GUILD_ID,
      DISCORD_API_URL: fake.apiUrl,
      ...extra,
      ...(slack
        ? {
            SLACK_BOT_TOKEN: 'xoxb-bench-token',
            SLACK_APP_TOKEN: 'xapp-bench-token',
            SLACK_API_URL: slack.apiUrl,
          }
        : {}),
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  npm.stderr.on('data', (d) => {
    log += d;
  });
  const stop = async () => {
    // The tree is read before npm goes: its children would be orphans, out of reach, after.
    const tree = treeOf(npm.pid as number);
    npm.kill('SIGTERM');
    for (const pid of tree) {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {}
    }
  };
  try {
    await fake.waitFor(() => log.includes('drill is running'), 60_000);
  } catch (err) {
    await stop();
    throw err;
  }
  const tree = treeOf(npm.pid as number);
  const comm = (pid: number) => readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  const bot = tree.find(
    (pid) =>
      comm(pid) === 'node' && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('start.mjs'),
  );
  if (!bot) {
    await stop();
    throw new Error('no bot process under npm');
  }
  return { bot, tree, names: tree.map(comm).join(' → '), stop };
}

/**
 * `npm start` against the fake Discord and the fake Slack, as a user runs it with both platforms'
 * tokens (the build up to date): how long until both are connected, its RSS idle (the bot's node
 * process, and the whole tree under npm), and how much its RSS grows over 100,000 member
 * messages in 1,000 Discord threads.
 */
async function botProcess(dir: string): Promise<Figure[]> {
  spawnSync(process.execPath, ['scripts/start.mjs', '--build-only'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  const fake = new FakeDiscord();
  // Discord's own interval: the flood below keeps this process's loop from acking every second.
  fake.heartbeatMs = 41_250;
  const parent = fake.addChannel();
  await fake.start();
  const slack = new FakeSlack();
  await slack.start();
  const started = performance.now();
  const { bot, tree, names, stop } = await startBot(fake, join(dir, 'bot.db'), slack);
  try {
    const startupMs = performance.now() - started;
    await settled(bot);
    const idle = rssOf(bot);
    const idleTree = tree.reduce((sum, pid) => sum + rssOf(pid), 0);

    const threads = Array.from({ length: 1000 }, (_, i) => {
      return fake.openThread(parent, undefined, `t${i}`).id;
    });
    // Each thread is an open drop's, so every message is a reply the bot stores (the first of
    // each member in a thread their answer, the rest discussion), as in a busy group.
    const dbPath = join(dir, 'bot.db');
    const seeded = openSqlite(dbPath);
    const channel = await ensureChannel(headlessDeps(seeded), {
      platform: 'discord',
      workspace: GUILD_ID,
      channel: parent,
    });
    await seeded.db.insert(seeded.tables.drops).values(
      threads.map((thread, i) => ({
        channelId: channel.id,
        questionId: null,
        slot: `manual:bench-${i}`,
        status: 'posted' as const,
        round: 1,
        messageRef: `bench-${i}`,
        threadRef: thread,
        createdAt: Date.now(),
        claimedAt: Date.now(),
        postedAt: Date.now(),
      })),
    );
    await seeded.close();
    await new Promise((r) => setTimeout(r, 2000));
    const before = rssOf(bot);
    for (let i = 0; i < 100_000; i++) {
      fake.memberMessage(
        threads[i % 1000] as string,
        { id: String(500 + (i % 300)), username: `m${i % 300}` },
        `message ${i}`,
      );
      if (i % 1000 === 999) await new Promise((r) => setTimeout(r, 10));
    }
    const { quiet, held: after } = await heldRss(bot);
    const peak = rssOf(bot, 'VmHWM');
    const stored = await readStored(dbPath);
    return [
      {
        name: 'startup_ms',
        value: round(startupMs, 0),
        unit: 'ms',
        target: 1500,
        note: 'npm start to connected to Discord and Slack (the fakes), build up to date',
      },
      {
        name: 'idle_rss_mb',
        value: mb(idle),
        unit: 'MB',
        target: 100,
        note: 'the bot process (compiled, plain node), Discord and Slack connected, idle',
      },
      {
        name: 'idle_rss_tree_mb',
        value: mb(idleTree),
        unit: 'MB',
        target: 200,
        note: `npm start's whole tree: ${names}`,
      },
      {
        name: 'rss_100k_messages_growth_mb',
        value: mb(after - before),
        unit: 'MB',
        target: 20,
        note: `the bot process, 100,000 messages in 1,000 open drops' threads, ${stored.toLocaleString('en')} stored: held once V8 gave back the pages the backlog left (${mb(quiet - before)} MB right after the CPU went quiet; its peak RSS ${mb(peak)} MB while they queued)`,
        ...(stored === 100_000 ? {} : { failed: `${stored} of 100,000 replies stored` }),
      },
    ];
  } finally {
    await stop();
    await fake.stop();
    await slack.stop();
  }
}

/**
 * How much more the idle bot holds when it is in 1,000 servers instead of one, and how much it
 * grows there when 100,000 members (100 a server) each say something in those servers' channels.
 */
async function guildsRss(dir: string): Promise<Figure[]> {
  const runIn = async (others: number, chat: (fake: FakeDiscord) => Promise<void>) => {
    const fake = new FakeDiscord();
    fake.otherGuilds = others;
    await fake.start();
    const { bot, stop } = await startBot(fake, join(dir, `guilds-${others}.db`));
    try {
      await settled(bot);
      const idle = rssOf(bot);
      await chat(fake);
      return { idle, after: (await heldRss(bot)).held };
    } finally {
      await stop();
      await fake.stop();
    }
  };
  const one = await runIn(0, async () => {});
  const thousand = await runIn(999, async (fake) => {
    const guilds = fake.otherGuildIds().map((id) => ({
      id,
      channels: FakeDiscord.otherGuildChannels(id),
    }));
    for (let i = 0; i < 100_000; i++) {
      const { id: guild, channels } = guilds[i % guilds.length] as (typeof guilds)[number];
      fake.memberMessage(
        channels[i % channels.length] as string,
        { id: String(10_000_000 + i), username: `member${i}` },
        `hello ${i}`,
        guild,
      );
      if (i % 1000 === 999) await new Promise((r) => setTimeout(r, 10));
    }
  });
  return [
    {
      name: 'rss_1000_guilds_growth_mb',
      value: mb(thousand.idle - one.idle),
      unit: 'MB',
      target: 20,
      note: `the idle bot in 1,000 servers (20 channels, 10 roles, 20 emojis each) against one: ${mb(thousand.idle)} MB against ${mb(one.idle)} MB`,
    },
    {
      name: 'rss_1000_guilds_100k_members_growth_mb',
      value: mb(thousand.after - thousand.idle),
      unit: 'MB',
      target: 20,
      note: "the bot in 1,000 servers, one message from each of 100,000 members (100 a server) in their channels (not drops' threads: what discord.js keeps of them)",
    },
  ];
}

/** Replies stored in the bot's SQLite file, read by a second connection. */
async function readStored(path: string): Promise<number> {
  const store = openSqlite(path);
  try {
    const [row] = await store.db.select({ n: count() }).from(store.tables.replies);
    return row?.n ?? 0;
  } finally {
    await store.close();
  }
}

const mb = (n: number) => round(n / 1024 / 1024, 1);

export async function benchFanout(dir: string): Promise<Figure[]> {
  return [
    ...(await fanout(dir)),
    ...(await holDelay(dir)),
    ...(await botProcess(dir)),
    ...(await guildsRss(dir)),
  ];
}
