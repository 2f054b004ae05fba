import { join } from 'node:path';
import { syncContent } from '../src/bank/sync.ts';
import { CONSOLE_ADDRESS } from '../src/chat/console/console.ts';
import { openDatabase } from '../src/db/connection.ts';
import { dropQuestion } from '../src/practice/drops.ts';
import { recordReply } from '../src/practice/replies.ts';
import { headlessDeps } from '../tests/fakes/deps.ts';
import { RecordingPort } from '../tests/fakes/recorder.ts';
import { type Figure, round } from './figures.ts';

const REPLIES = 5000;
const CONTENT = new URL('../content', import.meta.url).pathname;

/**
 * Replies stored per second through the practice service (one writer, each reply its own
 * transaction, as events arrive), against a raw better-sqlite3 insert loop on the same table.
 */
export async function benchReplies(dir: string): Promise<Figure[]> {
  const conn = openDatabase(join(dir, 'replies.db'));
  syncContent(conn.db, [CONTENT], Date.now());
  const deps = headlessDeps(conn.db, { ports: { console: new RecordingPort('console', 2000) } });
  const drop = await dropQuestion(deps, CONSOLE_ADDRESS);
  if (drop.kind !== 'posted' || !drop.drop.threadRef) throw new Error('no drop');
  const thread = drop.drop.threadRef;

  let t = performance.now();
  for (let i = 0; i < REPLIES; i++) {
    recordReply(deps, {
      address: CONSOLE_ADDRESS,
      threadRef: thread,
      messageRef: `svc-${i}`,
      member: `m${i % 200}`,
      memberName: `member ${i % 200}`,
      isBot: false,
      text: `답변 ${i}: 클라우드 서비스 연계 경험`,
    });
  }
  const service = REPLIES / ((performance.now() - t) / 1000);

  const insert = conn.sqlite.prepare(
    'insert into replies (drop_id, member, member_name, message_ref, text, created_at) values (?, ?, ?, ?, ?, ?)',
  );
  t = performance.now();
  for (let i = 0; i < REPLIES; i++) {
    insert.run(
      drop.drop.id,
      `m${i % 200}`,
      `member ${i % 200}`,
      `raw-${i}`,
      `답변 ${i}: 클라우드 서비스 연계 경험`,
      Date.now(),
    );
  }
  const raw = REPLIES / ((performance.now() - t) / 1000);
  conn.close();
  return [
    {
      name: 'replies_per_s',
      value: Math.round(service),
      unit: 'replies/s',
      target: 500,
      higherIsBetter: true,
      note: `raw better-sqlite3 insert loop ${Math.round(raw)}/s; service at ${round(service / raw, 3)} of raw`,
    },
    {
      name: 'replies_vs_raw_ratio',
      value: round(service / raw, 3),
      unit: 'ratio',
      target: 0.1,
      higherIsBetter: true,
    },
  ];
}
