/**
 * One running copy of Drill's scheduler in its own process, for the two-copies test. It opens
 * the store named in argv (an SQLite file or a postgres:// URL), and obeys lines on stdin:
 *   start <ms>   set the clock and start the scheduler (catch-up included)
 *   tick <ms>    set the clock and handle what is due
 *   hang         from now on, a post prints `posting` and never completes
 * and answers each with `ok`. Every post it makes is printed as `posted <channel>`, every message
 * in a thread (a reveal) as `thread <channel> <title>`. With
 * DRILL_HANG_POSTS=1 it hangs from the start, so the process can be killed between claiming a
 * slot and posting it.
 */
import { createInterface } from 'node:readline';
import { manualClock } from '../../src/core/clock.ts';
import type { ChatPort } from '../../src/core/port.ts';
import { openStore } from '../../src/db/open.ts';
import { Scheduler } from '../../src/schedule/scheduler.ts';
import { headlessDeps } from './deps.ts';

const [dbPath] = process.argv.slice(2);
if (!dbPath) throw new Error('usage: scheduler-worker <db>');
const store = await openStore(dbPath);
const clock = manualClock(0);
let seq = 0;
let hang = process.env.DRILL_HANG_POSTS === '1';
const port: ChatPort = {
  platform: 'console',
  maxChars: 2000,
  async postDrop(channel) {
    if (hang) {
      process.stdout.write('posting\n');
      return new Promise(() => {});
    }
    const ref = `${process.pid}-${++seq}`;
    process.stdout.write(`posted ${channel.channel}\n`);
    return { messageRef: ref, threadRef: ref };
  },
  async postInThread(channel, _thread, message) {
    process.stdout.write(`thread ${channel.channel} ${message.title ?? ''}\n`);
    return `${process.pid}-${++seq}`;
  },
  async react() {},
  async notifyMember(channel, member) {
    process.stdout.write(`notify ${channel.channel} ${member}\n`);
  },
  async uploadFile(channel, _thread, file) {
    process.stdout.write(`file ${channel.channel} ${file.name}\n`);
  },
  link: () => null,
};
const deps = headlessDeps(store, { clock, ports: { console: port } });
const scheduler = new Scheduler(deps, {
  catchupWindowMs: 7_200_000,
  claimTimeoutMs: 60_000,
  timers: false,
});

for await (const line of createInterface({ input: process.stdin })) {
  const [verb, ms] = line.split(' ');
  if (verb === 'hang') hang = true;
  else clock.set(Number(ms));
  if (verb === 'start') await scheduler.start();
  else if (verb === 'tick') await scheduler.tick();
  process.stdout.write('ok\n');
}
await scheduler.stop();
await store.close();
