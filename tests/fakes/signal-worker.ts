/**
 * A process that shuts down as the bot does (src/deploy/signals.ts, and main's `stop`: one
 * shutdown, which a second asker waits for), for the signal drills. It prints `ready` once its
 * handlers are installed; a signal prints `stopping <signal>`, and the shutdown then waits for a
 * `finish` line on stdin, prints `stopped` and the process exits. A `self-stop` line starts the
 * shutdown as a failed start-up does: exit code 2 set, `stopping self`.
 * `DRILL_DEADLINE_MS` sets the deadline (default a minute), at which it prints `deadline`.
 */
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { exitOnSignals } from '../../src/deploy/signals.ts';

const lines = createInterface({ input: process.stdin });
let stopped: Promise<void> | null = null;
const stop = (reason: string): Promise<void> => {
  stopped ??= (async () => {
    process.stdout.write(`stopping ${reason}\n`);
    for (;;) {
      const [line] = (await once(lines, 'line')) as [string];
      if (line === 'finish') break;
    }
    process.stdout.write('stopped\n');
  })();
  return stopped;
};
lines.on('line', (line) => {
  if (line !== 'self-stop') return;
  process.exitCode = 2;
  void stop('self');
});
exitOnSignals(stop, {
  deadlineMs: Number(process.env.DRILL_DEADLINE_MS ?? 60_000),
  onDeadline: () => process.stdout.write('deadline\n'),
});
process.stdout.write('ready\n');
