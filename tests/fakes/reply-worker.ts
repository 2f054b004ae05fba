/**
 * Writes answers and votes into a drop's thread through the practice service, as one running
 * copy of Drill would: `reply-worker <db> <thread> <prefix> <count>`. Prints `done` at the end;
 * any error (SQLITE_BUSY included) ends the process with code 1.
 */
import { CONSOLE_ADDRESS } from '../../src/chat/console/console.ts';
import { openStore } from '../../src/db/open.ts';
import { recordReply } from '../../src/practice/replies.ts';
import { recordReaction } from '../../src/practice/votes.ts';
import { headlessDeps } from './deps.ts';

const [db, thread, prefix, count] = process.argv.slice(2);
if (!db || !thread || !prefix || !count)
  throw new Error('usage: reply-worker <db> <thread> <prefix> <count>');
const store = await openStore(db);
const deps = headlessDeps(store);
let votes = 0;
for (let i = 0; i < Number(count); i++) {
  const reply = await recordReply(deps, {
    address: CONSOLE_ADDRESS,
    threadRef: thread,
    messageRef: `${prefix}-${i}`,
    // Each reply is a different member's answer, so every one is counted and may be voted on.
    member: `${prefix}-m${i}`,
    memberName: `${prefix} member ${i}`,
    isBot: false,
    text: `${prefix} 답변 ${i}`,
  });
  if (!reply) throw new Error(`reply ${i} not stored`);
  const vote = await recordReaction(deps, {
    address: CONSOLE_ADDRESS,
    messageRef: reply.messageRef,
    member: `${prefix}-m${i + 1}`,
    isBot: false,
    emoji: '👍',
    added: true,
  });
  if (vote.kind === 'vote' && vote.counted) votes++;
}
await store.close();
process.stdout.write(`done ${count} ${votes}\n`);
