import { runCommand } from '../commands/index.ts';
import { CONSOLE_ADDRESS } from '../src/chat/console/console.ts';
import { ensureChannel } from '../src/core/channels.ts';
import { localDate } from '../src/core/zone.ts';
import type { SqliteStore } from '../src/db/sqlite.ts';
import { progressOf } from '../src/review/progress.ts';
import { headlessDeps } from '../tests/fakes/deps.ts';
import { RecordingPort } from '../tests/fakes/recorder.ts';
import { replyText } from '../tests/fakes/reply-text.ts';
import { type Figure, percentile, round } from './figures.ts';

const MEMBERS = 1_000;
/** One drop a day, each answered by every member: 1,000,000 counted replies. */
const DROPS = 1_000;
const VOTES_PER_DROP = 100;
/** Calls per figure: enough that a p99 is a percentile, not the one cold first call (its time is in the note). */
const RUNS = 200;
const DAY = 86_400_000;

/**
 * The leaderboards (all time and this week) and /me's numbers in a channel with 1,000,000
 * counted replies of 1,000 members over 1,000 days, loaded with raw inserts (the database's
 * triggers keep the counts as they would for replies stored one by one).
 */
export async function benchLeaderboard(store: SqliteStore): Promise<Figure[]> {
  const now = Date.now();
  const deps = headlessDeps(store, {
    ports: { console: new RecordingPort('console', 2000) },
    clock: { now: () => now },
  });
  const channel = await ensureChannel(deps, CONSOLE_ADDRESS);
  const built = performance.now();
  fillReplies(store, channel.id, now, null);
  store.sqlite.exec('analyze');
  return measureLeaderboard(store, (performance.now() - built) / 1000);
}

/**
 * 1,000 drops a day apart (of `questionId`, or none), each answered by 1,000 members, 100 👍
 * each; raw inserts in one transaction.
 */
export function fillReplies(
  store: SqliteStore,
  channelId: number,
  now: number,
  questionId: string | null,
): void {
  const db = store.sqlite;
  db.transaction(() => {
    const drop = db.prepare(
      `insert into drops (channel_id, question_id, slot, status, round, message_ref, thread_ref, reveal_ref, revealed_at, created_at, claimed_at, posted_at)
       values (?, ?, ?, 'posted', 1, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const reply = db.prepare(
      `insert into replies (drop_id, member, member_name, message_ref, text, created_at, counted, day)
       values (?, ?, ?, ?, '답변', ?, 1, ?)`,
    );
    const vote = db.prepare(
      `insert into votes (drop_id, voter, target, reply_id, emoji, created_at) values (?, ?, ?, ?, '👍', ?)`,
    );
    for (let d = 0; d < DROPS; d++) {
      // The last drop two minutes ago, so this week has one whatever the weekday (on a Monday,
      // a last drop a day ago left the week's board empty).
      const at = now - (DROPS - 1 - d) * DAY - 120_000;
      const { lastInsertRowid } = drop.run(
        channelId,
        questionId,
        `past:${d}`,
        `m${d}`,
        `t${d}`,
        `r${d}`,
        at + DAY / 2,
        at,
        at,
        at,
      );
      const day = localDate(at + 60_000, 'UTC');
      let first = 0;
      for (let m = 0; m < MEMBERS; m++) {
        const r = reply.run(
          lastInsertRowid,
          `u${m}`,
          `member ${m}`,
          `a${d}-${m}`,
          at + 60_000,
          day,
        );
        if (m === 0) first = Number(r.lastInsertRowid);
      }
      for (let v = 0; v < VOTES_PER_DROP; v++)
        vote.run(lastInsertRowid, `u${(v + 1) % MEMBERS}`, `reply:${first + v}`, first + v, at);
    }
  })();
}

/** The timings on a store filled as benchLeaderboard fills it. */
export async function measureLeaderboard(store: SqliteStore, buildS = 0): Promise<Figure[]> {
  const now = Date.now();
  const deps = headlessDeps(store, {
    ports: { console: new RecordingPort('console', 2000) },
    clock: { now: () => now },
  });
  const db = store.sqlite;
  const [{ n: replies } = { n: 0 }] = db
    .prepare('select count(*) as n from replies where counted')
    .all() as { n: number }[];

  const ctx = {
    deps,
    address: CONSOLE_ADDRESS,
    threadRef: null,
    member: { id: 'u1', name: 'member 1', canManage: false },
    locale: 'en' as const,
  };
  const timed = async (period: 'all' | 'week') => {
    const times: number[] = [];
    let failed: string | undefined;
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      const reply = await runCommand('leaderboard', { period }, ctx);
      times.push(performance.now() - t);
      // Ten rows, the first with every answer of its period: anything else is a failure.
      const rows = replyText(reply).split('\n').length - 1;
      if (rows !== 10) failed = `shows ${rows} rows, not 10`;
    }
    return { times, failed };
  };
  const all = await timed('all');
  const week = await timed('week');
  const meTimes: number[] = [];
  let meFailed: string | undefined;
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    const p = await progressOf(deps, CONSOLE_ADDRESS, { platform: 'console', member: 'u7' });
    meTimes.push(performance.now() - t);
    if (p.answers !== DROPS) meFailed = `/me counts ${p.answers} answers, not ${DROPS}`;
  }
  if (replies !== MEMBERS * DROPS) meFailed = `${replies} counted replies stored`;
  const note = `${replies.toLocaleString('en')} counted replies of ${MEMBERS} members (loaded in ${round(buildS, 1)} s), ${RUNS} runs`;
  return [
    {
      name: 'leaderboard_1m_p99_ms',
      value: round(percentile(all.times, 99)),
      unit: 'ms',
      target: 20,
      note: `all time; p50 ${round(percentile(all.times, 50))} ms, first call ${round(all.times[0] ?? 0)} ms; ${note}`,
      failed: all.failed,
    },
    {
      name: 'leaderboard_week_1m_p99_ms',
      value: round(percentile(week.times, 99)),
      unit: 'ms',
      target: 20,
      note: `this week; p50 ${round(percentile(week.times, 50))} ms, first call ${round(week.times[0] ?? 0)} ms`,
      failed: week.failed,
    },
    {
      name: 'me_1m_ms',
      value: round(percentile(meTimes, 50)),
      unit: 'ms',
      target: 100,
      note: `median of ${RUNS}, without the chart; p99 ${round(percentile(meTimes, 99))} ms`,
      failed: meFailed,
    },
  ];
}
