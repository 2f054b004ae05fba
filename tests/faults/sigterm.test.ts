import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SqliteStore } from '../../src/db/sqlite.ts';
import { APP_ID, CHANNEL_ID, FakeDiscord, GUILD_ID } from '../fakes/discord.ts';
import { command } from '../fakes/discord-harness.ts';
import { spawnWorker } from '../fakes/worker.ts';
import {
  newStoreTarget,
  npmStart,
  openTestStore,
  readDatabase,
  STORES,
  type StoreKind,
  startBot,
  tempDir,
} from '../helpers.ts';

describe.each(STORES)('SIGTERM during a burst of replies (%s)', (store: StoreKind) => {
  it('keeps every reply acknowledged before the signal, in a database that passes integrity_check', async () => {
    const db = await newStoreTarget(store, tempDir());
    const env = {
      DRILL_ENV_FILE: '',
      [store === 'sqlite' ? 'DATABASE_PATH' : 'DATABASE_URL']: db,
      DEFAULT_LOCALE: 'en',
      LOG_LEVEL: 'warn',
    };
    const bot = spawnWorker('src/main.ts', [], env);
    const posted = bot.next((l) => l.startsWith('── Practice question'));
    bot.send('/ask');
    await posted;

    // Replies keep arriving, a few every few milliseconds, when the signal comes; each from
    // another member (`/as`), so each is that member's counted answer.
    let sent = 0;
    let sending = true;
    const sender = (async () => {
      while (sending && sent < 1_000) {
        for (let k = 0; k < 5; k++) {
          bot.send(`/as m${sent}`);
          bot.send(`burst reply ${sent++} 버스트 답변`);
        }
        await new Promise((r) => setTimeout(r, 2));
      }
    })();
    await bot.next((l) => l.includes('(answer #100 saved)'));
    bot.child.kill('SIGTERM');
    const code = await bot.exited;
    sending = false;
    await sender;

    // Every acknowledged reply: its echo line, then "(answer #n saved)".
    const acked: string[] = [];
    let last = '';
    for (const line of bot.lines) {
      const echo = /^ {2}│ [^:]+: (burst reply \d+ 버스트 답변)$/.exec(line);
      if (echo) last = echo[1] as string;
      if (/^ {2}│ \(answer #\d+ saved\)$/.test(line) && last) acked.push(last);
    }
    expect(code).toBe(0);
    expect(acked.length).toBeGreaterThanOrEqual(100);
    expect(acked.length).toBeLessThan(sent);

    const check = await openTestStore(db);
    const rows = await check.db.select().from(check.tables.replies);
    const stored = new Set(rows.map((r) => r.text));
    expect(rows.every((r) => r.counted)).toBe(true);
    if (store === 'sqlite') {
      const { sqlite } = check as SqliteStore;
      expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    }
    await check.close();
    for (const text of acked) expect(stored.has(text)).toBe(true);

    // A restart serves from the same file: the leaderboard ranks the members who answered
    // (its top ten).
    const again = await npmStart('/leaderboard\n', env);
    expect(again.code).toBe(0);
    const ranks = again.out.split('\n').filter((l) => /^\d+\. m\d+ · /.test(l));
    expect(ranks).toHaveLength(Math.min(10, stored.size));
  });
});

/**
 * /ask, its drop's POST answered 429 with a 30 s wait (discord.js holds the request), then
 * `signal`: the exit code, or 'still running' 10 s later.
 */
async function signalDuringHeldPost(
  fake: FakeDiscord,
  signal: () => void,
  exited: Promise<number | null>,
): Promise<number | null | 'still running'> {
  fake.rateLimitNextPost(CHANNEL_ID, 30);
  command(fake, 'ask');
  await fake.waitFor(
    () => fake.requestsTo('POST', new RegExp(`^/channels/${CHANNEL_ID}/messages$`)).length,
    10_000,
  );
  signal();
  return Promise.race([
    exited,
    new Promise<'still running'>((r) => setTimeout(() => r('still running'), 10_000).unref()),
  ]);
}

describe('SIGTERM while a post waits on a rate limit', () => {
  it('exits with 0 well before the 30 s retry_after, keeping what was acknowledged', async () => {
    const fake = new FakeDiscord();
    await fake.start();
    try {
      const db = join(tempDir(), 'drill.db');
      const bot = spawnWorker('src/main.ts', [], {
        DRILL_ENV_FILE: '',
        DATABASE_PATH: db,
        DEFAULT_LOCALE: 'en',
        LOG_LEVEL: 'info',
        DISCORD_TOKEN: 'process-test-token-123',
        DISCORD_APPLICATION_ID: APP_ID,
        DISCORD_GUILD_ID: GUILD_ID,
        DISCORD_API_URL: fake.apiUrl,
      });
      await fake.waitFor(() => fake.requestsTo('PUT', /\/commands$/).length === 1, 20_000);
      const outcome = await signalDuringHeldPost(fake, () => bot.child.kill('SIGTERM'), bot.exited);
      if (outcome === 'still running') bot.child.kill('SIGKILL');
      expect(outcome).toBe(0);
      // The /ask claim was kept; the next start treats it as cut off, never as posted.
      await readDatabase(db, async (store) => {
        const { sqlite } = store as SqliteStore;
        expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
        const { drops } = store.tables;
        expect(await store.db.select({ status: drops.status }).from(drops)).toEqual([
          { status: 'claimed' },
        ]);
      });
    } finally {
      await fake.stop();
    }
  });
});

describe('SIGTERM to npm alone (as `docker stop` sends it to `npm start`)', () => {
  it('reaches the bot, which shuts down within 10 s though a post waits on a 30 s rate limit', async () => {
    const fake = new FakeDiscord();
    await fake.start();
    const npm = startBot({
      DATABASE_PATH: join(tempDir(), 'drill.db'),
      LOG_LEVEL: 'info',
      DISCORD_TOKEN: 'process-test-token-456',
      DISCORD_APPLICATION_ID: APP_ID,
      DISCORD_GUILD_ID: GUILD_ID,
      DISCORD_API_URL: fake.apiUrl,
    });
    try {
      await fake.waitFor(() => npm.output().includes('drill is running'), 20_000);
      const bot = Number(/"pid":(\d+)/.exec(npm.output())?.[1]);
      expect(bot).not.toBe(npm.child.pid);
      const outcome = await signalDuringHeldPost(fake, () => npm.child.kill('SIGTERM'), npm.exited);
      expect(outcome).toBe(0);
      expect(npm.output()).toContain('"msg":"shutting down"');
      // The bot's own process is gone, not left behind under init.
      expect(() => process.kill(bot, 0)).toThrow();
    } finally {
      await npm.stop();
      await fake.stop();
    }
  });
});

describe('a signal during the shutdown (npm passes on the one its process group got)', () => {
  it('changes nothing: the shutdown runs to its end and the process exits with 0', async () => {
    const worker = spawnWorker('tests/fakes/signal-worker.ts', []);
    await worker.next((l) => l === 'ready');
    const stopping = worker.next((l) => l.startsWith('stopping'));
    worker.child.kill('SIGTERM');
    await stopping;
    // The shutdown is under way and waits for `finish`: these arrive in the middle of it.
    worker.child.kill('SIGTERM');
    worker.child.kill('SIGINT');
    worker.send('finish');
    expect(await worker.exited).toBe(0);
    expect(worker.child.signalCode).toBeNull();
    expect(worker.lines).toEqual(['ready', 'stopping SIGTERM', 'stopped']);
  });

  it('waits for a shutdown the process began itself (a failed start-up), keeping its exit code', async () => {
    const worker = spawnWorker('tests/fakes/signal-worker.ts', []);
    await worker.next((l) => l === 'ready');
    const stopping = worker.next((l) => l === 'stopping self');
    worker.send('self-stop');
    await stopping;
    worker.child.kill('SIGTERM');
    worker.send('finish');
    expect(await worker.exited).toBe(2);
    expect(worker.lines).toEqual(['ready', 'stopping self', 'stopped']);
  });

  it('still exits at the deadline when the shutdown does not end', async () => {
    const worker = spawnWorker('tests/fakes/signal-worker.ts', [], { DRILL_DEADLINE_MS: '200' });
    await worker.next((l) => l === 'ready');
    worker.child.kill('SIGINT');
    expect(await worker.exited).toBe(0);
    expect(worker.lines).toEqual(['ready', 'stopping SIGINT', 'deadline']);
  });
});
