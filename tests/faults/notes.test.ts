import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCommand } from '../../commands/index.ts';
import { loadBankFile } from '../../src/bank/load.ts';
import { syncContent } from '../../src/bank/sync.ts';
import { CONSOLE_ADDRESS } from '../../src/chat/console/console.ts';
import { replyText } from '../fakes/reply-text.ts';
import { practiceWorld, STORES, type StoreKind, seedText, tempDir } from '../helpers.ts';

const file = (name: string, content: string | Buffer) => {
  const path = join(tempDir(), name);
  writeFileSync(path, content);
  return path;
};

describe('bad notes', () => {
  it('refuses an empty file and a binary file with clear errors', () => {
    const empty = loadBankFile(file('empty.txt', ''));
    expect(empty.problems).toEqual([
      {
        file: empty.file,
        line: 1,
        level: 'error',
        message: 'empty file: a bank needs at least one `# Title` section',
      },
    ]);
    const binary = loadBankFile(
      file('photo.md', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256))),
    );
    expect(binary.questions).toEqual([]);
    expect(binary.problems[0]?.level).toBe('error');
    expect(binary.problems[0]?.message).toMatch(/binary|not valid UTF-8/);
  });

  it('reads a 1 MB answer whole', () => {
    const answer = '클라우드 서비스 연계 경험을 설명합니다. '.repeat(40_000);
    expect(Buffer.byteLength(answer)).toBeGreaterThan(1_000_000);
    const bank = loadBankFile(file('big.txt', `# 큰 답\n\t1. 설명하세요\n\t\t${answer}\n`));
    // Read whole; `bank check` only asks whether other questions hide in so long an answer.
    expect(bank.problems.map((p) => [p.line, p.level, p.message])).toEqual([
      [
        2,
        'warning',
        `the answer of "설명하세요" is ${[...answer.trim()].length} characters: are other questions in it?`,
      ],
    ]);
    expect(bank.questions[0]?.answer).toBe(answer.trim());
  });

  it('reads 10,000 questions in one section', () => {
    const lines = ['# One section'];
    for (let i = 1; i <= 10_000; i++) lines.push(`\t${i}. Question ${i}?`, `\t\tAnswer ${i}.`);
    const bank = loadBankFile(file('many.txt', lines.join('\n')));
    expect(bank.problems).toEqual([]);
    expect(bank.questions).toHaveLength(10_000);
    expect(bank.questions[9_999]).toMatchObject({
      number: '10000',
      prompt: 'Question 10000?',
      answer: 'Answer 10000.',
    });
  });

  it('reads a line of 100,000 characters', () => {
    const line = `${'x'.repeat(50_000)} ${'가'.repeat(49_999)}`;
    const bank = loadBankFile(
      file('long.txt', `# Long\n\t1. q\n\t\t${line}\n\t2. ${line}\n\t\tshort\n`),
    );
    // Read whole; `bank check` warns that so long a prompt and answer may hold more than one.
    expect(bank.problems.map((p) => [p.line, p.level, p.message.slice(0, 24)])).toEqual([
      [2, 'warning', 'the answer of "q" is 100'],
      [4, 'warning', 'a prompt of 100000 chara'],
    ]);
    expect(bank.questions[0]?.answer).toBe(line);
    expect(bank.questions[1]?.prompt).toBe(line);
  });

  it('reads mixed tabs and spaces as one outline', () => {
    const mixed =
      '# 섹션\n\t1. 첫 질문\n        첫 답\n    \t- 목록\n  \t1-1 꼬리 질문\n\t    꼬리 답\n';
    const bank = loadBankFile(file('mixed.txt', mixed));
    expect(bank.problems).toEqual([]);
    expect(bank.questions.map((q) => [q.number, q.answer])).toEqual([
      ['1', '첫 답\n- 목록'],
      ['1-1', '꼬리 답'],
    ]);
    expect(bank.questions[1]?.parent).toBe(bank.questions[0]?.id);
  });

  it.each(STORES)(
    'keeps the last good bank serving when its file turns bad, through a running channel (%s)',
    async (store: StoreKind) => {
      const world = await practiceWorld({ seed: seedText() }, { store });
      const bankFile = join(world.content, 'seed.txt');
      const questions = () => world.db.select().from(world.t.questions);
      const before = (await questions()).length;
      for (const broken of ['', Buffer.from([0, 1, 2, 3, 255]), '\uFEFF']) {
        writeFileSync(bankFile, broken);
        const result = await syncContent(world.store, [world.content], world.clock.now());
        expect(result.kept.map((k) => k.bank)).toEqual(['seed']);
        expect(result.retired).toBe(0);
        expect((await questions()).filter((q) => !q.retired)).toHaveLength(before);
        const reply = await runCommand(
          'ask',
          {},
          {
            deps: world.deps,
            address: CONSOLE_ADDRESS,
            threadRef: null,
            member: { id: 'm', name: 'M', canManage: false },
            locale: 'en',
          },
        );
        expect(replyText(reply)).toMatch(/^Posted a question from /);
      }
    },
  );
});
