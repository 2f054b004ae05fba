import { describe, expect, it } from 'vitest';
import { CONSOLE_ADDRESS } from '../src/chat/console/console.ts';
import { ensureChannel, updateChannel } from '../src/core/channels.ts';
import { nudgesMe, parseNudgeHours, setNudgeHours, setNudgeMe } from '../src/nudges/nudges.ts';
import { latestDrop } from '../src/practice/lookup.ts';
import { recordReply } from '../src/practice/replies.ts';
import { CHANNEL_ID, GUILD_ID } from './fakes/discord.ts';
import { setup as discordSetup } from './fakes/discord-harness.ts';
import { CHANNEL, TEAM_ID } from './fakes/slack.ts';
import { httpSetup } from './fakes/slack-harness.ts';
import {
  practiceWorld,
  STORES,
  type StoreKind,
  scheduleCommand,
  testScheduler,
  type World,
} from './helpers.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const here = CONSOLE_ADDRESS;
/** Daily at 09:00 in Seoul (00:00 UTC), revealed 8 h later (08:00 UTC). */
const FIRST = Date.parse('2027-01-05T00:00:00Z');

const nudges = (world: World) =>
  world.port.of('thread').filter((r) => r.message?.mentionMembers !== undefined);

/** The console channel, scheduled daily at 09:00 in Seoul with the reveal 8 h later. */
async function scheduled(world: World) {
  world.clock.set(FIRST - DAY);
  await scheduleCommand(world, {
    action: 'set',
    cron: '0 9 * * *',
    timezone: 'Asia/Seoul',
    reveal: '+8h',
  });
  return ensureChannel(world.deps, here);
}

/** Runs `days` scheduled drops; `answers[i]` are the members who answer day i. */
async function days(world: World, s: ReturnType<typeof testScheduler>, answers: string[][]) {
  for (const [i, members] of answers.entries()) {
    world.clock.set(FIRST + i * DAY);
    await s.tick();
    const drop = await latestDrop(world.deps, (await ensureChannel(world.deps, here)).id);
    for (const member of members) {
      await recordReply(world.deps, {
        address: here,
        threadRef: drop?.threadRef as string,
        messageRef: `${i}-${member}`,
        member,
        memberName: member,
        isBot: false,
        text: `answer of ${member}`,
      });
    }
    // An hour before the reveal: any nudge set is due then.
    world.clock.set(FIRST + i * DAY + 7 * HOUR);
    await s.tick();
    world.clock.set(FIRST + i * DAY + 8 * HOUR);
    await s.tick();
  }
}

describe('nudge settings', () => {
  it('reads hours or off', () => {
    expect(parseNudgeHours('2')).toBe(2);
    expect(parseNudgeHours(' 12h ')).toBe(12);
    expect(parseNudgeHours('OFF')).toBeNull();
    for (const bad of ['1.5', 'two', '-3'])
      expect(() => parseNudgeHours(bad)).toThrow('nudge.badHours');
    for (const far of ['0', '73']) expect(() => parseNudgeHours(far)).toThrow('nudge.hoursRange');
  });
});

describe.each(STORES)('nudges on %s', (store: StoreKind) => {
  it('names exactly the recent answerers who have not answered, once, hours before the reveal', async () => {
    const world = await practiceWorld(undefined, { store });
    const channel = await scheduled(world);
    const s = testScheduler(world);
    await s.start();
    // Day 0: dan answers, then falls out of the last 7 drops. Days 1-7: the others.
    await days(world, s, [['dan'], ['ana'], [], ['ben', 'cho'], [], [], ['eve'], ['ana']]);
    expect(nudges(world)).toHaveLength(0); // nudges are off until set

    await setNudgeHours(world.deps, channel, 2);
    await setNudgeMe(world.deps, here, 'eve', false);
    expect(await nudgesMe(world.deps, here, 'eve')).toBe(false);
    world.clock.set(FIRST + 8 * DAY);
    await s.tick();
    const today = await latestDrop(world.deps, channel.id);
    await recordReply(world.deps, {
      address: here,
      threadRef: today?.threadRef as string,
      messageRef: 'today-ben',
      member: 'ben',
      memberName: 'ben',
      isBot: false,
      text: 'early answer',
    });
    world.clock.set(FIRST + 8 * DAY + 6 * HOUR - 60_000); // 2 h and a minute before the reveal
    await s.tick();
    expect(nudges(world)).toHaveLength(0);
    world.clock.set(FIRST + 8 * DAY + 6 * HOUR);
    await s.tick();
    expect(nudges(world).map((r) => [r.threadRef, r.message?.mentionMembers])).toEqual([
      [today?.threadRef, ['ana', 'cho']],
    ]);
    expect(nudges(world)[0]?.message?.body).toBe(
      'The answer is revealed in 2 h: there is still time to post yours in this thread.',
    );

    // Later ticks, a restarted scheduler and a second copy send nothing more for this drop.
    world.clock.advance(60_000);
    await s.tick();
    await s.stop();
    const again = testScheduler(world);
    const copy = testScheduler(world);
    await again.start();
    await Promise.all([again.tick(), copy.tick()]);
    expect(nudges(world)).toHaveLength(1);

    // The next drop: eve opts back in, and ana and cho get their reminder again.
    await setNudgeMe(world.deps, here, 'eve', true);
    world.clock.set(FIRST + 9 * DAY);
    await again.tick();
    world.clock.set(FIRST + 9 * DAY + 6 * HOUR);
    await Promise.all([again.tick(), copy.tick()]);
    expect(nudges(world).map((r) => r.message?.mentionMembers)).toEqual([
      ['ana', 'cho'],
      ['ana', 'ben', 'cho', 'eve'],
    ]);
    await again.stop();
    await copy.stop();
  });

  it('with hidden answers, points to the Answer button and carries it', async () => {
    const world = await practiceWorld(undefined, { store });
    const channel = await scheduled(world);
    const s = testScheduler(world);
    await s.start();
    await days(world, s, [['ana']]);
    await updateChannel(world.deps, channel.id, { answers: 'hidden' });
    await setNudgeHours(world.deps, channel, 2);
    world.clock.set(FIRST + DAY);
    await s.tick();
    const today = await latestDrop(world.deps, channel.id);
    world.clock.set(FIRST + DAY + 6 * HOUR);
    await s.tick();
    const [nudge] = nudges(world);
    expect(nudge?.message?.mentionMembers).toEqual(['ana']);
    expect(nudge?.message?.body).toBe(
      'The answer is revealed in 2 h: there is still time to give yours with the Answer button.',
    );
    expect(nudge?.message?.buttons?.map((b) => b.id)).toEqual([`answer:write:${today?.id}`]);
    await s.stop();
  });

  it('sends nothing when turned off, when no one is missing, or for a drop already revealed', async () => {
    const world = await practiceWorld(undefined, { store });
    const channel = await scheduled(world);
    await setNudgeHours(world.deps, channel, 3);
    const s = testScheduler(world);
    await s.start();
    // Day 1: ana answered day 0 and answers again: nobody to remind.
    await days(world, s, [['ana'], ['ana']]);
    expect(nudges(world)).toHaveLength(0);
    const drops = await world.db.select().from(world.t.drops).orderBy(world.t.drops.id);
    expect(drops.map((d) => d.nudgedAt !== null)).toEqual([true, true]);
    // Off: day 2 passes without a claim.
    await setNudgeHours(world.deps, channel, null);
    world.clock.set(FIRST + 2 * DAY);
    await s.tick();
    world.clock.set(FIRST + 2 * DAY + 6 * HOUR);
    await s.tick();
    expect(nudges(world)).toHaveLength(0);
    const [, , third] = await world.db.select().from(world.t.drops).orderBy(world.t.drops.id);
    expect(third?.nudgedAt).toBeNull();
    await s.stop();
  });
});

describe('nudge messages on the platforms', () => {
  it('Discord: names the members and allows exactly those mentions, never @everyone', async () => {
    const { fake, world } = await discordSetup();
    const port = world.deps.ports.discord;
    if (!port) throw new Error('no discord port');
    const thread = fake.openThread(CHANNEL_ID);
    await port.postInThread(
      { platform: 'discord', workspace: GUILD_ID, channel: CHANNEL_ID },
      thread.id,
      {
        body: '@everyone the answer is revealed in 2 h',
        mentionMembers: ['300000000000000001', '300000000000000002', '@everyone', '<@&1>'],
      },
    );
    const post = fake.requests.find(
      (r) => r.method === 'POST' && r.path === `/channels/${thread.id}/messages`,
    );
    expect(post?.body).toMatchObject({
      content: '<@300000000000000001> <@300000000000000002>',
      allowed_mentions: { parse: [], users: ['300000000000000001', '300000000000000002'] },
    });
  });

  it('Slack: writes the members as mentions, and only user ids', async () => {
    const { fake, world } = await httpSetup();
    const port = world.deps.ports.slack;
    if (!port) throw new Error('no slack port');
    await port.postInThread(
      { platform: 'slack', workspace: TEAM_ID, channel: CHANNEL },
      '1700000000.000001',
      { body: '<!channel> soon', mentionMembers: ['U1', 'W2', '!channel', 'U1'] },
    );
    const [post] = fake.callsOf('chat.postMessage');
    const blocks = post?.args.blocks as { text?: { text: string } }[];
    expect(blocks.map((b) => b.text?.text)).toEqual(['<@U1> <@W2>', '&lt;!channel&gt; soon']);
    expect(post?.args.thread_ts).toBe('1700000000.000001');
  });
});
