import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Pacer } from '../src/chat/pacer.ts';

/** When each of `n` turns came, in fake ms from the start, letting fake time run `ms` at most. */
async function releases(pacer: Pacer, n: number, ms: number, start: number): Promise<number[]> {
  const at: number[] = [];
  for (let i = 0; i < n; i++) void pacer.turn().then(() => at.push(Date.now() - start));
  await vi.advanceTimersByTimeAsync(ms);
  return at;
}

describe('Pacer', () => {
  beforeEach(() => vi.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => vi.useRealTimers());

  it('hands out turns in order, one per gap, and keeps the rate over many turns', async () => {
    const pacer = new Pacer(50);
    const at = await releases(pacer, 100, 3000, Date.now());
    expect(at).toHaveLength(100);
    for (let i = 1; i < at.length; i++)
      expect((at[i] as number) - (at[i - 1] as number)).toBeGreaterThanOrEqual(18);
    // 100 turns at 50 a second: the last one 99 gaps after the first, no drift.
    expect((at[99] as number) - (at[0] as number)).toBeLessThanOrEqual(1980 + 20);
  });

  it('does not catch up in a burst after the event loop stalled', async () => {
    const pacer = new Pacer(50);
    const start = Date.now();
    void pacer.turn();
    await vi.advanceTimersByTimeAsync(0);
    // The clock jumps 500 ms with no timer run (a stall), then ten turns are asked for.
    vi.setSystemTime(start + 500);
    const at = await releases(pacer, 10, 1000, start);
    for (let i = 1; i < at.length; i++)
      expect((at[i] as number) - (at[i - 1] as number)).toBeGreaterThanOrEqual(18);
  });

  it('gives no turn while held, then goes on at its pace', async () => {
    const pacer = new Pacer(50);
    const start = Date.now();
    pacer.hold(1000);
    const at = await releases(pacer, 5, 2000, start);
    expect(at[0]).toBeGreaterThanOrEqual(1000);
    for (let i = 1; i < at.length; i++)
      expect((at[i] as number) - (at[i - 1] as number)).toBeGreaterThanOrEqual(18);
  });
});
