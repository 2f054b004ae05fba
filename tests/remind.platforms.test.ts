import { describe, expect, it } from 'vitest';
import { sendDueReminders } from '../src/review/remind.ts';
import type { FakeDiscord } from './fakes/discord.ts';
import { command, setup } from './fakes/discord-harness.ts';
import { BANK, DAY, dueCard } from './fakes/review-bank.ts';
import { dmOf } from './fakes/slack.ts';
import { httpSetup } from './fakes/slack-harness.ts';

/** The bot's embeds posted in a Discord channel (a DM here). */
const postsIn = (fake: FakeDiscord, channelId: string) =>
  fake.requestsTo('POST', new RegExp(`^/channels/${channelId}/messages$`)).map((r) => ({
    text: (r.body as { embeds?: { description?: string }[] }).embeds?.[0]?.description ?? '',
  }));

describe('the daily review reminder as a direct message', () => {
  it('Discord: a DM channel, then the message; once a day, and none when opted out', async () => {
    const { fake, world } = await setup(BANK);
    expect(
      (await command(fake, 'review', { action: 'remind', value: 'on' }).answer()).length,
    ).toBeGreaterThan(0);
    await dueCard(world, 'discord', '500');
    world.clock.set('2026-11-24T01:00:00Z'); // 10:00 in Seoul
    expect(await sendDueReminders(world.deps)).toBe(1);
    const opened = fake.requestsTo('POST', /^\/users\/@me\/channels$/);
    expect(opened.map((r) => r.body)).toEqual([{ recipient_id: '500' }]);
    const dm = [...fake.dms].find(([, user]) => user === '500')?.[0] as string;
    expect(postsIn(fake, dm).map((p) => p.text)).toEqual([
      'You have 1 review due today. /review in your study group’s channel starts them.',
    ]);
    world.clock.advance(3 * 3600_000);
    expect(await sendDueReminders(world.deps)).toBe(0); // once a day
    world.clock.advance(DAY);
    expect(await sendDueReminders(world.deps)).toBe(1); // the next day, still due
    expect(postsIn(fake, dm)).toHaveLength(2);
    await command(fake, 'review', { action: 'remind', value: 'off' }).answer();
    world.clock.advance(DAY);
    expect(await sendDueReminders(world.deps)).toBe(0);
    expect(postsIn(fake, dm)).toHaveLength(2);
  });

  it('Slack: conversations.open, then chat.postMessage in the DM; once a day, none when off', async () => {
    const { fake, world, slash } = await httpSetup(BANK);
    await slash('/review', 'remind on');
    await dueCard(world, 'slack', 'U1');
    world.clock.set('2026-11-24T01:00:00Z');
    expect(await sendDueReminders(world.deps)).toBe(1);
    expect(fake.callsOf('conversations.open').map((c) => c.args.users)).toEqual(['U1']);
    const dms = () => fake.callsOf('chat.postMessage').filter((c) => c.args.channel === dmOf('U1'));
    expect(dms().map((c) => c.args.text)).toEqual([
      'You have 1 review due today. /drill review in your study group’s channel starts them.',
    ]);
    expect(await sendDueReminders(world.deps)).toBe(0);
    await slash('/review', 'remind off');
    world.clock.advance(DAY);
    expect(await sendDueReminders(world.deps)).toBe(0);
    expect(dms()).toHaveLength(1);
  });
});
