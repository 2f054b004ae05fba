import { describe, expect, it } from 'vitest';
import { parseNotes } from '../src/bank/parse.ts';

const md = (text: string) => parseNotes(text, { bank: 'b', file: 'b.md' });
const pairs = (text: string) => md(text).questions.map((q) => [q.prompt, q.answer]);

describe('Markdown notes: answers that start like a label (issue 12, 1)', () => {
  it('keeps "Answer…", 정답… and "Answer 1." when no label was written', () => {
    expect(
      pairs(
        '## What is item 1?\n\nAnswering this needs context.\n\n## What is item 2?\n\n정답은 O(n)이다.\n\n## What is item 3?\n\nAnswer 1.\n\n## What is item 4?\n\nSolutions differ.\n\n## What is item 5?\n\n해설서를 본다.\n',
      ),
    ).toEqual([
      ['What is item 1?', 'Answering this needs context.'],
      ['What is item 2?', '정답은 O(n)이다.'],
      ['What is item 3?', 'Answer 1.'],
      ['What is item 4?', 'Solutions differ.'],
      ['What is item 5?', '해설서를 본다.'],
    ]);
  });

  it('still strips a real label', () => {
    expect(
      pairs(
        '## What is item 1?\n\n**Answer:** B\n\n## What is item 2?\n\n정답: O(n)\n\n## What is item 3?\n\nAnswer: yes\n\n## What is item 4?\n\n**Answer**: no\n',
      ),
    ).toEqual([
      ['What is item 1?', 'B'],
      ['What is item 2?', 'O(n)'],
      ['What is item 3?', 'yes'],
      ['What is item 4?', 'no'],
    ]);
  });
});

describe('Markdown notes: Q./A. on adjacent lines (issue 12, 2)', () => {
  const expected = [
    ['What is a closure?', 'A function that keeps its scope.'],
    ['What is hoisting?', 'Moving declarations up.'],
  ];

  it.each([
    [
      'Q. / A.',
      'Q. What is a closure?\nA. A function that keeps its scope.\n\nQ. What is hoisting?\nA. Moving declarations up.\n',
    ],
    [
      'Q: / A:',
      'Q: What is a closure?\nA: A function that keeps its scope.\n\nQ: What is hoisting?\nA: Moving declarations up.\n',
    ],
    [
      'a hard break',
      'Q. What is a closure?  \nA. A function that keeps its scope.\n\nQ. What is hoisting?\\\nA. Moving declarations up.\n',
    ],
    [
      'a bold question',
      '**Q. What is a closure?**\nA. A function that keeps its scope.\n\n**Q. What is hoisting?**\n**A.** Moving declarations up.\n',
    ],
    [
      'a blank line',
      'Q. What is a closure?\n\nA. A function that keeps its scope.\n\nQ. What is hoisting?\n\nA. Moving declarations up.\n',
    ],
  ])('%s', (_name, text) => {
    const bank = md(text);
    expect(bank.questions.map((q) => [q.prompt, q.answer])).toEqual(expected);
    expect(bank.problems).toEqual([]);
  });

  it('keeps the rest of the answer and its links', () => {
    const bank = md(
      'Q. What is a closure?\nA. A function that keeps its [scope](https://example.com/scope).\n\nMore text.\n\nQ. Next?\nA. Yes.\n',
    );
    expect(bank.questions[0]?.answer).toBe(
      'A function that keeps its [scope](https://example.com/scope).\n\nMore text.',
    );
    expect(bank.questions[0]?.references.map((r) => r.url)).toEqual(['https://example.com/scope']);
  });
});

describe('Markdown notes: a code fence never closed (issue 12, 3)', () => {
  const questions = (n: number) =>
    Array.from({ length: n }, (_, i) => `## Q${i + 1}. What is item ${i + 1}?\n\nItem ${i + 1}.\n`);

  it('is reported at its line, and the questions after it are still found', () => {
    const parts = questions(6);
    parts[1] =
      '## Q2. What does this print?\n\n```js\nconsole.log(1);\n# not a heading\n### nor this\n\n';
    const bank = md(parts.join('\n'));
    expect(bank.problems).toEqual([
      {
        file: 'b.md',
        line: 7,
        level: 'warning',
        message: 'the code block opened at line 7 is never closed',
      },
    ]);
    expect(bank.questions.map((q) => q.prompt)).toEqual([
      'What is item 1?',
      'What does this print?',
      'What is item 3?',
      'What is item 4?',
      'What is item 5?',
      'What is item 6?',
    ]);
    expect(bank.questions[1]?.answer).toBe(
      '```js\nconsole.log(1);\n# not a heading\n### nor this\n```',
    );
    expect(bank.questions.slice(2).map((q) => [q.answer, q.source.line])).toEqual([
      ['Item 3.', 13],
      ['Item 4.', 17],
      ['Item 5.', 21],
      ['Item 6.', 25],
    ]);
  });

  it('is reported even where no question heading follows it', () => {
    const bank = md(`${questions(2).join('\n')}\n\`\`\`sh\n# comment\nls\n`);
    expect(bank.questions).toHaveLength(2);
    expect(bank.questions[1]?.answer).toBe('Item 2.\n\n```sh\n# comment\nls\n```');
    expect(bank.problems.map((p) => [p.line, p.message])).toEqual([
      [9, 'the code block opened at line 9 is never closed'],
    ]);
  });

  it('a closed fence, or one closed by a longer fence, is no warning', () => {
    expect(md(`${questions(2).join('\n')}\n\`\`\`\ncode\n\`\`\`\n`).problems).toEqual([]);
    expect(md(`${questions(2).join('\n')}\n~~~\ncode\n~~~~\n`).problems).toEqual([]);
  });
});

describe('Markdown notes: tag-like text is text (issue 12, 4)', () => {
  it('keeps <div>, <span>, List<String> in prompts', () => {
    expect(
      md(
        '## <div>와 <span>의 차이는?\n\n블록과 인라인.\n\n## List<String>과 List<Object>의 관계는?\n\n무관하다.\n\n## What does Map<String, Integer> hold?\n\nPairs.\n',
      ).questions.map((q) => q.prompt),
    ).toEqual([
      '<div>와 <span>의 차이는?',
      'List<String>과 List<Object>의 관계는?',
      'What does Map<String, Integer> hold?',
    ]);
  });

  it('keeps <template> and <script> in answers, in paragraphs and in HTML blocks', () => {
    const bank = md(
      '## What is a template?\n\n<p>The <template> element</p>\n\n## What is an inline script?\n\nThe <template> element, and <script>alert(1)</script> runs in a page.\n',
    );
    expect(bank.questions.map((q) => [q.prompt, q.answer])).toEqual([
      ['What is a template?', 'The <template> element'],
      [
        'What is an inline script?',
        'The <template> element, and <script>alert(1)</script> runs in a page.',
      ],
    ]);
    expect(
      md(
        '<details><summary>What is a slot?</summary>\n<p>A <slot> in a <template><br>takes content.</p>\n</details>\n',
      ).questions.map((q) => [q.prompt, q.answer]),
    ).toEqual([['What is a slot?', 'A <slot> in a <template>\ntakes content.']]);
  });

  it('still strips formatting markup and layout tags used as markup', () => {
    const bank = md(
      '## <b>What</b> is <code>x</code>?<br>\n\nA <font color="red">red</font> and <span>paired</span> text.\n\n## What is y?\n\n<p>A <b>bold</b> y.</p>\n',
    );
    expect(bank.questions.map((q) => [q.prompt, q.answer])).toEqual([
      ['What is x ?', 'A red and paired text.'],
      ['What is y?', 'A **bold** y.'],
    ]);
  });
});

describe('Markdown notes: <details> questions inside list items (issue 12, 5)', () => {
  it('one-line items', () => {
    const bank = md(
      '- <details><summary>What is a closure?</summary>A function with its scope.</details>\n- <details><summary>What is hoisting?</summary>Moving declarations up.</details>\n',
    );
    expect(bank.problems).toEqual([]);
    expect(bank.questions.map((q) => [q.prompt, q.answer, q.source.line])).toEqual([
      ['What is a closure?', 'A function with its scope.', 1],
      ['What is hoisting?', 'Moving declarations up.', 2],
    ]);
  });

  it('numbered items over several lines, with code, under a section', () => {
    const bank = md(
      '## JS\n\n1. <details>\n   <summary>What is a closure?</summary>\n\n   A function with its scope.\n\n   ```js\n   const f = () => x;\n   ```\n   </details>\n2. <details>\n   <summary>What is hoisting?</summary>\n\n   Moving declarations up.\n   </details>\n',
    );
    expect(bank.layout).toBe('markdown: <details>');
    expect(bank.questions.map((q) => [q.section, q.prompt, q.answer, q.source.line])).toEqual([
      [
        'JS',
        'What is a closure?',
        'A function with its scope.\n\n```js\nconst f = () => x;\n```',
        3,
      ],
      ['JS', 'What is hoisting?', 'Moving declarations up.', 12],
    ]);
  });
});

describe('Markdown notes: numbered quiz items with code, options and **Answer:** (issue 12, 6)', () => {
  const quiz =
    '1. **What is the output of the following code?**\n\n   ```js\n   console.log(typeof null);\n   ```\n\n   - A: "null"\n   - B: "object"\n\n   **Answer:** B\n\n   `typeof null` is a historic bug.\n\n2. **What is the output of the following code?**\n\n   ```js\n   console.log(0.1 + 0.2 === 0.3);\n   ```\n\n   - A: true\n   - B: false\n\n   **Answer:** B\n';

  it('code and options are the body, the labelled answer the answer; same prompts, two ids', () => {
    const bank = md(quiz);
    expect(bank.problems).toEqual([]);
    expect(bank.questions.map((q) => [q.prompt, q.body, q.answer, q.source.line])).toEqual([
      [
        'What is the output of the following code?',
        '```js\nconsole.log(typeof null);\n```\n\n- A: "null"\n- B: "object"',
        'B\n\n`typeof null` is a historic bug.',
        1,
      ],
      [
        'What is the output of the following code?',
        '```js\nconsole.log(0.1 + 0.2 === 0.3);\n```\n\n- A: true\n- B: false',
        'B',
        14,
      ],
    ]);
    const [a, b] = bank.questions;
    expect(a?.id).not.toBe(b?.id);
  });

  it('the same when the code and options are not indented under the item', () => {
    const flat = quiz.replace(/^ {3}/gm, '');
    expect(md(flat).questions.map((q) => [q.body.split('\n')[1], q.answer])).toEqual([
      ['console.log(typeof null);', 'B\n\n`typeof null` is a historic bug.'],
      ['console.log(0.1 + 0.2 === 0.3);', 'B'],
    ]);
  });

  it('a Korean label (정답:) splits body and answer too', () => {
    const bank = md(
      '## 다음 코드의 출력은?\n\n```js\nconsole.log(1);\n```\n\n정답: 1\n\n## 다음 코드의 출력은?\n\n```js\nconsole.log(2);\n```\n\n정답: 2\n',
    );
    expect(bank.questions.map((q) => [q.body, q.answer])).toEqual([
      ['```js\nconsole.log(1);\n```', '1'],
      ['```js\nconsole.log(2);\n```', '2'],
    ]);
  });

  it('an item without a label keeps everything as its answer', () => {
    expect(
      md(
        '1. **What is x?**\n\n   X is a letter.\n\n2. **What is y?**\n\n   Y too.\n',
      ).questions.map((q) => [q.body, q.answer]),
    ).toEqual([
      ['', 'X is a letter.'],
      ['', 'Y too.'],
    ]);
  });
});
