/** Where time comes from: the real clock in production, a hand-moved one in tests. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export function manualClock(
  start: number | string,
): Clock & { set(t: number | string): void; advance(ms: number): void } {
  let t = typeof start === 'string' ? Date.parse(start) : start;
  return {
    now: () => t,
    set: (v) => {
      t = typeof v === 'string' ? Date.parse(v) : v;
    },
    advance: (ms) => {
      t += ms;
    },
  };
}
