export interface Figure {
  name: string;
  value: number;
  unit: string;
  target: number;
  /** true when bigger is better (a rate); false for times and sizes. */
  higherIsBetter?: boolean;
  note?: string;
  /**
   * Set when the figure's own work went wrong (a post that did not go out, a reply not
   * stored): the figure is then a failure, whatever its value, and the bench exits non-zero.
   */
  failed?: string;
  /** Set when the figure could not be measured here, with the reason (no value is given). */
  missing?: string;
}

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)] ?? 0;
}

/** Median of a few runs of fn, in milliseconds: one noisy run on a shared machine says little. */
export function medianMs(runs: number, fn: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  return percentile(times, 50);
}

export const round = (n: number, digits = 2) => Number(n.toFixed(digits));
