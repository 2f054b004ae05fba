import { availableParallelism, loadavg } from 'node:os';
import { weeksPng } from '../src/charts/weeks.ts';
import { nextDue } from '../src/core/cards.ts';
import type { SqliteStore } from '../src/db/sqlite.ts';
import type { Store } from '../src/db/store.ts';
import { headlessDeps } from '../tests/fakes/deps.ts';
import { type Figure, percentile, round } from './figures.ts';

const QUESTIONS = 10_000;
const MEMBERS = 1_000;
/** Review records: cards, one per member and question reviewed (1,000 per member)… */
const CARDS = 1_000_000;
/** …and one review-log row for each. */
const SAMPLES = 2_000;
const DAY = 86_400_000;

/** A repeatable pseudo-random source, so every run builds the same data. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

/**
 * Fills the store with 10,000 questions and 1,000,000 review cards of 1,000 members (due from
 * 60 days ago to 60 days ahead, one log row each) with raw prepared inserts, then times
 * `nextDue` (the member's most overdue question) through the review service.
 */
export async function benchReview(store: SqliteStore): Promise<Figure[]> {
  const now = Date.parse('2026-11-25T00:00:00Z');
  const db = store.sqlite;
  const rand = lcg(7);
  const built = performance.now();
  db.transaction(() => {
    const q = db.prepare(
      `insert into questions (id, bank, section, number, prompt, body, format, answer, notes, "references", parent, kind, position, source_file, source_line, retired, updated_at)
       values (?, 'bench', ?, ?, ?, '', 'text', ?, '', '[]', null, 'question', ?, 'bench.txt', ?, ?, ?)`,
    );
    for (let i = 0; i < QUESTIONS; i++)
      q.run(
        `q${i}`,
        `섹션 ${i % 50}`,
        String(i),
        `질문 ${i}?`,
        `답 ${i}`,
        i,
        i,
        i % 100 === 0 ? 1 : 0,
        now,
      );
  })();
  const perMember = CARDS / MEMBERS;
  db.transaction(() => {
    const card = db.prepare(
      `insert into review_cards (platform, member, question_id, due, stability, difficulty, scheduled_days, learning_steps, reps, lapses, state, last_review, created_at)
       values ('discord', ?, ?, ?, 3.2, 5.1, 3, 0, 2, 0, 2, ?, ?)`,
    );
    const log = db.prepare(
      `insert into review_log (card_id, rating, source, drop_id, before, due, reviewed_at) values (?, 3, 'review', null, null, ?, ?)`,
    );
    for (let m = 0; m < MEMBERS; m++) {
      // Each member's cards: distinct questions from a random start, spread over the bank.
      const start = Math.floor(rand() * QUESTIONS);
      for (let k = 0; k < perMember; k++) {
        const due = now + Math.floor((rand() * 120 - 60) * DAY);
        const { lastInsertRowid } = card.run(
          `m${m}`,
          `q${(start + k * 7) % QUESTIONS}`,
          due,
          due - 3 * DAY,
          now - 90 * DAY,
        );
        log.run(lastInsertRowid, due, due - 3 * DAY);
      }
    }
  })();
  db.exec('analyze');
  const buildS = (performance.now() - built) / 1000;
  return [...(await timeNextDue(store, now)), note(buildS)];
}

function note(buildS: number): Figure {
  return {
    name: 'review_build_s',
    value: round(buildS, 1),
    unit: 's',
    target: 120,
    note: `${QUESTIONS} questions, ${MEMBERS} members, ${CARDS} cards + ${CARDS} log rows`,
  };
}

async function timeNextDue(store: Store, now: number): Promise<Figure[]> {
  const deps = headlessDeps(store, { clock: { now: () => now } });
  const rand = lcg(11);
  (globalThis as { gc?: () => void }).gc?.(); // the build's garbage is not the query's
  const load = loadavg()[0] ?? 0;
  const times: number[] = [];
  let found = 0;
  for (let i = 0; i < SAMPLES + 100; i++) {
    const who = { platform: 'discord' as const, member: `m${Math.floor(rand() * MEMBERS)}` };
    const t = performance.now();
    const due = await nextDue(deps, who, now);
    const ms = performance.now() - t;
    if (i >= 100) times.push(ms); // the first hundred warm the caches
    if (due) found++;
  }
  if (found === 0) throw new Error('no member had a card due');
  return [
    {
      name: 'review_next_p99_ms',
      value: round(percentile(times, 99)),
      unit: 'ms',
      target: 20,
      note: `p50 ${round(percentile(times, 50))} ms over ${SAMPLES} members; load average ${round(load, 1)} on ${availableParallelism()} cores`,
    },
  ];
}

/** Warm /me charts timed after the first. */
const CHARTS = 20;

/**
 * /me's chart of 8 weeks, drawn as /me draws it (SVG → PNG with the bundled font):
 * the first in the process (it loads resvg) and the warm ones after it.
 */
export async function benchMeChart(): Promise<Figure[]> {
  const rand = lcg(5);
  const n = () => Math.floor(rand() * 8);
  const weeks = Array.from({ length: 8 }, (_, i) => ({
    week: new Date(Date.parse('2026-10-05T00:00:00Z') + i * 7 * DAY).toISOString().slice(0, 10),
    answers: n(),
    ok: n(),
    partly: n(),
    missed: n(),
  }));
  const labels = {
    title: '주별 답변 수와 채점',
    answers: '답변',
    ok: '알았음',
    partly: '애매함',
    missed: '몰랐음',
  };
  let t = performance.now();
  const first = await weeksPng(weeks, labels);
  const firstMs = performance.now() - t;
  const times: number[] = [];
  for (let i = 0; i < CHARTS; i++) {
    t = performance.now();
    await weeksPng(weeks, labels);
    times.push(performance.now() - t);
  }
  return [
    {
      name: 'me_chart_first_ms',
      value: round(firstMs, 0),
      unit: 'ms',
      target: 3000,
      note: 'the first chart of a process: loads resvg',
    },
    {
      name: 'me_chart_ms',
      value: round(percentile(times, 50), 0),
      unit: 'ms',
      target: 500,
      note: `p50 of ${CHARTS} more; p99 ${round(percentile(times, 99), 0)} ms; ${first.length} bytes of PNG`,
    },
  ];
}
