/**
 * Spaces requests evenly: `turn()`s resolve in the order asked, a group of at most `group` turns
 * (one by default) every `group * 1000 / perSecond` ms. Times follow a plan (a late timer does
 * not slow the rate down), but never two groups closer than the gap less a little: a stalled
 * event loop does not catch up in a burst. So the platform's global limit is used without being
 * hit, nor the bursts a client's own fixed-window limiter releases after a pause. A group's
 * requests go out in one turn of the event loop and their answers come back together, so one
 * wake-up of the process serves several requests.
 */
export class Pacer {
  private tail: Promise<void> = Promise.resolve();
  private readonly gap: number;
  private readonly group: number;
  /** When the last group was planned and when it really came. */
  private planned = 0;
  private released = 0;
  /** No turn before this (the platform said to wait). */
  private heldUntil = 0;
  /** The group waiting for its time, which a turn asked for joins while it has room. */
  private open: { size: number; at: Promise<void> } | null = null;

  constructor(
    perSecond: number,
    private readonly now: () => number = Date.now,
    opts: { group?: number } = {},
  ) {
    this.group = opts.group ?? 1;
    this.gap = (1000 * this.group) / perSecond;
  }

  turn(): Promise<void> {
    const open = this.open;
    if (open && open.size < this.group) {
      open.size++;
      return open.at;
    }
    const mine = { size: 1, at: Promise.resolve() };
    mine.at = this.tail.then(() => this.next(mine));
    this.open = mine;
    this.tail = mine.at;
    return mine.at;
  }

  /**
   * No turn for `ms` from now: the platform blocks every request meanwhile (a global rate
   * limit), and turns handed out in that time would reach it all at once when it lifts.
   */
  hold(ms: number): void {
    this.heldUntil = Math.max(this.heldUntil, this.now() + ms);
  }

  private async next(mine: { size: number }): Promise<void> {
    for (;;) {
      const now = this.now();
      const at = Math.max(
        this.planned + this.gap,
        this.released + this.gap * 0.9,
        this.heldUntil,
        now,
      );
      if (at <= now) {
        // The group is closed as it goes: a turn asked for from now on waits for the next.
        if (this.open === mine) this.open = null;
        this.planned = at;
        this.released = now;
        return;
      }
      await new Promise((r) => setTimeout(r, at - now));
    }
  }
}
