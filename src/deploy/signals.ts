/**
 * SIGINT or SIGTERM runs `stop` (which runs the shutdown once, or returns the one already under
 * way), then the process exits with its exit code (0 unless one was set, as a failed start-up
 * sets 2); at `deadlineMs` it exits anyway, after `onDeadline` (work still in flight is left to
 * the next start).
 *
 * The handlers stay installed until the exit. `npm start` passes on the signal its process
 * group got (a terminal's Ctrl-C, a service manager's stop), so the bot receives it twice; with
 * a one-shot handler the second met the default action and killed the process half-way through
 * its shutdown, its last log lines unwritten. A signal during the shutdown changes nothing.
 */
export function exitOnSignals(
  stop: (signal: NodeJS.Signals) => Promise<void>,
  opts: { deadlineMs: number; onDeadline: (signal: NodeJS.Signals) => void },
): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => {
      opts.onDeadline(signal);
      process.exit();
    }, opts.deadlineMs).unref();
    void stop(signal).finally(() => process.exit());
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
