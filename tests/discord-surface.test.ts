import { describe, expect, it } from 'vitest';
import { type FakeRequest, STUDY_ROLE } from './fakes/discord.ts';
import { command, setup, user } from './fakes/discord-harness.ts';

const MENTIONABLE = 9;

describe('Discord: commands, help and pickers', () => {
  it('registers every command for servers only, /schedule mention as a member-or-role picker', async () => {
    const { fake } = await setup();
    const [put] = fake.requestsTo('PUT', /\/applications\/\d+\/guilds\/\d+\/commands$/);
    const body = (put as FakeRequest).body as {
      name: string;
      contexts: number[];
      integration_types: number[];
      options: { name: string; type: number }[];
    }[];
    expect(body.map((c) => c.name)).toEqual([
      'ask',
      'answer',
      'grade',
      'feedback',
      'leaderboard',
      'topics',
      'schedule',
      'settings',
      'review',
      'me',
      'mock',
      'export',
      'suggest',
      'suggestions',
      'approve',
      'reject',
      'help',
    ]);
    for (const c of body) {
      expect(c.contexts, c.name).toEqual([0]);
      expect(c.integration_types, c.name).toEqual([0]);
    }
    const schedule = body.find((c) => c.name === 'schedule');
    expect(schedule?.options.find((o) => o.name === 'mention')?.type).toBe(MENTIONABLE);
    expect(schedule?.options.find((o) => o.name === 'cron')?.type).toBe(3);
    const settings = body.find((c) => c.name === 'settings');
    expect(settings?.options.find((o) => o.name === 'member')?.type).toBe(6); // a user picker
  });

  it('stores a picked role or member as its mention; /help lists every command in Korean', async () => {
    const { fake, world } = await setup(undefined, { locale: 'ko' });
    const role = {
      id: STUDY_ROLE,
      name: 'study',
      permissions: '0',
      position: 1,
      color: 0,
      hoist: false,
      managed: false,
      mentionable: true,
    };
    const set = await command(
      fake,
      'schedule',
      {
        action: 'set',
        cron: '0 9 * * 1-5',
        timezone: 'Asia/Seoul',
        mention: { type: MENTIONABLE, value: STUDY_ROLE },
      },
      { admin: true, resolved: { roles: { [STUDY_ROLE]: role } } },
    ).answer();
    expect(set).toContain(`<@&${STUDY_ROLE}> 알림`);
    expect((await world.db.select().from(world.t.channels))[0]?.mention).toBe(`<@&${STUDY_ROLE}>`);

    const member = user('777000000000000001', 'Mina');
    await command(
      fake,
      'schedule',
      { action: 'set', cron: '0 9 * * 1-5', mention: { type: MENTIONABLE, value: member.id } },
      { admin: true, resolved: { users: { [member.id]: member } } },
    ).answer();
    expect((await world.db.select().from(world.t.channels))[0]?.mention).toBe(`<@${member.id}>`);

    const help = await command(fake, 'help').answer();
    expect(help.split('\n')[0]).toBe('Drill 명령어:');
    for (const name of [
      'ask',
      'answer',
      'grade',
      'leaderboard',
      'topics',
      'schedule',
      'settings',
      'help',
    ])
      expect(help).toMatch(new RegExp(`^/${name}\\b.* · [^\\n]*[가-힣]`, 'm'));
    expect(help).not.toContain('/vote'); // a console line: Discord votes with 👍
    const topics = await command(fake, 'topics').answer();
    expect(topics).toMatch(/^\/ask <주제>로 고를 수 있는 주제/);
    expect(topics).toContain('자기소개');
    const bad = await command(fake, 'leaderboard', { period: 'year' }).answer();
    expect(bad).toBe(
      '사용법: /leaderboard [week|month|all]\n기간: “year”은(는) 쓸 수 없습니다. week, month, all 중에서 고르세요',
    );
  });

  it('refuses a command sent from a DM (registered before commands were server-only)', async () => {
    const { fake, world } = await setup();
    const sent = command(fake, 'ask', {}, { dm: true });
    const callback = await fake.waitFor(() =>
      fake.requests.find((r) => r.method === 'POST' && r.path.includes(`/${sent.token}/callback`)),
    );
    expect(callback.body).toMatchObject({
      type: 4,
      data: { content: expect.stringMatching(/^Drill works in server channels/), flags: 64 },
    });
    expect(await world.db.select().from(world.t.drops)).toHaveLength(0);
    expect(await world.db.select().from(world.t.channels)).toHaveLength(0);
  });
});
