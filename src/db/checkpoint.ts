import { statSync } from 'node:fs';
import type Database from 'better-sqlite3';

/** How often the WAL file is looked at. */
const LOOK_MS = 1000;
/** A WAL written to without a pause for this long is checkpointed anyway, so it stays bounded. */
const BUSY_MAX_MS = 10_000;
/**
 * SQLite's own checkpoint, in the commit that takes the WAL past this many pages (16 MB of 4 KB
 * pages), stays on as the backstop for bulk writes (a bank sync of tens of thousands of questions,
 * an import, a migration): they pay for their own copy, and the checkpoint the timer makes later
 * never copies more than this, so it never holds the event loop for long. A burst of replies is a
 * few hundred pages and never reaches it.
 */
export const WAL_BACKSTOP_PAGES = 4000;

/**
 * WAL checkpoints between bursts, not inside them. SQLite's own runs in the commit that takes the
 * WAL past 1,000 pages: copying them into the database file and syncing it, tens of milliseconds
 * of the event loop (more on a slow disk) in the middle of a burst of replies. Here the automatic
 * one waits for WAL_BACKSTOP_PAGES instead; once a second the WAL file's time is read, and a
 * PASSIVE checkpoint (it never waits for a reader or a writer) runs when the WAL was written since
 * the last checkpoint and then not for a second, or when it has been written to without a pause
 * for ten seconds. Any process on the file may checkpoint what all of them wrote. Returns the
 * function that stops it.
 */
export function checkpointWhenQuiet(sqlite: Database.Database, path: string): () => void {
  sqlite.pragma(`wal_autocheckpoint = ${WAL_BACKSTOP_PAGES}`);
  const wal = `${path}-wal`;
  const written = () => {
    try {
      return statSync(wal).mtimeMs;
    } catch {
      return 0;
    }
  };
  /** The WAL's time at the last look and at the last checkpoint; when writing began since. */
  let seen = 0;
  let done = written();
  let busySince = 0;
  const timer = setInterval(() => {
    const at = written();
    if (at === done || !sqlite.open) return;
    const now = Date.now();
    if (busySince === 0) busySince = now;
    const quiet = at === seen;
    seen = at;
    // A transaction holding the connection between its statements: the next look.
    if ((!quiet && now - busySince < BUSY_MAX_MS) || sqlite.inTransaction) return;
    try {
      sqlite.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      return;
    }
    done = written();
    busySince = 0;
  }, LOOK_MS);
  timer.unref();
  return () => clearInterval(timer);
}
