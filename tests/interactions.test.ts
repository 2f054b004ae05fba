import { describe, expect, it } from 'vitest';
import { type Form, parseInteractionId } from '../commands/index.ts';
import { CONSOLE_ADDRESS } from '../src/chat/console/console.ts';
import { ConsoleForm } from '../src/chat/console/interactions.ts';
import { ensureChannel, updateChannel } from '../src/core/channels.ts';
import { dropQuestion } from '../src/practice/drops.ts';
import { CHANNEL_ID } from './fakes/discord.ts';
import { answerTo, click, command, setup, threadMessage } from './fakes/discord-harness.ts';
import { CHANNEL } from './fakes/slack.ts';
import { httpSetup, threadReply } from './fakes/slack-harness.ts';
import { consoleSession, practiceWorld } from './helpers.ts';

describe('interaction ids', () => {
  it('split into command, action and an argument that may hold colons', () => {
    expect(parseInteractionId('answer:write:42')).toEqual({
      command: 'answer',
      action: 'write',
      arg: '42',
    });
    expect(parseInteractionId('suggest:approve:a:b')).toEqual({
      command: 'suggest',
      action: 'approve',
      arg: 'a:b',
    });
    expect(parseInteractionId('leaderboard:period')).toEqual({
      command: 'leaderboard',
      action: 'period',
      arg: null,
    });
    expect(parseInteractionId('nothing')).toBeNull();
  });
});

describe('buttons on Discord', () => {
  it('/leaderboard answers with buttons; a click shows another period to the clicker only', async () => {
    const { fake, world } = await setup();
    await command(fake, 'ask').answer();
    const thread = await fake.waitFor(() => fake.threads[0] as { id: string } | undefined);
    threadMessage(fake, thread.id, '601', 'an answer');
    const [reply] = await fake.waitFor(async () => {
      const rows = await world.db.select().from(world.t.replies);
      return rows.length === 1 ? rows : undefined;
    });
    // A reply is dated by its snowflake: the leaderboard's week is the reply's.
    world.clock.set((reply?.createdAt ?? 0) + 60_000);

    const board = command(fake, 'leaderboard');
    const seen = await answerTo(fake, board);
    if ('modal' in seen) throw new Error('a modal');
    expect(seen.content).toMatch(/^Leaderboard · this week\n1\. member601/);
    expect(seen.ephemeral).toBe(false);
    expect(seen.buttons).toEqual(['leaderboard:period:month', 'leaderboard:period:all']);
    const [patch] = fake.requestsTo('PATCH', new RegExp(`/webhooks/\\d+/${board.token}/`));
    const rows = (patch?.body ?? {}) as { components?: unknown[] };
    expect(rows.components?.[0]).toMatchObject({
      type: 1,
      components: [{ label: 'this month' }, { label: 'all time' }],
    });

    const clicked = click(fake, seen.messageId as string, 'leaderboard:period:all', {
      userId: '602',
    });
    const answer = await clicked.answer();
    expect(answer).toMatchObject({ ephemeral: true });
    expect((answer as { content: string }).content).toMatch(/^Leaderboard · all time\n1\. /);
    expect((await fake.callbackTo(clicked.id)).type).toBe(4);
    expect((answer as { buttons: string[] }).buttons).toEqual([
      'leaderboard:period:week',
      'leaderboard:period:month',
    ]);
  });

  it('a click on a button no command takes gets a short answer, not an error', async () => {
    const { fake } = await setup();
    await command(fake, 'ask').answer();
    const [drop] = fake.messages.values();
    const answer = await click(fake, drop?.id as string, 'gone:away').answer();
    expect(answer).toMatchObject({
      content: 'This button no longer does anything here; use the command instead.',
      ephemeral: true,
    });
    expect(drop?.channel_id).toBe(CHANNEL_ID);
  });
});

describe('buttons on Slack', () => {
  it('/leaderboard answers with an actions block; a click answers with chat.postEphemeral', async () => {
    const { fake, world, slash, event, click: press } = await httpSetup();
    await slash('/ask');
    // The reply's ts is Slack's time: the leaderboard's now must come after it.
    world.clock.set('2023-11-15T00:00:00Z');
    const drop = (await world.db.select().from(world.t.drops))[0];
    await event(threadReply(drop?.threadRef as string, '1700000001.000100', 'U1', 'mine'));
    await fake.waitFor(async () => (await world.db.select().from(world.t.replies)).length === 1);

    const board = (await slash('/leaderboard')) as unknown as {
      response_type: string;
      text: string;
      blocks: { type: string; elements?: { action_id: string; text: { text: string } }[] }[];
    };
    expect(board.response_type).toBe('in_channel');
    expect(board.text).toMatch(/^Leaderboard · this week\n1\. /);
    const actions = board.blocks.find((b) => b.type === 'actions');
    expect(actions?.elements?.map((e) => [e.action_id, e.text.text])).toEqual([
      ['leaderboard:period:month', 'this month'],
      ['leaderboard:period:all', 'all time'],
    ]);

    await press('leaderboard:period:month', { user: 'U2', messageTs: '1700000000.000009' });
    const shown = await fake.waitFor(() => fake.callsOf('chat.postEphemeral')[0]);
    expect(shown.args).toMatchObject({ channel: CHANNEL, user: 'U2' });
    expect(String(shown.args.text)).toMatch(/^Leaderboard · this month\n1\. /);
  });
});

describe('buttons in the console', () => {
  it('are lines to type: the command that does the same, or /press with the id', async () => {
    const world = await practiceWorld();
    const out = (
      await consoleSession(world, [
        '/ask',
        'my answer',
        '/leaderboard',
        '/press leaderboard:period:all',
        '/press',
        '/press gone:away',
      ])
    ).output();
    expect(out).toContain('Leaderboard · this week\n1. me');
    expect(out).toContain('[this month] → /leaderboard month\n[all time] → /leaderboard all');
    expect(out).toContain('Leaderboard · all time\n1. me');
    expect(out).toContain('Usage: /press <button>');
    expect(out).toContain('This button no longer does anything here');
  });
});

describe('forms in the console', () => {
  it('take a | b | c on one line, or one field a line; /cancel sends nothing', async () => {
    const world = await practiceWorld();
    const channel = await ensureChannel(world.deps, CONSOLE_ADDRESS);
    await updateChannel(world.deps, channel.id, { answers: 'hidden' });
    const posted = await dropQuestion(world.deps, CONSOLE_ADDRESS);
    if (posted.kind !== 'posted') throw new Error('not posted');
    // The hidden-answer form with a second field, as a command with two fields would ask.
    const form: Form = {
      id: `answer:hidden:${posted.drop.id}`,
      title: 'Two fields',
      submit: 'Save',
      fields: [
        { id: 'text', label: 'Answer' },
        { id: 'note', label: 'Note' },
      ],
    };
    const ctx = {
      deps: world.deps,
      address: CONSOLE_ADDRESS,
      threadRef: null,
      member: { id: 'u1', name: 'Ana', canManage: false },
      locale: 'en' as const,
    };
    const oneLine = new ConsoleForm(form, ctx);
    expect(oneLine.intro('en')).toBe(
      'Two fields: answer each field on its own line, or all of them on one line as a | b | c. /cancel stops; another command leaves it unsent.\nAnswer:',
    );
    expect(await oneLine.take('EC2 | a note')).toEqual({
      reply: expect.objectContaining({
        blocks: [expect.objectContaining({ text: expect.stringMatching(/^Your answer is saved/) })],
      }),
    });
    const byLine = new ConsoleForm(form, ctx);
    expect(await byLine.take('S3, better')).toEqual({ prompt: 'Note:' });
    expect(await byLine.take('a | second note')).toEqual({
      reply: expect.objectContaining({
        blocks: [
          expect.objectContaining({ text: expect.stringMatching(/^Your answer is replaced/) }),
        ],
      }),
    });
    const [row] = await world.db.select().from(world.t.replies);
    expect(row?.text).toBe('S3, better');

    const out = (
      await consoleSession(world, ['/as Min', `/press answer:write:${posted.drop.id}`, '/cancel'])
    ).output();
    expect(out).toContain('The form was cancelled; nothing was sent.');
    expect(await world.db.select().from(world.t.replies)).toHaveLength(1);
  });
});
