import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { ROOT } from '../helpers.ts';

/**
 * A TypeScript script in its own process, with its stdout as lines a test can wait on. The bot
 * itself (src/main.ts) runs from the build the test run made once (tests/global-setup.ts), as
 * `npm start` runs it: it starts in a fraction of the time tsx takes to compile it again.
 */
export function spawnWorker(script: string, args: string[], env: Record<string, string> = {}) {
  const child: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    script === 'src/main.ts'
      ? ['scripts/start.mjs', ...args]
      : ['--import', 'tsx', script, ...args],
    {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  const lines: string[] = [];
  let stderr = '';
  const waiting: { match: (l: string) => boolean; resolve: () => void }[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    lines.push(line);
    for (const w of [...waiting]) {
      if (w.match(line)) {
        waiting.splice(waiting.indexOf(w), 1);
        w.resolve();
      }
    }
  });
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  // Writing to a worker that was killed fails with EPIPE; fault drills do that on purpose.
  child.stdin.on('error', () => {});
  const exited = new Promise<number | null>((resolve) =>
    child.on('close', (code) => resolve(code)),
  );
  return {
    child,
    lines,
    stderr: () => stderr,
    exited,
    /**
     * Resolves at the next line matching (lines already seen do not count); bounded in time, by
     * a start-up on a busy machine (a tsx worker compiles its sources first).
     */
    next(match: (line: string) => boolean, ms = 30_000): Promise<void> {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`worker ${script} gave no such line: ${stderr}`)),
          ms,
        );
        waiting.push({
          match,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
      });
    },
    send(line: string): void {
      child.stdin.write(`${line}\n`);
    },
    /** Sends a command line and waits for the worker's `ok`. */
    async command(line: string): Promise<void> {
      const ok = this.next((l) => l === 'ok');
      this.send(line);
      await ok;
    },
  };
}

/**
 * A scheduler process (tests/fakes/scheduler-worker.ts) that claims `slot` and is killed with
 * SIGKILL while its post is in flight; resolves with its exit code.
 */
export async function claimThenKill(db: string, start: number, slot: number) {
  const doomed = spawnWorker('tests/fakes/scheduler-worker.ts', [db], { DRILL_HANG_POSTS: '1' });
  await doomed.command(`start ${start}`);
  const posting = doomed.next((l) => l === 'posting');
  doomed.send(`tick ${slot}`);
  await posting;
  doomed.child.kill('SIGKILL');
  return doomed.exited;
}
