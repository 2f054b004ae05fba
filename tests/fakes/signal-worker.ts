/**
 * A process that shuts down as the bot does (src/deploy/signals.ts), for the signal drills. It
 * prints `ready` once its handlers are installed; a signal prints `stopping <signal>`, and the
 * shutdown then waits for a `finish` line on stdin, prints `stopped` and the process exits.
 * `DRILL_DEADLINE_MS` sets the deadline (default a minute), at which it prints `deadline`.
 */
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { exitOnSignals } from '../../src/deploy/signals.ts';

const lines = createInterface({ input: process.stdin });
exitOnSignals(
  async (signal) => {
    process.stdout.write(`stopping ${signal}\n`);
    for (;;) {
      const [line] = (await once(lines, 'line')) as [string];
      if (line === 'finish') break;
    }
    process.stdout.write('stopped\n');
  },
  {
    deadlineMs: Number(process.env.DRILL_DEADLINE_MS ?? 60_000),
    onDeadline: () => process.stdout.write('deadline\n'),
  },
);
process.stdout.write('ready\n');
