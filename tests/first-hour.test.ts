import { describe, expect, it } from 'vitest';
import { consoleSession, practiceWorld } from './helpers.ts';

/** Issue 29: what a new member meets in the first hour, through the console. */

const words = (word: string, n: number) => Array.from({ length: n }, () => word).join(' ');

describe('the first hour in the console', () => {
  it('a mock’s model answer is shown whole and labelled, the rest behind a button to press', async () => {
    const notes = [
      '# Web',
      '\t1. What happens when you open a page?',
      `\t\t${words('fetches', 400)}`,
      '',
    ];
    const world = await practiceWorld({ web: notes.join('\n') }, { locale: 'en' });
    const first = (await consoleSession(world, ['/mock Web', 'the browser asks DNS'])).output();
    expect(first).toContain('Your answer: the browser asks DNS\nModel answer:\nfetches fetches');
    expect(first).not.toMatch(/fetches fe…|fetch…/);
    const press = /\[Show the rest\] → (\/press mock:more:\S+)/.exec(first)?.[1];
    expect(press).toBeDefined();
    const rest = (await consoleSession(world, [press as string])).output();
    expect(rest).toContain('Model answer to question 1 of 1, continued');
    const shown = [first, rest]
      .map((o) => o.match(/\bfetches(?: fetches)*/g)?.join(' ') ?? '')
      .join(' ')
      .trim();
    expect(shown).toBe(words('fetches', 400));
  });

  it('a repeated /vote and a second /grade of the same reveal say what they did', async () => {
    const world = await practiceWorld(undefined, { locale: 'en' });
    const lines = ['/ask', 'mine', '/as bob', 'his', '/vote 1', '/vote 1', '/answer'];
    const grades = ['/grade missed', '/grade missed', '/grade ok'];
    const out = (await consoleSession(world, [...lines, ...grades])).output();
    expect(out).toContain('Vote counted for answer #1.\nYou already voted for answer #1');
    const [drop] = await world.db.select().from(world.t.drops);
    const prompt = (await world.db.select().from(world.t.questions)).find(
      (q) => q.id === drop?.questionId,
    )?.prompt;
    expect(out).toContain(`Self-check saved for “${prompt}”: ❌ missed.`);
    expect(out).toContain(`Already saved for “${prompt}”: ❌ missed. Nothing changed.`);
    expect(out).toContain(`Self-check for “${prompt}” changed from ❌ missed to ✅ got it.`);
    const votes = await world.db.select().from(world.t.votes);
    expect(votes.map((v) => [v.voter, v.emoji])).toEqual([
      ['console:bob', '👍'],
      ['console:bob', '✅'],
    ]);
  });

  it('/mock stop ends a mock; help names /press and /cancel; no threads; /nope lists /vote and /as', async () => {
    const world = await practiceWorld(undefined, { locale: 'en' });
    const lines = ['/help', '/mock', 'my first answer', '/mock stop', '/mock stop', '/nope'];
    const out = (await consoleSession(world, [...lines, '/ask', 'a line', '/answer'])).output();
    expect(out).toContain('/press BUTTON · press a button');
    expect(out).toContain('/cancel · leave a form');
    expect(out).toContain('Your first line after a question is your answer');
    expect(out).toContain('/mock stop ends the interview.');
    expect(out).toContain('Mock interview stopped. What you answered and graded so far is kept.');
    expect(out).toContain('No mock interview is running: /mock starts one.');
    expect(out).toMatch(/Unknown command “nope”\. Commands: \/ask, .*\/vote, \/as, \/press/);
    const [mock] = await world.db.select().from(world.t.mocks);
    expect(mock?.finishedAt).not.toBeNull();
    expect(mock?.step).toBe(1);
    // After the stop a plain line is an answer in the question's thread, not the mock's.
    expect(out).toContain('Type your answer as a line. /answer reveals the model answer.');
    expect(out).toContain('  │ me: a line\n  │ (answer #1 saved)');
    expect(out).toContain('The model answer is above.');
    expect(out.slice(out.indexOf('Type your answer'))).not.toMatch(/thread/);
  });

  it('in Korean, /mock 그만 ends a mock', async () => {
    const world = await practiceWorld(undefined, { locale: 'ko' });
    const out = (await consoleSession(world, ['/mock', '/mock 그만'])).output();
    expect(out).toContain('그만하려면 “/mock 그만”을 보내세요.');
    expect(out).toContain('모의 면접을 끝냈습니다.');
  });

  it('Korean usage lines name the options in Korean, and a value of the wrong kind is “not valid”', async () => {
    const world = await practiceWorld(undefined, { locale: 'ko' });
    const out = (await consoleSession(world, ['/mock minutes:abc', '/vote x'])).output();
    expect(out).toContain('사용법: /mock [주제] [시간]\n시간: “abc”은(는) 올바른 값이 아닙니다');
    expect(out).toContain('사용법: /vote <번호>\n번호: “x”은(는) 올바른 값이 아닙니다');
    const en = await practiceWorld(undefined, { locale: 'en' });
    const wrong = (await consoleSession(en, ['/mock minutes:abc'])).output();
    expect(wrong).toContain('Usage: /mock [topic] [minutes]\nminutes: “abc” is not a valid value');
    expect(out).not.toMatch(/\[topic\]|minutes|NAME|<N>/);
  });
});

describe('issue 29 as a user tried it', () => {
  it('option names shown in usage lines can be typed, in either language in any channel', async () => {
    const world = await practiceWorld(undefined, { locale: 'ko' });
    const out = (
      await consoleSession(world, [
        '/leaderboard 기간:week',
        '/schedule skip 날짜:2026-12-25',
        '/leaderboard period:month',
      ])
    ).output();
    expect(out).toContain('아직 답변이 없습니다 (이번 주).');
    expect(out).toContain('2026-12-25(Asia/Seoul)에는 질문을 올리지 않습니다.');
    expect(out).toContain('아직 답변이 없습니다 (이번 달).');
    expect(out).not.toMatch(/사용법|올바른 값이 아닙니다|받는 값이 아닙니다/);
    const notes = ['# 지원', '\t1. 왜 지원했나요?', '\t\t배우려고', ''].join('\n');
    const mockWorld = await practiceWorld({ web: notes }, { locale: 'en' });
    const mock = (await consoleSession(mockWorld, ['/mock 주제:지원 시간:5'])).output();
    expect(mock).not.toMatch(/Usage|No topic/);
    const [row] = await mockWorld.db.select().from(mockWorld.t.mocks);
    expect(row?.minutes).toBe(5);
  });

  it('bidi controls in a section’s name leave the drop title, /ask’s line and /topics, not the ids', async () => {
    const notes = ['# \u202EWeb\u2066 basics\u2069', '\t1. What is DNS?', '\t\tnames', ''].join(
      '\n',
    );
    const world = await practiceWorld({ web: notes }, { locale: 'en' });
    const before = (await world.db.select().from(world.t.questions)).map((q) => q.id);
    const out = (await consoleSession(world, ['/ask', '/topics'])).output();
    expect(out).toContain('── Practice question · Web basics ──');
    expect(out).toContain('Posted a question from “Web basics”.');
    expect(out).toContain('web: Web basics');
    expect(out).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    const after = await world.db.select().from(world.t.questions);
    expect(after.map((q) => q.id)).toEqual(before);
    expect(after[0]?.section).toBe('\u202EWeb\u2066 basics\u2069');
  });

  it('the member’s own long mock answer is shown whole in the grading view, paged at words', async () => {
    const notes = ['# Web', '\t1. What happens when you open a page?', '\t\tDNS, then TCP', ''];
    const world = await practiceWorld({ web: notes.join('\n') }, { locale: 'en' });
    const mine = Array.from({ length: 300 }, (_, i) => `word${i + 1}`).join(' ');
    const first = (await consoleSession(world, ['/mock Web', mine])).output();
    expect(first).toContain('Your answer: word1 word2');
    const press = /\[Show the rest\] → (\/press mock:more:\S+)/.exec(first)?.[1];
    expect(press).toBeDefined();
    const rest = (await consoleSession(world, [press as string])).output();
    expect(rest).toContain('Model answer:\nDNS, then TCP');
    const shown = [first, rest].flatMap((o) => o.match(/\bword\d+\b(?! ?…)/g) ?? []);
    expect(shown.join(' ')).toBe(mine);
    expect(`${first}${rest}`).not.toMatch(/word\d*…/);
  });

  it('console help speaks of no threads, /cancel outside a form, /suggest’s form, /help <command>', async () => {
    const world = await practiceWorld(undefined, { locale: 'en' });
    const lines = ['/help', '/ask', '/vote 7', '/cancel', '/help mock', '/help /nope'];
    const out = (
      await consoleSession(world, [...lines, '/suggest Web | What is DNS? | names'])
    ).output();
    expect(out).toContain('/answer · Reveal the model answer of the current question\n');
    expect(out).toContain('There is no answer #7 to the current question.');
    expect(out).not.toMatch(/thread/i);
    expect(out).toContain('There is no form to cancel: /cancel leaves a form you are filling in.');
    expect(out).not.toContain('Unknown command “cancel”');
    expect(out).toContain('/suggest [section | question | answer] · ');
    expect(out).toContain('\n/mock [topic] [minutes] · ');
    expect(out).toMatch(/\n\/mock \[topic\] \[minutes\] · [^\n]+\n(?!\/)/);
    expect(out).toContain('Unknown command “nope”');
    expect(await world.db.select().from(world.t.suggestions)).toHaveLength(1);
    const ko = await practiceWorld(undefined, { locale: 'ko' });
    const help = (await consoleSession(ko, ['/help', '/help mock'])).output();
    expect(help).toContain('/answer · 지금 질문의 모범 답안 공개');
    expect(help).toContain('/suggest [분야 | 질문 | 답안]');
    expect(help).not.toContain('스레드');
    expect(help).toContain('\n/mock [주제] [시간] · ');
  });

  it('/mock stop and /mock 그만 work in any channel; a trailing number is minutes, out of range said so', async () => {
    const world = await practiceWorld(undefined, { locale: 'en' });
    const lines = ['/mock', '/mock 그만', '/mock HTTP 999', '/mock HTTP 0', '/mock minutes:0'];
    const out = (await consoleSession(world, lines)).output();
    expect(out).toContain('Mock interview stopped. What you answered and graded so far is kept.');
    expect(out).not.toContain('No topic starts with');
    expect(out).toContain('Usage: /mock [topic] [minutes]\nminutes: at most 60, not “999”');
    expect(out).toContain('Usage: /mock [topic] [minutes]\nminutes: at least 1, not “0”');
    expect(await world.db.select().from(world.t.mocks)).toHaveLength(1);
    const ko = await practiceWorld(undefined, { locale: 'ko' });
    const stop = (await consoleSession(ko, ['/mock', '/mock stop'])).output();
    expect(stop).toContain('모의 면접을 끝냈습니다.');
  });

  it('/as alone, /as back and /as 나 return to the person at the terminal, and say so', async () => {
    const world = await practiceWorld(undefined, { locale: 'en' });
    const lines = ['/ask', '/as bob', 'his', '/as', 'mine', '/as bob', '/as back', '/as 나'];
    const out = (await consoleSession(world, lines)).output();
    expect(out).toContain('Now answering as bob.');
    expect(out).toContain('You answer as yourself (me) again.\n  │ me: mine');
    expect(out.match(/You answer as yourself \(me\) again\./g)).toHaveLength(3);
    expect(out).not.toContain('Usage: /as');
    const replies = await world.db.select().from(world.t.replies);
    expect(replies.map((r) => [r.member, r.text])).toEqual([
      ['console:bob', 'his'],
      ['console:me', 'mine'],
    ]);
  });
});

describe('DEFAULT_LOCALE changed on an existing database', () => {
  it('prints the banner in DEFAULT_LOCALE and says how to switch the channel', async () => {
    const world = await practiceWorld(undefined, { locale: 'ko' });
    await consoleSession(world, ['/topics']); // the channel is made in Korean
    world.deps.defaults.locale = 'en';
    const out = (
      await consoleSession(world, ['/topics', '/settings language en', '/topics'])
    ).output();
    expect(out.startsWith('Drill console channel: no Discord or Slack token is set')).toBe(true);
    expect(out).toContain(
      'This console channel keeps the language it already had (ko): DEFAULT_LOCALE is for new channels. /settings language en switches it.',
    );
    expect(out).toContain('/ask <주제>로 고를 수 있는 주제');
    expect(out).toContain('Topics you can ask for with /ask <topic>');
    // Once switched, no hint.
    const again = (await consoleSession(world, ['/topics'])).output();
    expect(again).not.toContain('keeps the language');
    // The whole banner is in DEFAULT_LOCALE, the log line too.
    world.deps.defaults.locale = 'ko';
    const banner = (await consoleSession(world, [], { logFile: 'data/drill.log' })).output();
    expect(banner.startsWith('Drill 콘솔 채널')).toBe(true);
    expect(banner).toContain('이미 정해진 언어(en)');
    expect(banner).toContain('로그는 data/drill.log에 기록됩니다.');
    expect(banner).not.toContain('Logs go to');
  });
});

describe('the console banner names the web dashboard', () => {
  it('prints the address main.ts started it at, or why it could not listen, in DEFAULT_LOCALE', async () => {
    const world = await practiceWorld(undefined, { locale: 'en' });
    const out = (
      await consoleSession(world, [], { web: { url: 'http://127.0.0.1:3000' } })
    ).output();
    expect(out).toContain('The web dashboard is at http://127.0.0.1:3000');
    world.deps.defaults.locale = 'ko';
    const failed = (
      await consoleSession(world, [], {
        web: { where: '127.0.0.1:3000', detail: 'listen EADDRINUSE' },
      })
    ).output();
    expect(failed).toContain(
      '웹 대시보드가 127.0.0.1:3000에서 열리지 못했습니다(listen EADDRINUSE)',
    );
  });
});

describe('/schedule test in the console', () => {
  it('posts a drop now as the schedule would, without taking a slot', async () => {
    const world = await practiceWorld(undefined, { locale: 'en' });
    const out = (
      await consoleSession(world, [
        '/schedule test',
        '/schedule set cron:"0 9 * * 1-5" timezone:Asia/Seoul reveal:+8h mention:@study',
        '/schedule test',
      ])
    ).output();
    expect(out).toContain('This channel has no schedule.');
    expect(out).toContain('\n@study\n── Question of the day · ');
    expect(out).toContain('Posted a drop now as the schedule posts them');
    const drops = await world.db.select().from(world.t.drops);
    expect(drops).toHaveLength(1);
    expect(drops[0]?.slot.startsWith('manual:')).toBe(true);
    expect(drops[0]?.revealDueAt).toBe(world.clock.now() + 8 * 3_600_000);
  });
});
