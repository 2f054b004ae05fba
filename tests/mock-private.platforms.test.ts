import { describe, expect, it } from 'vitest';
import {
  BOT_PERMISSIONS,
  CHANNEL_ID,
  CREATE_PRIVATE_THREADS,
  type FakeDiscord,
  GUILD_ID,
} from './fakes/discord.ts';
import {
  click,
  command,
  type Seen,
  setup,
  submit,
  threadMessage,
} from './fakes/discord-harness.ts';
import { BANK, gradeIds, seen } from './fakes/review-bank.ts';
import { CHANNEL, dmOf } from './fakes/slack.ts';
import { directMessage, httpSetup } from './fakes/slack-harness.ts';

/** The bot's posts in a Discord channel or thread: their embed text and buttons. */
function postsIn(fake: FakeDiscord, channelId: string) {
  return fake.requestsTo('POST', new RegExp(`^/channels/${channelId}/messages$`)).map((r) => {
    const b = r.body as {
      embeds?: { description?: string }[];
      components?: { components: { custom_id: string }[] }[];
    };
    return {
      text: b.embeds?.[0]?.description ?? '',
      buttons: (b.components ?? []).flatMap((row) => row.components.map((c) => c.custom_id)),
    };
  });
}

describe('/mock on Discord: a private thread with the member', () => {
  it('opens a type 12 thread, adds the member, and runs the mock on their messages there', async () => {
    const { fake, world } = await setup(BANK);
    const started = await seen(fake, command(fake, 'mock', { topic: 'cloud', minutes: '3' }));
    expect(started.ephemeral).toBe(true);
    const [create] = fake.requestsTo('POST', new RegExp(`^/channels/${CHANNEL_ID}/threads$`));
    expect(create?.body).toMatchObject({
      type: 12,
      invitable: false,
      name: 'Mock interview · Ana',
    });
    const [mock] = await world.db.select().from(world.t.mocks);
    const thread = mock?.threadRef as string;
    expect(thread).toMatch(/^\d+$/);
    expect(started.content).toBe(
      `Your mock interview is waiting for you here: <https://discord.com/channels/${GUILD_ID}/${thread}>`,
    );
    expect(fake.threadMembers.get(thread)).toEqual(['500']);

    const first = await fake.waitFor(() => postsIn(fake, thread)[0]);
    expect(first.text).toContain('Mock interview · question 1 of 2 · Cloud');
    expect(first.text).toContain('What is EC2?');
    expect(first.text).toContain('You have 3 min for this answer.');
    expect(first.buttons).toEqual([`mock:write:${mock?.id}.0`]);

    // Someone else in the thread (a moderator) answers nothing of hers.
    threadMessage(fake, thread, '501', 'not mine');
    threadMessage(fake, thread, '500', 'Virtual machines');
    const followUp = await fake.waitFor(() => postsIn(fake, thread)[1]);
    expect(followUp.text).toContain('Mock interview · follow-up 2 of 2 · Cloud');
    expect(followUp.text).toContain('What is IaaS?');
    expect(followUp.text).toContain('You have 3 min for this answer.');

    // The Answer button works in the thread too: a modal, submitted there. Past the time limit
    // the answer is kept, and the member is told it came late; the step shows in the thread.
    world.clock.advance(4 * 60_000);
    const firstMessage = [...fake.messages.values()].find((m) => m.channel_id === thread);
    const form = await click(fake, firstMessage?.id as string, `mock:write:${mock?.id}.1`).answer();
    expect(form).toHaveProperty('modal');
    const sent = submit(
      fake,
      `mock:answer:${mock?.id}.1`,
      { answer: 'Infra you rent' },
      {
        channelId: thread,
      },
    );
    const models = await seen(fake, sent);
    expect(models.ephemeral).toBe(false);
    expect(models.content).toContain('That answer came after the time limit');
    expect(models.content).toContain('Your answer: Virtual machines');
    expect(models.content).toContain('Model answer:\nVirtual servers.');
    // One question's model answer at a time, whole: the next comes with its grade.
    expect(models.content).not.toContain('Infrastructure as a service.');
    const ids = mock?.questions ?? [];
    expect(models.buttons).toEqual([...gradeIds('mock', ids[0]), 'feedback:screen']);

    // Grades by buttons in the thread: answered in the thread, not ephemerally.
    const graded = (await click(
      fake,
      firstMessage?.id as string,
      `mock:grade:ok:${ids[0]}`,
    ).answer()) as Seen;
    expect(graded.ephemeral).toBe(false);
    expect(graded.content).toContain('Grade question 2 of 2: What is IaaS?');
    expect(graded.content).toContain('Model answer:\nInfrastructure as a service.');
    // Another member's click grades nothing of hers.
    const other = (await click(fake, firstMessage?.id as string, `mock:grade:ok:${ids[1]}`, {
      userId: '501',
    }).answer()) as Seen;
    expect(other.content).toContain('no longer does anything');
    const done = (await click(
      fake,
      firstMessage?.id as string,
      `mock:grade:missed:${ids[1]}`,
    ).answer()) as Seen;
    expect(done.content).toContain('Mock done: 1 ✅ · 0 🤔 · 1 ❌.');

    const answers = await world.db.select().from(world.t.privateAnswers);
    expect(answers.map((a) => [a.member, a.source, a.text])).toEqual([
      ['500', 'mock', 'Virtual machines'],
      ['500', 'mock', 'Infra you rent'],
    ]);
    // Private: never a reply of a drop, so never on a leaderboard.
    expect(await world.db.select().from(world.t.replies)).toEqual([]);
    const log = await world.db.select().from(world.t.reviewLog);
    expect(log.map((l) => [l.source, l.rating])).toEqual([
      ['mock', 3],
      ['mock', 1],
    ]);
  });

  it('without Create Private Threads it runs as ephemeral steps and says why', async () => {
    const { fake, world } = await setup(BANK);
    fake.everyonePermissions = String(BOT_PERMISSIONS & ~CREATE_PRIVATE_THREADS);
    const started = await seen(
      fake,
      command(fake, 'mock', { topic: 'cloud' }, { appPermissions: BOT_PERMISSIONS }),
    );
    expect(started.ephemeral).toBe(true);
    expect(started.content).toMatch(
      /^I could not open a private place for your mock interview \(the bot needs Create Private Threads and Send Messages in Threads in this channel\), so it runs here, where only you see it\.\n\n── Mock interview · question 1 of 2 · Cloud ──\nWhat is EC2\?/,
    );
    const [mock] = await world.db.select().from(world.t.mocks);
    expect(mock?.threadRef).toBeNull();
    expect(started.buttons).toEqual([`mock:write:${mock?.id}.0`]);
    expect(fake.threads).toEqual([]);
  });

  it('in a channel that cannot have private threads it says so, in Korean there', async () => {
    const { fake } = await setup(BANK, { locale: 'ko' });
    fake.failNext('POST', new RegExp(`^/channels/${CHANNEL_ID}/threads$`), 400, {
      code: 50024,
      message: 'Cannot execute action on this channel type',
    });
    const started = await seen(fake, command(fake, 'mock', { topic: 'cloud' }));
    expect(started.ephemeral).toBe(true);
    expect(started.content).toMatch(
      /^모의 면접을 진행할 비공개 공간을 열지 못했습니다\(이 채널에서는 비공개 스레드를 만들 수 없습니다\)\./,
    );
    expect(started.content).toContain('What is EC2?');
  });
});

describe('/mock on Slack: in the member DM with the app', () => {
  it('opens the DM, posts the steps there, and takes message.im events as answers', async () => {
    const { fake, world, slash, event, click: press } = await httpSetup(BANK);
    const started = await slash('/mock', 'cloud 5');
    expect(started.response_type).toBe('ephemeral');
    expect(fake.callsOf('conversations.open')[0]?.args).toMatchObject({ users: 'U1' });
    const dm = dmOf('U1');
    expect(started.text).toBe(
      `Your mock interview is waiting for you here: <https://slack.com/app_redirect?channel=${dm}>`,
    );
    const posts = () => fake.callsOf('chat.postMessage').filter((c) => c.args.channel === dm);
    const first = await fake.waitFor(() => posts()[0]);
    expect(String(first.args.text)).toContain('What is EC2?');
    const blocksText = JSON.stringify(first.args.blocks);
    expect(blocksText).toContain('You have 5 min for this answer.');
    const [mock] = await world.db.select().from(world.t.mocks);
    expect(mock?.threadRef).toBe(dm);
    expect(blocksText).toContain(`mock:write:${mock?.id}.0`);

    // The app's own post in the DM comes back as an event too: it answers nothing.
    await event({ ...directMessage(dm, '1700000001.000001', 'U0BOT', 'x'), bot_id: 'B0BOT' });
    await event(directMessage(dm, '1700000001.000002', 'U1', 'Virtual <machines>'));
    const second = await fake.waitFor(() => posts()[1]);
    expect(String(second.args.text)).toContain('What is IaaS?');
    await event(directMessage(dm, '1700000001.000003', 'U1', 'Rented infra'));
    const models = await fake.waitFor(() => posts()[2]);
    const modelBlocks = JSON.stringify(models.args.blocks);
    // What she wrote is shown as written, escaped for mrkdwn; the grade command as Slack types it.
    expect(modelBlocks).toContain('Your answer: Virtual &lt;machines&gt;');
    expect(modelBlocks).toContain('/drill grade ok');
    const ids = mock?.questions ?? [];
    expect(modelBlocks).toContain(`mock:grade:ok:${ids[0]}`);

    // Buttons in the DM keep working; the next step is posted in the DM.
    await press(`mock:grade:partly:${ids[0]}`, {
      user: 'U1',
      channel: dm,
      messageTs: String(models.args.ts ?? '1700000000.000003'),
    });
    const next = await fake.waitFor(() => posts()[3]);
    expect(String(next.args.text)).toContain('Grade question 2 of 2: What is IaaS?');
    await press(`mock:grade:ok:${ids[1]}`, { user: 'U1', channel: dm, messageTs: '1' });
    const done = await fake.waitFor(() => posts()[4]);
    expect(String(done.args.text)).toContain('Mock done: 1 ✅ · 1 🤔 · 0 ❌.');
    expect(fake.callsOf('chat.postEphemeral')).toEqual([]);

    const answers = await world.db.select().from(world.t.privateAnswers);
    expect(answers.map((a) => a.text)).toEqual(['Virtual <machines>', 'Rented infra']);
    expect(await world.db.select().from(world.t.replies)).toEqual([]);
    // The DM is no channel of Drill's: the mock belongs to the channel it was started in.
    const channels = await world.db.select().from(world.t.channels);
    expect(channels.map((c) => c.channel)).toEqual([CHANNEL]);
  });

  it('without im:write it runs as an ephemeral answer and says why', async () => {
    const { fake, world, slash } = await httpSetup(BANK);
    fake.failNext('conversations.open', 'missing_scope', { needed: 'im:write' });
    const started = await slash('/mock', 'cloud');
    expect(started.response_type).toBe('ephemeral');
    expect(started.text).toMatch(
      /^I could not open a private place for your mock interview \(.*im:write.*\), so it runs here/,
    );
    expect(started.text).toContain('What is EC2?');
    const [mock] = await world.db.select().from(world.t.mocks);
    expect(mock?.threadRef).toBeNull();
  });
});
