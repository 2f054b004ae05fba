/**
 * Burst work goes a turn of the event loop at a time once a turn is spent (src/core/turns.ts):
 * cheap pieces all run at once, pieces longer than a turn each wait for the loop to go round.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nextTurn, TURN_MS, turnClock } from '../src/core/turns.ts';

/** Counts the turns of the event loop (one immediate per turn) while it runs. */
function turnCounter() {
  let turns = 0;
  let on = true;
  const tick = () => {
    turns++;
    if (on) setImmediate(tick);
  };
  setImmediate(tick);
  return {
    now: () => turns,
    stop: () => {
      on = false;
    },
  };
}

/**
 * The turns' clock, moved by hand: only work that says it took time spends a turn's time, however
 * busy the machine running the test is.
 */
let now = 0;
const realClock = turnClock.now;

/** Work that holds the loop for `ms` (the kind a synchronous SQLite write does). */
function busy(ms: number): void {
  now += ms;
}

describe('turns of the event loop', () => {
  let counter: ReturnType<typeof turnCounter> | undefined;
  beforeEach(() => {
    turnClock.now = () => now;
  });
  afterEach(() => {
    counter?.stop();
    turnClock.now = realClock;
  });

  it('lets cheap pieces of a burst run in the turn they came in, in order', async () => {
    counter = turnCounter();
    const ran: number[] = [];
    const at: number[] = [];
    await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        await nextTurn();
        ran.push(i);
        at.push(counter?.now() ?? -1);
      }),
    );
    expect(ran).toEqual(Array.from({ length: 20 }, (_, i) => i));
    // The first at once, the others in the immediates right after it.
    expect(new Set(at.slice(1)).size).toBe(1);
  });

  it('gives each piece longer than a turn a turn of its own, in order', async () => {
    counter = turnCounter();
    const ran: number[] = [];
    const at: number[] = [];
    await Promise.all(
      Array.from({ length: 5 }, async (_, i) => {
        await nextTurn();
        ran.push(i);
        at.push(counter?.now() ?? -1);
        busy(TURN_MS + 1);
      }),
    );
    expect(ran).toEqual([0, 1, 2, 3, 4]);
    // From the second on, the loop went round before each.
    for (let i = 2; i < at.length; i++) expect(at[i]).toBeGreaterThan(at[i - 1] as number);
  });
});
