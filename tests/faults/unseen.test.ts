/**
 * Behaviour the other tests let through: each test here was checked by breaking the code it
 * guards and seeing it fail (the breaks are listed in the commit that added this file).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseNotes } from '../../src/bank/parse.ts';
import { syncContent } from '../../src/bank/sync.ts';
import { CONSOLE_ADDRESS, ConsolePort } from '../../src/chat/console/console.ts';
import { ensureChannel } from '../../src/core/channels.ts';
import type { ChannelAddress } from '../../src/core/port.ts';
import { openSqlite } from '../../src/db/sqlite.ts';
import { claimSlot, dropQuestion } from '../../src/practice/drops.ts';
import { CHANNEL_ID, type FakeRequest } from '../fakes/discord.ts';
import { command, react, setup, threadMessage } from '../fakes/discord-harness.ts';
import { replyText } from '../fakes/reply-text.ts';
import type { SlackCall } from '../fakes/slack.ts';
import { httpSetup, reaction, threadReply } from '../fakes/slack-harness.ts';
import { claimThenKill, spawnWorker } from '../fakes/worker.ts';
import {
  practiceWorld,
  readDatabase,
  scheduleCommand,
  settledVoters,
  testScheduler,
  type World,
} from '../helpers.ts';

const here = CONSOLE_ADDRESS;
const at = (iso: string) => Date.parse(iso);
const rows = async (world: World) =>
  (await world.db.select().from(world.t.drops).orderBy(world.t.drops.slot)).map((r) => [
    r.slot,
    r.status,
  ]);

async function drawn(world: World, address: ChannelAddress) {
  const r = await dropQuestion(world.deps, address);
  if (r.kind !== 'posted') throw new Error('not posted');
  return r;
}

describe('the bag', () => {
  it('never draws a retired question, in any round', async () => {
    const bank = (n: number) =>
      `# S\n${Array.from({ length: n }, (_, i) => `\t${i + 1}. q${i + 1}\n\t\ta${i + 1}\n`).join('')}`;
    const world = await practiceWorld({ s: bank(6) });
    writeFileSync(join(world.content, 's.txt'), bank(2));
    expect((await syncContent(world.store, [world.content], world.clock.now())).retired).toBe(4);
    const prompts = new Set<string>();
    for (let i = 0; i < 20; i++) prompts.add((await drawn(world, here)).question.prompt);
    expect([...prompts].sort()).toEqual(['q1', 'q2']);
  });

  it('keeps a bag per channel: a second channel draws all questions before it refills', async () => {
    const world = await practiceWorld({
      s: '# S\n\t1. q1\n\t\ta\n\t2. q2\n\t\tb\n\t3. q3\n\t\tc\n',
    });
    for (let i = 0; i < 3; i++) await drawn(world, here);
    const other = { ...here, channel: 'other' };
    const inOther: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await drawn(world, other);
      expect(r.refilled).toBe(false);
      inOther.push(r.question.prompt);
    }
    expect(inOther.sort()).toEqual(['q1', 'q2', 'q3']);
    expect((await drawn(world, other)).refilled).toBe(true);
  });

  it('holds follow-ups back in each channel until their parent was dropped there', async () => {
    const follow = [1, 2, 3, 4, 5].map((i) => `\t\t1-${i}. f${i}\n\t\t\tb${i}\n`).join('');
    const world = await practiceWorld({ s: `# S\n\t1. parent\n\t\ta\n${follow}` });
    const inHere: string[] = [];
    for (let i = 0; i < 6; i++) inHere.push((await drawn(world, here)).question.prompt);
    expect(inHere[0]).toBe('parent');
    for (let c = 0; c < 8; c++) {
      const first = await drawn(world, { ...here, channel: `channel-${c}` });
      expect(first.question.prompt).toBe('parent');
    }
  });
});

describe('the scheduler after an outage', () => {
  it('posts only the latest of several recent slots and records the others missed', async () => {
    const world = await practiceWorld();
    world.clock.set('2027-01-04T00:00:00Z');
    await scheduleCommand(world, { action: 'set', cron: '0 * * * *', timezone: 'UTC' });
    // Down until 05:30: both 04:00 and 05:00 are inside the two-hour catch-up window.
    world.clock.set('2027-01-04T05:30:00Z');
    const s = testScheduler(world);
    await s.start();
    await s.tick();
    expect(world.port.of('drop')).toHaveLength(1);
    expect(await rows(world)).toEqual([
      ['2027-01-04T01:00:00.000Z', 'missed'],
      ['2027-01-04T02:00:00.000Z', 'missed'],
      ['2027-01-04T03:00:00.000Z', 'missed'],
      ['2027-01-04T04:00:00.000Z', 'missed'],
      ['2027-01-04T05:00:00.000Z', 'posted'],
    ]);
    await s.stop();
  });

  it('records a claim cut off days ago as missed instead of posting it', async () => {
    const world = await practiceWorld();
    world.clock.set('2027-01-04T00:00:00Z');
    const channel = await ensureChannel(world.deps, here);
    const [question] = await world.db.select().from(world.t.questions).limit(1);
    await claimSlot(world.deps, channel, {
      slot: '2027-01-04T00:00:00.000Z',
      questionId: question?.id ?? null,
      round: 1,
    });
    world.clock.set('2027-01-07T00:00:00Z');
    const s = testScheduler(world);
    await s.start();
    await s.tick();
    expect(world.port.of('drop')).toHaveLength(0);
    expect(await rows(world)).toEqual([['2027-01-04T00:00:00.000Z', 'missed']]);
    await s.stop();
  });
});

describe('/schedule', () => {
  it('skip twice skips two different slots, and the one after is posted', async () => {
    const world = await practiceWorld();
    world.clock.set('2027-01-04T01:00:00Z');
    await scheduleCommand(world, { action: 'set', cron: '0 9 * * *', timezone: 'Asia/Seoul' });
    expect(replyText(await scheduleCommand(world, { action: 'skip' }))).toBe(
      'The drop of 2027-01-05 09:00 Asia/Seoul (2027-01-05T00:00:00.000Z) will be skipped.',
    );
    expect(replyText(await scheduleCommand(world, { action: 'skip' }))).toBe(
      'The drop of 2027-01-06 09:00 Asia/Seoul (2027-01-06T00:00:00.000Z) will be skipped.',
    );
    const s = testScheduler(world);
    await s.start();
    for (const day of ['2027-01-05', '2027-01-06', '2027-01-07']) {
      world.clock.set(`${day}T00:00:00Z`);
      await s.tick();
    }
    expect(world.port.of('drop')).toHaveLength(1);
    expect(await rows(world)).toEqual([
      ['2027-01-05T00:00:00.000Z', 'skipped'],
      ['2027-01-06T00:00:00.000Z', 'skipped'],
      ['2027-01-07T00:00:00.000Z', 'posted'],
    ]);
    await s.stop();
  });
});

const FORBIDDEN = 'Only people who can manage this channel can change its schedule.';

/**
 * Someone who may not manage the channel tries pause, skip, off and (once paused) resume: each
 * is refused and changes nothing; the same actions by a manager do change it.
 */
async function onlyManagersChange(
  world: World,
  run: (action: string, manager: boolean) => Promise<string>,
) {
  const { channels } = world.t;
  const state = async () => ({
    channel: (
      await world.db.select({ cron: channels.cron, paused: channels.paused }).from(channels)
    )[0],
    drops: await rows(world),
  });
  const set = await state();
  expect(set.channel).toEqual({ cron: '0 9 * * *', paused: false });
  for (const action of ['pause', 'skip', 'off']) {
    expect(await run(action, false)).toBe(FORBIDDEN);
    expect(await state()).toEqual(set);
  }
  expect(await run('pause', true)).not.toBe(FORBIDDEN);
  const paused = await state();
  expect(paused.channel?.paused).toBe(true);
  expect(await run('resume', false)).toBe(FORBIDDEN);
  expect(await state()).toEqual(paused);
  expect(await run('resume', true)).not.toBe(FORBIDDEN);
  expect(await run('skip', true)).not.toBe(FORBIDDEN);
  expect((await state()).drops).toHaveLength(1);
  expect(await run('off', true)).not.toBe(FORBIDDEN);
  expect((await state()).channel?.cron).toBeNull();
}

describe('who may change a schedule', () => {
  it('on Discord, only members with Manage Channels', async () => {
    const { fake, world } = await setup();
    world.clock.set('2027-01-04T01:00:00Z');
    const set = { action: 'set', cron: '0 9 * * *', timezone: 'Asia/Seoul' };
    expect(await command(fake, 'schedule', set, { admin: true }).answer()).toMatch(/^Scheduled/);
    await onlyManagersChange(world, (action, admin) =>
      command(fake, 'schedule', { action }, { userId: admin ? '500' : '501', admin }).answer(),
    );
  });

  it('on Slack, only workspace admins', async () => {
    const { fake, world, slash } = await httpSetup();
    world.clock.set('2027-01-04T01:00:00Z');
    fake.admins.add('U7');
    expect((await slash('/schedule', 'set 0 9 * * * Asia/Seoul', 'U7')).text).toMatch(/^Scheduled/);
    await onlyManagersChange(
      world,
      async (action, admin) => (await slash('/schedule', action, admin ? 'U7' : 'U8')).text,
    );
  });
});

describe('the notes parser', () => {
  it('gives three or more unanswered questions in a row the answer that follows them', () => {
    const bank = parseNotes(
      '# S\n\t1. first\n\t2. second\n\t3. third\n\t4. fourth\n\t\tthe shared answer\n\t5. fifth\n\t\tits own\n',
      { bank: 'b', file: 'b.txt' },
    );
    expect(bank.problems).toEqual([]);
    const [q1, q2, q3, q4, q5] = bank.questions;
    for (const q of [q1, q2, q3]) {
      expect(q?.answer).toBe('the shared answer');
      expect(q?.sharesAnswerWith).toBe(q4?.id);
    }
    expect(q4?.answer).toBe('the shared answer');
    expect(q5?.answer).toBe('its own');
  });
});

/** A question far longer than any platform takes, with text Slack must escape. */
const LONG = `# 긴 질문\n\t1. ${'<b> & 클라우드 '.repeat(1500)}끝\n\t\t답\n`;

describe('a very long question', () => {
  it('is clipped to a Discord embed', async () => {
    const { fake } = await setup({ long: LONG });
    expect(await command(fake, 'ask').answer()).toMatch(/^Posted a question/);
    const [post] = fake.requestsTo('POST', new RegExp(`^/channels/${CHANNEL_ID}/messages$`));
    const [e] = (
      (post as FakeRequest).body as {
        embeds: { title: string; description: string; footer?: { text: string } }[];
      }
    ).embeds;
    expect(e?.description.endsWith('…')).toBe(true);
    expect(e?.description.length).toBeLessThanOrEqual(4096);
    expect(
      (e?.title.length ?? 0) + (e?.description.length ?? 0) + (e?.footer?.text.length ?? 0),
    ).toBeLessThanOrEqual(6000);
  });

  it('is clipped to a Slack section, escaped', async () => {
    const { fake, slash } = await httpSetup({ long: LONG });
    expect((await slash('/ask')).text).toMatch(/^Posted a question/);
    const [post] = fake.callsOf('chat.postMessage');
    const sections = (
      (post as SlackCall).args.blocks as { type: string; text?: { text: string } }[]
    ).filter((b) => b.type === 'section');
    expect(sections.some((b) => b.text?.text.startsWith('&lt;b&gt; &amp; 클라우드'))).toBe(true);
    for (const b of sections) expect(b.text?.text.length).toBeLessThanOrEqual(3000);
    expect(sections.at(-1)?.text?.text.endsWith('…')).toBe(true);
  });

  it('is clipped to the console port’s message size', async () => {
    const world = await practiceWorld({ long: LONG });
    let out = '';
    const port = new ConsolePort({ write: (text: string) => (out += text) });
    world.deps.ports.console = port;
    await drawn(world, here);
    expect(out).toContain('…');
    // Title, body and footer within maxChars; the frame around them (── … ──, parentheses,
    // line breaks) adds a few characters.
    expect(out.length).toBeLessThanOrEqual(port.maxChars + 12);
  });
});

/**
 * Holds the database's write lock while both workers run `line`, so each reads the same state
 * and then waits at its first write: the guards are what must keep the second from acting.
 */
async function raceBehindLock(db: string, workers: ReturnType<typeof spawnWorker>[], line: string) {
  const lock = openSqlite(db);
  lock.sqlite.exec('BEGIN IMMEDIATE');
  const done = Promise.all(workers.map((w) => w.command(line)));
  await new Promise((r) => setTimeout(r, 1500));
  lock.sqlite.exec('ROLLBACK');
  await lock.close();
  await done;
}

async function finish(workers: ReturnType<typeof spawnWorker>[]) {
  for (const w of workers) w.child.stdin.end();
  expect(await Promise.all(workers.map((w) => w.exited))).toEqual(workers.map(() => 0));
  return workers.flatMap((w) => w.lines);
}

describe('two processes on one database', () => {
  it('revealing the same drop post one reveal', async () => {
    const world = await practiceWorld();
    world.clock.set('2027-01-04T01:00:00Z');
    await scheduleCommand(world, {
      action: 'set',
      cron: '0 9 * * *',
      timezone: 'Asia/Seoul',
      reveal: '18:00',
    });
    const s = testScheduler(world);
    await s.start();
    world.clock.set('2027-01-05T00:00:00Z');
    await s.tick();
    await s.stop();
    expect(world.port.of('drop')).toHaveLength(1);
    const db = world.target;
    await world.store.close();

    const workers = [0, 1].map(() => spawnWorker('tests/fakes/scheduler-worker.ts', [db]));
    await Promise.all(workers.map((w) => w.command(`start ${at('2027-01-05T00:01:00Z')}`)));
    await raceBehindLock(db, workers, `tick ${at('2027-01-05T09:00:00Z')}`);
    const lines = await finish(workers);
    expect(lines.filter((l) => l.startsWith('thread terminal Model answer · '))).toHaveLength(1);
    const [drop] = await readDatabase(db, (store) => store.db.select().from(store.tables.drops));
    expect(drop?.revealedAt).not.toBeNull();
  });

  it('retrying the same cut-off claim post it once', async () => {
    const world = await practiceWorld();
    const start = at('2027-01-04T23:00:00Z');
    world.clock.set(start);
    await scheduleCommand(world, { action: 'set', cron: '0 9 * * *', timezone: 'Asia/Seoul' });
    const db = world.target;
    await world.store.close();
    const slot = at('2027-01-05T00:00:00Z');

    await claimThenKill(db, start, slot);

    const workers = [0, 1].map(() => spawnWorker('tests/fakes/scheduler-worker.ts', [db]));
    await Promise.all(workers.map((w) => w.command(`start ${slot + 5_000}`)));
    await raceBehindLock(db, workers, `tick ${slot + 61_000}`);
    const lines = await finish(workers);
    expect(lines.filter((l) => l.startsWith('posted'))).toHaveLength(1);
    const all = await readDatabase(db, (store) => store.db.select().from(store.tables.drops));
    expect(all.map((d) => [d.slot, d.status])).toEqual([['2027-01-05T00:00:00.000Z', 'posted']]);
  });
});

describe('other bots’ reactions', () => {
  it('are ignored on Discord (GET /users/:id says bot)', async () => {
    const { fake, world } = await setup();
    fake.users.set('777', { username: 'otherbot', bot: true });
    await command(fake, 'ask').answer();
    const thread = await fake.waitFor(() => fake.threads[0] as { id: string } | undefined);
    const answer = threadMessage(fake, thread.id, '601', 'my answer');
    await fake.waitFor(async () => (await world.db.select().from(world.t.replies)).length === 1);
    react(fake, thread.id, answer, '777', '👍');
    await fake.waitFor(() => fake.requestsTo('GET', /^\/users\/777$/).length > 0);
    react(fake, thread.id, answer, '602', '👍');
    await fake.waitFor(async () => (await world.db.select().from(world.t.votes)).length > 0);
    expect(await settledVoters(world)).toEqual(['602']);
  });

  it('are ignored on Slack (users.info says is_bot)', async () => {
    const { fake, world, slash, event } = await httpSetup();
    fake.users.set('U0OTHER', { isBot: true });
    fake.users.set('U1', { displayName: 'Ana' });
    await slash('/ask');
    const thread = (await world.db.select().from(world.t.drops))[0]?.threadRef as string;
    await event(threadReply(thread, '1700000001.000100', 'U1', 'my answer'));
    // Stored from the event at once; the display name follows from users.info, off the hot path.
    await fake.waitFor(
      async () => (await world.db.select().from(world.t.replies))[0]?.memberName === 'Ana',
    );
    await event(reaction(true, 'U0OTHER', '1700000001.000100', '+1'));
    await fake.waitFor(() => fake.callsOf('users.info').some((c) => c.args.user === 'U0OTHER'));
    await event(reaction(true, 'U2', '1700000001.000100', '+1'));
    await fake.waitFor(async () => (await world.db.select().from(world.t.votes)).length > 0);
    expect(await settledVoters(world)).toEqual(['U2']);
  });
});
