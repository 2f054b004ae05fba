import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { count } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, afterEach, inject } from 'vitest';
import { runCommand } from '../commands/index.ts';
import { syncContent } from '../src/bank/sync.ts';
import { CONSOLE_ADDRESS, ConsolePort, runConsole } from '../src/chat/console/console.ts';
import { manualClock } from '../src/core/clock.ts';
import type { PracticeDeps } from '../src/core/deps.ts';
import { createLogger } from '../src/core/log.ts';
import { openStore } from '../src/db/open.ts';
import type { Store } from '../src/db/store.ts';
import { Scheduler } from '../src/schedule/scheduler.ts';
import { RecordingPort } from './fakes/recorder.ts';

export const SEED_PATH = new URL('../content/interview-cmp-ko.txt', import.meta.url);
export const seedText = (): string => readFileSync(SEED_PATH, 'utf8');

const made: string[] = [];
const opened: Store[] = [];
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close().catch(() => {});
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The two stores the practice, schedule and fault suites run on. */
export const STORES = ['sqlite', 'postgres'] as const;
export type StoreKind = (typeof STORES)[number];

let admin: pg.Pool | null = null;
afterAll(async () => {
  await admin?.end();
  admin = null;
});

/**
 * Where a fresh store lives: an SQLite file in `dir`, or a new database on the test run's
 * PostgreSQL server (tests/setup/postgres.ts). Processes open it with the same string.
 */
export async function newStoreTarget(kind: StoreKind, dir: string): Promise<string> {
  if (kind === 'sqlite') return join(dir, 'drill.db');
  const url = inject('pgAdminUrl');
  if (!url) throw new Error(inject('pgUnavailable'));
  admin ??= new pg.Pool({ connectionString: url, max: 2 });
  const name = `drill_${randomUUID().replaceAll('-', '')}`;
  await admin.query(`create database ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  return target.toString();
}

/** Opens a store for a test; it is closed after the test. */
export async function openTestStore(target: string): Promise<Store> {
  const store = await openStore(target);
  opened.push(store);
  return store;
}

/** A fresh folder for one test, removed after it. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'drill-test-'));
  made.push(dir);
  return dir;
}

/** A seeded, repeatable random source (mulberry32). */
export function seededRandom(seed = 42): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Practice deps on a real store (an SQLite file unless `store` says postgres) with the given
 * banks synced in, and a recording port.
 */
export async function practiceWorld(
  banks: Record<string, string> = { seed: seedText() },
  opts: { maxChars?: number; locale?: 'ko' | 'en'; dbDir?: string; store?: StoreKind } = {},
) {
  const dir = tempDir();
  const content = join(dir, 'content');
  mkdirSync(content);
  for (const [name, text] of Object.entries(banks))
    writeFileSync(join(content, `${name}.txt`), text);
  const target = await newStoreTarget(opts.store ?? 'sqlite', opts.dbDir ?? dir);
  const store = await openTestStore(target);
  const clock = manualClock('2026-11-23T00:00:00Z');
  await syncContent(store, [content], clock.now());
  const port = new RecordingPort('console', opts.maxChars ?? 2000);
  const deps: PracticeDeps = {
    store,
    clock,
    random: seededRandom(),
    ports: { console: port },
    defaults: { locale: opts.locale ?? 'en', timezone: 'Asia/Seoul' },
    log: createLogger({ level: 'silent' }),
  };
  const { db, tables: t } = store;
  return { dir, content, target, store, db, t, clock, port, deps };
}

export type World = Awaited<ReturnType<typeof practiceWorld>>;

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * Runs `npm start` with a script on standard input, as `printf ... | npm start` does. The
 * console's dashboard listens on a port the system picks (WEB_PORT 0) unless a test names one:
 * test files run side by side, and a fixed 127.0.0.1:3000 would be taken by the first.
 */
export function npmStart(input: string, env: Record<string, string | undefined>) {
  return new Promise<{ code: number | null; out: string; err: string }>((resolve, reject) => {
    const child = spawn('npm', ['start', '--silent'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        ...Object.fromEntries(
          Object.entries({ DRILL_ENV_FILE: '', LOG_LEVEL: 'warn', WEB_PORT: '0', ...env }).filter(
            (e): e is [string, string] => e[1] !== undefined,
          ),
        ),
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      err += d;
    });
    // npm, then the bot from the build: about 2 s on an idle machine, a few times that when busy.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`npm start did not finish: ${out}\n${err}`));
    }, 60_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out, err });
    });
    child.stdin.end(input);
  });
}

/** `npm start` left running (a platform bot), stopped with SIGTERM; output is collected. */
export function startBot(env: Record<string, string>) {
  const child = spawn('npm', ['start', '--silent'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DRILL_ENV_FILE: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  child.stdout.on('data', (d) => {
    out += d;
  });
  child.stderr.on('data', (d) => {
    out += d;
  });
  const exited = new Promise<number | null>((resolve) =>
    child.on('close', (code) => resolve(code)),
  );
  return {
    child,
    exited,
    output: () => out,
    /**
     * SIGTERM to the whole process group (npm and the bot under it), as a terminal's
     * Ctrl-C or a service manager does; SIGKILL after 10 s. npm itself dies of the signal.
     */
    async stop(): Promise<void> {
      const group = -(child.pid as number);
      if (child.exitCode !== null || child.signalCode !== null) {
        // npm is gone; whatever it left in its group goes too.
        try {
          process.kill(group, 'SIGKILL');
        } catch {}
        return;
      }
      process.kill(group, 'SIGTERM');
      const timer = setTimeout(() => {
        try {
          process.kill(group, 'SIGKILL');
        } catch {}
      }, 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** A scheduler on a practice world's hand-moved clock (no timers), rebuilt by `/schedule`. */
export function testScheduler(world: World): Scheduler {
  const scheduler = new Scheduler(world.deps, {
    catchupWindowMs: 2 * 3_600_000,
    claimTimeoutMs: 60_000,
    timers: false,
  });
  world.deps.scheduleChanged = (id) => scheduler.reload(id);
  return scheduler;
}

/** `/schedule` with these options in a practice world's console channel, as an admin or not. */
export function scheduleCommand(world: World, args: Record<string, string>, canManage = true) {
  return runCommand('schedule', args, {
    deps: world.deps,
    address: CONSOLE_ADDRESS,
    threadRef: null,
    member: { id: 'admin', name: 'Admin', canManage },
    locale: 'en',
  });
}

/** Who has a vote stored, once reactions still in flight have had a moment to land. */
export async function settledVoters(world: World): Promise<string[]> {
  await new Promise((r) => setTimeout(r, 200));
  return (await world.db.select().from(world.t.votes)).map((v) => v.voter);
}

/** Reads the store a bot in another process wrote (a file or a URL), then closes it. */
export async function readDatabase<T>(target: string, read: (store: Store) => Promise<T>) {
  const store = await openStore(target);
  try {
    return await read(store);
  } finally {
    await store.close();
  }
}

/** How many replies a bot running in another process has stored in its store. */
export function storedReplies(target: string): Promise<number> {
  return readDatabase(target, async (store) => {
    const [row] = await store.db.select({ n: count() }).from(store.tables.replies);
    return row?.n ?? 0;
  });
}

/**
 * The console channel of a practice world reading `lines` from a stream; `output()` is what it
 * printed so far (the port keeps printing what a scheduler posts afterwards).
 */
export async function consoleSession(
  world: World,
  lines: string[],
  opts: {
    member?: string;
    prompt?: string;
    filesDir?: string;
    logFile?: string;
    web?: { url: string } | { where: string; detail: string };
  } = {},
): Promise<{ output(): string }> {
  let out = '';
  const sink = { write: (text: string) => (out += text) };
  world.deps.ports.console = new ConsolePort(sink, opts.filesDir);
  await runConsole(world.deps, {
    input: Readable.from([`${lines.join('\n')}\n`]),
    out: sink,
    member: opts.member ?? 'me',
    ...(opts.prompt ? { prompt: opts.prompt } : {}),
    ...(opts.logFile ? { logFile: opts.logFile } : {}),
    ...(opts.web ? { web: opts.web } : {}),
  });
  return { output: () => out };
}
