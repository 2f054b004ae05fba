import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listBankFiles, loadBankFile, loadBanks } from '../src/bank/load.ts';
import { parseNotes } from '../src/bank/parse.ts';
import { tempDir } from './helpers.ts';

const txt = (text: string) => parseNotes(text, { bank: 'b', file: 'b.txt' });

describe('plain-text notes: an answer with a numbered list', () => {
  it('keeps Q. questions when an answer lists 1. 2.', () => {
    const bank = txt(
      'Q. What is a closure?\nA. A function with its scope. Uses:\n1. data hiding\n2. callbacks\n\nQ. What is hoisting?\nA. Declarations move up.\n',
    );
    expect(bank.layout).toBe('plain text: Q. questions');
    expect(bank.questions.map((q) => q.prompt)).toEqual([
      'What is a closure?',
      'What is hoisting?',
    ]);
    expect(bank.questions[0]?.answer).toContain('1. data hiding\n2. callbacks');
  });

  it('keeps [ … ] questions when an answer lists 1. 2.', () => {
    const bank = txt(
      '[ 스택과 큐의 차이 ]\n1. 스택: push/pop\n2. 큐: enqueue/dequeue\n\n[ 해시 테이블이란? ]\n키로 값을 찾는 구조\n',
    );
    expect(bank.questions.map((q) => q.prompt)).toEqual(['스택과 큐의 차이', '해시 테이블이란?']);
    expect(bank.questions[0]?.answer).toBe('1. 스택: push/pop\n2. 큐: enqueue/dequeue');
  });

  it('reads an answer of 200,000 lines without overflowing the stack', () => {
    const long = Array.from({ length: 200_000 }, (_, i) => `  line ${i}`).join('\n');
    for (const text of [
      `1. What is long?\n${long}\n2. Short?\n  yes\n`,
      `# S\n1. What is long?\n${long}\n`,
    ]) {
      const bank = txt(text);
      expect(bank.problems.filter((p) => p.level === 'error')).toEqual([]);
      expect(bank.questions[0]?.answer.split('\n')).toHaveLength(200_000);
    }
  });
});

describe('a notes folder with symbolic links', () => {
  it('follows a linked folder and a linked file, and reads a folder linked twice once', () => {
    const notes = tempDir();
    writeFileSync(
      join(notes, 'os.md'),
      '## What is a process?\n\nA running program.\n\n## What is a thread?\n\nA path of execution.\n',
    );
    const content = tempDir();
    mkdirSync(join(content, 'own'));
    writeFileSync(
      join(content, 'own', 'net.txt'),
      '1) What is DNS?\nnames\n2) What is TCP?\nstreams\n',
    );
    symlinkSync(notes, join(content, 'notes'));
    symlinkSync(notes, join(content, 'again'));
    symlinkSync(join(content, 'own', 'net.txt'), join(content, 'net-link.txt'));
    symlinkSync(join(content, 'gone'), join(content, 'dangling.md'));
    const files = listBankFiles(content).map((f) => f.slice(content.length + 1));
    expect(files).toEqual(['again/os.md', 'net-link.txt', 'own/net.txt']);
    expect(loadBankFile(join(content, 'again', 'os.md')).questions[0]?.prompt).toBe(
      'What is a process?',
    );
  });

  it('reads .markdown files in a folder as Markdown banks, named without the extension', () => {
    const content = tempDir();
    writeFileSync(
      join(content, 'react.markdown'),
      '## What is JSX?\n\n**Syntax** for elements.\n\n## What is a hook?\n\nA function.\n',
    );
    writeFileSync(join(content, 'notes.rst'), 'What is rst?\n');
    const banks = loadBanks([content]);
    expect(banks.map((b) => [b.bank, b.layout.split(':')[0], b.questions[0]?.answer])).toEqual([
      ['react', 'markdown', '**Syntax** for elements.'],
    ]);
  });
});
