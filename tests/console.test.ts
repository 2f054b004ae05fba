import { userInfo } from 'node:os';
import { join } from 'node:path';
import { count } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli.ts';
import type { Store } from '../src/db/store.ts';
import { newStoreTarget, npmStart, openTestStore, tempDir } from './helpers.ts';

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
    expect(r.out).toContain('  │ ── Model answer ──');
    expect(r.out).toContain('The model answer is in the thread.');

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
    expect(r.out).toContain('  │ ── 모범 답안 ──');
    expect(r.out).toContain('자가 채점 저장: ✅ 알았음.');
    expect(r.out).toContain(
      `리더보드 · 이번 주\n1. ${ME} · 답변 1개 · 👍 1개 · 1일 연속\n2. 민수 · 답변 1개 · 👍 1개 · 1일 연속`,
    );
    expect(r.out).toContain('이 질문 스레드에 답변 #9이(가) 없습니다.');
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
      `리더보드 · 이번 주\n1. ${ME} · 답변 1개 · 👍 1개 · 1일 연속\n2. 민수 · 답변 1개 · 👍 1개 · 1일 연속`,
    );
    expect(onPg.out).toContain('(답변 #1 저장됨)');
  }, 90_000); // three runs of the bot and a copy
});
