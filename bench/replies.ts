import { and, count, eq, like, sql } from 'drizzle-orm';
import { syncContent } from '../src/bank/sync.ts';
import { CONSOLE_ADDRESS } from '../src/chat/console/console.ts';
import type { SqliteStore } from '../src/db/sqlite.ts';
import type { Store } from '../src/db/store.ts';
import { dropQuestion } from '../src/practice/drops.ts';
import { storeReply } from '../src/practice/intake.ts';
import { headlessDeps } from '../tests/fakes/deps.ts';
import { RecordingPort } from '../tests/fakes/recorder.ts';
import { type Figure, round } from './figures.ts';

const REPLIES = 5000;
/** Events in flight at once. */
const AT_ONCE = 100;
const CONTENT = new URL('../content', import.meta.url).pathname;

/**
 * Replies stored per second through the intake the adapters use (src/practice/intake.ts), as
 * events arrive: 100 at a time, each caller waiting for its own reply. The same work on both
 * stores; the figure fails unless every caller was told its reply was stored and every reply is
 * counted back from the database.
 */
async function serviceRate(
  store: Store,
): Promise<{ rate: number; dropId: number; failed?: string }> {
  await syncContent(store, [CONTENT], Date.now());
  const deps = headlessDeps(store, { ports: { console: new RecordingPort('console', 2000) } });
  const drop = await dropQuestion(deps, CONSOLE_ADDRESS);
  if (drop.kind !== 'posted' || !drop.drop.threadRef) throw new Error('no drop');
  const thread = drop.drop.threadRef;
  let refused = 0;
  let firstError: unknown;
  const t = performance.now();
  for (let start = 0; start < REPLIES; start += AT_ONCE) {
    const stored = await Promise.allSettled(
      Array.from({ length: Math.min(AT_ONCE, REPLIES - start) }, (_, k) => {
        const i = start + k;
        return storeReply(deps, {
          address: CONSOLE_ADDRESS,
          threadRef: thread,
          messageRef: `svc-${i}`,
          member: `m${i % 200}`,
          memberName: `member ${i % 200}`,
          isBot: false,
          text: `답변 ${i}: 클라우드 서비스 연계 경험`,
        });
      }),
    );
    for (const r of stored) {
      if (r.status === 'fulfilled' && r.value) continue;
      refused++;
      firstError ??= r.status === 'rejected' ? r.reason : 'no row';
    }
  }
  const rate = REPLIES / ((performance.now() - t) / 1000);
  const { replies } = store.tables;
  const [kept] = await store.db
    .select({
      n: count(),
      answers: sql<number>`sum(case when ${replies.counted} then 1 else 0 end)`,
    })
    .from(replies)
    .where(and(eq(replies.dropId, drop.drop.id), like(replies.messageRef, 'svc-%')));
  const problems = [
    refused > 0 ? `${refused} callers not told "stored" (first: ${String(firstError)})` : '',
    kept?.n !== REPLIES ? `${kept?.n ?? 0} of ${REPLIES} replies in the database` : '',
    Number(kept?.answers) !== 200 ? `${kept?.answers} counted answers, not 200` : '',
  ].filter(Boolean);
  return {
    rate,
    dropId: drop.drop.id,
    ...(problems.length > 0 ? { failed: problems.join('; ') } : {}),
  };
}

/** The SQLite figure, against a raw better-sqlite3 insert loop on the same table. */
export async function benchReplies(store: SqliteStore): Promise<Figure[]> {
  const { rate: service, dropId, failed } = await serviceRate(store);
  const insert = store.sqlite.prepare(
    'insert into replies (drop_id, member, member_name, message_ref, text, created_at) values (?, ?, ?, ?, ?, ?)',
  );
  const t = performance.now();
  for (let i = 0; i < REPLIES; i++) {
    insert.run(
      dropId,
      `m${i % 200}`,
      `member ${i % 200}`,
      `raw-${i}`,
      `답변 ${i}: 클라우드 서비스 연계 경험`,
      Date.now(),
    );
  }
  const raw = REPLIES / ((performance.now() - t) / 1000);
  return [
    {
      name: 'replies_per_s',
      value: Math.round(service),
      unit: 'replies/s',
      target: 500,
      higherIsBetter: true,
      ...(failed ? { failed } : {}),
      note: `raw better-sqlite3 insert loop ${Math.round(raw)}/s; service at ${round(service / raw, 3)} of raw`,
    },
    {
      name: 'replies_vs_raw_ratio',
      value: round(service / raw, 3),
      ...(failed ? { failed: 'replies_per_s failed' } : {}),
      unit: 'ratio',
      target: 0.1,
      higherIsBetter: true,
    },
  ];
}

/** The same on PostgreSQL (a batch's replies in one INSERT, its round trips over loopback). */
export async function benchPgReplies(store: Store): Promise<Figure[]> {
  const { rate, failed } = await serviceRate(store);
  return [
    {
      name: 'pg_replies_per_s',
      value: Math.round(rate),
      unit: 'replies/s',
      target: 500,
      higherIsBetter: true,
      ...(failed ? { failed } : {}),
      note: 'embedded PostgreSQL 18 on 127.0.0.1',
    },
  ];
}
