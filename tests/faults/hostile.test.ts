import { describe, expect, it } from 'vitest';
import {
  CHANNEL_ID,
  type FakeRequest,
  MENTION_EVERYONE,
  STAFF_ROLE,
  STUDY_ROLE,
} from '../fakes/discord.ts';
import { command, setup, threadMessage } from '../fakes/discord-harness.ts';
import { httpSetup, threadReply } from '../fakes/slack-harness.ts';
import { testScheduler } from '../helpers.ts';

/** Notes whose prompt and answer try every way of pinging people on both platforms. */
const HOSTILE_NOTES = `# Pings
1. What do <!channel> & @everyone do?
\tThey ping: <!here> <!subteam^S0ALL> <@&${STAFF_ROLE}> @here and <b>bold</b> & more.
`;

/** A body that carries text Discord would parse for mentions. */
const hasText = (r: FakeRequest) => {
  const b = r.body as { content?: string; embeds?: unknown[] } | null;
  return Boolean(b && (b.content || b.embeds));
};

describe('hostile text on Discord', () => {
  it('pings nobody but the drop’s configured role, in every request that carries text', async () => {
    const { fake, world } = await setup({ pings: HOSTILE_NOTES });
    // A manager sets a schedule with the mentionable role; the drop may ping it and only it.
    world.clock.set('2027-01-04T00:30:00Z');
    const set = await command(
      fake,
      'schedule',
      { action: 'set', cron: '0 9 * * *', timezone: 'Asia/Seoul', mention: '@study' },
      { admin: true },
    ).answer();
    expect(set).toContain(`pinging <@&${STUDY_ROLE}>`);
    const scheduler = testScheduler(world);
    await scheduler.start();
    world.clock.set('2027-01-05T00:00:00Z');
    await scheduler.tick();
    const thread = fake.threads[0]?.id as string;
    // A member named @everyone answers; the leaderboard shows the name to the channel.
    fake.memberMessage(thread, { id: '666', username: '@everyone' }, '@here <@&1> look');
    await fake.waitFor(async () => (await world.db.select().from(world.t.drops)).length === 1);
    threadMessage(fake, thread, '667', 'second');
    await command(fake, 'answer', {}, { channelId: thread }).answer();
    await command(fake, 'leaderboard', { period: 'all' }).answer();
    await scheduler.stop();

    const texts = fake.requests.filter(hasText);
    expect(texts.length).toBeGreaterThan(4);
    for (const r of texts) {
      const body = r.body as { content?: string; allowed_mentions?: unknown };
      const isDrop = r.method === 'POST' && r.path === `/channels/${CHANNEL_ID}/messages`;
      expect(body.allowed_mentions, `${r.method} ${r.path}`).toEqual(
        isDrop ? { parse: [], roles: [STUDY_ROLE] } : { parse: [] },
      );
    }
    const board = texts.find((r) =>
      // Defused (a zero-width space after @), as all data is: it shows as @everyone.
      /@\u200beveryone/.test(String((r.body as { content?: string }).content)),
    );
    expect(board, 'the leaderboard shows the name as written').toBeDefined();
  });

  it('/schedule mention: refuses what the bot may not ping, and says which permission', async () => {
    const { fake } = await setup();
    const set = (mention: string, appPermissions?: bigint) =>
      command(
        fake,
        'schedule',
        { action: 'set', cron: '0 9 * * *', timezone: 'UTC', mention },
        { admin: true, ...(appPermissions ? { appPermissions } : {}) },
      ).answer();
    expect(await set('@everyone')).toMatch(
      /pinging @\u200beveryone needs the bot to have Mention Everyone/,
    );
    expect(await set('@here')).toMatch(/Mention Everyone/);
    expect(await set(`<@&${STAFF_ROLE}>`)).toMatch(/the role <@&\d+> is not mentionable/);
    expect(await set('@nobody')).toMatch(/is not a role, a member, @everyone or @here/);
    expect(await set(`<@&${STUDY_ROLE}>`)).toMatch(/^Scheduled:/);
    const withEveryone = BigInt(fake.everyonePermissions) | MENTION_EVERYONE;
    expect(await set('@everyone', withEveryone)).toMatch(/^Scheduled: .*pinging @\u200beveryone/);
    expect(await set(`<@&${STAFF_ROLE}>`, withEveryone)).toMatch(/^Scheduled:/);
  });
});

describe('hostile text on Slack', () => {
  it('escapes notes and names everywhere; only the configured mention is written as one', async () => {
    const { fake, world, slash, event } = await httpSetup({ pings: HOSTILE_NOTES });
    fake.admins.add('U1');
    fake.users.set('U6', { displayName: '<!channel> & co' });
    world.clock.set('2027-01-04T00:00:00Z');
    const set = await slash(
      '/schedule',
      'set cron:"0 9 * * *" timezone:UTC mention:<!subteam^S0STUDY|@study>',
      'U1',
    );
    expect(set.text).toMatch(/^Scheduled:/);
    const scheduler = testScheduler(world);
    await scheduler.start();
    world.clock.set('2027-01-04T09:00:00Z');
    await scheduler.tick();
    const thread = (await world.db.select().from(world.t.drops))[0]?.threadRef as string;
    await event(threadReply(thread, '1700000001.000100', 'U6', 'my <!here> answer'));
    // The name comes from users.info after the reply is stored.
    await fake.waitFor(
      async () =>
        (await world.db.select().from(world.t.replies))[0]?.memberName === '<!channel> & co',
    );
    await slash('/answer', '', 'U1');
    const board = await slash('/leaderboard', 'all', 'U1');
    expect(board.response_type).toBe('in_channel');
    expect(board.text).toContain('&lt;!channel&gt; &amp; co');
    await scheduler.stop();

    const out = fake.calls.filter((c) => c.method !== 'users.info' && c.method !== 'auth.test');
    expect(out.length).toBeGreaterThan(3);
    for (const call of out) {
      const text = JSON.stringify(call.args);
      for (const ping of ['<!channel>', '<!here>', '<!subteam^S0ALL>', '<!everyone>'])
        expect(text, call.method).not.toContain(ping);
    }
    const drop = fake.callsOf('chat.postMessage')[0]?.args;
    const blocks = drop?.blocks as { type: string; text?: { text: string } }[];
    expect(blocks[0]?.text?.text).toBe('<!subteam^S0STUDY|@study>');
    expect(JSON.stringify(blocks)).toContain('&lt;!channel&gt; &amp; @everyone');
    const reveal = fake.callsOf('chat.postMessage').find((c) => c.args.thread_ts === thread);
    expect(JSON.stringify(reveal?.args.blocks)).toContain(
      '&lt;!here&gt; &lt;!subteam^S0ALL&gt; &lt;@&amp;',
    );
  });
});
