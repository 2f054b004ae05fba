import { webApi } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { SlackPort } from '../../src/chat/slack/port.ts';
import { FakeSlack } from '../fakes/slack.ts';
import { httpSetup, reaction, stops, threadReply } from '../fakes/slack-harness.ts';

describe('Slack with users.info rate limited', () => {
  it('stores every reply of a burst at once and still posts, names following when Slack allows', async () => {
    const { fake, world, slash, event } = await httpSetup();
    await slash('/ask');
    const thread = (await world.db.select().from(world.t.drops))[0]?.threadRef as string;
    // Slack's Tier 4 is about 100 a minute; here 20, so most of the burst's look-ups are refused.
    fake.limit('users.info', 20, 60_000);
    const member = (i: number) => `U${String(i % 100).padStart(3, '0')}`;
    for (let i = 0; i < 300; i += 50) {
      await Promise.all(
        Array.from({ length: 50 }, (_, k) =>
          event(
            threadReply(
              thread,
              `1700000100.${String(i + k).padStart(6, '0')}`,
              member(i + k),
              `a${i + k}`,
            ),
          ),
        ),
      );
    }
    await fake.waitFor(
      async () => (await world.db.select().from(world.t.replies)).length === 300,
      10_000,
    );
    // An unrelated /ask is posted while users.info is refused.
    const posts = fake.callsOf('chat.postMessage').length;
    await slash('/ask', '', 'U500');
    // (It reveals the open question in its thread first, then posts the new one.)
    await fake.waitFor(
      () =>
        fake
          .callsOf('chat.postMessage')
          .slice(posts)
          .some((c) => !(c.args as { thread_ts?: string }).thread_ts),
      5_000,
    );

    expect(fake.limited.some((c) => c.method === 'users.info')).toBe(true);
    // After a refusal the directory keeps quiet: far fewer look-ups than events.
    const asked = fake.callsOf('users.info').length + fake.limited.length;
    expect(asked).toBeLessThan(100);
    const { replies } = world.t;
    const named = (
      await world.db.select({ member: replies.member, name: replies.memberName }).from(replies)
    ).filter((r) => r.name === `member-${r.member}`);
    expect(named.length).toBeGreaterThan(0);
  });
});

describe('a burst of new members', () => {
  it('is looked up two at a time, and every name is learnt', async () => {
    const { fake, world, slash, event } = await httpSetup();
    await slash('/ask');
    const thread = (await world.db.select().from(world.t.drops))[0]?.threadRef as string;
    // Each look-up held a while, as a round trip to Slack: they would overlap if sent together.
    fake.latencyMs = 40;
    const members = Array.from({ length: 12 }, (_, i) => `U${String(i).padStart(3, '0')}`);
    await Promise.all(
      members.map((m, i) =>
        event(threadReply(thread, `1700000100.${String(i).padStart(6, '0')}`, m, `a${i}`)),
      ),
    );
    const { replies } = world.t;
    await fake.waitFor(async () => {
      const rows = await world.db.select({ name: replies.memberName }).from(replies);
      return rows.length === 12 && rows.every((r) => r.name.startsWith('member-'));
    }, 10_000);
    expect(fake.mostAtOnce.get('users.info')).toBeLessThanOrEqual(2);
    expect(new Set(fake.callsOf('users.info').map((c) => c.args.user))).toEqual(new Set(members));
  });
});

describe('a bot that reacts while users.info is refused', () => {
  it('is looked up when Slack allows again, and its vote is taken back', async () => {
    const { fake, world, slash, event } = await httpSetup();
    const { db, t } = world;
    fake.users.set('U0BOTTY', { isBot: true });
    await slash('/ask');
    const thread = (await db.select().from(t.drops))[0]?.threadRef as string;
    fake.limit('users.info', 1, 2000);
    await event(threadReply(thread, '1700000001.000100', 'U1', 'an answer'));
    await fake.waitFor(async () => (await db.select().from(t.replies)).length === 1);
    // U1's look-up used the window: the bot's is refused with Retry-After, then made later.
    await event(reaction(true, 'U0BOTTY', '1700000001.000100', '+1'));
    await fake.waitFor(async () => (await db.select().from(t.votes)).length === 1);
    await fake.waitFor(() => fake.limited.some((c) => c.args.user === 'U0BOTTY'));
    await fake.waitFor(async () => (await db.select().from(t.votes)).length === 0, 10_000);
  });
});

describe('a 429 on one Slack channel', () => {
  it('makes only that channel wait out Retry-After; another channel posts meanwhile', async () => {
    const { fake, world } = await httpSetup();
    const port = world.deps.ports.slack;
    if (!port) throw new Error('no Slack port');
    const at = (channel: string) => ({ platform: 'slack' as const, workspace: 'T0DRILL', channel });
    // chat.postMessage allows one post per channel in 3 s, as Slack's 1 a second, stretched.
    fake.limit('chat.postMessage', 1, 3000, (args) => String(args.channel));
    await port.postInThread(at('C0SLOW'), '1.0', { body: 'first' });
    const slow = port.postInThread(at('C0SLOW'), '1.0', { body: 'second' });
    await fake.waitFor(() => fake.limited.length === 1);
    await port.postInThread(at('C0FAST'), '1.0', { body: 'other channel' });
    // The other channel is posted while the slow one still waits for its Retry-After.
    const posted = () => fake.callsOf('chat.postMessage').map((c) => c.args.channel);
    expect(posted()).toEqual(['C0SLOW', 'C0FAST']);
    await slow;
    expect(posted()).toEqual(['C0SLOW', 'C0FAST', 'C0SLOW']);
  });
});

describe('Slack’s posting pace', () => {
  it('is kept per workspace: a second channel of one workspace waits its turn, another workspace does not', async () => {
    const fake = new FakeSlack();
    await fake.start();
    stops.push(() => fake.stop());
    const client = new webApi.WebClient('xoxb-test-token', {
      slackApiUrl: fake.apiUrl,
      rejectRateLimitedCalls: true,
      retryConfig: { retries: 0 },
    });
    // One post every 60 s per workspace: a post held by the pace cannot come during the test.
    const port = new SlackPort(client, 1 / 60);
    const at = (workspace: string, channel: string) => ({
      platform: 'slack' as const,
      workspace,
      channel,
    });
    await port.postInChannel(at('T1', 'C1'), { body: 'first in T1' });
    const held = port.postInChannel(at('T1', 'C2'), { body: 'second in T1, another channel' });
    held.catch(() => {}); // still waiting when the fake stops
    await port.postInChannel(at('T2', 'C3'), { body: 'first in T2' });
    // T2's post went out; T1's second post, asked for before it, still waits for T1's turn.
    expect(fake.callsOf('chat.postMessage').map((c) => c.args.channel)).toEqual(['C1', 'C3']);
  });
});
