import { describe, expect, it } from 'vitest';
import { CHANNEL_ID, GUILD_ID } from './fakes/discord.ts';
import { answerTo, click, command, setup, submit } from './fakes/discord-harness.ts';
import { CHANNEL } from './fakes/slack.ts';
import { httpSetup } from './fakes/slack-harness.ts';

const TINY = { tiny: '# 네트워크\n\t1. TCP란?\n\t\t연결 지향 프로토콜입니다.\n' };
const PROMPT = 'HTTP와 HTTPS의 차이는?';

describe('/suggest on Discord', () => {
  it('opens a modal; a manager approves with a button; the proposer is pinged alone', async () => {
    const { fake, world } = await setup(TINY);
    const opened = command(fake, 'suggest', {}, { userId: '300000000000000001' });
    const modal = await answerTo(fake, opened);
    if (!('modal' in modal)) throw new Error('no modal');
    expect(modal.modal.custom_id).toBe('suggest:new');
    const sent = submit(
      fake,
      'suggest:new',
      { section: '보안', question: PROMPT, answer: 'TLS로 "암호화"합니다,\n인증서도.' },
      { userId: '300000000000000001', name: '민지' },
    );
    expect(await sent.answer()).toMatchObject({
      content:
        'Thanks! Suggestion #1 waits for a manager’s decision; you will be told the outcome here.',
      ephemeral: true,
    });

    const listed = command(fake, 'suggestions', {}, { admin: true });
    const seen = await answerTo(fake, listed);
    if ('modal' in seen) throw new Error('modal');
    expect(seen.content).toContain(`#1 · 보안 · ${PROMPT} (from 민지)`);
    expect(seen.buttons).toEqual(['suggestions:approve:1', 'suggestions:reject:1']);
    // A member who is not a manager cannot approve, even with the button.
    const denied = await click(fake, seen.messageId as string, 'suggestions:approve:1').answer();
    expect(denied).toMatchObject({
      content: 'Only people who can manage this channel can decide on suggestions.',
    });
    const approved = await click(fake, seen.messageId as string, 'suggestions:approve:1', {
      admin: true,
    }).answer();
    expect(approved).toMatchObject({ content: 'Suggestion #1 is now in the bank “suggested”.' });
    const told = await fake.waitFor(() =>
      fake.requests.find(
        (r) =>
          r.method === 'POST' &&
          r.path === `/channels/${CHANNEL_ID}/messages` &&
          String((r.body as { content?: string }).content).includes('was approved'),
      ),
    );
    expect(told.body).toMatchObject({
      content: `<@300000000000000001> Your suggestion #1 “${PROMPT}” was approved: it is now in this group’s bank.`,
      allowed_mentions: { parse: [], users: ['300000000000000001'] },
    });
    const [question] = (await world.db.select().from(world.t.questions)).filter(
      (q) => q.bank === 'suggested',
    );
    expect(question).toMatchObject({
      prompt: PROMPT,
      answer: 'TLS로 "암호화"합니다,\n인증서도.',
      owner: `discord:${GUILD_ID}`,
    });
  });
});

describe('/suggest on Slack', () => {
  it('opens views.open; view_submission stores it; block_actions rejects; the proposer sees it alone', async () => {
    const { fake, world, slash, submit: send, click: press } = await httpSetup(TINY);
    fake.admins.add('UBOSS');
    await slash('/suggest', '', 'U7', false);
    const view = await fake.waitFor(() => fake.views.at(-1));
    expect(view.callback_id).toBe('suggest:new');
    await send({ section: '보안', question: PROMPT, answer: '<!channel> TLS' }, { user: 'U7' });
    const saved = await fake.waitFor(() =>
      fake.callsOf('chat.postEphemeral').find((c) => String(c.args.text).includes('#1')),
    );
    expect(saved.args).toMatchObject({ channel: CHANNEL, user: 'U7' });

    const list = (await slash('/suggestions', '', 'UBOSS')) as unknown as {
      text: string;
      blocks: { type: string; elements?: { action_id: string }[] }[];
    };
    const actions = list.blocks.find((b) => b.type === 'actions');
    expect(actions?.elements?.map((e) => e.action_id)).toEqual([
      'suggestions:approve:1',
      'suggestions:reject:1',
    ]);
    await press('suggestions:reject:1', { user: 'UBOSS', messageTs: '1700000000.000001' });
    const told = await fake.waitFor(() =>
      fake.callsOf('chat.postEphemeral').find((c) => String(c.args.text).includes('not taken')),
    );
    expect(told.args).toMatchObject({
      channel: CHANNEL,
      user: 'U7',
      text: `Your suggestion #1 “${PROMPT}” was not taken.`,
    });
    const [row] = await world.db.select().from(world.t.suggestions);
    expect(row).toMatchObject({ status: 'rejected', decidedBy: 'UBOSS', answer: '<!channel> TLS' });
  });
});
