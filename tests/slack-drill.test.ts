import { describe, expect, it } from 'vitest';
import { commands } from '../commands/index.ts';
import { splitSubcommand } from '../src/chat/slack/commands.ts';
import { slackCommandNames } from '../src/chat/slack/text.ts';
import { httpSetup } from './fakes/slack-harness.ts';

describe('Slack: one /drill command with subcommands', () => {
  it('routes every command of the list, in any case; /drill alone is help', async () => {
    const { fake, world, slash } = await httpSetup(undefined, { locale: 'ko' });
    const help = await slash('/drill', '');
    expect(help.response_type).toBe('ephemeral');
    const lines = help.text.split('\n');
    expect(lines[0]).toBe('Drill 명령어:');
    for (const c of commands)
      expect(help.text).toMatch(new RegExp(`^/drill ${c.name}\\b.* · [^\\n]*[가-힣]`, 'm'));
    expect(help.text).not.toContain('/vote');
    expect((await slash('/drill', 'Help')).text).toBe(help.text);

    const asked = await slash('/drill', 'ASK 지원');
    expect(asked.text).toBe('“지원동기” 주제의 질문을 올렸습니다.');
    expect(fake.callsOf('chat.postMessage')).toHaveLength(1);
    // The drop's footer names Slack's command.
    const footer = JSON.stringify(fake.callsOf('chat.postMessage')[0]?.args.blocks);
    expect(footer).toContain('/drill answer로 모범 답안을 공개합니다.');

    const topics = await slash('/drill', 'topics');
    expect(topics.text).toMatch(/^\/drill ask &lt;주제&gt;로 고를 수 있는 주제/);
    const bad = await slash('/drill', 'leaderboard week extra');
    expect(bad.text).toBe(
      '사용법: /drill leaderboard [week|month|all]\n“extra”은(는) 이 명령어가 받는 값이 아닙니다',
    );
    const unknown = await slash('/drill', 'nope');
    expect(unknown.text).toMatch(
      /^알 수 없는 명령어 “nope”\. 명령어: \/drill ask, \/drill answer, /,
    );
    const cron = await slash('/drill', 'schedule set cron:"0 9 31 2 *"', 'U7');
    expect(cron.text).toBe('채널을 관리할 수 있는 사람만 일정을 바꿀 수 있습니다.');
    fake.admins.add('U7');
    const refused = await slash('/drill', 'schedule set cron:"0 9 31 2 *"', 'U7');
    expect(refused.text).toBe(
      '일정을 바꾸지 않았습니다: cron “0 9 31 2 *”: 2월에는 31일이 없습니다',
    );
    // users.info is asked only for commands that check who manages.
    expect(fake.callsOf('users.info').filter((c) => c.args.user === 'U1')).toHaveLength(0);
    expect(await world.db.select().from(world.t.drops)).toHaveLength(1);
  });

  it('writes command names the Slack way and splits the subcommand off', () => {
    expect(slackCommandNames('No question is open. /ask posts one; /schedule resume too.')).toBe(
      'No question is open. /drill ask posts one; /drill schedule resume too.',
    );
    expect(slackCommandNames('/invite @Drill, /vote 2, /asking, https://x.example/ask')).toBe(
      '/invite @Drill, /vote 2, /asking, https://x.example/ask',
    );
    expect(splitSubcommand('  Schedule set cron:"0 9 * * *"')).toEqual({
      name: 'Schedule',
      rest: 'set cron:"0 9 * * *"',
    });
    expect(splitSubcommand('')).toEqual({ name: 'help', rest: '' });
  });
});
