/**
 * Spaces requests evenly: `turn()`s resolve one at a time, in the order asked, `1000 / perSecond`
 * ms apart. Times follow a plan (a late timer does not slow the rate down), but never two turns
 * closer than the gap less a little: a stalled event loop does not catch up in a burst. So the
 * platform's global limit is used without being hit, nor the bursts a client's own fixed-window
 * limiter releases after a pause.
 */
export class Pacer {
  private tail: Promise<void> = Promise.resolve();
  private readonly gap: number;
  /** When the last turn was planned and when it really came. */
  private planned = 0;
  private released = 0;
  /** No turn before this (the platform said to wait). */
  private heldUntil = 0;

  constructor(
    perSecond: number,
    private readonly now: () => number = Date.now,
  ) {
    this.gap = 1000 / perSecond;
  }

  turn(): Promise<void> {
    const mine = this.tail.then(() => this.next());
    this.tail = mine;
    return mine;
  }

  /**
   * No turn for `ms` from now: the platform blocks every request meanwhile (a global rate
   * limit), and turns handed out in that time would reach it all at once when it lifts.
   */
  hold(ms: number): void {
    this.heldUntil = Math.max(this.heldUntil, this.now() + ms);
  }

  private async next(): Promise<void> {
    for (;;) {
      const now = this.now();
      const at = Math.max(
        this.planned + this.gap,
        this.released + this.gap * 0.9,
        this.heldUntil,
        now,
      );
      if (at <= now) {
        this.planned = at;
        this.released = now;
        return;
      }
      await new Promise((r) => setTimeout(r, at - now));
    }
  }
}
