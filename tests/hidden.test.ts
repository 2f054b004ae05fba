import { describe, expect, it } from 'vitest';
import { CONSOLE_ADDRESS } from '../src/chat/console/console.ts';
import { ensureChannel, updateChannel } from '../src/core/channels.ts';
import type { PracticeDeps } from '../src/core/deps.ts';
import { UserError } from '../src/core/errors.ts';
import type { ChannelAddress } from '../src/core/port.ts';
import { loadHistory } from '../src/history/export.ts';
import { dropQuestion } from '../src/practice/drops.ts';
import { saveHiddenAnswer } from '../src/practice/hidden.ts';
import { recordReply } from '../src/practice/replies.ts';
import { revealAnswer } from '../src/practice/reveal.ts';
import { recordReaction } from '../src/practice/votes.ts';
import { CHANNEL_ID, GUILD_ID } from './fakes/discord.ts';
import { click, command, react, setup, submit } from './fakes/discord-harness.ts';
import { CHANNEL, TEAM_ID } from './fakes/slack.ts';
import { httpSetup, reaction } from './fakes/slack-harness.ts';
import { consoleSession, practiceWorld, STORES, type StoreKind } from './helpers.ts';

/** Until /settings lands, the setting is written through the domain, as /settings will. */
async function hideAnswers(deps: PracticeDeps, address: ChannelAddress): Promise<void> {
  const channel = await ensureChannel(deps, address);
  await updateChannel(deps, channel.id, { answers: 'hidden' });
}

const refusal = async (work: Promise<unknown>) => {
  try {
    await work;
  } catch (err) {
    if (err instanceof UserError) return err.key;
    throw err;
  }
  return null;
};

describe.each(STORES)('hidden answers on %s', (store: StoreKind) => {
  it('are stored unseen, changeable until the reveal, posted then before the model answer, and voted', async () => {
    const world = await practiceWorld(undefined, { store });
    const { deps, port, db, t } = world;
    await hideAnswers(deps, CONSOLE_ADDRESS);
    const posted = await dropQuestion(deps, CONSOLE_ADDRESS);
    if (posted.kind !== 'posted') throw new Error('not posted');
    const drop = posted.drop;
    // The console types its answer: no button there, a footer that says so.
    const [dropRecord] = port.of('drop');
    expect(dropRecord?.message?.buttons).toBeUndefined();
    expect(dropRecord?.message?.footer).toMatch(/^Type your answer: it stays hidden/);

    const save = (member: string, name: string, text: string) =>
      saveHiddenAnswer(deps, {
        address: CONSOLE_ADDRESS,
        dropId: drop.id,
        member,
        memberName: name,
        text,
      });
    expect(await save('u1', 'Ana', 'first thought')).toEqual({ replaced: false });
    expect(await save('u2', 'Min', '두 번째 답변')).toEqual({ replaced: false });
    expect(await save('u1', 'Ana', 'better, final')).toEqual({ replaced: true });
    expect(await refusal(save('u3', 'Jo', '   '))).toBe('hidden.empty');
    // Nothing is shown before the reveal.
    expect(port.of('thread')).toHaveLength(0);
    const stored = await db.select().from(t.replies).orderBy(t.replies.id);
    expect(stored.map((r) => [r.member, r.text, r.counted])).toEqual([
      ['u1', 'better, final', true],
      ['u2', '두 번째 답변', true],
    ]);

    // The history export (and the dashboard's pages built on it) shows none of them yet.
    const answersIn = async () =>
      (await loadHistory(deps.store)).flatMap((d) => d.answers.map((a) => a.text));
    expect(await answersIn()).toEqual([]);
    expect((await loadHistory(deps.store, { top: 10 })).flatMap((d) => d.answers)).toEqual([]);

    const revealed = await revealAnswer(deps, CONSOLE_ADDRESS);
    expect(revealed.kind).toBe('revealed');
    expect(await answersIn()).toEqual(['better, final', '두 번째 답변']);
    const thread = port.of('thread');
    expect(thread.map((r) => r.message?.title).slice(0, 3)).toEqual([
      'Answer #1 · Ana',
      'Answer #2 · Min',
      expect.stringMatching(/^Model answer · /), // the console's reveal names its question
    ]);
    expect(thread.map((r) => r.message?.body).slice(0, 2)).toEqual([
      'better, final',
      '두 번째 답변',
    ]);
    // Each answer is now its posted message: votes on it count, a self-vote does not.
    const after = await db.select().from(t.replies).orderBy(t.replies.id);
    expect(after.map((r) => r.messageRef)).toEqual([thread[0]?.ref, thread[1]?.ref]);
    const vote = (member: string, ref: string) =>
      recordReaction(deps, {
        address: CONSOLE_ADDRESS,
        messageRef: ref,
        member,
        isBot: false,
        emoji: '👍',
        added: true,
      });
    expect(await vote('u2', thread[0]?.ref as string)).toMatchObject({
      kind: 'vote',
      counted: true,
    });
    expect((await vote('u1', thread[0]?.ref as string)).kind).toBe('self');
    expect(await db.select().from(t.votes)).toHaveLength(1);

    // After the reveal: no more hidden answers, and the reveal is not posted twice.
    expect(await refusal(save('u3', 'Jo', 'too late'))).toBe('hidden.closed');
    expect((await revealAnswer(deps, CONSOLE_ADDRESS)).kind).toBe('already');
    expect(port.of('thread')).toHaveLength(thread.length);
    expect(await db.select().from(t.replies)).toHaveLength(2);
  });

  it('a reveal that fails part-way posts each hidden answer once when it is tried again', async () => {
    const world = await practiceWorld(undefined, { store });
    const { deps, port } = world;
    await hideAnswers(deps, CONSOLE_ADDRESS);
    const posted = await dropQuestion(deps, CONSOLE_ADDRESS);
    if (posted.kind !== 'posted') throw new Error('not posted');
    for (const [member, text] of [
      ['u1', 'one'],
      ['u2', 'two'],
    ] as const)
      await saveHiddenAnswer(deps, {
        address: CONSOLE_ADDRESS,
        dropId: posted.drop.id,
        member,
        memberName: member,
        text,
      });
    // The platform refuses after the first answer is out.
    const post = port.postInThread.bind(port);
    let calls = 0;
    port.postInThread = async (...args) => {
      if (++calls === 2) throw new Error('platform down');
      return post(...args);
    };
    await expect(revealAnswer(deps, CONSOLE_ADDRESS)).rejects.toThrow('platform down');
    expect((await revealAnswer(deps, CONSOLE_ADDRESS)).kind).toBe('revealed');
    expect(
      port
        .of('thread')
        .map((r) => r.message?.title)
        .slice(0, 3),
    ).toEqual(['Answer #1 · u1', 'Answer #2 · u2', expect.stringMatching(/^Model answer · /)]);
  });

  it('are refused where answers are open, and a member who answered in the thread keeps that answer', async () => {
    const world = await practiceWorld(undefined, { store });
    const { deps, db, t } = world;
    const open = await dropQuestion(deps, CONSOLE_ADDRESS);
    if (open.kind !== 'posted') throw new Error('not posted');
    const save = (text: string) =>
      saveHiddenAnswer(deps, {
        address: CONSOLE_ADDRESS,
        dropId: open.drop.id,
        member: 'u1',
        memberName: 'Ana',
        text,
      });
    expect(await refusal(save('hidden?'))).toBe('hidden.notHidden');
    await recordReply(deps, {
      address: CONSOLE_ADDRESS,
      threadRef: open.drop.threadRef as string,
      messageRef: 'm-public',
      member: 'u1',
      memberName: 'Ana',
      isBot: false,
      text: 'said in the thread',
    });
    await hideAnswers(deps, CONSOLE_ADDRESS);
    expect(await save('and privately')).toEqual({ replaced: false });
    const rows = await db.select().from(t.replies).orderBy(t.replies.id);
    expect(rows.map((r) => [r.text, r.counted])).toEqual([
      ['said in the thread', true],
      ['and privately', false],
    ]);
  });
});

describe('hidden answers in the console', () => {
  it('a thread message before the reveal is talk, and a vote waits for the reveal', async () => {
    const world = await practiceWorld();
    const { deps, db, t } = world;
    await hideAnswers(deps, CONSOLE_ADDRESS);
    const posted = await dropQuestion(deps, CONSOLE_ADDRESS);
    if (posted.kind !== 'posted') throw new Error('not posted');
    // Typed in the thread (as on Discord or Slack) instead of through the Answer button.
    const talk = await recordReply(deps, {
      address: CONSOLE_ADDRESS,
      threadRef: posted.drop.threadRef as string,
      messageRef: 'm-in-thread',
      member: 'console:민수',
      memberName: '민수',
      isBot: false,
      text: 'said in the thread',
    });
    expect(talk?.counted).toBe(false);
    const out = (
      await consoleSession(world, [
        '/as 민수',
        'my hidden answer',
        '/as me',
        '/vote 1',
        '/answer',
        '/vote 1',
      ])
    ).output();
    const [before, after] = out.split(/── Model answer · [^\n]*──/) as [string, string];
    expect(before).toContain('Answers are hidden until the reveal; votes count from then on.');
    expect(after).toContain('Vote counted for answer #1.');
    const rows = await db.select().from(t.replies).orderBy(t.replies.id);
    expect(rows.map((r) => [r.text, r.counted])).toEqual([
      ['said in the thread', false],
      ['my hidden answer', true],
    ]);
    expect(await db.select().from(t.votes)).toHaveLength(1);
  });

  it('a typed line is stored and not shown; the reveal shows every answer, then votes count', async () => {
    const world = await practiceWorld();
    await hideAnswers(world.deps, CONSOLE_ADDRESS);
    const out = (
      await consoleSession(world, [
        '/ask',
        'my secret first try',
        'my final answer',
        '/as 민수',
        '/press answer:write:1',
        '민수의 답 | with a bar',
        '/answer',
        '/vote 1',
        'a line after the reveal',
      ])
    ).output();
    const [before, after] = out.split(/── Model answer · [^\n]*──/) as [string, string];
    expect(before).toContain(
      '(answer saved and hidden until the reveal; another line replaces it)',
    );
    expect(before).toContain('(answer replaced; the latest line is what the reveal shows)');
    // The Answer button's form, asked in the console: one field, the whole line is its value.
    expect(before).toContain('Your answer: answer each field on its own line');
    expect(before).toContain('Your answer is saved and hidden');
    const reveal = before.slice(before.indexOf('── Answer #1'));
    expect(reveal).toContain('── Answer #1 · me ──\n  │ my final answer');
    expect(reveal).toContain('── Answer #2 · 민수 ──\n  │ 민수의 답 | with a bar');
    expect(before.split('my secret first try')).toHaveLength(1);
    expect(after).toContain('Vote counted for answer #1.');
    expect(after).toContain('  │ 민수: a line after the reveal');
    expect(await world.db.select().from(world.t.votes)).toHaveLength(1);
  });
});

describe('hidden answers on Discord', () => {
  it('the drop’s Answer button opens a modal; submits are private; the reveal posts them, unpinging', async () => {
    const { fake, world } = await setup();
    await hideAnswers(world.deps, {
      platform: 'discord',
      workspace: GUILD_ID,
      channel: CHANNEL_ID,
    });
    await command(fake, 'ask').answer();
    const [drop] = fake.messages.values();
    const row = (await world.db.select().from(world.t.drops))[0];
    const id = `answer:write:${row?.id}`;
    expect(drop?.components).toMatchObject([
      { type: 1, components: [{ type: 2, custom_id: id, label: 'Answer', style: 1 }] },
    ]);

    const opened = await click(fake, drop?.id as string, id, {
      userId: '601',
      name: 'Mina',
    }).answer();
    expect(opened).toMatchObject({
      modal: {
        custom_id: `answer:hidden:${row?.id}`,
        title: 'Your answer',
        components: [
          {
            type: 18,
            label: 'Shown to everyone at the reveal',
            component: { type: 4, custom_id: 'text' },
          },
        ],
      },
    });
    const form = `answer:hidden:${row?.id}`;
    const saved = await submit(
      fake,
      form,
      { text: 'first **try**' },
      { userId: '601', name: 'Mina' },
    ).answer();
    expect(saved).toMatchObject({
      content: expect.stringMatching(/^Your answer is saved and hidden/),
      ephemeral: true,
    });
    // Changing it: the modal comes back filled with the last text.
    const again = await click(fake, drop?.id as string, id, {
      userId: '601',
      name: 'Mina',
    }).answer();
    expect(again).toMatchObject({
      modal: { components: [{ component: { value: 'first **try**' } }] },
    });
    await submit(
      fake,
      form,
      { text: 'EC2 **fast** @everyone <@602>' },
      { userId: '601', name: 'Mina' },
    ).answer();
    await submit(fake, form, { text: 'Lambda' }, { userId: '602', name: '@here' }).answer();
    const thread = fake.threads[0] as { id: string };
    expect(fake.requestsTo('POST', new RegExp(`^/channels/${thread.id}/messages$`))).toHaveLength(
      0,
    );

    expect(await command(fake, 'answer', {}, { channelId: thread.id }).answer()).toBe(
      'The model answer is in the thread.',
    );
    const posts = fake.requestsTo('POST', new RegExp(`^/channels/${thread.id}/messages$`));
    const embeds = posts.map(
      (p) => (p.body as { embeds: { title: string; description: string }[] }).embeds[0],
    );
    expect(embeds.map((e) => e?.title).slice(0, 3)).toEqual([
      'Answer #1 · Mina',
      'Answer #2 · @here',
      'Model answer',
    ]);
    // Member text is data: Markdown shown as typed, mentions defused (and nothing may ping).
    expect(embeds[0]?.description).toBe('EC2 \\*\\*fast\\*\\* @\u200beveryone <\u200b@602>');
    for (const p of posts)
      expect((p.body as { allowed_mentions: unknown }).allowed_mentions).toEqual({ parse: [] });

    // Votes start now: 602 votes for Mina's posted answer.
    const minaMessage = [...fake.messages.values()].find((m) => m.channel_id === thread.id)
      ?.id as string;
    react(fake, thread.id, minaMessage, '602', '👍');
    await fake.waitFor(async () => (await world.db.select().from(world.t.votes)).length === 1);
    const late = await submit(fake, form, { text: 'too late' }, { userId: '603' }).answer();
    expect(late).toMatchObject({
      content: 'The model answer is already revealed: this question takes no more answers.',
    });
  });
});

describe('hidden answers on Slack', () => {
  it('the Answer button opens a modal by views.open; view_submission stores it; the reveal posts it escaped', async () => {
    const { fake, world, slash, click: press, submit: send, event } = await httpSetup();
    await hideAnswers(world.deps, { platform: 'slack', workspace: TEAM_ID, channel: CHANNEL });
    await slash('/ask');
    const [post] = fake.callsOf('chat.postMessage');
    const row = (await world.db.select().from(world.t.drops))[0];
    const actions = (
      (post?.args.blocks ?? []) as { type: string; elements?: { action_id: string }[] }[]
    ).find((b) => b.type === 'actions');
    expect(actions?.elements?.map((e) => e.action_id)).toEqual([`answer:write:${row?.id}`]);

    await press(`answer:write:${row?.id}`, { user: 'U1', messageTs: row?.messageRef as string });
    const view = await fake.waitFor(() => fake.views[0]);
    expect(fake.callsOf('views.open')[0]?.args.trigger_id).toBe(
      `trigger-answer:write:${row?.id}-U1`,
    );
    expect(view).toMatchObject({
      callback_id: `answer:hidden:${row?.id}`,
      title: { text: 'Your answer' },
    });
    expect(JSON.parse(view.private_metadata)).toEqual({ channel: CHANNEL, thread: null });

    await send({ text: 'mine: <@U2> & <!channel>' }, { user: 'U1' });
    const ack = await fake.waitFor(() => fake.callsOf('chat.postEphemeral')[0]);
    expect(ack.args).toMatchObject({ channel: CHANNEL, user: 'U1' });
    expect(String(ack.args.text)).toMatch(/^Your answer is saved and hidden/);
    await send({ text: 'U2 says hi' }, { user: 'U2' });
    await fake.waitFor(() => fake.callsOf('chat.postEphemeral').length === 2);
    expect(fake.callsOf('chat.postMessage')).toHaveLength(1);

    await slash('/answer');
    const [, first, second, model] = fake.callsOf('chat.postMessage');
    expect(first?.args.thread_ts).toBe(row?.threadRef);
    const texts = [first, second].map((c) =>
      ((c?.args.blocks ?? []) as { type: string; text: { text: string } }[]).map(
        (b) => b.text.text,
      ),
    );
    // The name is Slack's display name once users.info has told it, the user name before.
    expect(texts[0]?.[0]).toMatch(/^Answer #1 · (member|name)-U1$/);
    expect(texts[0]?.[1]).toBe('mine: &lt;@U2&gt; &amp; &lt;!channel&gt;');
    expect(texts[1]?.[0]).toMatch(/^Answer #2 · (member|name)-U2$/);
    expect(((model?.args.blocks ?? []) as { text: { text: string } }[])[0]?.text.text).toBe(
      'Model answer',
    );

    // Votes start now: U2 votes for U1's posted answer.
    const answers = await world.db.select().from(world.t.replies).orderBy(world.t.replies.id);
    await event(reaction(true, 'U2', answers[0]?.messageRef as string, '+1'));
    await fake.waitFor(async () => (await world.db.select().from(world.t.votes)).length === 1);
  });
});
