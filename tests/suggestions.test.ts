import { describe, expect, it } from 'vitest';
import { findCommand, parseTextOptions, runCommand } from '../commands/index.ts';
import { parseNotes } from '../src/bank/parse.ts';
import { CONSOLE_ADDRESS } from '../src/chat/console/console.ts';
import { runCli } from '../src/cli.ts';
import type { ChannelAddress } from '../src/core/port.ts';
import { dropQuestion } from '../src/practice/drops.ts';
import { plainReply, replyText } from './fakes/reply-text.ts';
import { practiceWorld, STORES, type StoreKind, type World } from './helpers.ts';

const TINY = '# 네트워크\n\t1. TCP란?\n\t\t연결 지향 프로토콜입니다.\n';
const here = CONSOLE_ADDRESS;

function run(
  world: World,
  line: string,
  member = { id: 'console:kim', name: '김민지', canManage: false },
  address: ChannelAddress = here,
  locale: 'en' | 'ko' = 'en',
) {
  const [name = '', ...rest] = line.slice(1).split(' ');
  const command = findCommand(name);
  return runCommand(name, command ? parseTextOptions(command, rest.join(' ')) : {}, {
    deps: world.deps,
    address,
    threadRef: null,
    member,
    locale,
  });
}
const manager = { id: 'console:boss', name: 'Boss', canManage: true };

describe.each(STORES)('/suggest on %s', (store: StoreKind) => {
  it('suggested is a bank /settings banks takes: chosen alone, left out, or with the notes', async () => {
    const world = await practiceWorld({ tiny: TINY }, { store });
    await run(world, '/suggest 운영체제 | 프로세스와 스레드의 차이는? | 메모리를 공유하는지');
    await run(world, '/approve 1', manager);
    const drawn = async () => {
      const seen = new Set<string>();
      for (let i = 0; i < 4; i++) {
        const d = await dropQuestion(world.deps, here);
        if (d.kind === 'posted') seen.add(d.question.prompt);
      }
      return [...seen].sort();
    };
    const settle = async (value: string) => {
      const saved = await run(world, `/settings banks ${value}`, manager);
      expect(replyText(saved)).toMatch(/^Saved: banks /);
    };
    await settle('Suggested');
    expect(await drawn()).toEqual(['프로세스와 스레드의 차이는?']);
    expect(replyText(await run(world, '/topics'))).toContain('suggested: 운영체제');
    await settle('tiny');
    expect(await drawn()).toEqual(['TCP란?']);
    expect(replyText(await run(world, '/topics'))).not.toContain('운영체제');
    await settle('tiny,suggested');
    expect(await drawn()).toEqual(['TCP란?', '프로세스와 스레드의 차이는?'].sort());
    expect(replyText(await run(world, '/settings banks nope', manager))).toBe(
      'Not changed: there is no bank “nope”. Banks: tiny, suggested',
    );
  });

  it('suggest → approve: the proposer is told, the question is drawn in this workspace’s bag only and exported', async () => {
    const world = await practiceWorld({ tiny: TINY }, { store });
    const saved = await run(
      world,
      '/suggest 운영체제 | 프로세스와 스레드의 차이는? | 메모리를 공유하는지, a "stack" | 그리고',
    );
    expect(plainReply(saved)).toEqual({
      text: 'Thanks! Suggestion #1 waits for a manager’s decision; you will be told the outcome here.',
      ephemeral: true,
    });
    expect(replyText(await run(world, '/suggestions'))).toBe(
      'Only people who can manage this channel can decide on suggestions.',
    );
    expect(replyText(await run(world, '/suggestions', manager))).toBe(
      [
        'Suggestions waiting for a decision (1):',
        '#1 · 운영체제 · 프로세스와 스레드의 차이는? (from 김민지)',
        '  메모리를 공유하는지, a "stack" | 그리고',
        'Decide with /approve N or /reject N [reason].',
      ].join('\n'),
    );
    expect(replyText(await run(world, '/approve 1'))).toBe(
      'Only people who can manage this channel can decide on suggestions.',
    );
    expect(replyText(await run(world, '/approve 1', manager))).toBe(
      'Suggestion #1 is now in the bank “suggested”.',
    );
    expect(replyText(await run(world, '/reject 1', manager))).toBe(
      'Suggestion #1 was already decided.',
    );
    expect(world.port.of('notify').map((r) => [r.member, r.message?.body])).toEqual([
      [
        'console:kim',
        'Your suggestion #1 “프로세스와 스레드의 차이는?” was approved: it is now in this group’s bank.',
      ],
    ]);
    expect(replyText(await run(world, '/suggestions', manager))).toBe(
      'No suggestions are waiting.',
    );

    // The bag holds the notes' question and the suggested one.
    const prompts = [];
    for (let i = 0; i < 2; i++) {
      const d = await dropQuestion(world.deps, here);
      if (d.kind === 'posted') prompts.push(d.question.prompt);
    }
    expect(prompts.sort()).toEqual(['TCP란?', '프로세스와 스레드의 차이는?'].sort());
    // Its section is a topic here, and not in another workspace, which never draws it.
    const asked = await dropQuestion(world.deps, here, { topic: '운영' });
    expect(asked.kind === 'posted' && asked.question.prompt).toBe('프로세스와 스레드의 차이는?');
    const elsewhere = { platform: 'console' as const, workspace: 'other', channel: 'x' };
    await expect(dropQuestion(world.deps, elsewhere, { topic: '운영' })).rejects.toThrow(
      'ask.unknownTopic',
    );
    for (let i = 0; i < 3; i++) {
      const d = await dropQuestion(world.deps, elsewhere);
      expect(d.kind === 'posted' && d.question.prompt).toBe('TCP란?');
    }

    const env = store === 'sqlite' ? 'DATABASE_PATH' : 'DATABASE_URL';
    const before = process.env[env];
    process.env[env] = world.target;
    try {
      const out: string[] = [];
      const io = { out: (t: string) => out.push(t), err: () => {} };
      expect(await runCli(['bank', 'export', 'suggested'], io)).toBe(0);
      const parsed = parseNotes(out.join('\n'), { bank: 'back', file: 'back.txt' });
      expect(parsed.questions.map((q) => [q.section, q.prompt, q.answer])).toEqual([
        ['운영체제', '프로세스와 스레드의 차이는?', '메모리를 공유하는지, a "stack" | 그리고'],
      ]);
    } finally {
      if (before === undefined) delete process.env[env];
      else process.env[env] = before;
    }
  });

  it('reject tells the proposer why; five pending at most; duplicates refused with a reference', async () => {
    const world = await practiceWorld({ tiny: TINY }, { store, locale: 'ko' });
    const kim = { id: 'console:kim', name: '김민지', canManage: false };
    const ko = (line: string, member = kim) => run(world, line, member, here, 'ko');
    for (let i = 1; i <= 5; i++) await ko(`/suggest 분야 | 질문 ${i}? | 답 ${i}`);
    expect(replyText(await ko('/suggest 분야 | 질문 6? | 답'))).toBe(
      '관리자의 결정을 기다리는 제안이 이미 5개 있습니다. 결정이 나면 더 제안할 수 있어요.',
    );
    // With nothing typed, the limit is told before a form asks for it all.
    const blank = await ko('/suggest');
    expect(blank.form).toBeUndefined();
    expect(replyText(blank)).toBe(
      '관리자의 결정을 기다리는 제안이 이미 5개 있습니다. 결정이 나면 더 제안할 수 있어요.',
    );
    expect(replyText(await ko('/reject 2 너무 쉬워요', manager))).toBe(
      '#2번 제안을 거절하고 제안한 사람에게 알렸습니다.',
    );
    expect(world.port.of('notify').map((r) => r.message?.body)).toEqual([
      '#2번 제안 “질문 2?”은(는) 채택되지 않았습니다: 너무 쉬워요',
    ]);
    // One place freed: the sixth goes in. Repeats of a pending one or of the notes do not.
    expect(replyText(await ko('/suggest 분야 | 질문 6? | 답'))).toContain('#6번 제안');
    expect(replyText(await ko('/suggest 분야 | 질문 6? | 답', { ...kim, id: 'console:lee' }))).toBe(
      '같은 질문이 이미 제안되어 관리자의 결정을 기다리고 있습니다 (제안 #6).',
    );
    expect(
      replyText(await ko('/suggest 기타 | tcp란 | 다른 답', { ...kim, id: 'console:lee' })),
    ).toBe('이미 은행에 있는 질문입니다: tiny › 네트워크 › “TCP란?”');
    await dropQuestion(world.deps, here); // the channel is asked it: the refusal links to the drop
    expect(
      replyText(await ko('/suggest 기타 | TCP란?? | 다른 답', { ...kim, id: 'console:lee' })),
    ).toBe('이미 은행에 있는 질문입니다: tiny › 네트워크 › “TCP란?” https://chat.example/m2');
    expect(replyText(await ko('/suggest 분야만'))).toBe(
      '이렇게 적어 주세요: /suggest 분야 | 질문 | 답',
    );
    expect(replyText(await ko('/suggest 분야 |  | 답'))).toBe(
      '제안에는 분야, 질문, 답이 모두 필요합니다: 분야 | 질문 | 답',
    );
    expect(replyText(await ko('/approve 99', manager))).toBe(
      '이 워크스페이스에는 #99번 제안이 없습니다.',
    );
    const rows = await world.db.select().from(world.t.suggestions);
    expect(rows.filter((r) => r.status === 'pending')).toHaveLength(5);
    expect(await world.db.select().from(world.t.questions)).toHaveLength(1);
  });
});
