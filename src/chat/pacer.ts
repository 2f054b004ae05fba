/**
 * Spaces requests evenly: each `turn()` resolves at least `1000 / perSecond` ms after the one
 * before it actually did, in the order asked. Timed from the real release, not from a plan, so a
 * stalled event loop never catches up in a burst; the platform's global limit is used without
 * being hit (nor the bursts a client's own fixed-window limiter releases after a pause).
 */
export class Pacer {
  private tail: Promise<void> = Promise.resolve();
  private readonly gap: number;

  constructor(perSecond: number) {
    this.gap = 1000 / perSecond;
  }

  turn(): Promise<void> {
    const mine = this.tail;
    this.tail = mine.then(() => new Promise((r) => setTimeout(r, this.gap)));
    return mine;
  }
}
