import { userInfo } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connection.ts';
import { replies } from '../../src/db/schema.ts';
import { spawnWorker } from '../fakes/worker.ts';
import { npmStart, tempDir } from '../helpers.ts';

const ME = userInfo().username;

describe('SIGTERM during a burst of replies', () => {
  it('keeps every reply acknowledged before the signal, in a database that passes integrity_check', async () => {
    const db = join(tempDir(), 'drill.db');
    const env = { DRILL_ENV_FILE: '', DATABASE_PATH: db, DEFAULT_LOCALE: 'en', LOG_LEVEL: 'warn' };
    const bot = spawnWorker('src/main.ts', [], env);
    const posted = bot.next((l) => l.startsWith('── Practice question'));
    bot.send('/ask');
    await posted;

    // Replies keep arriving, a few every few milliseconds, when the signal comes.
    let sent = 0;
    let sending = true;
    const sender = (async () => {
      while (sending && sent < 20_000) {
        for (let k = 0; k < 5; k++) bot.send(`burst reply ${sent++} 버스트 답변`);
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

    const conn = openDatabase(db);
    const stored = new Set(
      conn.db
        .select()
        .from(replies)
        .all()
        .map((r) => r.text),
    );
    expect(conn.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    conn.close();
    for (const text of acked) expect(stored.has(text)).toBe(true);

    // A restart serves from the same file: the leaderboard counts what was stored.
    const again = await npmStart('/leaderboard\n', env);
    expect(again.code).toBe(0);
    expect(again.out).toContain(`1. ${ME} · ${stored.size} answers`);
  });
});
