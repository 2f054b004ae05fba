import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { runCommand } from '../commands/index.ts';
import { syncContent } from '../src/bank/sync.ts';
import { CONSOLE_ADDRESS } from '../src/chat/console/console.ts';
import { ensureChannel } from '../src/core/channels.ts';
import type { Store } from '../src/db/store.ts';
import { headlessDeps } from '../tests/fakes/deps.ts';
import { RecordingPort } from '../tests/fakes/recorder.ts';
import { replyText } from '../tests/fakes/reply-text.ts';
import { generateNotes } from './bank.ts';
import { type Figure, percentile, round } from './figures.ts';

const PAST_DROPS = 100_000;
const RUNS = 300;

/**
 * /ask and /answer handled in-process against 10,000 questions and 100,000 past drops, on the
 * store given (an SQLite file or a PostgreSQL database); `prefix` names the figures.
 */
export async function benchPractice(dir: string, store: Store, prefix = ''): Promise<Figure[]> {
  const { drops, channels, questions } = store.tables;
  const content = join(dir, 'practice-content');
  mkdirSync(content, { recursive: true });
  writeFileSync(join(content, 'big.txt'), generateNotes(10_000));
  const now = Date.now();
  await syncContent(store, [content], now);
  const deps = headlessDeps(store, { ports: { console: new RecordingPort('console', 2000) } });
  const channel = await ensureChannel(deps, CONSOLE_ADDRESS);
  const ids = (
    await store.db
      .select({ id: questions.id })
      .from(questions)
      .where(eq(questions.kind, 'question'))
  ).map((q) => q.id);
  // Ten full rounds and half of the current one, all posted and revealed long ago.
  const offset = ids.length / 2;
  await store.transaction(async ({ db }) => {
    for (let i = 0; i < PAST_DROPS; i += 1000) {
      await db.insert(drops).values(
        Array.from({ length: 1000 }, (_, k) => {
          const n = i + k + offset;
          const at = now - (PAST_DROPS - i - k) * 60_000;
          return {
            channelId: channel.id,
            questionId: ids[n % ids.length] as string,
            slot: `past:${n}`,
            status: 'posted' as const,
            round: 1 + Math.floor(n / ids.length),
            messageRef: `m${n}`,
            threadRef: `t${n}`,
            revealedAt: at + 1000,
            revealRef: `r${n}`,
            createdAt: at,
            claimedAt: at,
            postedAt: at,
          };
        }),
      );
    }
  });
  const bagRound = 1 + Math.floor((PAST_DROPS + offset - 1) / ids.length);
  await store.db.update(channels).set({ bagRound }).where(eq(channels.id, channel.id));
  // A database in use has had this done by autovacuum after such a load (PostgreSQL vacuums a
  // table after 1,000 inserts): the planner's statistics and the visibility map index-only
  // scans need. Measured straight after a bulk load, every index read would visit the table.
  if (store.dialect === 'postgres') await store.pg.execute(sql`vacuum analyze`);

  const ctx = {
    deps,
    address: CONSOLE_ADDRESS,
    threadRef: null,
    member: { id: 'bench', name: 'bench', canManage: true },
    locale: 'en' as const,
  };
  const askTimes: number[] = [];
  const answerTimes: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    let t = performance.now();
    const asked = await runCommand('ask', {}, ctx);
    askTimes.push(performance.now() - t);
    if (!replyText(asked).startsWith('Posted')) throw new Error(`ask failed: ${replyText(asked)}`);
    t = performance.now();
    const answered = await runCommand('answer', {}, ctx);
    answerTimes.push(performance.now() - t);
    if (!replyText(answered).startsWith('The model answer'))
      throw new Error(`answer failed: ${replyText(answered)}`);
  }
  const note = `${RUNS} runs, ${PAST_DROPS} past drops, ${store.dialect}`;
  // Targets: 10 ms on SQLite; PostgreSQL's round trips over loopback allow 30 at p99.
  const target = store.dialect === 'postgres' && prefix ? 30 : 10;
  const figure = (name: string, times: number[], p: number): Figure => ({
    name: `${prefix}${name}_p${p}_ms`,
    value: round(percentile(times, p)),
    unit: 'ms',
    target,
    note,
  });
  return [
    figure('ask', askTimes, 50),
    figure('ask', askTimes, 99),
    figure('answer', answerTimes, 50),
    figure('answer', answerTimes, 99),
  ];
}
