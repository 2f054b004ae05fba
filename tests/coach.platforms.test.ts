import { describe, expect, it } from 'vitest';
import { CHANNEL_ID } from './fakes/discord.ts';
import { click, command, type Seen, setup, threadMessage } from './fakes/discord-harness.ts';
import { httpSetup, threadReply } from './fakes/slack-harness.ts';

/** One question of two parts: the coach can say which part an answer misses. */
const BANK = {
  web: '# Web\n\t1. What happens when you type a URL?\n\t\t- DNS resolves the host name to an IP address\n\t\t- the browser opens a TCP connection\n\t\t- the browser parses the HTML\n',
};
const ANSWER = 'DNS turns the host name into an IP address, then a TCP connection opens';

describe('the answer coach on Discord (real discord.js against the fake)', () => {
  it('/feedback in the thread before the reveal: counts only, ephemeral; the reveal’s button quotes what was missed', async () => {
    const { fake, world } = await setup(BANK, { locale: 'en' });
    await command(fake, 'ask').answer();
    const thread = await fake.waitFor(() => fake.threads[0] as { id: string } | undefined);
    threadMessage(fake, thread.id, '500', ANSWER);
    await fake.waitFor(async () => (await world.db.select().from(world.t.replies)).length === 1);

    const early = await command(fake, 'feedback', {}, { channelId: thread.id }).answer();
    expect(early).toContain('Your answer covers 2 of 3 key points of the notes.');
    expect(early).not.toContain('parses the HTML');
    const callback = fake.requestsTo('POST', /^\/interactions\/.+\/callback$/).at(-1);
    expect(JSON.stringify(callback?.body)).toContain('"flags":64');

    await command(fake, 'answer', {}, { channelId: thread.id }).answer();
    const [drop] = await world.db.select().from(world.t.drops);
    const id = `feedback:drop:${drop?.id}`;
    const reveal = await fake.waitFor(() =>
      [...fake.messages.values()].find((m) => JSON.stringify(m.components ?? []).includes(id)),
    );
    const mine = (await click(fake, reveal.id, id).answer()) as Seen;
    expect(mine.ephemeral).toBe(true);
    expect(mine.content).toContain('✗ “the browser parses the HTML”');
    expect(mine.content).toContain('✓ “the browser opens a TCP connection”');
    // Someone who did not answer is told so, privately too.
    const other = (await click(fake, reveal.id, id, {
      userId: '501',
      name: 'Ben',
    }).answer()) as Seen;
    expect(other).toMatchObject({ ephemeral: true });
    expect(other.content).toContain('You have not answered');
    // Nothing of it went to the channel.
    const posted = fake.requestsTo(
      'POST',
      new RegExp(`^/channels/(${CHANNEL_ID}|${thread.id})/messages$`),
    );
    expect(JSON.stringify(posted.map((p) => p.body))).not.toContain('Coach ·');
  });
});

describe('the answer coach on Slack (real Bolt against the fake)', () => {
  it('the reveal carries the button; a click answers with chat.postEphemeral to that member only', async () => {
    const { fake, world, slash, event, click: press } = await httpSetup(BANK, { locale: 'en' });
    await slash('/ask');
    const [drop] = await world.db.select().from(world.t.drops);
    const thread = drop?.threadRef as string;
    await event(threadReply(thread, '1700000001.000100', 'U1', ANSWER));
    await fake.waitFor(async () => (await world.db.select().from(world.t.replies)).length === 1);

    const early = await slash('/feedback');
    expect(early.response_type).toBe('ephemeral');
    expect(early.text).toContain('covers 2 of 3 key points');

    await slash('/answer');
    const id = `feedback:drop:${drop?.id}`;
    const reveal = await fake.waitFor(() =>
      fake
        .callsOf('chat.postMessage')
        .find((c) => JSON.stringify(c.args.blocks ?? []).includes(id)),
    );
    await press(id, { user: 'U1', messageTs: '1700000002.000001', threadTs: thread });
    const said = await fake.waitFor(() =>
      fake.callsOf('chat.postEphemeral').find((c) => String(c.args.text).includes('Coach ·')),
    );
    expect(said.args).toMatchObject({ user: 'U1' });
    expect(String(said.args.text)).toContain('the browser parses the HTML');
    expect(reveal.args.thread_ts).toBe(thread);
  });
});
