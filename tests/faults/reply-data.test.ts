/**
 * A command's reply is structure (commands/types.ts): catalogue lines whose data (a member's
 * name here) each port shows as written. A name full of markup and mentions changes nothing
 * around it and pings nobody, through the real discord.js and Bolt clients and the console.
 */
import { describe, expect, it } from 'vitest';
import { CONSOLE_ADDRESS } from '../../src/chat/console/console.ts';
import type { ChannelAddress } from '../../src/core/port.ts';
import { dropQuestion } from '../../src/practice/drops.ts';
import { recordReply } from '../../src/practice/replies.ts';
import { CHANNEL_ID, GUILD_ID } from '../fakes/discord.ts';
import { command, setup } from '../fakes/discord-harness.ts';
import { CHANNEL, TEAM_ID } from '../fakes/slack.ts';
import { httpSetup } from '../fakes/slack-harness.ts';
import { consoleSession, practiceWorld, type World } from '../helpers.ts';

const NAME = '**Bo** `x` <@123> @everyone <!here> &<> ||s|| 보라';

/** A drop in the channel answered by a member called NAME. */
async function answeredByHostile(world: World, address: ChannelAddress) {
  const posted = await dropQuestion(world.deps, address);
  if (posted.kind !== 'posted') throw new Error('not posted');
  await recordReply(world.deps, {
    address,
    threadRef: posted.drop.threadRef as string,
    messageRef: '1700000001.000100',
    member: 'U6',
    memberName: NAME,
    isBot: false,
    text: 'my answer',
  });
}

describe('data in a command reply is shown as written', () => {
  it('on Discord: Markdown and mentions in a name escaped, the line around it intact, no pings', async () => {
    const { fake, world } = await setup();
    await answeredByHostile(world, {
      platform: 'discord',
      workspace: GUILD_ID,
      channel: CHANNEL_ID,
    });
    const board = await command(fake, 'leaderboard', { period: 'all' }).answer();
    expect(board.split('\n')).toEqual([
      'Leaderboard · all time',
      '1. \\*\\*Bo\\*\\* \\`x\\` <\u200b@123> @\u200beveryone <\u200b!here> &<> \\|\\|s\\|\\| 보라 · 1 answer · 0 👍 · 1 in a row',
    ]);
    const sent = fake.requests.filter((r) =>
      String((r.body as { content?: string } | null)?.content ?? '').includes('Leaderboard'),
    );
    expect(sent.length).toBeGreaterThan(0);
    for (const r of sent)
      expect((r.body as { allowed_mentions?: unknown }).allowed_mentions).toEqual({ parse: [] });
  });

  it('on Slack: `&`, `<`, `>` in a name escaped, the catalogue’s command names as Slack types them', async () => {
    const { slash, world } = await httpSetup();
    await answeredByHostile(world, { platform: 'slack', workspace: TEAM_ID, channel: CHANNEL });
    const board = await slash('/leaderboard', 'all', 'U1');
    expect(board.text.split('\n')).toEqual([
      'Leaderboard · all time',
      '1. **Bo** `x` &lt;@123&gt; @everyone &lt;!here&gt; &amp;&lt;&gt; ||s|| 보라 · 1 answer · 0 👍 · 1 in a row',
    ]);
    // What a member typed is data, escaped; the list of commands is the bot's: /drill on Slack.
    const unknown = await slash('/drill', '/ask&<b>', 'U1');
    expect(unknown.text).toMatch(/^Unknown command “ask&amp;&lt;b&gt;”\. Commands: \/drill ask, /);
  });

  it('in the console: the name as written', async () => {
    const world = await practiceWorld();
    await answeredByHostile(world, CONSOLE_ADDRESS);
    const session = await consoleSession(world, ['/leaderboard all']);
    expect(session.output()).toContain(`1. ${NAME} · 1 answer · 0 👍 · 1 in a row`);
  });
});
