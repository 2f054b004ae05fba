import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqlite } from '../../src/db/sqlite.ts';
import { FakeDiscord } from '../fakes/discord.ts';
import { FakeSlack } from '../fakes/slack.ts';
import { npmStart, tempDir } from '../helpers.ts';

const stops: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

/** Start-up refused: exit 2, one line on stderr that says what to fix, no stack trace. */
function expectOneLine(r: { code: number | null; out: string; err: string }, pattern: RegExp) {
  expect(r.code, r.err).toBe(2);
  const lines = r.err.split('\n').filter(Boolean);
  expect(lines, r.err).toHaveLength(1);
  expect(lines[0]).toMatch(/^drill: /);
  expect(lines[0]).toMatch(pattern);
  expect(r.err).not.toMatch(/\n\s+at /);
}

const isRoot = process.getuid?.() === 0;

describe('start-up faults', () => {
  it('an invalid configuration variable: exit 2, naming the variable, no stack', async () => {
    const r = await npmStart('', {
      DATABASE_PATH: join(tempDir(), 'drill.db'),
      SCHEDULE_MIN_INTERVAL: 'soon',
    });
    expect(r.code, r.err).toBe(2);
    expect(r.err).toMatch(
      /^drill: invalid configuration:\n {2}SCHEDULE_MIN_INTERVAL: must be a duration such as 2h, 90m or 30s\n$/,
    );
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('a corrupt database file', async () => {
    const path = join(tempDir(), 'drill.db');
    writeFileSync(path, 'this is not a database, just some text that fills a page '.repeat(100));
    expectOneLine(
      await npmStart('', { DATABASE_PATH: path, DEFAULT_LOCALE: 'en' }),
      new RegExp(
        `DATABASE_PATH=${path}: the file is not a Drill database or is damaged .*SQLITE_NOTADB.*Restore it from a backup`,
      ),
    );
  });

  it('a database written by a newer Drill', async () => {
    const path = join(tempDir(), 'drill.db');
    const store = openSqlite(path);
    store.sqlite
      .prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)')
      .run('from-the-future', Date.parse('2099-01-01'));
    await store.close();
    // As many migrations as drizzle/ holds, and the one from the future.
    const known = (
      JSON.parse(
        readFileSync(new URL('../../drizzle/sqlite/meta/_journal.json', import.meta.url), 'utf8'),
      ).entries as unknown[]
    ).length;
    expectOneLine(
      await npmStart('', { DATABASE_PATH: path, DEFAULT_LOCALE: 'ko' }),
      new RegExp(
        `더 새로운 Drill이 만든 데이터베이스입니다 \\(스키마 ${known + 1}, 이 Drill이 아는 최신은 ${known}\\)`,
      ),
    );
  });

  it('a folder that cannot be made', async () => {
    const file = join(tempDir(), 'plain-file');
    writeFileSync(file, 'x');
    expectOneLine(
      await npmStart('', { DATABASE_PATH: join(file, 'drill.db'), DEFAULT_LOCALE: 'en' }),
      /the database cannot be opened \(.*Check that Drill may create, read and write that folder/,
    );
    // Under /proc a folder cannot be made either (and Node's recursive mkdir would spin there).
    expectOneLine(
      await npmStart('', { DATABASE_PATH: '/proc/drill/x.db', DEFAULT_LOCALE: 'en' }),
      /DATABASE_PATH=\/proc\/drill\/x\.db: the database cannot be (opened|written) \(/,
    );
  });

  it.runIf(isRoot)('a read-only file system, with and without an existing database', async () => {
    const dir = tempDir();
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', dir]);
    stops.push(() => {
      execFileSync('umount', ['-l', dir]);
    });
    await openSqlite(join(dir, 'drill.db')).close();
    execFileSync('mount', ['-o', 'remount,ro', dir]);
    for (const name of ['drill.db', 'new.db']) {
      expectOneLine(
        await npmStart('', { DATABASE_PATH: join(dir, name), DEFAULT_LOCALE: 'en' }),
        /the database cannot be written \(EROFS .*Let the user running Drill write the file and its folder/,
      );
    }
  });

  it('a Discord token Discord refuses', async () => {
    const fake = new FakeDiscord();
    await fake.start();
    stops.push(() => fake.stop());
    fake.failNext('GET', /^\/gateway\/bot$/, 401, { message: '401: Unauthorized', code: 0 });
    expectOneLine(
      await npmStart('', {
        DATABASE_PATH: join(tempDir(), 'drill.db'),
        DEFAULT_LOCALE: 'en',
        DISCORD_TOKEN: 'refused-token-123',
        DISCORD_APPLICATION_ID: '100000000000000004',
        DISCORD_API_URL: fake.apiUrl,
      }),
      /^drill: Discord refused the token \(TokenInvalid\)\. Check DISCORD_TOKEN in \.env/,
    );
  });

  it('a Slack token Slack refuses, in HTTP and Socket Mode', async () => {
    const fake = new FakeSlack();
    await fake.start();
    stops.push(() => fake.stop());
    const modes: Record<string, string>[] = [
      { SLACK_SIGNING_SECRET: 'sign-secret-0001', PORT: '0' },
      { SLACK_APP_TOKEN: 'xapp-refused-0001' },
    ];
    for (const mode of modes) {
      fake.failNext('auth.test', 'invalid_auth');
      const r = await npmStart('', {
        DATABASE_PATH: join(tempDir(), 'drill.db'),
        DEFAULT_LOCALE: 'en',
        SLACK_BOT_TOKEN: 'xoxb-refused-0001',
        SLACK_API_URL: fake.apiUrl,
        ...mode,
      });
      expectOneLine(r, /^drill: Slack refused the token \(invalid_auth\)\. Check SLACK_BOT_TOKEN/);
      expect(r.err).not.toContain('xoxb-refused-0001');
    }
  });
});
