import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { discordPacer } from '../src/chat/discord/port.ts';
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

/** The most turns released in any one second. */
const mostInASecond = (at: number[]) => {
  let most = 0;
  for (let i = 0, j = 0; i < at.length; i++) {
    while ((at[i] as number) - (at[j] as number) >= 1000) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
};

describe('Pacer in groups', () => {
  beforeEach(() => vi.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => vi.useRealTimers());

  it('releases turns asked for together in groups, a group per gap, in order', async () => {
    const pacer = new Pacer(40, Date.now, { group: 4 });
    const start = Date.now();
    const order: number[] = [];
    const at: number[] = [];
    for (let i = 0; i < 40; i++)
      void pacer.turn().then(() => {
        order.push(i);
        at.push(Date.now() - start);
      });
    await vi.advanceTimersByTimeAsync(2000);
    expect(order).toEqual([...Array(40).keys()]);
    // Ten groups of four, 100 ms apart: four turns at each time, the rate unchanged.
    const times = [...new Set(at)];
    expect(times).toHaveLength(10);
    for (const time of times) expect(at.filter((t) => t === time)).toHaveLength(4);
    for (let i = 1; i < times.length; i++)
      expect((times[i] as number) - (times[i - 1] as number)).toBeGreaterThanOrEqual(90);
    expect((times[9] as number) - (times[0] as number)).toBeLessThanOrEqual(900 + 20);
  });

  it('lets a lone turn go at once and one asked for after its group went wait for the next', async () => {
    const pacer = new Pacer(20, Date.now, { group: 2 });
    const start = Date.now();
    const at: number[] = [];
    void pacer.turn().then(() => at.push(Date.now() - start));
    await vi.advanceTimersByTimeAsync(0);
    expect(at).toEqual([0]);
    void pacer.turn().then(() => at.push(Date.now() - start));
    await vi.advanceTimersByTimeAsync(200);
    expect(at).toEqual([0, 100]);
  });
});

describe('the Discord port’s pace', () => {
  beforeEach(() => vi.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => vi.useRealTimers());

  it('releases at most 50 requests in any second (Discord’s global limit), also after a stall', async () => {
    const pacer = discordPacer();
    const start = Date.now();
    const at: number[] = [];
    for (let i = 0; i < 400; i++) void pacer.turn().then(() => at.push(Date.now() - start));
    await vi.advanceTimersByTimeAsync(1500);
    // The event loop stalls for 700 ms with turns waiting: no burst follows.
    vi.setSystemTime(Date.now() + 700);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(at).toHaveLength(400);
    expect(mostInASecond(at)).toBeLessThanOrEqual(50);
    // The pace is used: over the whole run, close to the limit.
    expect(mostInASecond(at)).toBeGreaterThanOrEqual(45);
  });
});
