import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadBanks } from '../src/bank/load.ts';
import { tempDir } from './helpers.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The `drill` command line from the build the test run made once, as `npm run drill` runs it. */
function drill(...args: string[]) {
  const r = spawnSync(process.execPath, ['scripts/drill.mjs', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('drill bank check', () => {
  it('passes the bundled banks and prints a summary', () => {
    const r = drill('bank', 'check');
    expect(r.err).toBe('');
    expect(r.out.trim().split('\n')).toEqual([
      'content/backend-basics-en.md: outline: 4 section(s), 11 question(s), 11 answered, 4 follow-up(s), 0 warning(s)',
      '  Tell me about yourself: outline: 1 question(s), 1 answered, 0 follow-up(s)',
      '  HTTP and APIs: outline: 5 question(s), 5 answered, 2 follow-up(s)',
      '  Databases: outline: 4 question(s), 4 answered, 2 follow-up(s)',
      '  Ask the interviewer: outline: 1 question(s), 1 answered, 0 follow-up(s)',
      'content/interview-cmp-ko.txt: outline: 12 section(s), 36 question(s), 36 answered, 8 follow-up(s), 0 warning(s)',
      '  자기소개: outline: 1 question(s), 1 answered, 0 follow-up(s)',
      '  자기소개에서 파생되어 나올 수 있는 질문: outline: 8 question(s), 8 answered, 3 follow-up(s)',
      '  예상 질문 리스트: outline: 6 question(s), 6 answered, 3 follow-up(s)',
      '  회사에 대해 얼마나 아는가?: outline: 1 question(s), 1 answered, 0 follow-up(s)',
      '  지원동기: outline: 5 question(s), 5 answered, 0 follow-up(s)',
      '  이직 사유: outline: 5 question(s), 5 answered, 2 follow-up(s)',
      '  자기 PR / 자신의 주요 경력을 간략하게 소개해주세요: outline: 4 question(s), 4 answered, 0 follow-up(s)',
      '  장점 / 단점: outline: 2 question(s), 2 answered, 0 follow-up(s)',
      '  취미 / 특기: outline: 1 question(s), 1 answered, 0 follow-up(s)',
      '  희망연봉 수준: outline: 1 question(s), 1 answered, 0 follow-up(s)',
      '  면접관 역질문: outline: 1 question(s), 1 answered, 0 follow-up(s)',
      '  우리 회사의 경쟁사는 누구라고 생각하나요?: outline: 1 question(s), 1 answered, 0 follow-up(s)',
      '2 bank(s), 16 section(s), 47 question(s); 0 error(s), 0 warning(s)',
    ]);
    expect(r.code).toBe(0);
  });

  it('runs from the build on plain node, as `npm run drill` does, in Korean text too', () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, '자료.md'),
      '# 네트워크\n\n## DNS란?\n\n이름을 주소로.\n\n## TCP란?\n\n스트림.\n\n## 참고\n\n- 링크\n',
    );
    const r = spawnSync(
      process.execPath,
      ['scripts/drill.mjs', 'bank', 'export', join(dir, '자료.md'), '--format', 'json'],
      {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 20_000,
      },
    );
    expect(r.stderr).toBe('');
    const bank = JSON.parse(r.stdout);
    expect(bank.questions.map((q: { prompt: string }) => q.prompt)).toEqual(['DNS란?', 'TCP란?']);
    expect(r.status).toBe(0);
    const bad = spawnSync(process.execPath, ['scripts/drill.mjs', 'nope'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(bad.stderr).toContain('unknown command "nope"');
    expect(bad.status).toBe(2);
  });

  it('with no path checks CONTENT_DIR', () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'one.md'),
      '# S\n\n## What is DNS?\n\nNames.\n\n## What is TCP?\n\nStreams.\n',
    );
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'bank', 'check'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 20_000,
      env: { ...process.env, CONTENT_DIR: dir },
    });
    expect(r.stdout.trim().split('\n').at(-1)).toBe(
      '1 bank(s), 1 section(s), 2 question(s); 0 error(s), 0 warning(s)',
    );
    expect(r.status).toBe(0);
  });

  it('prints one file:line: level: message per problem and exits 1 on errors', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bad.txt'), '# S\n1. q\n\ta\n1. q\n\tb\n2-1. f\n\tc\n');
    writeFileSync(join(dir, 'bin.md'), Buffer.from([1, 2, 0, 3]));
    const r = drill('bank', 'check', dir);
    const lines = r.out.trim().split('\n');
    expect(lines).toEqual([
      `${join(dir, 'bad.txt')}:4: error: duplicate prompt in section "S" (first at line 2)`,
      `${join(dir, 'bad.txt')}:6: warning: follow-up 2-1 has no question 2 before it in this section`,
      `${join(dir, 'bin.md')}:1: error: binary file (contains NUL bytes): a bank must be a text file of notes`,
      `${join(dir, 'bad.txt')}: outline: 1 section(s), 2 question(s), 2 answered, 0 follow-up(s), 1 warning(s)`,
      '  S: outline: 2 question(s), 2 answered, 0 follow-up(s)',
      `${join(dir, 'bin.md')}: not read`,
      '2 bank(s), 1 section(s), 2 question(s); 2 error(s), 1 warning(s)',
    ]);
    expect(r.code).toBe(1);
  });

  it('reads a folder recursively, names banks by path, skips files without questions in one line', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'team', 'go'), { recursive: true });
    writeFileSync(join(dir, 'team', 'README.md'), '# Our notes\n\nClone us into content/.\n');
    writeFileSync(
      join(dir, 'team', 'go', 'basics.md'),
      '# Go\n\n## Q. What is a goroutine?\n\nA light thread.\n\n## Q. What is a channel?\n\n* Q. Buffered?\n  * A. It has a capacity.\n',
    );
    const r = drill('bank', 'check', dir);
    expect(r.out.trim().split('\n')).toEqual([
      `${join(dir, 'team', 'README.md')}:1: warning: no questions found: skipped`,
      `${join(dir, 'team', 'README.md')}: skipped: no questions`,
      // "What is a channel?" has no answer of its own: a group, its follow-up is the question.
      `${join(dir, 'team', 'go', 'basics.md')}: markdown: h2 headings, Q./A. pairs: 1 section(s), 2 question(s), 2 answered, 1 follow-up(s), 0 warning(s)`,
      '  Go: h2 headings: 2 question(s), 2 answered, 1 follow-up(s)',
      '1 bank(s), 1 section(s), 2 question(s); 0 error(s), 1 warning(s)',
    ]);
    expect(r.code).toBe(0);
    const banks = loadBanks([dir]);
    expect(banks.map((b) => [b.bank, b.skipped ?? false])).toEqual([
      ['team/README', true],
      ['team/go/basics', false],
    ]);
  });

  it('exits 2 with usage on a bad command', () => {
    const r = drill('bank', 'chek');
    expect(r.code).toBe(2);
    expect(r.err).toContain('unknown command "bank chek"');
    expect(r.err).toContain('usage: drill');
  });
});

describe('drill bank export', () => {
  it('prints the bank as JSON in the documented shape, with no carriage returns', () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'win.txt'),
      '\uFEFF# 자기소개\r\n\t안녕하세요\r\n# 질문\r\n\t1. 왜?\r\n\t\t이유\r\n\t\t1-1 더?\r\n\t\t\t더\r\n',
    );
    const r = drill('bank', 'export', join(dir, 'win.txt'), '--format', 'json');
    expect(r.code).toBe(0);
    expect(r.out).not.toContain('\\r');
    const data = JSON.parse(r.out);
    expect(data.bank).toBe('win');
    expect(data.questions).toHaveLength(3);
    const [intro, why, more] = data.questions;
    expect(intro).toMatchObject({
      section: '자기소개',
      number: null,
      prompt: '자기소개',
      answer: '안녕하세요',
      notes: '',
      references: [],
      parent: null,
    });
    expect(intro.source).toEqual({ file: join(dir, 'win.txt'), line: 1 });
    expect(why).toMatchObject({ number: '1', prompt: '왜?', answer: '이유', parent: null });
    expect(more).toMatchObject({ number: '1-1', prompt: '더?', answer: '더', parent: why.id });
    expect(typeof intro.id).toBe('string');
  });

  it('prints a readable Markdown rendering', () => {
    const r = drill('bank', 'export', 'content/interview-cmp-ko.txt', '--format', 'md');
    expect(r.code).toBe(0);
    expect(r.out).toContain('# 지원동기');
    expect(r.out).toContain('### 1-1. 클라우드 서비스에 대해 아는게 있나요?');
    expect(r.out).toContain('- [devops](https://www.atlassian.com/ko/devops/devops-tools)');
    expect(r.out).not.toContain('\t');
    // A Korean bank's labels are Korean.
    expect(r.out).toContain('**참고 자료**\n\n- ');
    expect(r.out).not.toMatch(/\*\*(Notes|References|Answer)\*\*/);
    const en = drill('bank', 'export', 'content/backend-basics-en.md', '--format', 'md');
    expect(en.out).toContain('**References**');
    expect(en.out).not.toMatch(/\*\*(참고|참고 자료|답변)\*\*/);
  });

  it('exports a Markdown bank with its question bodies and code indentation', () => {
    const dir = tempDir();
    const file = join(dir, 'quiz.md');
    writeFileSync(
      file,
      '## Quiz\n\n#### 1. What is the output?\n\n```js\nif (x) {\n    log(1);\n}\n```\n\n<details><summary>Answer</summary>\n\n```js\nfunction f() {\n\treturn 1;\n}\n```\n\n</details>\n\n#### 2. Why?\n\nBecause.\n',
    );
    const json = JSON.parse(drill('bank', 'export', file, '--format', 'json').out);
    expect(json.questions[0]).toMatchObject({
      prompt: 'What is the output?',
      body: '```js\nif (x) {\n    log(1);\n}\n```',
      answer: '```js\nfunction f() {\n\treturn 1;\n}\n```',
      format: 'markdown',
    });
    const md = drill('bank', 'export', file, '--format', 'md').out;
    expect(md).toContain('```js\nif (x) {\n    log(1);\n}\n```');
    expect(md).toContain('```js\nfunction f() {\n\treturn 1;\n}\n```');
  });

  it('exits 2 on an unknown format', () => {
    const r = drill('bank', 'export', 'content/interview-cmp-ko.txt', '--format', 'yaml');
    expect(r.code).toBe(2);
    expect(r.err).toContain('unknown format "yaml"');
  });
});
