import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BOT_ID,
  CHANNEL,
  FakeSlack,
  type SlackCall,
  signedRequest,
  TEAM_ID,
} from './fakes/slack.ts';
import { httpSetup, reaction, SECRET, stops, threadReply } from './fakes/slack-harness.ts';
import { ROOT, startBot, storedReplies, tempDir, testScheduler } from './helpers.ts';

describe('Slack adapter over HTTP against a local Slack', () => {
  it('acks /ask, posts a Block Kit drop, stores thread replies once and counts fair votes', async () => {
    const { fake, world, slash, event } = await httpSetup();
    const answer = await slash('/ask', '지원');
    expect(answer).toEqual({
      response_type: 'ephemeral',
      text: 'Posted a question from “지원동기”.',
    });
    const [post] = fake.callsOf('chat.postMessage');
    expect(post?.args.channel).toBe(CHANNEL);
    const blocks = post?.args.blocks as { type: string; text?: { text: string } }[];
    expect(blocks[0]).toMatchObject({
      type: 'header',
      text: { text: 'Practice question · 지원동기' },
    });
    const drop = (await world.db.select().from(world.t.drops))[0];
    const thread = drop?.threadRef as string;

    expect(
      (await event(threadReply(thread, '1700000001.000100', 'U1', '저의 답변입니다'))).status,
    ).toBe(200);
    await event(threadReply(thread, '1700000001.000200', 'U2', 'mine'), { id: 'EvSame' });
    await event(threadReply(thread, '1700000001.000200', 'U2', 'mine'), { id: 'EvSame', retry: 1 });
    await event({
      ...threadReply(thread, '1700000001.000300', 'U9', 'bot says'),
      bot_id: BOT_ID,
      subtype: 'bot_message',
    });
    await fake.waitFor(async () => (await world.db.select().from(world.t.replies)).length === 2);
    await new Promise((r) => setTimeout(r, 100));
    const stored = await world.db.select().from(world.t.replies);
    expect(stored.map((r) => [r.member, r.memberName, r.text])).toEqual([
      ['U1', 'member-U1', '저의 답변입니다'],
      ['U2', 'member-U2', 'mine'],
    ]);

    await event(reaction(true, 'U2', '1700000001.000100', '+1::skin-tone-2'));
    await event(reaction(true, 'U1', '1700000001.000100', '+1'));
    await fake.waitFor(async () => (await world.db.select().from(world.t.votes)).length === 1);
    await new Promise((r) => setTimeout(r, 100));
    expect((await world.db.select().from(world.t.votes)).map((v) => [v.voter, v.emoji])).toEqual([
      ['U2', '👍'],
    ]);
    await event(reaction(false, 'U2', '1700000001.000100', '+1'));
    await fake.waitFor(async () => (await world.db.select().from(world.t.votes)).length === 0);

    await event({
      type: 'message',
      subtype: 'message_changed',
      channel: CHANNEL,
      ts: '1700000002.0',
      message: { ts: '1700000001.000100', text: '고친 답변', thread_ts: thread, user: 'U1' },
    });
    await fake.waitFor(
      async () => (await world.db.select().from(world.t.replies))[0]?.text === '고친 답변',
    );
    await event({
      type: 'message',
      subtype: 'message_deleted',
      channel: CHANNEL,
      ts: '1700000003.0',
      deleted_ts: '1700000001.000200',
    });
    await fake.waitFor(async () => (await world.db.select().from(world.t.replies)).length === 1);
  });

  it('/answer reveals a long answer in the thread as blocks within Slack limits', async () => {
    const line =
      '하이브리드 클라우드는 프라이빗과 퍼블릭을 연계해 워크로드를 옮기고 통합 관리합니다.';
    const long = Array.from({ length: 120 }, (_, i) => `\t\t- ${i} ${line}`).join('\n');
    const { fake, slash } = await httpSetup({ long: `# 긴 답\n\t1. 설명해 보세요\n${long}\n` });
    await slash('/ask');
    const answer = await slash('/answer');
    expect(answer.text).toBe('The model answer is in the thread.');
    const [, ...reveal] = fake.callsOf('chat.postMessage');
    expect(reveal.length).toBeGreaterThan(2);
    for (const call of reveal) {
      expect(call.args.thread_ts).toBe('1700000000.000001');
      for (const block of call.args.blocks as { type: string; text?: { text: string } }[]) {
        if (block.type === 'section') expect(block.text?.text.length).toBeLessThanOrEqual(3000);
      }
      expect((call.args.blocks as unknown[]).length).toBeLessThanOrEqual(50);
    }
    await fake.waitFor(() => fake.callsOf('reactions.add').length === 3);
    expect(fake.callsOf('reactions.add').map((c) => c.args.name)).toEqual([
      'white_check_mark',
      'thinking_face',
      'x',
    ]);
  });

  it('refuses a bad signature or a stale timestamp with 401 and stores nothing', async () => {
    const { world, url, fake } = await httpSetup();
    const body = new URLSearchParams({
      team_id: TEAM_ID,
      channel_id: CHANNEL,
      user_id: 'U1',
      command: '/ask',
      text: '',
      response_url: `${fake.apiUrl}response_url/x`,
    }).toString();
    const forged = await signedRequest(url, body, {
      secret: 'wrong-secret',
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(forged.status).toBe(401);
    const stale = await signedRequest(url, body, {
      secret: SECRET,
      contentType: 'application/x-www-form-urlencoded',
      timestamp: Math.floor(Date.now() / 1000) - 6 * 60,
    });
    expect(stale.status).toBe(401);
    await new Promise((r) => setTimeout(r, 100));
    expect(fake.callsOf('chat.postMessage')).toHaveLength(0);
    expect(await world.db.select().from(world.t.drops)).toHaveLength(0);
  });

  it('surfaces not_in_channel with the fix, and records it for /schedule show', async () => {
    const { fake, slash } = await httpSetup();
    fake.failNext('chat.postMessage', 'not_in_channel');
    expect((await slash('/ask')).text).toBe(
      'Could not post in this channel: the bot is not in this channel: invite it with /invite @Drill',
    );
    expect((await slash('/schedule', 'show')).text).toMatch(
      /Last failed post, .+: the bot is not in this channel/,
    );
    fake.failNext('chat.postMessage', 'missing_scope', { needed: 'chat:write.public' });
    expect((await slash('/ask')).text).toContain('lacks the chat:write.public scope');
  });

  it('posts a drop once when a connection closes unanswered under it, before or after Slack took it', async () => {
    const { fake, world, slash } = await httpSetup();
    // Only a drop's first message is cut (it alone carries metadata), not the reveal in the
    // thread that the next /ask posts first.
    const dropHead = (args: Record<string, unknown>) => args.metadata !== undefined;
    // Slack made the message, but its answer never came: the message is found, not sent again.
    fake.cutNext('chat.postMessage', 'after', 1, dropHead);
    expect((await slash('/ask')).text).toMatch(/^Posted a question/);
    expect(fake.callsOf('conversations.history')).toHaveLength(1);
    // Nothing was made, twice: each time looked for, not found, sent again (three sends in all).
    // Another member: the first one's /ask cooldown runs.
    fake.cutNext('chat.postMessage', 'before', 2, dropHead);
    expect((await slash('/ask', '', 'U8')).text).toMatch(/^Posted a question/);
    expect(fake.callsOf('conversations.history')).toHaveLength(3);
    const posted = fake.messages.filter((m) => m.channel === CHANNEL && !m.thread_ts);
    expect(posted).toHaveLength(2);
    const drops = await world.db.select().from(world.t.drops);
    expect(drops.map((d) => d.status)).toEqual(['posted', 'posted']);
    expect(drops.map((d) => d.threadRef)).toEqual(posted.map((m) => m.ts));
    expect(posted.map((m) => m.metadata?.event_type)).toEqual(['drill_drop', 'drill_drop']);
    // The first drop's reveal went to its thread, uncut.
    expect(fake.messages.filter((m) => m.thread_ts === posted[0]?.ts).length).toBeGreaterThan(0);
  });

  it("posts a drop once when its answer never comes, with the Web API client's own retries on (as Drill runs)", async () => {
    // No `retries: 0` here: the client's default retries a request error for ~30 min, blind.
    const { fake, slash } = await httpSetup(undefined, {}, { retries: undefined });
    fake.cutNext('chat.postMessage', 'after', 1, (args) => args.metadata !== undefined);
    expect((await slash('/ask')).text).toMatch(/^Posted a question/);
    expect(fake.messages.filter((m) => m.channel === CHANNEL && !m.thread_ts)).toHaveLength(1);
  });

  it('lets only admins change the schedule, and posts scheduled drops', async () => {
    const { fake, world, slash } = await httpSetup();
    world.clock.set('2027-01-04T00:30:00Z');
    expect((await slash('/schedule', 'set cron:"0 9 * * *" timezone:Asia/Seoul', 'U7')).text).toBe(
      'Only people who can manage this channel can change its schedule.',
    );
    fake.admins.add('U7');
    const set = await slash('/schedule', 'set 0 9 * * * Asia/Seoul +8h', 'U7');
    expect(set.response_type).toBe('in_channel');
    expect(set.text).toMatch(/^Scheduled: `0 9 \* \* \*` in Asia\/Seoul, reveal \+8h/);
    const scheduler = testScheduler(world);
    await scheduler.start();
    world.clock.set('2027-01-05T00:00:00Z');
    await scheduler.tick();
    const posts = fake.callsOf('chat.postMessage');
    expect(posts).toHaveLength(1);
    expect(posts[0]?.args.channel).toBe(CHANNEL);
    expect(
      ((posts[0] as SlackCall).args.blocks as { text?: { text: string } }[])[0]?.text?.text,
    ).toMatch(/^Question of the day · /);
    world.clock.set('2027-01-05T08:00:00Z');
    await scheduler.tick();
    expect(fake.callsOf('chat.postMessage')[1]?.args.thread_ts).toBe('1700000000.000001');
    await scheduler.stop();
  });
});

describe('slack-manifest.yaml', () => {
  it('declares every command Drill defines, and the scopes and events it uses', async () => {
    const { commands } = await import('../commands/index.ts');
    const manifest = readFileSync(join(ROOT, 'slack-manifest.yaml'), 'utf8');
    // One command, /drill; its usage hint names every command of commands/index.ts.
    const declared = [...manifest.matchAll(/- command: \/(\w+)/g)].map((m) => m[1]);
    expect(declared).toEqual(['drill']);
    const hint = /usage_hint: "([^"]+)"/.exec(manifest)?.[1] ?? '';
    const hinted = hint.split(' | ').map((part) => part.split(' ')[0]);
    expect(hinted.sort()).toEqual(commands.map((c) => c.name).sort());
    expect(manifest).toContain('should_escape: true');
    for (const scope of [
      'chat:write',
      'commands',
      'reactions:read',
      'reactions:write',
      'channels:history',
      'groups:history',
      'users:read',
      'files:write',
      'im:write',
      'im:history',
    ]) {
      expect(manifest).toContain(`- ${scope}\n`);
    }
    for (const e of [
      'message.channels',
      'message.groups',
      'message.im',
      'reaction_added',
      'reaction_removed',
    ]) {
      expect(manifest).toContain(`- ${e}\n`);
    }
    expect(manifest).toContain('socket_mode_enabled: true');
    // Buttons and forms reach a Socket Mode app only with interactivity on.
    expect(manifest).toMatch(/interactivity:\n(?:\s*#.*\n)*\s*is_enabled: true/);
  });
});

describe('Slack adapter in Socket Mode', () => {
  it('connects through SLACK_API_URL and serves /ask and replies as a separate process', async () => {
    const fake = new FakeSlack();
    await fake.start();
    stops.push(() => fake.stop());
    const dbPath = join(tempDir(), 'drill.db');
    const bot = startBot({
      SLACK_BOT_TOKEN: 'xoxb-process-secret-1',
      SLACK_APP_TOKEN: 'xapp-process-secret-2',
      SLACK_API_URL: fake.apiUrl,
      DATABASE_PATH: dbPath,
      DEFAULT_LOCALE: 'en',
    });
    stops.push(() => bot.stop());
    await fake
      .waitFor(() => fake.socketConnected, 20_000)
      .catch((err) => {
        throw new Error(`${err.message}\n${bot.output()}`);
      });
    await fake.envelope('slash_commands', {
      token: 'x',
      team_id: TEAM_ID,
      channel_id: CHANNEL,
      user_id: 'U1',
      user_name: 'ana',
      command: '/drill',
      text: 'ask',
      response_url: `${fake.apiUrl}response_url/1`,
      trigger_id: 't',
      api_app_id: 'A0DRILL',
    });
    const post = await fake.waitFor(() => fake.callsOf('chat.postMessage')[0]);
    expect(post.args.channel).toBe(CHANNEL);
    await fake.waitFor(() => fake.callsOf('response_url/1')[0]);
    await fake.envelope('events_api', {
      type: 'event_callback',
      team_id: TEAM_ID,
      event_id: 'Ev1',
      event: threadReply('1700000000.000001', '1700000009.000001', 'U2', 'answer from afar'),
    });
    await fake.waitFor(async () => (await storedReplies(dbPath)) === 1);
    await bot.stop();
    expect(bot.output()).toContain('"mode":"socket"');
    expect(bot.output()).not.toContain('xoxb-process-secret-1');
    expect(bot.output()).not.toContain('xapp-process-secret-2');
  });
});
