/**
 * Turns of the event loop for work that arrives in bursts. One socket read can hold a hundred
 * events, and a backlog of replies a thousand; handled as they come, with SQLite answering
 * synchronously, they make one stretch of seconds in which no timer fires, no ack is written and
 * no pong is answered. `nextTurn()` is awaited before each piece of such work. The first piece
 * of a turn of the loop goes at once; the others wait for the immediates, where they go one
 * after another (each piece's own continuation runs before the next is let go) while the turn
 * has run for less than TURN_MS; after that the rest wait until the loop has gone round, first
 * come, first served.
 */

/** Work let go in one turn of the loop: well under the 50 ms the loop may stall. */
export const TURN_MS = 8;
/** Release calls queued for one turn at most (each lets one waiting piece go). */
const PER_TURN = 64;

/**
 * Where a turn's time is read: performance.now(). Tests put a hand-moved clock here, so what they
 * check (which piece waits for the loop) does not hang on how busy the machine is.
 */
export const turnClock = { now: () => performance.now() };

/** turnClock.now() when the current turn's first piece began; null once the loop went round. */
let turnStarted: number | null = null;
/** Pieces waiting, first come first served: `waiting[head]` is next (a backlog can be long). */
let waiting: (() => void)[] = [];
let head = 0;
/** Release calls queued as immediates. */
let pending = 0;

function endTurn(): void {
  turnStarted = null;
}

function startTurn(now: number): void {
  turnStarted = now;
  // Queued now, it runs before the releases queued after it: in the check phase of this turn
  // when started from I/O, else in the next turn.
  setImmediate(endTurn);
}

/** Pieces waiting now. */
const queued = () => waiting.length - head;

/** The first waiting piece; the array is cut once half of it is spent, never shifted one by one. */
function take(): (() => void) | undefined {
  const next = waiting[head++];
  if (head === waiting.length) {
    waiting = [];
    head = 0;
  } else if (head >= 1024 && head * 2 >= waiting.length) {
    waiting = waiting.slice(head);
    head = 0;
  }
  return next;
}

function schedule(): void {
  while (pending < Math.min(queued(), PER_TURN)) {
    pending++;
    setImmediate(release);
  }
}

/** Lets the first waiting piece go unless the turn is spent; immediates run one by one. */
function release(): void {
  pending--;
  if (queued() === 0) return;
  const now = turnClock.now();
  if (turnStarted === null) startTurn(now);
  else if (now - turnStarted >= TURN_MS) {
    // Queued from inside the immediates, the next releases run after the loop went round.
    if (pending === 0) schedule();
    return;
  }
  take()?.();
  if (pending === 0) schedule();
}

/** Resolves when the caller may run its piece of burst work (see above). */
export function nextTurn(): Promise<void> {
  if (turnStarted === null && queued() === 0) {
    startTurn(turnClock.now());
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    waiting.push(resolve);
    schedule();
  });
}
