import { describe, expect, it } from 'vitest';
import { ensureChannel } from '../src/core/channels.ts';
import { CHANNEL_ID, GUILD_ID } from './fakes/discord.ts';
import { command, setup } from './fakes/discord-harness.ts';
import { CHANNEL, TEAM_ID } from './fakes/slack.ts';
import { httpSetup, reaction, threadReply } from './fakes/slack-harness.ts';
import { STORES, type StoreKind } from './helpers.ts';

describe.each(STORES)('/settings on the platforms, on %s', (store: StoreKind) => {
  it('Discord: Manage Channels and added managers change them, others may only look', async () => {
    const { fake, world } = await setup(undefined, { store });
    const settings = (
      options: Parameters<typeof command>[2],
      opts: { userId?: string; admin?: boolean },
    ) => command(fake, 'settings', options, opts).answer();
    expect(await settings({}, { userId: '600' })).toContain('- reveal: anyone');
    expect(await settings({ key: 'reveal', value: 'managers' }, { userId: '600' })).toMatch(
      /^Only this channel’s managers can change its settings/,
    );
    // Discord's member picker gives the member; the value says what to do with them.
    const picked = { key: 'managers', value: 'add', member: { type: 6, value: '600' } };
    expect(await settings(picked, { admin: true })).toBe('600 is now a manager of this channel.');
    expect(await settings({ key: 'reveal', value: 'managers' }, { userId: '600' })).toBe(
      'Saved: reveal managers.',
    );
    // Another member, not a manager, is refused the reveal in the channel's language.
    expect(await settings({ key: 'language', value: 'ko' }, { userId: '600' })).toBe(
      '저장했습니다: language ko',
    );
    await command(fake, 'ask', {}, { userId: '600' }).answer();
    expect(await command(fake, 'answer', {}, { userId: '700' }).answer()).toBe(
      '이 채널에서는 관리자만 답안을 공개할 수 있습니다. 모범 답안은 공개 시각에, 또는 다음 질문 직전에 올라옵니다.',
    );
    const row = await ensureChannel(world.deps, {
      platform: 'discord',
      workspace: GUILD_ID,
      channel: CHANNEL_ID,
    });
    expect([row.locale, row.revealBy]).toEqual(['ko', 'managers']);
    // The command is registered with its options for Discord's picker.
    const registered = fake.requestsTo('PUT', /\/commands$/).at(-1)?.body as {
      name: string;
      options?: { name: string; choices?: { value: string }[] }[];
    }[];
    const def = registered.find((c) => c.name === 'settings');
    expect(def?.options?.[0]?.choices?.map((c) => c.value)).toEqual([
      'language',
      'banks',
      'answers',
      'reveal',
      'managers',
      'digest',
      'nudge',
      'nudge-me',
      'coach',
      'coach-model',
    ]);
  });

  it('Slack: workspace admins and added managers (from the database, no restart) change them', async () => {
    const { fake, world, slash, event } = await httpSetup(undefined, { store });
    fake.admins.add('UADMIN');
    expect((await slash('/settings', '', 'U2')).text).toContain('- language: en');
    expect((await slash('/settings', 'language ko', 'U2')).text).toMatch(
      /^Only this channel’s managers/,
    );
    expect((await slash('/settings', 'managers add <@U2|bob>', 'UADMIN')).text).toBe(
      'U2 is now a manager of this channel.',
    );
    expect((await slash('/settings', 'answers hidden', 'U2')).text).toBe('Saved: answers hidden.');
    expect((await slash('/schedule', 'set cron:"0 9 * * 1-5"', 'U2')).text).toMatch(/^Scheduled: /);
    const row = await ensureChannel(world.deps, {
      platform: 'slack',
      workspace: TEAM_ID,
      channel: CHANNEL,
    });
    expect(row.answers).toBe('hidden');
    // Back to answers in the thread (hidden, a thread message before the reveal is talk).
    expect((await slash('/settings', 'answers open', 'U2')).text).toBe('Saved: answers open.');

    // A 👍 on a message that is not an answer is not stored, and the voter is told why.
    await slash('/ask', '', 'U2');
    const thread = (await world.db.select().from(world.t.drops))[0]?.threadRef as string;
    for (const [ts, text] of [
      ['1700000100.000001', 'my answer'],
      ['1700000100.000002', 'and a second thought'],
    ] as const)
      expect((await event(threadReply(thread, ts, 'U3', text))).status).toBe(200);
    await fake.waitFor(async () => (await world.db.select().from(world.t.replies)).length === 2);
    await event(reaction(true, 'U4', '1700000100.000002', '+1'));
    const told = await fake.waitFor(() => fake.callsOf('chat.postEphemeral')[0]);
    expect(told.args).toMatchObject({
      user: 'U4',
      text: 'Votes count only on answers: that message is discussion (a second message or one after the reveal).',
    });
    await event(reaction(true, 'U4', '1700000100.000001', '+1'));
    await fake.waitFor(async () => (await world.db.select().from(world.t.votes)).length === 1);
    expect((await world.db.select().from(world.t.votes))[0]?.voter).toBe('U4');
  });
});
