import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_ID,
  BOT_ID,
  BOT_PERMISSIONS,
  CHANNEL_ID,
  FakeDiscord,
  type FakeRequest,
  GUILD_ID,
  STUDY_ROLE,
} from './fakes/discord.ts';
import { command, react, setup, stops, threadMessage, user } from './fakes/discord-harness.ts';
import { ROOT, settledVoters, startBot, storedReplies, tempDir, testScheduler } from './helpers.ts';

describe('Discord adapter against a local Discord', () => {
  it('registers the slash commands once, with Korean localizations', async () => {
    const { fake, connect } = await setup();
    const puts = () => fake.requestsTo('PUT', /\/applications\/\d+\/guilds\/\d+\/commands$/);
    expect(puts()).toHaveLength(1);
    const ask = (
      (puts()[0] as FakeRequest).body as { name: string; name_localizations: { ko: string } }[]
    ).find((c) => c.name === 'ask');
    expect(ask?.name_localizations.ko).toBe('질문');
    await connect();
    expect(puts()).toHaveLength(1);
    expect(fake.requestsTo('GET', /\/commands$/)).toHaveLength(2);
  });

  it('/ask defers, posts the drop with a thread; replies and fair votes are stored', async () => {
    const { fake, world } = await setup();
    const ask = command(fake, 'ask');
    expect(await ask.answer()).toMatch(/^Posted a question from “/);
    const callback = fake.requestsTo('POST', new RegExp(`^/interactions/${ask.id}/`))[0];
    expect(callback?.body).toMatchObject({ type: 5 });
    const [drop] = fake.requestsTo('POST', new RegExp(`^/channels/${CHANNEL_ID}/messages$`));
    expect(
      ((drop as FakeRequest).body as { embeds: { title: string }[] }).embeds[0]?.title,
    ).toMatch(/^Practice question · /);
    const thread = await fake.waitFor(() => fake.threads[0] as { id: string } | undefined);
    const row = (await world.db.select().from(world.t.drops))[0];
    expect(row?.threadRef).toBe(thread.id);

    const r1 = threadMessage(fake, thread.id, '601', '제 답변은 EC2입니다');
    threadMessage(fake, thread.id, '602', 'mine too');
    threadMessage(fake, thread.id, BOT_ID, 'a bot line', true);
    await fake.waitFor(async () => (await world.db.select().from(world.t.replies)).length === 2);
    expect((await world.db.select().from(world.t.replies)).map((r) => [r.member, r.text])).toEqual([
      ['601', '제 답변은 EC2입니다'],
      ['602', 'mine too'],
    ]);
    react(fake, thread.id, r1, '602', '👍');
    react(fake, thread.id, r1, '601', '👍');
    await fake.waitFor(async () => (await world.db.select().from(world.t.votes)).length === 1);
    expect(await settledVoters(world)).toEqual(['602']);
  });
});

describe('Discord adapter in many servers', () => {
  it('keeps their channels and roles but none of their emojis, and serves as before', async () => {
    const { fake, discord } = await setup(undefined, {}, { otherGuilds: 30 });
    const { guilds } = discord.client;
    expect(guilds.cache.size).toBe(31);
    const other = [...guilds.cache.values()].find((g) => g.id !== GUILD_ID);
    expect(other?.channels.cache.size).toBe(20);
    expect(other?.roles.cache.size).toBe(10);
    expect(
      [...guilds.cache.values()].map((g) => g.emojis.cache.size + g.stickers.cache.size),
    ).toEqual(Array(31).fill(0));
    expect(await command(fake, 'ask').answer()).toMatch(/^Posted a question from “/);
  });

  it('keeps one member a server, yet stores each reply of a burst under its server nickname', async () => {
    const { fake, world, discord } = await setup(undefined, {}, { otherGuilds: 3 });
    await command(fake, 'ask').answer();
    const thread = await fake.waitFor(() => fake.threads[0] as { id: string } | undefined);
    // Members chatting in the other servers, and a burst of answers in the drop's thread.
    for (const guild of fake.otherGuildIds())
      for (let i = 0; i < 50; i++)
        fake.memberMessage(
          FakeDiscord.otherGuildChannels(guild)[i % 20] as string,
          { id: `9${i}`, username: `user${i}` },
          'hi',
          guild,
        );
    for (let i = 0; i < 5; i++)
      fake.memberMessage(
        thread.id,
        { id: `70${i}`, username: `user70${i}`, nick: `닉네임 ${i}` },
        `answer ${i}`,
      );
    await fake.waitFor(async () => (await world.db.select().from(world.t.replies)).length === 5);
    const names = (await world.db.select().from(world.t.replies)).map((r) => r.memberName);
    expect(names.sort()).toEqual(['닉네임 0', '닉네임 1', '닉네임 2', '닉네임 3', '닉네임 4']);
    for (const guild of discord.client.guilds.cache.values()) {
      expect(guild.members.cache.size).toBeLessThanOrEqual(2);
      expect(guild.members.me?.id).toBe(discord.client.user?.id);
    }
  });
});

describe('Discord adapter: edits and deletes', () => {
  it('updates an edited answer and removes a deleted one', async () => {
    const { fake, world } = await setup();
    await command(fake, 'ask').answer();
    const thread = await fake.waitFor(() => fake.threads[0] as { id: string } | undefined);
    const first = threadMessage(fake, thread.id, '601', 'first try');
    const second = threadMessage(fake, thread.id, '602', 'to be deleted');
    await fake.waitFor(async () => (await world.db.select().from(world.t.replies)).length === 2);
    fake.dispatch('MESSAGE_UPDATE', {
      id: first,
      channel_id: thread.id,
      guild_id: GUILD_ID,
      content: 'second try, better',
      edited_timestamp: new Date().toISOString(),
      author: user('601', 'member601'),
    });
    fake.dispatch('MESSAGE_DELETE', { id: second, channel_id: thread.id, guild_id: GUILD_ID });
    await fake.waitFor(async () => {
      const rows = await world.db.select().from(world.t.replies);
      return rows.length === 1 && rows[0]?.text === 'second try, better';
    });
  });
});

describe('Discord adapter: reveals, failures, schedules', () => {
  it('counts a vote on a message the client never cached (after a restart)', async () => {
    const { fake, world, discord, connect } = await setup();
    await command(fake, 'ask').answer();
    const thread = await fake.waitFor(() => fake.threads[0] as { id: string } | undefined);
    const reply = threadMessage(fake, thread.id, '601', 'before the restart');
    await fake.waitFor(async () => (await world.db.select().from(world.t.replies)).length === 1);
    await discord.stop();
    const fresh = await connect();
    expect(fresh.client.channels.cache.get(thread.id)?.isThread()).toBe(true);
    expect(
      (
        fresh.client.channels.cache.get(thread.id) as { messages: { cache: Map<string, unknown> } }
      ).messages.cache.has(reply),
    ).toBe(false);
    react(fake, thread.id, reply, '602', '👍');
    await fake.waitFor(async () => (await world.db.select().from(world.t.votes)).length === 1);
    react(fake, thread.id, reply, '602', '👍', false);
    await fake.waitFor(async () => (await world.db.select().from(world.t.votes)).length === 0);
  });

  it('/answer reveals a long answer as several embeds within Discord limits', async () => {
    const line = '클라우드 관리 플랫폼은 여러 클라우드의 기능을 표준화해 한 곳에서 쓰게 해 줍니다.';
    const long = Array.from({ length: 200 }, (_, i) => `\t\t${i}. ${line}`)
      .join('\n')
      .replace(/\t\t(\d+)\. /g, '\t\t- $1 ');
    const { fake } = await setup({
      long: `# 긴 답\n\t1. 설명해 보세요\n${long}\n\t\t=====\n\t\t노트\n\t\t참고\n\t\t\thttps://example.com/cmp\n`,
    });
    await command(fake, 'ask').answer();
    const thread = await fake.waitFor(() => fake.threads[0] as { id: string } | undefined);
    expect(await command(fake, 'answer', {}, { channelId: thread.id }).answer()).toBe(
      'The model answer is in the thread.',
    );
    const posts = fake.requestsTo('POST', new RegExp(`^/channels/${thread.id}/messages$`));
    expect(posts.length).toBeGreaterThan(2);
    for (const p of posts) {
      const [e] = (
        p.body as { embeds: { title?: string; description: string; footer?: { text: string } }[] }
      ).embeds;
      expect(e?.description.length).toBeLessThanOrEqual(4096);
      expect(
        (e?.title?.length ?? 0) + (e?.description.length ?? 0) + (e?.footer?.text.length ?? 0),
      ).toBeLessThanOrEqual(6000);
    }
    const titles = posts.map((p) => (p.body as { embeds: { title: string }[] }).embeds[0]?.title);
    expect(titles[0]).toBe('Model answer');
    expect(titles).toContain('Model answer (continued)');
    expect(titles.at(-1)).toBe('References');
    const reactions = await fake.waitFor(() => {
      const r = fake.requestsTo('PUT', /\/reactions\/.+\/@me$/);
      return r.length === 3 ? r : undefined;
    });
    expect(reactions.map((r) => r.path.split('/')[6])).toEqual(['✅', '🤔', '❌']);
  });

  it('surfaces a 50013 as a clear message and records it for /schedule show', async () => {
    const { fake, world } = await setup();
    fake.failNext('POST', new RegExp(`^/channels/${CHANNEL_ID}/messages$`), 403, {
      code: 50013,
      message: 'Missing Permissions',
    });
    const text = await command(fake, 'ask').answer();
    expect(text).toBe(
      'Could not post in this channel: the bot lacks a permission in this channel; it needs View Channel, Send Messages, Create Public Threads, Send Messages in Threads, Embed Links, Add Reactions, Read Message History',
    );
    const show = await command(fake, 'schedule', { action: 'show' }).answer();
    expect(show).toMatch(/Last failed post, .+: the bot lacks a permission in this channel/);
    expect((await world.db.select().from(world.t.drops))[0]?.status).toBe('failed');
  });

  it('names missing permissions on /schedule set and keeps the old schedule', async () => {
    const { fake, world } = await setup();
    fake.everyonePermissions = String(BOT_PERMISSIONS & ~(1n << 38n) & ~(1n << 6n));
    const text = await command(
      fake,
      'schedule',
      { action: 'set', cron: '0 9 * * *', timezone: 'Asia/Seoul' },
      { admin: true },
    ).answer();
    expect(text).toBe(
      'The schedule was not changed: the bot is missing Send Messages in Threads, Add Reactions in this channel.',
    );
    expect(await world.db.select().from(world.t.drops)).toHaveLength(0);
    const denied = await command(fake, 'schedule', { action: 'set', cron: '0 9 * * *' }).answer();
    expect(denied).toBe('Only people who can manage this channel can change its schedule.');
  });

  it('retries a 429 after its retry-after and posts once', async () => {
    const { fake } = await setup();
    fake.rateLimitNextPost(CHANNEL_ID, 0.2);
    expect(await command(fake, 'ask').answer()).toMatch(/^Posted a question/);
    expect(fake.requestsTo('POST', new RegExp(`^/channels/${CHANNEL_ID}/messages$`))).toHaveLength(
      2,
    );
    expect(fake.threads).toHaveLength(1);
    expect(
      [...fake.messages.values()].filter((m) => m.channel_id === CHANNEL_ID && m.embeds.length > 0),
    ).toHaveLength(1);
  });

  it('posts a drop once when a connection closes unanswered under it, before or after Discord took it', async () => {
    const { fake, world } = await setup();
    const messages = new RegExp(`^/channels/${CHANNEL_ID}/messages$`);
    const threads = new RegExp(`^/channels/${CHANNEL_ID}/messages/\\d+/threads$`);
    fake.cutNext('POST', messages, 'before');
    fake.cutNext('POST', threads, 'after');
    expect(await command(fake, 'ask').answer()).toMatch(/^Posted a question/);
    fake.cutNext('POST', messages, 'after');
    fake.cutNext('POST', threads, 'before');
    // Another member: the first one's /ask cooldown runs.
    expect(await command(fake, 'ask', {}, { userId: '602' }).answer()).toMatch(
      /^Posted a question/,
    );
    // Two tries of each request, and two drops: each one message with one thread.
    expect(fake.requestsTo('POST', messages)).toHaveLength(4);
    expect(fake.requestsTo('POST', threads)).toHaveLength(4);
    const drops = [...fake.messages.values()].filter(
      (m) => m.channel_id === CHANNEL_ID && m.embeds.length > 0,
    );
    expect(drops).toHaveLength(2);
    expect(fake.threads.map((t) => t.id).sort()).toEqual(drops.map((m) => m.id).sort());
    const rows = await world.db.select().from(world.t.drops);
    expect(rows.map((r) => r.status)).toEqual(['posted', 'posted']);
  });

  it('posts a scheduled drop to the channel that set it', async () => {
    const { fake, world } = await setup();
    world.clock.set('2027-01-04T00:30:00Z');
    const set = await command(
      fake,
      'schedule',
      { action: 'set', cron: '0 9 * * *', timezone: 'Asia/Seoul', mention: `<@&${STUDY_ROLE}>` },
      { admin: true },
    ).answer();
    expect(set).toMatch(/^Scheduled: `0 9 \* \* \*` in Asia\/Seoul/);
    const scheduler = testScheduler(world);
    await scheduler.start();
    world.clock.set('2027-01-05T00:00:00Z');
    await scheduler.tick();
    const posts = fake.requestsTo('POST', new RegExp(`^/channels/${CHANNEL_ID}/messages$`));
    expect(posts).toHaveLength(1);
    // The configured role is the one ping the drop may make.
    expect(posts[0]?.body).toMatchObject({
      content: `<@&${STUDY_ROLE}>`,
      allowed_mentions: { parse: [], roles: [STUDY_ROLE] },
    });
    expect(
      ((posts[0] as FakeRequest).body as { embeds: { title: string }[] }).embeds[0]?.title,
    ).toMatch(/^Question of the day · /);
    await scheduler.stop();
  });
});

describe('the invite link', () => {
  it('asks for exactly the permissions the bot checks, as the README says', async () => {
    const { INVITE_PERMISSIONS } = await import('../src/chat/discord/index.ts');
    expect(INVITE_PERMISSIONS).toBe(377957239872n);
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain(`permissions=${INVITE_PERMISSIONS}`);
  });
});

describe('npm start with Discord settings', () => {
  it('connects through DISCORD_API_URL and serves /ask and replies as a separate process', async () => {
    const fake = new FakeDiscord();
    await fake.start();
    stops.push(() => fake.stop());
    const dbPath = join(tempDir(), 'drill.db');
    const bot = startBot({
      DISCORD_TOKEN: 'process-test-token-123',
      DISCORD_APPLICATION_ID: APP_ID,
      DISCORD_GUILD_ID: GUILD_ID,
      DISCORD_API_URL: fake.apiUrl,
      DATABASE_PATH: dbPath,
      DEFAULT_LOCALE: 'ko',
      LOG_LEVEL: 'info',
    });
    stops.push(async () => {
      await bot.stop();
    });
    await fake
      .waitFor(() => fake.requestsTo('PUT', /\/commands$/).length === 1, 20_000)
      .catch((err) => {
        throw new Error(`${err.message}\n${bot.output()}`);
      });
    // A Korean channel (DEFAULT_LOCALE) draws from the Korean notes of content/.
    const text = await command(fake, 'ask', { topic: '지원' }).answer();
    expect(text).toBe('“지원동기” 주제의 질문을 올렸습니다.');
    const thread = await fake.waitFor(() => fake.threads[0] as { id: string } | undefined);
    threadMessage(fake, thread.id, '601', '프로세스 밖에서 온 답변');
    await fake.waitFor(async () => (await storedReplies(dbPath)) === 1);
    await bot.stop();
    expect(bot.output()).toContain('connected to discord');
    expect(bot.output()).toContain('"signal":"SIGTERM","msg":"shutting down"');
    // npm passed the group's SIGTERM on, so the bot got two: the second did not cut it short.
    expect(bot.output()).toContain('"msg":"stopped"');
    expect(bot.output()).not.toContain('process-test-token-123');
  });
});
