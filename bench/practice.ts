import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { runCommand } from '../commands/index.ts';
import { syncContent } from '../src/bank/sync.ts';
import { CONSOLE_ADDRESS } from '../src/chat/console/console.ts';
import { openDatabase } from '../src/db/connection.ts';
import { channels, drops, questions } from '../src/db/schema.ts';
import { ensureChannel } from '../src/practice/channels.ts';
import { headlessDeps } from '../tests/fakes/deps.ts';
import { RecordingPort } from '../tests/fakes/recorder.ts';
import { generateNotes } from './bank.ts';
import { type Figure, percentile, round } from './figures.ts';

const PAST_DROPS = 100_000;
const RUNS = 300;

/** /ask and /answer handled in-process against 10,000 questions and 100,000 past drops. */
export async function benchPractice(dir: string): Promise<Figure[]> {
  const content = join(dir, 'practice-content');
  mkdirSync(content, { recursive: true });
  writeFileSync(join(content, 'big.txt'), generateNotes(10_000));
  const conn = openDatabase(join(dir, 'practice.db'));
  const now = Date.now();
  syncContent(conn.db, [content], now);
  const deps = headlessDeps(conn.db, { ports: { console: new RecordingPort('console', 2000) } });
  const channel = ensureChannel(deps, CONSOLE_ADDRESS);
  const ids = conn.db
    .select({ id: questions.id })
    .from(questions)
    .where(eq(questions.kind, 'question'))
    .all()
    .map((q) => q.id);
  // Ten full rounds and half of the current one, all posted and revealed long ago.
  const offset = ids.length / 2;
  conn.db.transaction((tx) => {
    for (let i = 0; i < PAST_DROPS; i += 1000) {
      tx.insert(drops)
        .values(
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
        )
        .run();
    }
  });
  const bagRound = 1 + Math.floor((PAST_DROPS + offset - 1) / ids.length);
  conn.db.update(channels).set({ bagRound }).where(eq(channels.id, channel.id)).run();

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
    if (!asked.text.startsWith('Posted')) throw new Error(`ask failed: ${asked.text}`);
    t = performance.now();
    const answered = await runCommand('answer', {}, ctx);
    answerTimes.push(performance.now() - t);
    if (!answered.text.startsWith('The model answer'))
      throw new Error(`answer failed: ${answered.text}`);
  }
  conn.close();
  const note = `${RUNS} runs, ${PAST_DROPS} past drops`;
  return [
    { name: 'ask_p50_ms', value: round(percentile(askTimes, 50)), unit: 'ms', target: 20, note },
    { name: 'ask_p99_ms', value: round(percentile(askTimes, 99)), unit: 'ms', target: 20, note },
    {
      name: 'answer_p50_ms',
      value: round(percentile(answerTimes, 50)),
      unit: 'ms',
      target: 20,
      note,
    },
    {
      name: 'answer_p99_ms',
      value: round(percentile(answerTimes, 99)),
      unit: 'ms',
      target: 20,
      note,
    },
  ];
}
