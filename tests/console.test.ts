import { existsSync, readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { count } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli.ts';
import type { Store } from '../src/db/store.ts';
import {
  consoleSession,
  newStoreTarget,
  npmStart,
  openTestStore,
  practiceWorld,
  tempDir,
  testScheduler,
} from './helpers.ts';

const ME = userInfo().username;

describe('the console channel', () => {
  it('plays a drop, a reply and a reveal from a pipe, and exits 0 at end of input', async () => {
    const db = join(tempDir(), 'data', 'drill.db');
    const r = await npmStart('/ask\nmy answer about EC2\n/answer\n', {
      DATABASE_PATH: db,
      DEFAULT_LOCALE: 'en',
    });
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toMatch(/^Drill console channel: no Discord or Slack token is set/);
    expect(lines[0]).toContain('DISCORD_TOKEN');
    expect(r.out).toMatch(/── Practice question · .+ ──\n.+\n/);
    expect(r.out).toContain(`  │ ${ME}: my answer about EC2\n  │ (answer #1 saved)`);
    expect(r.out).toMatch(/ {2}│ ── Model answer · .+ ──/);
    expect(r.out).toContain('The model answer is above.');

    const store = await openTestStore(db);
    expect((await store.db.select().from(store.tables.replies)).map((x) => x.text)).toEqual([
      'my answer about EC2',
    ]);
  });

  it('keeps its history across runs: votes, self-checks, leaderboard in Korean', async () => {
    const db = join(tempDir(), 'drill.db');
    await npmStart('/ask 지원\n첫 답변\n/as 민수\n두 번째 답변\n', {
      DATABASE_PATH: db,
      DEFAULT_LOCALE: 'ko',
    });
    const r = await npmStart(
      '/as 지수\n/vote 1\n/vote 2\n/as 민수\n/vote 2\n/answer\n/grade ok\n/leaderboard\n/vote 9\n/nope\n',
      {
        DATABASE_PATH: db,
        DEFAULT_LOCALE: 'ko',
      },
    );
    expect(r.code).toBe(0);
    expect(r.out).toContain('답변 #1에 투표했습니다.');
    expect(r.out).toContain('자신의 답변에 한 투표는 집계되지 않습니다.');
    expect(r.out).toMatch(/ {2}│ ── 모범 답안 · .+ ──/);
    expect(r.out).toMatch(/“.+” 자가 채점 저장: ✅ 알았음\./);
    expect(r.out).toContain(
      `리더보드 · 이번 주\n1. ${ME} · 답변 1개 · 👍 1개 · 1회 연속\n2. 민수 · 답변 1개 · 👍 1개 · 1회 연속`,
    );
    expect(r.out).toContain('지금 질문에 답변 #9이(가) 없습니다.');
    expect(r.out).toContain('알 수 없는 명령어 “nope”');
    const store = await openTestStore(db);
    expect(await store.db.select().from(store.tables.votes)).toHaveLength(3);

    // Beyond one machine: `drill db copy` moves this history to PostgreSQL, counts checked.
    const url = await newStoreTarget('postgres', tempDir());
    const out: string[] = [];
    const errors: string[] = [];
    const io = { out: (l: string) => out.push(l), err: (l: string) => errors.push(l) };
    expect(await runCli(['db', 'copy', '--from', db, '--to', url], io)).toBe(0);
    expect(errors).toEqual([]);
    expect(out.join('\n')).toMatch(/votes +3 → 3/);
    expect(out.join('\n')).not.toContain(':drill-test@'); // the password stays out
    const copy = await openTestStore(url);
    const sizes = async (s: Store) =>
      Promise.all(
        (['questions', 'banks', 'channels', 'drops', 'replies', 'votes'] as const).map(
          async (name) => (await s.db.select({ n: count() }).from(s.tables[name]))[0]?.n,
        ),
      );
    const copied = await sizes(copy);
    expect(copied).toEqual(await sizes(store));
    expect(copied.slice(3)).toEqual([1, 2, 3]); // one drop, two answers, two votes and a grade
    await copy.close();
    // Copying again into a database that has a history is refused, not merged.
    expect(await runCli(['db', 'copy', '--from', db, '--to', url], io)).toBe(1);
    expect(errors.at(-1)).toContain('copy into an empty database');

    // Drill on PostgreSQL serves the same history, and new rows get new ids.
    const onPg = await npmStart('/leaderboard\n/ask\n좋은 답변\n', {
      DATABASE_URL: url,
      DEFAULT_LOCALE: 'ko',
    });
    expect(onPg.code).toBe(0);
    expect(onPg.out).toContain(
      `리더보드 · 이번 주\n1. ${ME} · 답변 1개 · 👍 1개 · 1회 연속\n2. 민수 · 답변 1개 · 👍 1개 · 1회 연속`,
    );
    expect(onPg.out).toContain('(답변 #1 저장됨)');
  }, 90_000); // three runs of the bot and a copy
});

describe('a form in the console (npm start)', () => {
  it('is left unsent by a command, which then runs; a line starting with a path is a field', async () => {
    const db = join(tempDir(), 'drill.db');
    const en = await npmStart(
      [
        '/suggest',
        'Web',
        '/help',
        '/suggest',
        'Unix',
        '/etc/hosts is read before DNS?',
        'yes, for names it lists',
      ].join('\n'),
      { DATABASE_PATH: db, DEFAULT_LOCALE: 'en' },
    );
    expect(en.err).toBe('');
    expect(en.code).toBe(0);
    expect(en.out).toContain('another command leaves it unsent.\nsection:');
    // /help in the middle: the form is left with a word about it, then help is shown.
    expect(en.out).toContain(
      '“Suggest a question” was not sent: a command leaves the form. Open it again to start over.\nDrill commands:',
    );
    expect(en.out).toContain(
      '/cancel · leave a form you are filling in; any other command leaves it too, unsent',
    );
    expect(en.out).toContain('Thanks! Suggestion #1 waits');

    const ko = await npmStart(['/suggest', '네트워크', '/ASK'].join('\n'), {
      DATABASE_PATH: join(tempDir(), 'drill.db'),
      DEFAULT_LOCALE: 'ko',
    });
    expect(ko.err).toBe('');
    expect(ko.code).toBe(0);
    expect(ko.out).toContain('다른 명령어를 입력하면 보내지 않고 나갑니다.');
    expect(ko.out).toContain(
      '“질문 제안하기”을(를) 보내지 않았습니다. 명령어를 입력하면 양식을 나갑니다. 처음부터 다시 열어 주세요.',
    );
    expect(ko.out).toMatch(/── 연습 질문 · .+ ──/);

    const store = await openTestStore(db);
    const rows = await store.db.select().from(store.tables.suggestions);
    expect(rows.map((r) => [r.section, r.prompt, r.answer])).toEqual([
      ['Unix', '/etc/hosts is read before DNS?', 'yes, for names it lists'],
    ]);
    await store.close();
  }, 90_000); // two runs of the bot
});

describe('the console as a chat', () => {
  it('speaks the language /settings sets from the next line on', async () => {
    const world = await practiceWorld(undefined, { locale: 'ko' });
    const out = (
      await consoleSession(world, [
        '/topics',
        '/settings language en',
        '/topics',
        '/as kim',
        '/nope',
      ])
    ).output();
    expect(out).toContain('/ask <주제>로 고를 수 있는 주제');
    expect(out).toContain('Saved: language en.');
    expect(out).toContain('Topics you can ask for with /ask <topic>');
    expect(out).toContain('Now answering as kim.');
    expect(out).toContain('Unknown command “nope”');
  });

  it('prompts, takes commands in any case, gives usage lines and names each reveal', async () => {
    const world = await practiceWorld(undefined, { locale: 'en' });
    const s = await consoleSession(
      world,
      ['/Help', '/ASK 지원', 'my answer', '/vote', '/vote two', '/answer', '/GRADE ok', '/grade'],
      { member: 'ana', prompt: '> ' },
    );
    const out = s.output();
    expect(out.startsWith('Drill console channel')).toBe(true);
    // One prompt before the first line and one after each line.
    expect(out.match(/^> /gm)?.length ?? 0).toBeGreaterThanOrEqual(8);
    expect(out).toContain('> Drill commands:\n/ask [topic] · Post a random practice question now');
    expect(out).toContain('/schedule [show|set|skip|unskip|pause|resume|off|test]');
    expect(out).toContain('/vote N · vote 👍 for answer #N');
    expect(out).toContain('Usage: /vote <N>\nN is missing');
    expect(out).toContain('Usage: /vote <N>\nN: “two” is not a valid value');
    const [drop] = await world.db.select().from(world.t.drops);
    const question = (await world.db.select().from(world.t.questions)).find(
      (q) => q.id === drop?.questionId,
    );
    expect(out).toContain(`  │ ── Model answer · ${question?.prompt} ──`);
    expect(out).toContain('(How did you do? /grade ok · /grade partly · /grade missed.');
    expect(out).not.toMatch(/React ✅/);
    expect(out).toContain(`Self-check saved for “${question?.prompt}”: ✅ got it.`);
    expect(out).toContain('Usage: /grade <ok|partly|missed>\ngrade is missing');
    const grades = await world.db.select().from(world.t.votes);
    expect(grades.map((g) => [g.voter, g.emoji])).toEqual([['console:ana', '✅']]);
  });

  it('shows a scheduled drop’s mention once and its reveal under its own question', async () => {
    const world = await practiceWorld(undefined, { locale: 'ko' });
    world.clock.set('2027-01-04T00:30:00Z');
    const s = await consoleSession(world, [
      '/schedule set cron:"0 9 * * *" timezone:Asia/Seoul reveal:+1h mention:@study',
    ]);
    expect(s.output()).toContain('@study 알림');
    const scheduler = testScheduler(world);
    await scheduler.start();
    world.clock.set('2027-01-05T00:00:00Z');
    await scheduler.tick();
    world.clock.set('2027-01-05T01:00:00Z');
    await scheduler.tick();
    await scheduler.stop();
    const out = s.output();
    expect(out).toContain('\n@study\n── 오늘의 질문 · ');
    expect(out).not.toContain('@@study');
    const [drop] = await world.db.select().from(world.t.drops);
    const question = (await world.db.select().from(world.t.questions)).find(
      (q) => q.id === drop?.questionId,
    );
    expect(out).toContain(`  │ ── 모범 답안 · ${question?.prompt} ──`);
  });

  it('writes its logs to data/drill.log next to the database unless LOG_LEVEL is set', async () => {
    const dir = tempDir();
    const db = join(dir, 'data', 'drill.db');
    const r = await npmStart('/help\n/schedule set cron:"0 9 * *"\n', {
      DATABASE_PATH: db,
      DEFAULT_LOCALE: 'ko',
      LOG_LEVEL: undefined,
    });
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toContain(`로그는 ${join(dir, 'data', 'drill.log')}에 기록됩니다.`);
    expect(r.out).not.toContain('"level"');
    expect(r.out).toContain('일정을 바꾸지 않았습니다: cron “0 9 * *”은(는) 필드가 4개입니다.');
    const log = readFileSync(join(dir, 'data', 'drill.log'), 'utf8');
    expect(log).toContain('"msg":"question bank synced"');
    expect(log).toContain('"msg":"shutting down"');
    // With LOG_LEVEL the logs are where the operator asked: stderr, no file.
    const other = join(tempDir(), 'drill.db');
    const loud = await npmStart('/help\n', { DATABASE_PATH: other, LOG_LEVEL: 'info' });
    expect(loud.err).toContain('question bank synced');
    expect(existsSync(join(other, '..', 'drill.log'))).toBe(false);
  }, 60_000);
});
