import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { count } from 'drizzle-orm';
import { afterEach } from 'vitest';
import { runCommand } from '../commands/index.ts';
import { syncContent } from '../src/bank/sync.ts';
import { CONSOLE_ADDRESS } from '../src/chat/console/console.ts';
import { manualClock } from '../src/clock.ts';
import { type Connection, openDatabase } from '../src/db/connection.ts';
import { replies, votes } from '../src/db/schema.ts';
import { createLogger } from '../src/log.ts';
import type { PracticeDeps } from '../src/practice/deps.ts';
import { Scheduler } from '../src/schedule/scheduler.ts';
import { RecordingPort } from './fakes/recorder.ts';

export const SEED_PATH = new URL('../content/interview-cmp-ko.txt', import.meta.url);
export const seedText = (): string => readFileSync(SEED_PATH, 'utf8');

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

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

/** Practice deps on a real SQLite file with the given banks synced in, and a recording port. */
export function practiceWorld(
  banks: Record<string, string> = { seed: seedText() },
  opts: { maxChars?: number; locale?: 'ko' | 'en'; dbDir?: string } = {},
) {
  const dir = tempDir();
  const content = join(dir, 'content');
  mkdirSync(content);
  for (const [name, text] of Object.entries(banks))
    writeFileSync(join(content, `${name}.txt`), text);
  const conn = openDatabase(join(opts.dbDir ?? dir, 'drill.db'));
  const clock = manualClock('2026-11-23T00:00:00Z');
  syncContent(conn.db, [content], clock.now());
  const port = new RecordingPort('console', opts.maxChars ?? 2000);
  const deps: PracticeDeps = {
    db: conn.db,
    clock,
    random: seededRandom(),
    ports: { console: port },
    defaults: { locale: opts.locale ?? 'en', timezone: 'Asia/Seoul' },
    log: createLogger({ level: 'silent' }),
  };
  return { dir, content, conn, clock, port, deps };
}

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Runs `npm start` with a script on standard input, as `printf ... | npm start` does. */
export function npmStart(input: string, env: Record<string, string>) {
  return new Promise<{ code: number | null; out: string; err: string }>((resolve, reject) => {
    const child = spawn('npm', ['start', '--silent'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        DRILL_ENV_FILE: '',
        LOG_LEVEL: 'warn',
        ...env,
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
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`npm start did not finish: ${out}\n${err}`));
    }, 25_000);
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
    output: () => out,
    /**
     * SIGTERM to the whole process group (npm, tsx and the bot under it), as a terminal's
     * Ctrl-C or a service manager does; SIGKILL after 10 s. npm itself dies of the signal.
     */
    async stop(): Promise<void> {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const group = -(child.pid as number);
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
export function testScheduler(world: ReturnType<typeof practiceWorld>): Scheduler {
  const scheduler = new Scheduler(world.deps, {
    catchupWindowMs: 2 * 3_600_000,
    claimTimeoutMs: 60_000,
    timers: false,
  });
  world.deps.scheduleChanged = (id) => scheduler.reload(id);
  return scheduler;
}

/** `/schedule` with these options in a practice world's console channel, as an admin or not. */
export function scheduleCommand(
  world: ReturnType<typeof practiceWorld>,
  args: Record<string, string>,
  canManage = true,
) {
  return runCommand('schedule', args, {
    deps: world.deps,
    address: CONSOLE_ADDRESS,
    threadRef: null,
    member: { id: 'admin', name: 'Admin', canManage },
    locale: 'en',
  });
}

/** Who has a vote stored, once reactions still in flight have had a moment to land. */
export async function settledVoters(world: ReturnType<typeof practiceWorld>): Promise<string[]> {
  await new Promise((r) => setTimeout(r, 200));
  return world.deps.db
    .select()
    .from(votes)
    .all()
    .map((v) => v.voter);
}

/** Reads the database file a bot in another process wrote, then closes it. */
export function readDatabase<T>(dbPath: string, read: (conn: Connection) => T): T {
  const conn = openDatabase(dbPath);
  try {
    return read(conn);
  } finally {
    conn.close();
  }
}

/** How many replies a bot running in another process has stored in its database file. */
export function storedReplies(dbPath: string): number {
  return readDatabase(dbPath, (conn) => conn.db.select({ n: count() }).from(replies).get()?.n ?? 0);
}
