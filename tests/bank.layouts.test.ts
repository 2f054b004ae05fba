import { describe, expect, it } from 'vitest';
import { parseNotes } from '../src/bank/parse.ts';
import { renderNotes } from '../src/chat/renderers.ts';
import { seedText } from './helpers.ts';

const txt = (text: string) => parseNotes(text, { bank: 'b', file: 'b.txt' });
const md = (text: string) => parseNotes(text, { bank: 'b', file: 'b.md' });
const prompts = (text: string, parse = txt) => parse(text).questions.map((q) => q.prompt);

describe('plain text: the file decides its question marker', () => {
  it('reads the seed as the owner outline', () => {
    expect(txt(seedText()).layout).toBe('outline');
  });

  it('N) questions keep numbered lines inside answers as answer text', () => {
    const bank = txt(
      'Java notes\n\n1) What is the JVM?\n1. loads classes\n2. runs bytecode\n2) What is GC?\nfrees memory\n',
    );
    expect(bank.layout).toBe('plain text: N) questions');
    expect(bank.questions.map((q) => [q.number, q.prompt, q.answer])).toEqual([
      ['1', 'What is the JVM?', '1. loads classes\n2. runs bytecode'],
      ['2', 'What is GC?', 'frees memory'],
    ]);
    expect(bank.questions[0]?.section).toBe('Java notes');
  });

  it('N. questions with 1) lists inside answers', () => {
    const bank = txt(
      '1. Why Go?\n  1) fast builds\n  2) one binary\n2. Why not?\n  generics came late\n3. And Rust?\n  1) safety\n',
    );
    expect(bank.layout).toBe('plain text: N. questions');
    expect(bank.questions.map((q) => q.prompt)).toEqual(['Why Go?', 'Why not?', 'And Rust?']);
    expect(bank.questions[0]?.answer).toBe('1) fast builds\n2) one binary');
  });

  it('[ … ] questions', () => {
    expect(
      prompts('[ What is DNS? ]\nnames to addresses\n\n[ What is TCP? ]\nreliable streams\n'),
    ).toEqual(['What is DNS?', 'What is TCP?']);
  });

  it('Q. … A. pairs', () => {
    const bank = txt(
      'Q. What is a mutex?\nA. A lock one thread holds.\n\nQ: What is a semaphore?\nA: A counter of permits.\n',
    );
    expect(bank.layout).toBe('plain text: Q. questions');
    expect(bank.questions.map((q) => [q.prompt, q.answer])).toEqual([
      ['What is a mutex?', 'A lock one thread holds.'],
      ['What is a semaphore?', 'A counter of permits.'],
    ]);
  });

  it('the marker is the shallowest count that runs over the file, not an answer list', () => {
    const en = txt(
      'Backend prep\n\n1. What happens when you type a URL?\n   1. DNS lookup.\n   2. TCP connection.\n\n2. Process or thread?\n   Threads share memory.\n\n3. Explain indexing.\n   A B-tree.\n   1. Parse\n   2. Scan\n',
    );
    expect(en.questions.map((q) => q.prompt)).toEqual([
      'What happens when you type a URL?',
      'Process or thread?',
      'Explain indexing.',
    ]);
    expect(en.questions[0]?.answer).toBe('1. DNS lookup.\n2. TCP connection.');
    const ko = txt(
      '운영체제\n\n1) 프로세스와 스레드의 차이는?\n메모리 공유 여부.\n장점\n1) 문맥 교환이 빠르다\n2) 자원을 공유한다\n\n2) 데드락이란?\n서로 기다리는 상태.\n1. 상호 배제\n2. 점유 대기\n3. 비선점\n4. 순환 대기\n\n3) 가상 메모리란?\n',
    );
    expect(ko.layout).toBe('plain text: N) questions');
    expect(ko.questions.map((q) => q.prompt)).toEqual([
      '프로세스와 스레드의 차이는?',
      '데드락이란?',
      '가상 메모리란?',
    ]);
    expect(ko.questions[1]?.answer).toContain('4. 순환 대기');
    const tail = txt(
      '면접 노트\n\n1))JVM이란?\n바이트코드를 실행한다.\n1. 클래스 로더\n2. 실행 엔진\n\n2))클로저를 설명하시오\n함수와 환경.\n\n예제 코드\nfunction f() {}\n\n장점\n- 정보 은닉\n',
    );
    expect(tail.layout).toBe('plain text: N)) questions');
    expect(tail.questions.map((q) => [q.prompt, q.answer])).toEqual([
      ['JVM이란?', '바이트코드를 실행한다.\n1. 클래스 로더\n2. 실행 엔진'],
      ['클로저를 설명하시오', '함수와 환경.\n\n예제 코드\nfunction f() {}\n\n장점\n- 정보 은닉'],
    ]);
  });

  it('an unanswered question warns, stays askable and borrows nothing', () => {
    const bank = txt('1)) first?\n\n2)) second?\nits answer\n3)) third?\nthird answer\n');
    expect(bank.questions.map((q) => q.answer)).toEqual(['', 'its answer', 'third answer']);
    expect(bank.problems).toEqual([
      {
        file: 'b.txt',
        line: 1,
        level: 'warning',
        message: 'question "first?" has no answer in the notes: it stays askable',
      },
    ]);
  });
});

describe('Markdown: questions by the file structure', () => {
  it('the repeating heading level with content is the question level, levels above are sections', () => {
    const bank = md(
      '# My notes\n\nIntro.\n\n## OS\n\n### What is a process?\n\nA running program.\n\n#### Detail\n\nIt has memory.\n\n### What is a thread?\n\nA flow inside a process.\n',
    );
    expect(bank.layout).toBe('markdown: h3 headings');
    expect(bank.questions.map((q) => [q.section, q.prompt])).toEqual([
      ['OS', 'What is a process?'],
      ['OS', 'What is a thread?'],
    ]);
    expect(bank.questions[0]?.answer).toBe('A running program.\n\n#### Detail\n\nIt has memory.');
  });

  it('duplicates are skipped with a warning; a shared prompt with a different body is another question', () => {
    const text = [
      '## Quiz',
      '### 1. What is the output?',
      '```js\nconsole.log(1)\n```',
      '<details><summary>Answer</summary>\n\n1\n\n</details>',
      '### 2. What is the output?',
      '```js\nconsole.log(2)\n```',
      '<details><summary>Answer</summary>\n\n2\n\n</details>',
      '### 3. What is the output?',
      '```js\nconsole.log(1)\n```',
      '<details><summary>Answer</summary>\n\none\n\n</details>',
    ].join('\n\n');
    const bank = md(text);
    expect(bank.questions.map((q) => [q.prompt, q.body, q.answer])).toEqual([
      ['What is the output?', '```js\nconsole.log(1)\n```', '1'],
      ['What is the output?', '```js\nconsole.log(2)\n```', '2'],
    ]);
    expect(bank.questions[0]?.id).not.toBe(bank.questions[1]?.id);
    expect(bank.problems).toEqual([
      expect.objectContaining({
        level: 'warning',
        message: expect.stringMatching(
          /^duplicate question "What is the output\?" \(first at line 3\): skipped$/,
        ),
      }),
    ]);
  });

  it('references come from links and bare URLs in prose, never from code', () => {
    const bank = md(
      '## Q. What is HTTP?\n\nSee [MDN](https://developer.mozilla.org/en-US/docs/Web/HTTP), or https://example.com/a.\n\n```\ncurl https://not-a-reference.example\n```\n\n[back](#top) ![img](./a.png)\n\n## Q. What is TLS?\n\n- [https://tls.ulfheim.net](https://tls.ulfheim.net)\n',
    );
    expect(bank.questions.map((q) => q.references)).toEqual([
      [
        { url: 'https://developer.mozilla.org/en-US/docs/Web/HTTP', label: 'MDN' },
        { url: 'https://example.com/a', label: null },
      ],
      [{ url: 'https://tls.ulfheim.net', label: null }],
    ]);
    expect(bank.questions[0]?.answer).not.toContain('./a.png');
  });

  it('bold Q. paragraphs take the blocks up to the next question as their answer', () => {
    const bank = md(
      '## 운영체제\n\n**Q1. 프로세스와 스레드의 차이는?**\n\n프로세스는 실행 중인 프로그램입니다.\n\n- 스레드는 흐름의 단위\n\n**Q2. 데드락이란?**\n\n**A.** 서로의 자원을 기다리는 상태입니다.\n\n## 네트워크\n\nQ. TCP란?\n\nA. 연결형 프로토콜\n',
    );
    expect(bank.questions.map((q) => [q.section, q.prompt, q.answer])).toEqual([
      [
        '운영체제',
        '프로세스와 스레드의 차이는?',
        '프로세스는 실행 중인 프로그램입니다.\n\n- 스레드는 흐름의 단위',
      ],
      ['운영체제', '데드락이란?', '서로의 자원을 기다리는 상태입니다.'],
      ['네트워크', 'TCP란?', '연결형 프로토콜'],
    ]);
  });

  it('Q: lines in paragraphs pair with the A: after them', () => {
    expect(
      prompts(
        'Q: What is a heap?\n\nA: A tree with an order.\n\nQ: What is a stack?\n\nA: Last in, first out.\n',
        md,
      ),
    ).toEqual(['What is a heap?', 'What is a stack?']);
  });
});

describe('Markdown: numbered items that are questions', () => {
  it('takes `1. ### …` and `1. **…?**` items, and leaves other numbered items to the answers', () => {
    const bank = md(
      [
        '# Interview',
        '',
        '1. **What is a race condition?**',
        '',
        '   Two threads touch shared state without order.',
        '',
        '   1. **Symptom:** wrong totals',
        '   2. **Fix:** a lock',
        '',
        '2. ### What is a deadlock',
        '',
        '   Each waits for the other.',
        '',
        '3. **Key point:** not a question',
      ].join('\n'),
    );
    expect(bank.layout).toBe('markdown: numbered heading items');
    expect(bank.questions.map((q) => [q.section, q.prompt])).toEqual([
      ['Interview', 'What is a race condition?'],
      ['Interview', 'What is a deadlock'],
    ]);
    expect(bank.questions[0]?.answer).toBe(
      'Two threads touch shared state without order.\n\n1. **Symptom:** wrong totals\n2. **Fix:** a lock',
    );
  });
});

describe('Markdown: the question level is the one that asks', () => {
  it('repeated answer parts ("Example", "Explanation") under each question are not questions', () => {
    const bank = md(
      '# JS\n\n## Closures\n\n### What is a closure?\n\nA function with its scope.\n\n#### Example\n\n```js\nf();\n```\n\n#### Explanation\n\nIt keeps `x`.\n\n### Why are closures useful?\n\nPrivacy.\n\n#### Example\n\n```js\ng();\n```\n\n#### Explanation\n\n`n` is hidden.\n\n## Promises\n\n### What is a promise?\n\nA future value.\n\n#### Example\n\n```js\nh();\n```\n',
    );
    expect(bank.layout).toBe('markdown: h3 headings');
    expect(bank.questions.map((q) => [q.section, q.prompt])).toEqual([
      ['Closures', 'What is a closure?'],
      ['Closures', 'Why are closures useful?'],
      ['Promises', 'What is a promise?'],
    ]);
    expect(bank.questions[0]?.answer).toContain('#### Explanation\n\nIt keeps `x`.');
  });

  it('categories with an intro line each stay sections when the level below asks', () => {
    const bank = md(
      '# 백엔드 면접\n\n## 네트워크\n\n네트워크 기본 질문들입니다.\n\n### TCP와 UDP의 차이는?\n\nTCP는 연결 지향.\n\n## 데이터베이스\n\nDB 질문들입니다.\n\n### 인덱스란?\n\n검색을 빠르게.\n\n## 운영체제\n\nOS 질문들입니다.\n\n### 데드락이란?\n\n서로 기다리는 상태.\n',
    );
    expect(bank.questions.map((q) => [q.section, q.prompt])).toEqual([
      ['네트워크', 'TCP와 UDP의 차이는?'],
      ['데이터베이스', '인덱스란?'],
      ['운영체제', '데드락이란?'],
    ]);
  });
});

describe('Markdown: a shared prompt with its snippet before **Answer:**', () => {
  it('the code between the heading and the answer is the body, so the questions stay apart', () => {
    const bank = md(
      '# JS quiz\n\n### 1. What is the output of below code?\n\n```js\nconsole.log(typeof null);\n```\n\n**Answer:** `"object"`, a historical bug.\n\n### 2. What is the output of below code?\n\n```js\nconsole.log(0.1 + 0.2 === 0.3);\n```\n\n**Answer:** `false`, floating point.\n',
    );
    expect(bank.questions.map((q) => [q.prompt, q.body, q.answer])).toEqual([
      [
        'What is the output of below code?',
        '```js\nconsole.log(typeof null);\n```',
        '`"object"`, a historical bug.',
      ],
      [
        'What is the output of below code?',
        '```js\nconsole.log(0.1 + 0.2 === 0.3);\n```',
        '`false`, floating point.',
      ],
    ]);
    expect(new Set(bank.questions.map((q) => q.id)).size).toBe(2);
    expect(bank.problems).toEqual([]);
  });
});

describe('Markdown: <details> toggles are only labels', () => {
  it('a summary that starts like a toggle word but asks is a question', () => {
    const bank = md(
      '# Coding\n\n<details>\n<summary>Show how you would debounce a function</summary>\n\nWith a timer reset on each call.\n\n</details>\n\n<details>\n<summary>More than one thread writes to a HashMap: what can go wrong?</summary>\n\nLost updates.\n\n</details>\n\n<details>\n<summary>What is a race condition?</summary>\n\nTiming decides the result.\n\n</details>\n',
    );
    expect(bank.questions.map((q) => [q.prompt, q.answer])).toEqual([
      ['Show how you would debounce a function', 'With a timer reset on each call.'],
      ['More than one thread writes to a HashMap: what can go wrong?', 'Lost updates.'],
      ['What is a race condition?', 'Timing decides the result.'],
    ]);
  });

  it('"Show answer", "정답 보기" and "Solution 2 (one-liner)" stay toggles of the question above', () => {
    for (const label of ['Show answer', '정답 보기', 'Solution 2 (one-liner)', 'Click me!']) {
      const bank = md(
        `## What is 1 + 1?\n\n<details><summary>${label}</summary>\n\n2\n\n</details>\n\n## What is 2 + 2?\n\n4\n`,
      );
      expect(bank.questions.map((q) => [q.prompt, q.answer])).toEqual([
        ['What is 1 + 1?', '2'],
        ['What is 2 + 2?', '4'],
      ]);
    }
  });
});

describe('Markdown: Q./A. lists after a **Qn.** paragraph', () => {
  it('are questions of their own, nested ones follow-ups', () => {
    const bank = md(
      '## Networking\n\n**Q1. What is TCP?**\n\nA. A connection-oriented protocol.\n\n**Q2. What is UDP?**\n\n**A.** A connectionless protocol.\n\n* Q. What is a socket?\n  * A. An endpoint for data.\n  * Q. What is a port?\n    * A. A 16-bit number.\n',
    );
    expect(bank.questions.map((q) => [q.prompt, q.answer, q.parent !== null])).toEqual([
      ['What is TCP?', 'A connection-oriented protocol.', false],
      ['What is UDP?', 'A connectionless protocol.', false],
      ['What is a socket?', 'An endpoint for data.', false],
      ['What is a port?', 'A 16-bit number.', true],
    ]);
  });
});

describe('Markdown: answers of numbered heading items', () => {
  it('lose the item indentation when the answer goes on at column 0, so prose is not code', () => {
    const bank = md(
      '1. ### What are pure functions?\n\n     Some differences are below,\n\n| Pure | Impure |\n| --- | --- |\n| no side effects | side effects |\n\n2. ### What is referential transparency?\n\n     An expression can be replaced by its value.\n',
    );
    expect(bank.questions.map((q) => q.prompt)).toEqual([
      'What are pure functions?',
      'What is referential transparency?',
    ]);
    expect(bank.questions[0]?.answer).toBe(
      'Some differences are below,\n\n| Pure | Impure |\n| --- | --- |\n| no side effects | side effects |',
    );
  });
});

describe('clean prompts', () => {
  it('keep inner bold and tags inside code spans', () => {
    const bank = md(
      '# Web\n\n## **REST** vs **SOAP**\n\nA style and a protocol.\n\n## What is `<a>` vs `<button>`?\n\nLinks navigate.\n\n## **What is CORS?**\n\nA browser policy.\n',
    );
    expect(bank.questions.map((q) => q.prompt)).toEqual([
      '**REST** vs **SOAP**',
      'What is `<a>` vs `<button>`?',
      'What is CORS?',
    ]);
  });
});

describe('references', () => {
  it('keep a closing parenthesis that belongs to the address', () => {
    const wiki = 'https://en.wikipedia.org/wiki/Closure_(computer_programming)';
    const fromMd = md(
      `## What is a closure?\n\nA function with its scope, see [Wikipedia](${wiki}).\n\n## What is a thunk?\n\nA delayed call (${wiki}).\n`,
    );
    expect(fromMd.questions.flatMap((q) => q.references.map((r) => r.url))).toContain(wiki);
    const fromText = txt(
      `1)) What is a closure?\nsee ${wiki}.\n2)) What is a thunk?\na delayed call (${wiki})\n`,
    );
    expect(fromText.questions.map((q) => q.references.map((r) => r.url))).toEqual([[wiki], [wiki]]);
  });
});

describe('noise', () => {
  it('emoji-wrapped TOC and "Related" titles, HTML back-to-top links and [참고] are not questions', () => {
    const bank = md(
      '# Java 면접 ☕\n\n## 📖 Table of Contents 📖\n\n1. [JVM이란?](#1-jvm이란)\n2. [GC란?](#2-gc란)\n\n## 1. JVM이란?\n\n바이트코드를 실행한다.\n\n<a href="#-table-of-contents-">맨 위로</a>\n\n## 2. GC란?\n\n객체를 회수한다.\n\n## 🔗 Related\n\n- [Effective Java](https://example.com/ej)\n',
    );
    expect(bank.questions.map((q) => [q.prompt, q.answer])).toEqual([
      ['JVM이란?', '바이트코드를 실행한다.'],
      ['GC란?', '객체를 회수한다.'],
    ]);
    const text = txt(
      '[TCP와 UDP의 차이]\nTCP는 연결 지향.\n\n[참고]\nhttps://example.com/tcp\n\n[HTTP 상태 코드]\n200 OK.\n',
    );
    expect(text.questions.map((q) => q.prompt)).toEqual(['TCP와 UDP의 차이', 'HTTP 상태 코드']);
    expect(text.questions[0]?.references.map((r) => r.url)).toEqual(['https://example.com/tcp']);
  });
});

describe('Markdown: checklists', () => {
  it('reads `- [ ] …` items as questions: what is under an item answers it, nested items follow up', () => {
    const bank = md(
      '# Frontend checklist\n\n## JavaScript\n\n- [ ] What is a closure?\n  A function with the scope it was made in.\n- [x] Explain the event loop\n  - [ ] What is a microtask?\n    - Runs before the next task.\n- [ ] `==` vs `===`?\n\n## CSS\n\n* [ ] What is specificity? See [MDN](https://developer.mozilla.org/en-US/docs/Web/CSS/Specificity)\n',
    );
    expect(bank.layout).toBe('markdown: checklist items');
    expect(bank.questions.map((q) => [q.section, q.prompt, q.answer])).toEqual([
      ['JavaScript', 'What is a closure?', 'A function with the scope it was made in.'],
      ['JavaScript', 'Explain the event loop', ''],
      ['JavaScript', 'What is a microtask?', '- Runs before the next task.'],
      ['JavaScript', '`==` vs `===`?', ''],
      [
        'CSS',
        'What is specificity? See [MDN](https://developer.mozilla.org/en-US/docs/Web/CSS/Specificity)',
        '',
      ],
    ]);
    const [, loop, microtask] = bank.questions;
    expect(loop?.kind).toBe('group');
    expect(microtask?.parent).toBe(loop?.id);
    expect(bank.problems.filter((p) => p.level === 'error')).toEqual([]);
    expect(bank.problems.map((p) => p.line)).toEqual([10, 14]);
  });

  it('a list that is only partly ticked boxes stays answer text', () => {
    const bank = md(
      '## What does a release need?\n\n- [ ] tests pass\n- a changelog\n\n## What is semver?\n\nMajor, minor, patch.\n',
    );
    expect(bank.questions.map((q) => [q.prompt, q.answer])).toEqual([
      ['What does a release need?', '- [ ] tests pass\n- a changelog'],
      ['What is semver?', 'Major, minor, patch.'],
    ]);
  });
});

describe('Markdown: link reference definitions hold across the file', () => {
  it('a reference far from its definition is a reference, written out in the answer', () => {
    const filler = Array.from(
      { length: 800 },
      (_, i) => `## What is topic ${i}?\n\nTopic ${i} is explained here in one plain line.\n`,
    ).join('\n');
    const text = `## What is HTTP?\n\nSee [the spec][rfc] and [MDN].\n\n## How does TLS fit in?\n\n<details><summary>Show answer</summary>\n\nRead [the TLS RFC][TLS].\n\n</details>\n\n${filler}\n[rfc]: https://www.rfc-editor.org/rfc/rfc9110 "HTTP Semantics"\n[mdn]: <https://developer.mozilla.org/en-US/docs/Web/HTTP>\n[tls]: https://www.rfc-editor.org/rfc/rfc8446\n`;
    // Far more than one 16 KB piece lies between the references and their definitions.
    expect(text.length).toBeGreaterThan(40_000);
    const bank = md(text);
    const http = bank.questions.find((q) => q.prompt === 'What is HTTP?');
    expect(http?.references).toEqual([
      { url: 'https://www.rfc-editor.org/rfc/rfc9110', label: 'the spec' },
      { url: 'https://developer.mozilla.org/en-US/docs/Web/HTTP', label: 'MDN' },
    ]);
    expect(http?.answer).toBe(
      'See [the spec](https://www.rfc-editor.org/rfc/rfc9110) and [MDN](https://developer.mozilla.org/en-US/docs/Web/HTTP).',
    );
    const tls = bank.questions.find((q) => q.prompt === 'How does TLS fit in?');
    expect(tls?.references).toEqual([
      { url: 'https://www.rfc-editor.org/rfc/rfc8446', label: 'the TLS RFC' },
    ]);
    expect(tls?.answer).toBe('Read [the TLS RFC](https://www.rfc-editor.org/rfc/rfc8446).');
    expect(renderNotes(http?.answer ?? '', 'slack', 'markdown')).toBe(
      'See <https://www.rfc-editor.org/rfc/rfc9110|the spec> and <https://developer.mozilla.org/en-US/docs/Web/HTTP|MDN>.',
    );
    const last = bank.questions.find((q) => q.prompt === 'What is topic 799?');
    expect(last?.answer).toBe('Topic 799 is explained here in one plain line.');
    expect(bank.questions).toHaveLength(802);
  });
});

describe('references ending in )', () => {
  it('keep a ) that closes a ( of the address, never one that closes the sentence', () => {
    const closure = 'https://en.wikipedia.org/wiki/Closure_(computer_programming)';
    const thunk = 'https://en.wikipedia.org/wiki/Thunk_(programming)';
    const lazy = 'https://en.wikipedia.org/wiki/Lazy_evaluation';
    const memo = 'https://en.wikipedia.org/wiki/Memoization';
    const fromMd = md(
      `## What is a closure?\n\nA function with its scope (see ${closure}).\n\n## What is a thunk?\n\n[Thunk](${thunk}), a delayed call (see [lazy evaluation](${lazy})).\n\n## What is memoization?\n\nCaching results (${memo}).\n`,
    );
    expect(fromMd.questions.map((q) => q.references.map((r) => r.url))).toEqual([
      [closure],
      [thunk, lazy],
      [memo],
    ]);
    const fromText = txt(
      `1)) What is a closure?\na function with its scope (see ${closure})\n2)) What is memoization?\ncaching results (${memo}).\n`,
    );
    expect(fromText.questions.map((q) => q.references.map((r) => r.url))).toEqual([
      [closure],
      [memo],
    ]);
  });
});
