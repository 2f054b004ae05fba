import { describe, expect, it } from 'vitest';
import { commands, parseTextOptions, runCommand } from '../commands/index.ts';
import type { CommandContext } from '../commands/types.ts';
import { CONSOLE_ADDRESS } from '../src/chat/console/console.ts';
import { replyText } from './fakes/reply-text.ts';
import { practiceWorld } from './helpers.ts';

/** Bad input for each command, as typed after the command name on Slack or the console. */
const BAD: Record<string, string[]> = {
  ask: ['x'.repeat(300), 'zzz-no-such-topic'],
  answer: ['now'],
  grade: ['', 'great', 'ok extra'],
  leaderboard: ['year', 'week extra'],
  topics: ['everything'],
  help: ['me please'],
  mock: ['minutes:99', 'minutes:0'],
  schedule: [
    'bogus',
    'set',
    'set cron:"0 9 * *"',
    'set cron:"0 9 31 2 *"',
    'set cron:"0 9 30 2,4 *"',
    'set cron:"0 25 * * *"',
    'set cron:"61 9 * * *"',
    'set cron:"0 9 * 13 *"',
    'set cron:"0 9 * * 9"',
    'set cron:"0 9 L * *"',
    'set cron:"0 9 * * 5#2"',
    'set cron:"* * * * *"',
    'set cron:"0 9 * * *" timezone:KST',
    'set cron:"0 9 * * *" timezone:+09:00',
    'set cron:"0 9 * * *" timezone:Mars/Olympus',
    'set cron:"0 9 * * *" reveal:later',
    'set cron:"0 9 * * *" reveal:+999h',
    `set cron:"0 9 * * *" mention:${'m'.repeat(120)}`,
    'set cron:"0 9 * * *" timezone:Asia/Seoul reveal:+8h mention:@study extra words',
  ],
};

/**
 * What is left of a reply once the words a member types are taken out: command names, option
 * names and choices, the usage line's tokens, zone names and the member's own input (quoted).
 */
function libraryWords(text: string): string[] {
  const typed = new Set(['drill', 'cron', 'n']);
  for (const c of commands) {
    typed.add(c.name);
    for (const o of c.options) {
      // Option names are not in the list: a Korean reply names them in Korean (issue 29).
      // A hyphenated choice (`coach-model`) is typed as it is: its parts are not prose.
      for (const choice of o.choices ?? []) for (const part of choice.split('-')) typed.add(part);
    }
  }
  const left = text
    .replace(/“[^”]*”/g, ' ') // the member's own input, echoed
    .replace(/\b[a-z]+:(?=\S)/g, ' ') // an example of what to type: timezone:Asia/Seoul
    .replace(/[A-Za-z_]+\/[A-Za-z_/]+/g, ' ') // zone names: Asia/Seoul
    .replace(/\/[a-z]+/g, ' '); // /ask
  return (left.match(/[A-Za-z]{3,}/g) ?? []).filter((w) => !typed.has(w.toLowerCase()));
}

describe('every command’s bad input, in Korean', () => {
  it('comes from the catalogue: no English from zod, node-cron or Intl', async () => {
    const world = await practiceWorld(undefined, { locale: 'ko' });
    const ctx = (canManage: boolean): CommandContext => ({
      deps: world.deps,
      address: CONSOLE_ADDRESS,
      threadRef: null,
      member: { id: 'u1', name: '민지', canManage },
      locale: 'ko',
    });
    const seen: string[] = [];
    for (const command of commands) {
      // Every command is covered, including ones added later: a stray word is always bad input.
      const inputs = [...(BAD[command.name] ?? []), 'a b c d e f g h i j k l m n o p q'];
      for (const input of inputs) {
        for (const canManage of [true, false]) {
          const raw = parseTextOptions(command, input);
          const reply = await runCommand(command.name.toUpperCase(), raw, ctx(canManage));
          seen.push(replyText(reply));
          expect(
            libraryWords(replyText(reply)),
            `/${command.name} ${input}\n${replyText(reply)}`,
          ).toEqual([]);
          expect(replyText(reply)).toMatch(/[가-힣]/);
        }
      }
    }
    for (const name of ['nope', 'asc']) {
      const reply = await runCommand(name, {}, ctx(true));
      expect(libraryWords(replyText(reply))).toEqual([]);
    }
    const all = seen.join('\n');
    // The cases the issue names, word for word.
    expect(all).toContain('cron “0 9 31 2 *”: 2월에는 31일이 없습니다');
    expect(all).toContain('cron “0 9 * *”은(는) 필드가 4개입니다');
    expect(all).toContain(
      'cron “0 25 * * *”: 시 필드의 “25”은(는) 쓸 수 없습니다. 0–23 사이로 쓰세요',
    );
    expect(all).toContain(
      '사용법: /leaderboard [week|month|all]\n“extra”은(는) 이 명령어가 받는 값이 아닙니다',
    );
    expect(all).toContain('기간: “year”은(는) 쓸 수 없습니다. week, month, all 중에서 고르세요');
    expect(all).toContain('사용법: /grade <ok|partly|missed>\n채점 값이 빠졌습니다');
    expect(all).toContain('주제: 최대 200자까지 쓸 수 있는데 300자입니다');
    expect(all).toContain('시간: 60 이하로 쓰세요 (“99”)');
    expect(all).toContain('시간: 1 이상으로 쓰세요 (“0”)');
    expect(all).toContain('1분 간격으로 질문을 올리게 됩니다');
    expect(all).toContain('채널을 관리할 수 있는 사람만 일정을 바꿀 수 있습니다.');
    expect(world.port.records).toHaveLength(0);
  });

  it('says the same in English, with plurals', async () => {
    const world = await practiceWorld(undefined, { locale: 'en' });
    const ctx: CommandContext = {
      deps: world.deps,
      address: CONSOLE_ADDRESS,
      threadRef: null,
      member: { id: 'u1', name: 'Ana', canManage: true },
      locale: 'en',
    };
    const scheduleCommand = commands.find((c) => c.name === 'schedule');
    if (!scheduleCommand) throw new Error('no /schedule');
    const schedule = async (text: string) =>
      replyText(await runCommand('schedule', parseTextOptions(scheduleCommand, text), ctx));
    expect(await schedule('set cron:"0 9 31 2 *"')).toBe(
      'The schedule was not changed: cron “0 9 31 2 *”: February has no 31st',
    );
    expect(await schedule('set cron:"0 9 30,31 2 *"')).toBe(
      'The schedule was not changed: cron “0 9 30,31 2 *”: February has no 30th',
    );
    expect(await schedule('set cron:"0 9 *"')).toMatch(/cron “0 9 \*” has 3 fields; write 5/);
    expect(await schedule('set cron:"0 9 * 1 * *"')).toMatch(/has 6 fields/);
    expect(await schedule('set cron:"0 9 * * 8"')).toContain(
      'the day-of-week field “8” is not valid; it takes 0–7 (0 and 7 are Sunday)',
    );
    const extra = await runCommand('leaderboard', { period: 'week', _extra1: 'extra' }, ctx);
    expect(replyText(extra)).toBe(
      'Usage: /leaderboard [week|month|all]\n“extra” is not an option of this command',
    );
  });
});
