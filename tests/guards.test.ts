/**
 * Behaviours that were once changed on purpose with every test still passing: each test here
 * fails when its behaviour is changed back, on both stores.
 */
import { eq } from 'drizzle-orm';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { syncContent } from '../src/bank/sync.ts';
import { gradeCard } from '../src/core/cards.ts';
import { ensureChannel } from '../src/core/channels.ts';
import type { ChannelAddress } from '../src/core/port.ts';
import { leaderboard } from '../src/core/standings.ts';
import { dropQuestion } from '../src/practice/drops.ts';
import { recordReply } from '../src/practice/replies.ts';
import { revealAnswer } from '../src/practice/reveal.ts';
import { BOT_USER } from './fakes/slack.ts';
import { httpSetup, reaction, threadReply } from './fakes/slack-harness.ts';
import { waitFor } from './fakes/wait.ts';
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
  it('on Slack, the bot’s own ✅ 🤔 ❌ on a reveal reach no self-grade; a member’s ✅ does', async () => {
    const { fake, world, slash, event } = await httpSetup(undefined, { store });
    const { db, t } = world;
    await slash('/ask');
    const thread = (await db.select().from(t.drops))[0]?.threadRef as string;
    await event(threadReply(thread, '1700000001.000100', 'U1', 'an answer'));
    await fake.waitFor(async () => (await db.select().from(t.replies)).length === 1);
    await slash('/answer');
    const added = await fake.waitFor(() => {
      const calls = fake.callsOf('reactions.add');
      return calls.length === 3 && calls;
    });
    const reveal = added[0]?.args.timestamp as string;
    // Slack sends the bot's own reactions back as events, with the bot's user id. Bolt's
    // ignoreSelf drops them, and Drill's reaction handler refuses the bot's id as well.
    for (const call of added) await event(reaction(true, BOT_USER, reveal, String(call.args.name)));
    await event(reaction(true, 'U1', reveal, 'white_check_mark'));
    await fake.waitFor(async () => (await db.select().from(t.reviewLog)).length > 0);
    expect((await db.select().from(t.reviewCards)).map((c) => c.member)).toEqual(['U1']);
    expect((await db.select().from(t.votes)).map((v) => [v.voter, v.emoji])).toEqual([
      ['U1', '✅'],
    ]);
  });

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

/**
 * While another session holds the advisory lock `name`, `work` waits for it: PostgreSQL shows a
 * session of this database waiting on an advisory lock, and the work ends only once it is let go.
 */
async function waitsOnLock(world: World, name: string, work: () => Promise<unknown>) {
  const holder = new pg.Client({ connectionString: world.target });
  await holder.connect();
  try {
    await holder.query('select pg_advisory_lock(hashtextextended($1, 0))', [name]);
    let done = false;
    const running = work().finally(() => {
      done = true;
    });
    const waiting = async () => {
      const { rows } = await holder.query(
        `select count(*)::int as n from pg_locks l join pg_database d on d.oid = l.database
         where l.locktype = 'advisory' and not l.granted and d.datname = current_database()`,
      );
      return (rows[0] as { n: number }).n > 0;
    };
    // Bounded by the work: one transaction on an idle database, given 20 s on a busy machine.
    await waitFor(async () => done || (await waiting()), 20_000, `a wait on the lock ${name}`);
    expect(done, `${name} was not waited for`).toBe(false);
    await holder.query('select pg_advisory_unlock(hashtextextended($1, 0))', [name]);
    await running;
  } finally {
    await holder.end();
  }
}

describe('on postgres, transactions that must not overlap take an advisory lock', () => {
  it('/ask in one channel, a bank sync, and a grade of one member each wait for their lock', async () => {
    const world = await practiceWorld(undefined, { store: 'postgres' });
    const channel = await ensureChannel(world.deps, here);
    await waitsOnLock(world, `channel:${channel.id}`, () => posted(world));
    await waitsOnLock(world, 'bank-sync', () =>
      syncContent(world.store, [world.content], world.clock.now()),
    );
    const [question] = await world.db.select().from(world.t.questions).limit(1);
    await waitsOnLock(world, 'review:console:ana', () =>
      gradeCard(world.deps, {
        platform: 'console',
        member: 'ana',
        questionId: question?.id as string,
        grade: 'ok',
        source: 'review',
      }),
    );
    expect(await world.db.select().from(world.t.drops)).toHaveLength(1);
    expect(await world.db.select().from(world.t.reviewCards)).toHaveLength(1);
  });
});
