import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ParsedBank, parseNotes } from '../src/bank/parse.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures', 'notes');
const fixture = (name: string): ParsedBank =>
  parseNotes(readFileSync(join(FIXTURES, name), 'utf8'), { bank: 'b', file: name });
const asked = (bank: ParsedBank) => bank.questions.filter((q) => q.kind === 'question');
const byPrompt = (bank: ParsedBank, start: string) => {
  const q = bank.questions.find((x) => x.prompt.startsWith(start));
  if (!q) throw new Error(`no question starting "${start}"`);
  return q;
};

describe("the seed's outline in a file of its own (issue 27)", () => {
  const bank = fixture('seed-outline-en.txt');

  it('reads the outline, whose numbering goes on across sections', () => {
    expect(bank.layout).toBe('outline');
    expect(bank.sections).toEqual([
      'Introduce yourself',
      'Questions from the introduction',
      'Motivation',
      'What is the difference between a process and a thread?',
    ]);
    expect(bank.questions.map((q) => [q.section, q.number, q.prompt])).toEqual([
      ['Introduce yourself', null, 'Introduce yourself'],
      [
        'Questions from the introduction',
        '1',
        'Have you used a public cloud? Which services, and what was your part?',
      ],
      ['Questions from the introduction', '1-1', 'Which cloud service models do you know?'],
      ['Questions from the introduction', '2', 'How did you integrate the other systems?'],
      ['Questions from the introduction', '3', 'Have you automated builds with Jenkins?'],
      ['Motivation', '4', 'Why did you apply to our company?'],
      ['Motivation', '5', 'Why this role in particular?'],
      [
        'What is the difference between a process and a thread?',
        null,
        'What is the difference between a process and a thread?',
      ],
    ]);
    expect(bank.problems).toEqual([]);
  });

  it('keeps the follow-up, the shared answer, the notes and the references', () => {
    const cloud = byPrompt(bank, 'Have you used a public cloud?');
    const models = byPrompt(bank, 'Which cloud service models');
    expect(models.parent).toBe(cloud.id);
    expect(models.answer).toMatch(/^IaaS: you manage everything/);
    expect(cloud.references).toEqual([
      { url: 'https://docs.aws.amazon.com/ec2/', label: 'EC2 documentation' },
    ]);
    expect(cloud.answer).not.toContain('https://');
    const integrate = byPrompt(bank, 'How did you integrate');
    expect(integrate.answer).toMatch(/^Through the REST APIs/);
    expect(integrate.answer).not.toContain('Burp');
    expect(integrate.notes).toBe('Burp Suite was the tool for recording traffic.');
    const why = byPrompt(bank, 'Why did you apply');
    const role = byPrompt(bank, 'Why this role');
    expect(why.sharesAnswerWith).toBe(role.id);
    expect(why.answer).toBe(role.answer);
    expect(role.answer).toMatch(/^I want to build the platform/);
    expect(byPrompt(bank, 'Introduce yourself').answer).toContain(
      'Before that I built an identity',
    );
  });

  it('is the same bank with spaces, CRLF, a BOM or a .md name', () => {
    const text = readFileSync(join(FIXTURES, 'seed-outline-en.txt'), 'utf8');
    const ids = bank.questions.map((q) => q.id);
    for (const [variant, file] of [
      [text.replace(/\t/g, '    '), 'b.txt'],
      [`\uFEFF${text.replace(/\n/g, '\r\n')}`, 'b.txt'],
      [text, 'b.md'],
    ] as const) {
      const other = parseNotes(variant, { bank: 'b', file });
      expect(other.layout).toBe('outline');
      expect(other.questions.map((q) => q.id)).toEqual(ids);
      expect(asked(other)).toHaveLength(8);
    }
  });
});

describe('a blog post of numbered toggles (issue 27)', () => {
  const bank = fixture('blog-details-ko.md');

  it('finds each toggle question once, without its #N, and not the TODO placeholder', () => {
    expect(bank.questions.map((q) => [q.section, q.prompt])).toEqual([
      ['자바스크립트', '호이스팅이란 무엇인가요?'],
      ['자바스크립트', '클로저를 설명해주세요.'],
      ['자바스크립트', '이벤트 루프는 어떻게 동작하나요?'],
      ['브라우저', '브라우저 렌더링 과정을 설명해주세요.'],
    ]);
    expect(bank.questions.every((q) => q.answer !== '')).toBe(true);
  });

  it('reads the front matter as metadata and the HTML of answers as Markdown', () => {
    expect(bank.sections).toEqual(['자바스크립트', '브라우저']);
    expect(JSON.stringify(bank.questions)).not.toMatch(/title:|tags:|categories:/);
    const hoisting = byPrompt(bank, '호이스팅');
    expect(hoisting.answer).toContain('변수와 함수 **선언**이 스코프의');
    expect(hoisting.answer).not.toMatch(/<b>|<br|^>/m);
    expect(byPrompt(bank, '이벤트 루프').answer).not.toContain('&nbsp;');
  });

  it('keeps the answer a toggle closed too early left after </details>', () => {
    const closure = byPrompt(bank, '클로저');
    expect(closure.answer).toContain('Answer 1. 함수가 선언될 때');
    expect(closure.answer).toContain('Answer 2. 은닉이 필요한 카운터');
    expect(byPrompt(bank, '이벤트 루프').answer).not.toContain('Answer 2');
  });
});

describe('a blog post of toggles wrapped in <div markdown="1"> (issue 27)', () => {
  it('unwraps the quoted answer and drops a #TODO toggle', () => {
    const bank = parseNotes(
      '---\nlayout: post\ntitle: "[면접] CS"\n---\n\n<details>\n<summary><code>#1</code> 데드락이란?</summary>\n<div markdown="1">\n> 서로의 자원을 기다리며 멈춘 상태입니다.<br />\n> <b>네 가지 조건</b>이 모두 필요합니다.\n</div>\n</details>\n\n<details>\n<summary><code>#TODO</code></summary>\n</details>\n',
      { bank: 'b', file: 'b.md' },
    );
    expect(bank.questions.map((q) => [q.prompt, q.answer])).toEqual([
      [
        '데드락이란?',
        '서로의 자원을 기다리며 멈춘 상태입니다.\n**네 가지 조건**이 모두 필요합니다.',
      ],
    ]);
  });
});

describe('toggles used as sections of numbered question lines (issue 27)', () => {
  const bank = fixture('details-categories-en.md');

  it('makes each toggle a section and each question line a question', () => {
    expect(bank.sections).toEqual(['Networking', 'Linux', 'Containers']);
    expect(bank.questions.map((q) => q.prompt)).toEqual([
      'What is a subnet mask ?',
      'Why does DNS mostly use UDP ?',
      'What does NAT do ?',
      'How do you find which process listens on a port ?',
      'What is the difference between a hard link and a soft link ?',
      'What is a container image layer ?',
      'How is a container different from a virtual machine ?',
    ]);
    expect(bank.layout).toContain('<details> sections');
  });

  it('answers lose their A. and &nbsp; and keep their bullets; one answer has no A.', () => {
    const mask = byPrompt(bank, 'What is a subnet mask');
    expect(mask.answer).toBe(
      'It tells which part of an address is the network and which part is the host.\n- `/24` leaves 8 bits for hosts.\n- A host compares masked addresses to decide whether to route.',
    );
    expect(byPrompt(bank, 'What does NAT do').answer).toBe(
      'It rewrites private source addresses to a public one and remembers the mapping.',
    );
    expect(bank.questions.every((q) => !/^A\./.test(q.answer) && q.answer !== '')).toBe(true);
    expect(byPrompt(bank, 'How do you find').source.line).toBe(24);
  });

  it('reads the same packed tight: no blank lines, a <br> line, bullets indented less than the text', () => {
    const tight = parseNotes(
      "<details>\n<summary> Linux </summary>\n<br>\n1. What is an inode ? <br>\nA. The record of a file's metadata.&nbsp;\n  - owner, mode, size\n  - block pointers\n2. What does `chmod 755` do ? <br>\nA. rwx for the owner, r-x for the rest.\n3. What is a zombie process ? <br>\nA process nobody reaped.\n</details>\n<details>\n<summary> Git </summary>\n\n1. What is a rebase ? <br>\nA. Replaying commits on another base.\n</details>\n",
      { bank: 'b', file: 'b.md' },
    );
    expect(tight.questions.map((q) => [q.section, q.prompt, q.answer])).toEqual([
      [
        'Linux',
        'What is an inode ?',
        "The record of a file's metadata.\n- owner, mode, size\n- block pointers",
      ],
      ['Linux', 'What does `chmod 755` do ?', 'rwx for the owner, r-x for the rest.'],
      ['Linux', 'What is a zombie process ?', 'A process nobody reaped.'],
      ['Git', 'What is a rebase ?', 'Replaying commits on another base.'],
    ]);
  });

  it('a translations toggle is no question', () => {
    expect(bank.questions.some((q) => /translation/i.test(q.prompt))).toBe(false);
    expect(bank.problems).toEqual([]);
  });
});

describe('a README whose topics are questions, their sub-headings parts of the answer (issue 27)', () => {
  const text = readFileSync(join(FIXTURES, 'topics-readme-ko.md'), 'utf8');
  const bank = fixture('topics-readme-ko.md');

  it('asks each listed topic, and the sub-heading worded as a question as its follow-up', () => {
    expect(bank.questions.map((q) => q.prompt)).toEqual([
      'HTTP 메서드',
      'TCP와 UDP',
      '3-way handshake는 왜 필요한가요?',
      '브라우저에 주소를 입력하면',
      '쿠키와 세션',
      'CORS',
    ]);
    const tcp = byPrompt(bank, 'TCP와 UDP');
    expect(byPrompt(bank, '3-way').parent).toBe(tcp.id);
    expect(tcp.answer).toContain('### UDP');
    expect(tcp.answer).not.toContain('3-way');
    expect(byPrompt(bank, 'HTTP 메서드').answer).toMatch(
      /### GET[\s\S]*### POST[\s\S]*#### 멱등성/,
    );
  });

  it('keeps a topic of one sentence and a link; navigation and the repository link go', () => {
    const cors = byPrompt(bank, 'CORS');
    expect(cors.answer).toMatch(/^다른 출처의 리소스를 요청할 때/);
    expect(cors.references.map((r) => r.url)).toEqual([
      'https://developer.mozilla.org/ko/docs/Web/HTTP/CORS',
    ]);
    for (const q of bank.questions) {
      expect(q.answer).not.toMatch(/뒤로|위로/);
      expect(q.references.some((r) => r.url.includes('someone/web-notes'))).toBe(false);
    }
  });

  it("a link to the notes' own repository under every answer, and <a id> anchors, leave answers", () => {
    const bank = parseNotes(
      '## What is A?\n\nA is a thing. <a id="a"></a>\n\n[GitHub](https://github.com/me/notes)\n\n## What is B?\n\nB is a thing.\n\n[GitHub](https://github.com/me/notes)\n\n## What is C?\n\nC is a thing, see [MDN](https://developer.mozilla.org/c).\n\n[GitHub](https://github.com/me/notes)\n',
      { bank: 'b', file: 'b.md' },
    );
    expect(bank.questions.map((q) => [q.answer, q.references.map((r) => r.url)])).toEqual([
      ['A is a thing.', []],
      ['B is a thing.', []],
      [
        'C is a thing, see [MDN](https://developer.mozilla.org/c).',
        ['https://developer.mozilla.org/c'],
      ],
    ]);
  });

  it('reads the same without its table of contents, or without its navigation', () => {
    const withoutToc = text.replace(/## 목차[\s\S]*?(?=## HTTP)/, '');
    const withoutNav = text.replace(/^\[뒤로\].*$/gm, '');
    for (const variant of [withoutToc, withoutNav]) {
      const other = parseNotes(variant, { bank: 'b', file: 'b.md' });
      expect(other.questions.map((q) => q.prompt)).toEqual(bank.questions.map((q) => q.prompt));
    }
  });
});

describe('plain text that mixes layouts run by run (issue 27)', () => {
  const bank = fixture('mixed-text-ko.txt');
  const top = bank.questions.filter((q) => q.parent === null);

  it('starts a section where the count starts again after a title or a rule', () => {
    expect(bank.layout).toBe('plain text: N. questions');
    expect(bank.sections).toEqual([
      '자료구조 / 운영체제 / 네트워크 면접 준비',
      '운영체제',
      '네트워크',
    ]);
    expect(top.map((q) => [q.section, q.number, q.prompt])).toEqual([
      ['자료구조 / 운영체제 / 네트워크 면접 준비', '1', '배열과 연결 리스트의 차이는?'],
      ['자료구조 / 운영체제 / 네트워크 면접 준비', '2', '스택과 큐를 설명해 주세요'],
      ['자료구조 / 운영체제 / 네트워크 면접 준비', '3', '해시 테이블의 충돌은 어떻게 해결하나요?'],
      ['운영체제', '1', '프로세스와 스레드의 차이는?'],
      ['운영체제', '2', '데드락이 생기는 조건은?'],
      ['운영체제', '3', '컨텍스트 스위칭이란?'],
      ['네트워크', '1', 'TCP와 UDP의 차이'],
      ['네트워크', '2', '3-way handshake 과정을 설명해 주세요'],
    ]);
  });

  it('Q. lines under a question are its follow-ups; A. leaves answers', () => {
    const list = byPrompt(bank, '배열과 연결 리스트');
    const insert = byPrompt(bank, '연결 리스트에서 중간 삽입');
    expect(insert.parent).toBe(list.id);
    expect(insert.answer).toBe(
      '삽입 위치를 이미 알고 있을 때만 O(1)이고, 위치를 찾는 데는 O(n)이 걸린다.',
    );
    expect(list.answer).toBe(
      '배열은 연속된 메모리에 저장되어 인덱스로 바로 접근하고, 연결 리스트는 노드가 포인터로 이어져 삽입과 삭제가 빠르다.',
    );
    expect(byPrompt(bank, '멀티 스레드의 단점').parent).toBe(
      byPrompt(bank, '프로세스와 스레드').id,
    );
    for (const q of bank.questions) expect(q.answer).not.toMatch(/^A[.:]|^\/\/|^-{3,}/m);
    expect(byPrompt(bank, '데드락').answer).toMatch(/^아래 네 가지[\s\S]*4\) 순환 대기/);
  });

  it('[bracketed] category lines name their runs; they are no [ … ] questions', () => {
    const bank = parseNotes(
      '면접 정리\n\n[자료구조]\n1. 배열과 리스트의 차이는?\nA. 연속 메모리와 노드 연결\n2. 해시란?\nA. 키를 인덱스로 바꾸는 것\n\n[운영체제]\n1. 프로세스란?\nA. 실행 중인 프로그램\n',
      { bank: 'b', file: 'b.txt' },
    );
    expect(bank.layout).toBe('plain text: N. questions');
    expect(bank.questions.map((q) => [q.section, q.prompt, q.answer])).toEqual([
      ['자료구조', '배열과 리스트의 차이는?', '연속 메모리와 노드 연결'],
      ['자료구조', '해시란?', '키를 인덱스로 바꾸는 것'],
      ['운영체제', '프로세스란?', '실행 중인 프로그램'],
    ]);
    expect(bank.problems).toEqual([]);
  });

  it('an answer that is only A. or a rule is no answer; free note lines are no questions', () => {
    expect(byPrompt(bank, '해시 테이블').answer).toBe('');
    expect(byPrompt(bank, '컨텍스트 스위칭').answer).toBe('');
    expect(bank.questions.map((q) => q.prompt)).not.toContain('다른 사람');
    expect(bank.questions.map((q) => q.prompt).join('\n')).not.toMatch(/교수가|\/\//);
    expect(byPrompt(bank, '3-way').answer).toContain('다른 사람');
    expect(bank.questions.filter((q) => q.answer !== '')).toHaveLength(8);
  });
});

describe('bank check says what was read (issue 27)', () => {
  it('gives each section its layout and counts', () => {
    expect(fixture('mixed-text-ko.txt').parts).toEqual([
      {
        section: '자료구조 / 운영체제 / 네트워크 면접 준비',
        layout: 'N. questions',
        questions: 4,
        answered: 3,
        followUps: 1,
      },
      { section: '운영체제', layout: 'N. questions', questions: 4, answered: 3, followUps: 1 },
      { section: '네트워크', layout: 'N. questions', questions: 2, answered: 2, followUps: 0 },
    ]);
    expect(fixture('details-categories-en.md').parts?.map((p) => [p.section, p.layout])).toEqual([
      ['Networking', 'question lines'],
      ['Linux', 'question lines'],
      ['Containers', 'question lines'],
    ]);
    expect(fixture('seed-outline-en.txt').parts?.map((p) => p.layout)).toEqual([
      'outline',
      'outline',
      'outline',
      'outline',
    ]);
  });

  it('warns where a result looks wrong', () => {
    const long = 'x'.repeat(5001);
    const bank = parseNotes(
      `Q. ${'Why '.repeat(60)}?\nA. because\n\nQ. What is it?\nA. ${long}\n\nQ. Where is it?\nA. https://example.com/a\n\nQ. Which ones?\nA. These:\n1. Is it A?\n2. Is it B?\n`,
      { bank: 'b', file: 'b.txt' },
    );
    const messages = bank.problems.map((p) => `${p.line}: ${p.message}`);
    expect(messages).toEqual([
      expect.stringMatching(/^1: a prompt of 241 characters/),
      expect.stringMatching(/^4: the answer of "What is it\?" is 5001 characters/),
      expect.stringMatching(/^7: the answer of "Where is it\?" is only a link or a marker/),
      expect.stringMatching(/^10: the answer of "Which ones\?" holds 2 question-shaped lines/),
    ]);
    expect(fixture('mixed-text-ko.txt').problems.map((p) => p.message)).toEqual([
      'question "해시 테이블의 충돌은 어떻게 해결하나요?" has no answer in the notes: it stays askable',
      'question "컨텍스트 스위칭이란?" has no answer in the notes: it stays askable',
    ]);
  });
});

describe('more of the ways people write Q&A notes (issue 27)', () => {
  const md = (text: string) => parseNotes(text, { bank: 'b', file: 'b.md' });
  const qa = (bank: ParsedBank) => bank.questions.map((q) => [q.section, q.prompt, q.answer]);

  it('a numbered heading file: its translations toggle is no question', () => {
    const bank = fixture('numbered-headings-details-en.md');
    expect(bank.questions.map((q) => q.prompt)).toEqual([
      'What is a Pod?',
      'How does a Deployment differ from a StatefulSet?',
      'What does a readiness probe decide?',
    ]);
    expect(byPrompt(bank, 'What is a Pod?').answer).toMatch(/^The smallest deployable unit/);
  });

  it('bold questions without headings, with a BOM and CRLF; answers in prose, bullets or a quote', () => {
    const bank = md(
      '\uFEFF# Notes\r\n\r\n**1. What is a race condition?**\r\n\r\nTwo threads touch shared state without order.\r\n\r\n**2. What is a deadlock?**\r\n- two threads\r\n- each waits for the other\r\n\r\n**3. What is a livelock?**\r\n\r\n> threads keep reacting to each other\r\n',
    );
    expect(qa(bank)).toEqual([
      ['Notes', 'What is a race condition?', 'Two threads touch shared state without order.'],
      ['Notes', 'What is a deadlock?', '- two threads\n- each waits for the other'],
      ['Notes', 'What is a livelock?', 'threads keep reacting to each other'],
    ]);
  });

  it('a bold label numbered in an answer stays answer text', () => {
    const bank = md(
      '## Q. What modules are handy?\n\n**1. Regular Expressions:**\n\nUse RegExp.\n\n**2. Streams:**\n\nUse pipes.\n\n## Q. What is npm?\n\nThe package manager.\n',
    );
    expect(bank.questions.map((q) => q.prompt)).toEqual([
      'What modules are handy?',
      'What is npm?',
    ]);
    expect(byPrompt(bank, 'What modules').answer).toContain('**2. Streams:**');
  });

  it('category headings over numbered questions with bullet answers', () => {
    const bank = md(
      '## Networking\n\n1. What is TCP?\n   - a reliable stream\n2. What is UDP?\n   - datagrams\n\n## Databases\n\n1. What is an index?\n   - a B-tree\n2. What is a transaction?\n   - all or nothing\n',
    );
    expect(qa(bank)).toEqual([
      ['Networking', 'What is TCP?', '- a reliable stream'],
      ['Networking', 'What is UDP?', '- datagrams'],
      ['Databases', 'What is an index?', '- a B-tree'],
      ['Databases', 'What is a transaction?', '- all or nothing'],
    ]);
  });

  it('toggles whose summary is a symbol-bulleted numbered question, the answer after a <br> line', () => {
    const bank = md(
      '## Git 🔧\n\n<details>\n<summary>🔹 1. What is Git?</summary>\n<br>\nA distributed version control system.\n</details>\n\n<details>\n<summary>🔹 2. How do you contribute to a project?</summary>\n<br>\n1. Fork the repo  \n2. Clone your fork  \n3. Open a pull request\n</details>\n',
    );
    expect(qa(bank)).toEqual([
      ['Git 🔧', 'What is Git?', 'A distributed version control system.'],
      [
        'Git 🔧',
        'How do you contribute to a project?',
        '1. Fork the repo\n2. Clone your fork\n3. Open a pull request',
      ],
    ]);
  });

  it('a title over a table of contents of anchors is the section, not a question', () => {
    const bank = md(
      '# Networking\n\n## Table of contents\n1. [Subnet](#question1)\n2. [Firewall](#question2)\n\n# 1. What is a subnet? <a name="question1"></a>\nA part of an IP network.\n\n# 2. What is a firewall? <a name="question2"></a>\nA filter of traffic.\n',
    );
    expect(qa(bank)).toEqual([
      ['Networking', 'What is a subnet?', 'A part of an IP network.'],
      ['Networking', 'What is a firewall?', 'A filter of traffic.'],
    ]);
  });

  it('an answer under its own sub-heading', () => {
    const bank = md(
      '# Q&A\n\n## What is a closure?\n\n### Answer\n\nA function with its lexical scope.\n\n## What is hoisting?\n\n### Answer\n\nDeclarations move to the top.\n',
    );
    expect(qa(bank)).toEqual([
      ['Q&A', 'What is a closure?', 'A function with its lexical scope.'],
      ['Q&A', 'What is hoisting?', 'Declarations move to the top.'],
    ]);
  });

  it('category lines over numbered questions in plain text', () => {
    const bank = parseNotes(
      'Networking\n1. What is TCP?\n- reliable stream\n2. What is UDP?\n- datagrams\n\nDatabases\n1. What is an index?\n- a B-tree\n2. What is a transaction?\n- all or nothing\n',
      { bank: 'b', file: 'b.txt' },
    );
    expect(qa(bank)).toEqual([
      ['Networking', 'What is TCP?', '- reliable stream'],
      ['Networking', 'What is UDP?', '- datagrams'],
      ['Databases', 'What is an index?', '- a B-tree'],
      ['Databases', 'What is a transaction?', '- all or nothing'],
    ]);
  });
});

describe('a README of topics whose last sub-heading lists a few questions as bullets (issue 27)', () => {
  const bank = fixture('topics-readme-bullets-ko.md');

  it('keeps the ## topics as the questions; the bullets stay in the last answer', () => {
    expect(bank.layout).toBe('markdown: h2 headings');
    expect(asked(bank).map((q) => [q.section, q.prompt])).toEqual([
      ['Part 2 데이터베이스', '인덱스'],
      ['Part 2 데이터베이스', '트랜잭션'],
      ['Part 2 데이터베이스', '정규화'],
    ]);
    const last = byPrompt(bank, '정규화');
    expect(last.answer).toContain('### 그 밖의 공부거리');
    expect(last.answer).toContain('- 샤딩이란?');
    expect(last.answer).not.toContain('[뒤로]');
    expect(bank.questions.some((q) => q.prompt.startsWith('샤딩'))).toBe(false);
  });
});

describe('numbered questions with `<br>` and `A.` answers, some without `?` or an answer (issue 27)', () => {
  const bank = fixture('numbered-br-a-lines-en.md');

  it('reads every numbered question, each with its own answer or none', () => {
    expect(asked(bank).map((q) => [q.prompt, q.answer])).toEqual([
      ['What is a container image', 'A read-only template of layers that a container starts from'],
      ['What is a volume', ''],
      ['What is a bind mount', 'A host path mounted into the container'],
      ['How do you shrink an image ?', 'Use multi-stage builds and a small base image'],
      ['What is a healthcheck', ''],
      [
        'Difference b/w CMD & ENTRYPOINT',
        'ENTRYPOINT is the program; CMD gives its default arguments',
      ],
    ]);
  });
});

describe('a whitespace-only line before a numbered question that goes on after its `?` (issue 27)', () => {
  const bank = fixture('numbered-br-space-line-en.md');

  it('keeps question 3 apart from the answer of question 2', () => {
    expect(asked(bank).map((q) => q.prompt)).toEqual([
      'Is python compiled ?',
      'What is a list comprehension ? when to use it ?',
      'Can any object be a dict key ? For instance a list',
      'What does `is` compare ?',
    ]);
    expect(byPrompt(bank, 'What is a list comprehension').answer).toBe(
      'A short way to build a list from an iterable.\nUse it for simple maps and filters',
    );
    expect(byPrompt(bank, 'Can any object').answer).toBe('Only hashable objects; a list is not');
  });
});

describe('### **N. …** questions with `A.` answers and bold bullet follow-ups (issue 27)', () => {
  const bank = fixture('h3-bold-a-followups-ko.md');

  it('reads 2 questions, 2 follow-ups, and no A. marker in the answers', () => {
    expect(bank.questions.map((q) => [q.parent ? 'follow-up' : 'question', q.prompt])).toEqual([
      ['question', '캐시를 왜 쓰는지 설명해 주세요.'],
      ['follow-up', '그렇다면 캐시와 원본이 어긋나면 어떻게 하나요?'],
      ['follow-up', 'Redis가 죽으면 어떻게 되나요?'],
      ['question', '로드 밸런서는 무엇인가요?'],
    ]);
    const cache = byPrompt(bank, '캐시를 왜');
    expect(cache.answer).toMatch(/^자주 읽는 데이터를/);
    expect(cache.answer).toContain('- 글로벌 캐시');
    expect(cache.answer).not.toContain('그렇다면');
    const stale = byPrompt(bank, '그렇다면');
    expect(stale.parent).toBe(cache.id);
    expect(stale.answer).toBe(
      'TTL을 두거나 쓰기 때 캐시를 지운다.\n- 전략\n  - Cache Aside, Write Through',
    );
    expect(byPrompt(bank, 'Redis가').answer).toBe(
      '원본 DB로 요청이 몰린다.\n- 대비: 복제와 서킷 브레이커.',
    );
    expect(byPrompt(bank, '로드 밸런서').answer).toMatch(/^여러 서버에/);
  });
});

describe('HTML toggles with empty answers and an indicator in the section summary (issue 27)', () => {
  const bank = fixture('details-html-empty-ko.md');

  it('counts an answer of only empty tags as no answer; the indicator leaves the section', () => {
    expect(bank.sections).toEqual(['인성 질문', '기술 질문']);
    expect(asked(bank).map((q) => [q.section, q.prompt, q.answer !== ''])).toEqual([
      ['인성 질문', '가장 힘들었던 협업 경험은?', false],
      ['인성 질문', '본인의 단점은 무엇인가요?', true],
      ['기술 질문', '인덱스를 어떻게 설계했나요?', false],
      ['기술 질문', '배포를 어떻게 자동화했나요?', false],
    ]);
    expect(byPrompt(bank, '본인의 단점').answer).toContain('매일 진행 상황을 공유하며');
  });
});

describe('## N) questions with ### Ans: answers under unnumbered ## sections (issue 27)', () => {
  const bank = fixture('h2-numbered-ans-headings-en.md');

  it('asks the numbered headings, answers from ### Ans:, and names sections by the others', () => {
    expect(bank.sections).toEqual(['Basics', 'Branching']);
    expect(bank.questions.map((q) => [q.section, q.prompt, q.answer])).toEqual([
      ['Basics', 'What is Git?', 'Git is a distributed version control system.'],
      [
        'Basics',
        'What is a commit?',
        'A snapshot of the tracked files.\nIt records:\n\n* the author\n* the parent commits',
      ],
      ['Branching', 'What is a branch?', 'A movable pointer to a commit.'],
      ['Branching', 'How do you undo a pushed commit?', 'Use git revert: git revert <sha>'],
    ]);
    expect(bank.problems).toEqual([]);
  });
});

describe('a placeholder toggle whose summary repeats its marker (review of issue 27)', () => {
  it('is no question: <code>#TODO</code> TODO with TODO tip and answer', () => {
    const text = [
      '<details>',
      '<summary><code>#1</code> 데드락이란?</summary>',
      '',
      '> 서로의 자원을 기다리며 멈춘 상태입니다.',
      '</details>',
      '',
      '<details>',
      '<summary><code class="language-plaintext highlighter-rouge">#TODO</code> TODO</summary>',
      '',
      '<blockquote><p><strong><u>답변 Tip</u></strong><br>',
      'TODO</p></blockquote>',
      '',
      '<blockquote><p><strong><u>Answer</u></strong><br>',
      'TODO</p></blockquote>',
      '</details>',
      '',
    ].join('\n');
    const bank = parseNotes(text, { bank: 'b', file: 'todo.md' });
    expect(asked(bank).map((q) => q.prompt)).toEqual(['데드락이란?']);
  });
});
