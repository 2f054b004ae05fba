import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHART_FILE } from '../commands/me.ts';
import { APP_ID, BOT_PERMISSIONS, CREATE_PRIVATE_THREADS } from './fakes/discord.ts';
import { click, command, type Seen, setup, submit } from './fakes/discord-harness.ts';
import { BANK, dueCard, gradeIds, seen } from './fakes/review-bank.ts';
import { CHANNEL, dmOf } from './fakes/slack.ts';
import { httpSetup } from './fakes/slack-harness.ts';
import { consoleSession, practiceWorld, tempDir } from './helpers.ts';
import { decodePng } from './png.ts';

describe('/review and /mock on Discord: ephemeral messages with buttons, a modal for answers', () => {
  it('/review → write my answer (modal) → show answer → ❌, then nothing due', async () => {
    const { fake, world } = await setup(BANK);
    const qid = await dueCard(world, 'discord', '500');
    const first = await seen(fake, command(fake, 'review'));
    expect(first.ephemeral).toBe(true);
    expect(first.content).toContain('Review · Cloud · 1 due');
    expect(first.buttons).toEqual([`review:write:${qid}`, `review:show:${qid}`]);

    const form = await click(fake, first.messageId as string, `review:write:${qid}`).answer();
    expect(form).toHaveProperty('modal');
    const saved = await seen(fake, submit(fake, `review:answer:${qid}`, { answer: '가상 서버' }));
    expect(saved.content).toContain('Your answer is saved');
    expect((await world.db.select().from(world.t.privateAnswers))[0]).toMatchObject({
      platform: 'discord',
      member: '500',
      text: '가상 서버',
    });

    const model = (await click(
      fake,
      first.messageId as string,
      `review:show:${qid}`,
    ).answer()) as Seen;
    expect(model.ephemeral).toBe(true);
    expect(model.content).toContain('── Model answer ──\nVirtual servers.');
    expect(model.buttons).toEqual(gradeIds('review', qid));
    // Another member's click on her buttons grades nothing of hers.
    const other = (await click(fake, first.messageId as string, `review:grade:ok:${qid}`, {
      userId: '501',
    }).answer()) as Seen;
    expect(other.content).toContain('No review question is on your screen');
    const graded = (await click(
      fake,
      first.messageId as string,
      `review:grade:missed:${qid}`,
    ).answer()) as Seen;
    expect(graded.content).toMatch(
      /^Graded ❌ missed\. This question comes back on .+\n\nNothing due for review\. Next on /,
    );
    const log = await world.db.select().from(world.t.reviewLog);
    expect(log.map((l) => [l.source, l.rating])).toEqual([
      ['review', 1],
      ['review', 1],
    ]);
  });

  it('/mock where no private thread can be opened: each answer in a modal; grades by button', async () => {
    const { fake, world } = await setup(BANK);
    fake.everyonePermissions = String(BOT_PERMISSIONS & ~CREATE_PRIVATE_THREADS);
    const start = await seen(fake, command(fake, 'mock', { topic: 'cloud', minutes: '3' }));
    expect(start.content).toContain('Mock interview · question 1 of 2 · Cloud');
    expect(start.content).toContain('What is EC2?');
    expect(start.content).toContain('You have 3 min for this answer.');
    const [mock] = await world.db.select().from(world.t.mocks);
    expect(start.buttons).toEqual([`mock:write:${mock?.id}.0`]);
    const next = await seen(fake, submit(fake, `mock:answer:${mock?.id}.0`, { answer: 'VMs' }));
    expect(next.content).toContain('follow-up 2 of 2');
    expect(next.content).toContain('What is IaaS?');
    // The first question's form again answers nothing (it was answered).
    const again = await seen(fake, submit(fake, `mock:answer:${mock?.id}.0`, { answer: 'x' }));
    expect(again.content).toContain('no longer does anything');
    const models = await seen(fake, submit(fake, `mock:answer:${mock?.id}.1`, { answer: 'infra' }));
    expect(models.content).toContain('Your answer: VMs\nModel answer:\nVirtual servers.');
    expect(models.content).not.toContain('Infrastructure as a service.');
    const ids = mock?.questions ?? [];
    expect(models.buttons).toEqual([...gradeIds('mock', ids[0]), 'feedback:screen']);
    // The coach on the answer in front of her: missed points quoted, the notes' follow-up next.
    const coach = (await click(
      fake,
      start.messageId as string,
      'feedback:screen',
    ).answer()) as Seen;
    expect(coach.ephemeral).toBe(true);
    expect(coach.content).toContain('✗ “Virtual servers.”');
    expect(coach.content).toContain('Next follow-up: What is IaaS?');
    const second = (await click(
      fake,
      start.messageId as string,
      `mock:grade:ok:${ids[0]}`,
    ).answer()) as Seen;
    expect(second.buttons[0]).toBe(`mock:grade:ok:${ids[1]}`);
    expect(second.content).toContain(
      'Your answer: infra\nModel answer:\nInfrastructure as a service.',
    );
    const done = (await click(
      fake,
      start.messageId as string,
      `mock:grade:missed:${ids[1]}`,
    ).answer()) as Seen;
    expect(done.content).toContain('Mock done: 1 ✅ · 0 🤔 · 1 ❌.');
    const cards = await world.db.select().from(world.t.reviewCards);
    expect(cards.map((c) => c.member)).toEqual(['500', '500']);
    expect(await world.db.select().from(world.t.replies)).toEqual([]);
  });
});

describe('/review on Slack: an ephemeral answer with an actions block; clicks answer ephemerally', () => {
  it('/review → show answer → ✅', async () => {
    const { fake, world, slash, click: press } = await httpSetup(BANK);
    const qid = await dueCard(world, 'slack', 'U1');
    const first = (await slash('/review')) as unknown as {
      response_type: string;
      text: string;
      blocks: { type: string; elements?: { action_id: string }[] }[];
    };
    expect(first.response_type).toBe('ephemeral');
    expect(first.text).toContain('Review · Cloud · 1 due');
    const actions = first.blocks.find((b) => b.type === 'actions');
    expect(actions?.elements?.map((e) => e.action_id)).toEqual([
      `review:write:${qid}`,
      `review:show:${qid}`,
    ]);
    await press(`review:show:${qid}`, { user: 'U1', messageTs: '1700000000.000001' });
    const model = await fake.waitFor(() => fake.callsOf('chat.postEphemeral')[0]);
    expect(model.args).toMatchObject({ user: 'U1' });
    expect(String(model.args.text)).toContain('Virtual servers.');
    await press(`review:grade:ok:${qid}`, { user: 'U1', messageTs: '1700000000.000002' });
    const graded = await fake.waitFor(() => fake.callsOf('chat.postEphemeral')[1]);
    expect(String(graded.args.text)).toMatch(/^Graded ✅ got it\./);
    expect((await world.db.select().from(world.t.reviewLog)).map((l) => l.rating)).toEqual([1, 3]);
  });
});

const CHART_TITLE = 'Answers and grades, week by week';

describe('/me with its chart, privately on each platform', () => {
  it('Discord: the ephemeral answer carries the PNG as an attachment; nothing in the channel', async () => {
    const { fake, world } = await setup(BANK);
    await dueCard(world, 'discord', '500');
    const sent = command(fake, 'me');
    const answer = await seen(fake, sent);
    expect(answer.ephemeral).toBe(true);
    expect(answer.content).toContain('Your progress · Ana');
    expect(answer.files?.map((f) => f.name)).toEqual([CHART_FILE]);
    const { width, height } = decodePng(answer.files?.[0]?.bytes as Buffer);
    expect(width).toBeGreaterThan(height);
    // The edit of the ephemeral deferral carries the file, with the title as its alt text.
    const edit = fake.requests.find(
      (r) =>
        r.method === 'PATCH' && r.path === `/webhooks/${APP_ID}/${sent.token}/messages/@original`,
    );
    expect((edit?.body as { attachments?: unknown[] } | undefined)?.attachments).toEqual([
      { id: '0', description: CHART_TITLE },
    ]);
    expect(fake.requests.filter((r) => /^\/channels\/\d+\/messages$/.test(r.path))).toEqual([]);
  });

  it('Slack: the file goes to the member’s direct messages alone; the ephemeral answer says so', async () => {
    const { fake, world, slash } = await httpSetup(BANK);
    await dueCard(world, 'slack', 'U1');
    const answer = await slash('/me');
    expect(answer.response_type).toBe('ephemeral');
    expect(answer.text).toContain('Your progress · name-U1');
    expect(answer.text).toContain(`Sent to your direct messages with Drill: ${CHART_TITLE}`);
    expect(fake.callsOf('conversations.open').map((c) => c.args.users)).toEqual(['U1']);
    const shared = fake.sharedFiles();
    expect(shared.map((f) => [f.channel, f.thread, f.filename, f.title])).toEqual([
      [dmOf('U1'), undefined, CHART_FILE, CHART_TITLE],
    ]);
    decodePng(shared[0]?.bytes as Buffer);
    expect(shared.some((f) => f.channel === CHANNEL)).toBe(false);
  });

  it('Slack: a refused direct message is told in the answer, which still comes; nothing is shared', async () => {
    const { fake, world, slash } = await httpSetup(BANK);
    await dueCard(world, 'slack', 'U1');
    fake.failNext('conversations.open', 'missing_scope', { needed: 'im:write' });
    const answer = await slash('/me');
    expect(answer.response_type).toBe('ephemeral');
    expect(answer.text).toContain('Your progress · name-U1');
    expect(answer.text).toContain(`Could not send “${CHART_TITLE}”:`);
    expect(answer.text).toContain('im:write');
    expect(fake.callsOf('files.getUploadURLExternal')).toEqual([]);
    expect(fake.sharedFiles()).toEqual([]);
  });

  it('console: the chart is written under the files folder and its path printed', async () => {
    const world = await practiceWorld(BANK);
    const dir = join(tempDir(), 'exports');
    const session = await consoleSession(
      world,
      ['/ask', 'virtual machines', '/answer', '/grade ok', '/me'],
      {
        filesDir: dir,
      },
    );
    const path = join(dir, CHART_FILE);
    expect(session.output()).toContain(`${CHART_TITLE}: ${path}`);
    decodePng(readFileSync(path));
  });
});
