/**
 * Behaviours that were once changed on purpose with every test still passing: each test here
 * fails when its behaviour is changed back, on both stores.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { ChannelAddress } from '../src/chat/port.ts';
import { dropQuestion } from '../src/practice/drops.ts';
import { leaderboard } from '../src/practice/leaderboard.ts';
import { recordReply } from '../src/practice/replies.ts';
import { revealAnswer } from '../src/practice/reveal.ts';
import { practiceWorld, STORES, type StoreKind, type World } from './helpers.ts';

const here: ChannelAddress = { platform: 'console', workspace: 'local', channel: 'console' };
const ONE_QUESTION = { one: '# Cloud\n\t1. What is EC2?\n\t\tVirtual servers.\n' };

async function posted(world: World, opts: Parameters<typeof dropQuestion>[2] = {}) {
  const result = await dropQuestion(world.deps, here, opts);
  if (result.kind !== 'posted') throw new Error(`not posted: ${result.kind}`);
  return result.drop;
}

async function answer(world: World, threadRef: string, member: string, at: string) {
  world.clock.set(at);
  const saved = await recordReply(world.deps, {
    address: here,
    threadRef,
    messageRef: `m-${member}-${at}`,
    member,
    memberName: member,
    isBot: false,
    text: `${member} answers`,
  });
  expect(saved?.counted).toBe(true);
}

describe.each(STORES)('guarded behaviours on %s', (store: StoreKind) => {
  it('a slot already claimed draws no question and leaves the bag as it was', async () => {
    const world = await practiceWorld(ONE_QUESTION, { store });
    let draws = 0;
    const random = world.deps.random;
    world.deps.random = () => {
      draws++;
      return random();
    };
    await posted(world, { slot: '2027-01-05T00:00:00.000Z' });
    // The one question is drawn: the bag is empty, the next draw would start round 2.
    const before = await world.db.select().from(world.t.channels);
    expect(before.map((c) => c.bagRound)).toEqual([1]);
    const drawsBefore = draws;
    const again = await dropQuestion(world.deps, here, { slot: '2027-01-05T00:00:00.000Z' });
    expect(again.kind).toBe('taken');
    expect(draws).toBe(drawsBefore);
    expect(await world.db.select().from(world.t.channels)).toEqual(before);
    expect(await world.db.select().from(world.t.drops)).toHaveLength(1);
  });

  it('the leaderboard’s week and month begin on the channel zone’s date, not UTC’s', async () => {
    // Asia/Seoul is UTC+9: at 15:00–24:00 UTC the date there is already the next day.
    const world = await practiceWorld(undefined, { store });
    world.clock.set('2026-11-29T12:00:00Z'); // Sunday 21:00 in Seoul
    const sunday = await posted(world);
    // Sunday 23:00 in Seoul (last week there), then Monday 00:30 in Seoul (this week there),
    // both on Sunday the 29th in UTC.
    await answer(world, sunday.threadRef as string, 'last-week', '2026-11-29T14:00:00Z');
    await answer(world, sunday.threadRef as string, 'this-week', '2026-11-29T15:30:00Z');
    world.clock.set('2026-11-29T16:00:00Z'); // Monday 01:00 in Seoul, still Sunday in UTC
    const week = await leaderboard(world.deps, here, 'week');
    expect(week.map((s) => [s.member, s.replies])).toEqual([['this-week', 1]]);

    world.clock.set('2026-11-30T12:00:00Z'); // Monday 21:00 in Seoul
    const monday = await posted(world);
    // 23:00 on 30 November in Seoul, then 00:30 on 1 December there: both 30 November in UTC.
    await answer(world, monday.threadRef as string, 'november', '2026-11-30T14:00:00Z');
    await answer(world, monday.threadRef as string, 'december', '2026-11-30T15:30:00Z');
    world.clock.set('2026-11-30T16:00:00Z'); // 1 December 01:00 in Seoul
    const month = await leaderboard(world.deps, here, 'month');
    expect(month.map((s) => [s.member, s.replies])).toEqual([['december', 1]]);
  });

  it('the newest drop, still open and not yet answered, does not break a streak; revealed, it does', async () => {
    const world = await practiceWorld(undefined, { store });
    world.clock.set('2026-11-23T00:00:00Z');
    for (let i = 0; i < 2; i++) {
      world.clock.advance(3_600_000);
      const drop = await posted(world);
      await answer(
        world,
        drop.threadRef as string,
        'ana',
        new Date(world.clock.now() + 60_000).toISOString(),
      );
      world.clock.advance(120_000);
      await revealAnswer(world.deps, here, { dropId: drop.id });
    }
    const streak = async () =>
      (await leaderboard(world.deps, here, 'all')).find((s) => s.member === 'ana')?.streak;
    expect(await streak()).toBe(2);
    world.clock.advance(3_600_000);
    const open = await posted(world);
    expect(await streak()).toBe(2);
    world.clock.advance(60_000);
    await revealAnswer(world.deps, here, { dropId: open.id });
    expect(await streak()).toBe(0);
    const [row] = await world.db.select().from(world.t.drops).where(eq(world.t.drops.id, open.id));
    expect(row?.revealedAt).not.toBeNull();
  });
});
