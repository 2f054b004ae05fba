import { userInfo } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/connection.ts';
import { replies, votes } from '../src/db/schema.ts';
import { npmStart, tempDir } from './helpers.ts';

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

    const conn = openDatabase(db);
    expect(
      conn.db
        .select()
        .from(replies)
        .all()
        .map((x) => x.text),
    ).toEqual(['my answer about EC2']);
    conn.close();
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
    expect(r.out).toContain('자가 채점 저장: ✅ ok.');
    expect(r.out).toContain(
      `리더보드 · 이번 주\n1. ${ME} · 답변 1개 · 👍 1개 · 1일 연속\n2. 민수 · 답변 1개 · 👍 1개 · 1일 연속`,
    );
    expect(r.out).toContain('이 질문 스레드에 답변 #9이(가) 없습니다.');
    expect(r.out).toContain('알 수 없는 명령어 “nope”');
    const conn = openDatabase(db);
    expect(conn.db.select().from(votes).all()).toHaveLength(3);
    conn.close();
  });
});
