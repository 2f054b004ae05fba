import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type ParsedBank, parseNotes } from '../src/bank/parse.ts';

/**
 * Small notes written for these tests in the six layouts of ../shared/real-notes/ (which a clone
 * may not have beside it): what the parser promises for each layout, checked without that folder.
 */
function load(name: string): ParsedBank {
  const text = readFileSync(new URL(`./fixtures/notes/${name}`, import.meta.url), 'utf8');
  return parseNotes(text, { bank: name.replace(/\.\w+$/, ''), file: name });
}

const JUNK_PROMPT = [
  /^#/,
  /^\d+\s*[.)]/,
  /^Q\s*\d*\s*[.:]/i,
  /^:[a-z0-9_+-]+:/,
  /<br\s*\/?>/i,
  /\]\(#/,
  /^(?:table of contents|contents|목차|references?|참고|contributors?|special thanks(?: to)?|home|back to top|top|위로|click me)$/i,
];

/** Prompts without markers or navigation, answers without quote marks, HTML or back-to-top links. */
function expectClean(bank: ParsedBank): void {
  for (const q of bank.questions) {
    for (const junk of JUNK_PROMPT) expect(q.prompt, `line ${q.source.line}`).not.toMatch(junk);
    expect(q.prompt).toBe(q.prompt.trim());
    for (const text of [q.answer, q.body].map((t) => t.replace(/```[\s\S]*?```/g, ''))) {
      expect(text).not.toMatch(/^>/m);
      expect(text).not.toMatch(/back to top|\[위로\]|\[Top\]|:arrow_double_up:/i);
      expect(text).not.toMatch(/^\s*<\/?(?:p|br|details|summary|div|ul|li)\b/im);
    }
    for (const r of q.references) expect(r.url).toMatch(/^https?:\/\/\S+$/);
  }
}

const prompts = (bank: ParsedBank) => bank.questions.map((q) => q.prompt);
const byPrompt = (bank: ParsedBank, prompt: string) => {
  const q = bank.questions.find((x) => x.prompt === prompt);
  expect(q, prompt).toBeDefined();
  return q as ParsedBank['questions'][number];
};
const warnedLines = (bank: ParsedBank) =>
  bank.problems.filter((p) => p.level === 'warning').map((p) => p.line);

describe('notes in the layouts people publish (fixtures in the repository)', () => {
  it('#### questions under ### categories, answers in > quotes (tables, lists, code, <img>), a BOM', () => {
    const bank = load('quote-answers.md');
    expect(bank.layout).toBe('markdown: h4 headings');
    expect(bank.sections).toEqual(['언어', '운영체제', '네트워크']);
    expect(prompts(bank)).toEqual([
      'Vector와 ArrayList의 차이는?',
      'Call by Value vs Call by Reference',
      '교착상태(DeadLock)가 무엇이며, 4가지 조건은?',
      '스레드를 만드는 코드는?',
      'UDP란?',
    ]);
    expectClean(bank);
    expect(byPrompt(bank, 'Vector와 ArrayList의 차이는?').answer).toBe(
      'Vector : 동기식. 한 스레드가 작업 중이면 다른 스레드는 기다린다.\n\nArrayList : 비동기식. 여러 스레드가 동시에 작업할 수 있다.',
    );
    expect(byPrompt(bank, 'Call by Value vs Call by Reference').answer).toContain(
      '| 값에 의한 호출 | 값을 복사 |',
    );
    const deadlock = byPrompt(bank, '교착상태(DeadLock)가 무엇이며, 4가지 조건은?');
    expect(deadlock.section).toBe('운영체제');
    expect(deadlock.answer).toContain('- 상호 배제\n- 점유 대기');
    expect(deadlock.answer).not.toContain('<img');
    expect(byPrompt(bank, '스레드를 만드는 코드는?').answer).toContain(
      '```java\nnew Thread(() -> work()).start();\n```',
    );
    expect(bank.problems).toEqual([]);
  });

  it('### topics with nested bullets, :question: Q./A. pairs as follow-ups, navigation quotes, empty topics', () => {
    const bank = load('nested-topics.md');
    expect(prompts(bank)).toEqual([
      'OSI 7계층',
      'TCP의 3 way handshake',
      'TCP의 연결 설정 과정(3단계)과 연결 종료 과정(4단계)이 단계가 차이나는 이유?',
      '초기 Sequence Number인 ISN을 0부터 시작하지 않고 난수를 생성하는 이유?',
      'DNS',
      'GET 메서드와 POST 메서드',
    ]);
    expectClean(bank);
    const handshake = byPrompt(bank, 'TCP의 3 way handshake');
    const followUps = bank.questions.filter((q) => q.parent === handshake.id);
    expect(followUps.map((q) => q.prompt)).toEqual([
      'TCP의 연결 설정 과정(3단계)과 연결 종료 과정(4단계)이 단계가 차이나는 이유?',
      '초기 Sequence Number인 ISN을 0부터 시작하지 않고 난수를 생성하는 이유?',
    ]);
    expect(followUps[0]?.answer).toBe(
      'Client가 데이터 전송을 마쳤다고 하더라도 Server는 아직 보낼 데이터가 남아있을 수 있기 때문이다.',
    );
    expect(followUps[0]?.references).toEqual([
      { url: 'http://example.org/reference/21', label: '관련 Reference' },
    ]);
    expect(handshake.answer).not.toContain('TCP 관련 질문');
    expect(handshake.answer).toContain('1. 클라이언트가 SYN을 보낸다.');
    // An empty topic stays askable, with a warning at its line.
    expect(byPrompt(bank, 'DNS').answer).toBe('');
    expect(warnedLines(bank)).toEqual([byPrompt(bank, 'DNS').source.line]);
    // A `* Q.` with no `A.` inside an answer stays answer text.
    const get = byPrompt(bank, 'GET 메서드와 POST 메서드');
    expect(get.answer).toContain('Q. 조회하기 위한 용도 POST가 아닌 GET 방식을 사용하는 이유?');
    expect(get.answer).toContain('1. 설계 원칙에 따라 GET 방식은');
    const osi = byPrompt(bank, 'OSI 7계층');
    expect(osi.section).toBe('Network');
    expect(osi.answer).toContain('1. 물리 계층(Physical layer)');
    expect(osi.answer).not.toContain('<img');
    expect(osi.references).toEqual([
      { url: 'https://ko.wikipedia.org/wiki/OSI_%EB%AA%A8%ED%98%95', label: null },
    ]);
  });

  it('<details><summary> questions with <p> HTML or Markdown answers; CLICK ME, contents and a commented template are not questions', () => {
    const bank = load('details-html.md');
    expect(bank.layout).toBe('markdown: <details>');
    expect(bank.sections).toEqual(['네트워크', 'Java', '개발 언어']);
    expect(prompts(bank)).toEqual([
      'TCP와 UDP의 차이점에 대해서 설명해보세요.',
      '로드 밸런서에 대해서 설명해주세요.',
      '제네릭에 대해서 설명해주세요.',
      '코딩테스트의 해당 언어를 선택한 이유는 무엇인가요?',
      '멀티스레드 프로그래밍에 대해 설명해보세요.',
    ]);
    expectClean(bank);
    expect(bank.problems.filter((p) => p.level === 'error')).toEqual([]);
    expect(byPrompt(bank, 'TCP와 UDP의 차이점에 대해서 설명해보세요.').answer).toBe(
      'TCP는 연결 지향형 프로토콜이고 UDP는 데이터를 데이터그램단위로 전송하는 프로토콜입니다.\n\nTCP는 신뢰성이 중요한 서비스에, UDP는 연속성이 더 중요한 서비스에 사용됩니다.',
    );
    expect(byPrompt(bank, '제네릭에 대해서 설명해주세요.').answer).toContain(
      '- 컴파일 시점에 타입을 검사합니다.',
    );
    // Two <details> in one HTML block, no blank line between them; the second in Markdown.
    expect(byPrompt(bank, '코딩테스트의 해당 언어를 선택한 이유는 무엇인가요?').answer).toContain(
      'Java(Spring), Javascript(Node), 파이썬등',
    );
    expect(byPrompt(bank, '멀티스레드 프로그래밍에 대해 설명해보세요.').answer).toContain(
      '- 멀티 프로세스에 비해 메모리 자원소모가 줄어듭니다.',
    );
    const unanswered = byPrompt(bank, '로드 밸런서에 대해서 설명해주세요.');
    expect(unanswered.answer).toBe('');
    expect(warnedLines(bank)).toEqual([unanswered.source.line]);
  });

  it('plain text with N)) questions, 1. lists inside answers, an unanswered one, unnumbered pairs at the end', () => {
    const bank = load('numbered-text.txt');
    expect(bank.layout).toBe('plain text: N)) questions');
    expect(prompts(bank)).toEqual([
      'java 프로그램 실행 과정에 대해 말해보시오.',
      '자바의 특징에 대해 말해보시오',
      '변수란',
      'git 이란 무엇인가?',
      'wrapper class 사용이유',
      'DDL, DML, DCL에 대해 설명해보세요.',
      '객체 인스턴스 차이',
      'view',
    ]);
    expectClean(bank);
    const first = bank.questions[0];
    expect(first?.answer.split('\n')).toHaveLength(3);
    expect(first?.answer).toContain('2.class loader를 통해 .class파일들을 jvm으로 로딩한다.');
    expect(byPrompt(bank, '자바의 특징에 대해 말해보시오').answer).toContain(
      '3.멀티 스레드를 지원한다.',
    );
    // Question 4 has no answer: it does not borrow question 5's.
    expect(byPrompt(bank, 'git 이란 무엇인가?').answer).toBe('');
    expect(byPrompt(bank, 'wrapper class 사용이유').answer).not.toBe('');
    // An answer on the question's own line.
    expect(byPrompt(bank, 'DDL, DML, DCL에 대해 설명해보세요.').answer).toBe(
      '- DDL : Data Define Language 의 약자로 구조를 정의한다.',
    );
    expect(byPrompt(bank, 'view').answer).toBe(
      'select 한 결과물을 테이블로 만드는 기법\n이때 view는 실제 테이블이 아닌 가상의 테이블입니다.',
    );
  });

  it('## Q. headings, code fences with # comments, back-to-top blocks, a CodeSandbox link', () => {
    const bank = load('q-headings.md');
    expect(bank.layout).toBe('markdown: h2 headings');
    expect(prompts(bank)).toEqual([
      'How to create a simple server in Node.js that returns Hello World?',
      'How to manage Node.js clusters?',
      'What is an error-first callback?',
    ]);
    expectClean(bank);
    const cluster = byPrompt(bank, 'How to manage Node.js clusters?');
    expect(cluster.answer).toContain('# Install PM2 globally');
    expect(prompts(bank)).not.toContain('Install PM2 globally');
    expect(bank.questions[0]?.answer).toContain("res.send('Hello World!');");
    expect(bank.questions[0]?.references).toEqual([
      {
        url: 'https://codesandbox.io/s/hello-world-example',
        label: 'Try this example on CodeSandbox',
      },
    ]);
    expect(byPrompt(bank, 'What is an error-first callback?').answer).toContain(
      '| first | the error, or null |',
    );
    expect(bank.problems).toEqual([]);
  });

  it('numbered heading items with indented answers, then exercises sharing one prompt with code bodies', () => {
    const bank = load('numbered-items.md');
    expect(bank.sections).toEqual(['JavaScript Interview Questions & Answers', 'Coding Exercise']);
    expectClean(bank);
    expect(prompts(bank).slice(0, 3)).toEqual([
      'What are the possible ways to create objects in JavaScript',
      'What is Hoisting',
      'What is the difference between const and Object.freeze',
    ]);
    // Code keeps its indentation relative to the item.
    expect(bank.questions[0]?.answer).toContain(
      '```javascript\n   var object = {\n     name: "Sudheer",',
    );
    expect(bank.questions[0]?.answer).toContain('**Object literal syntax:**');
    const exercises = bank.questions.filter((q) => q.section === 'Coding Exercise');
    expect(exercises.map((q) => q.prompt)).toEqual([
      'What is the output of below code',
      'What is the output of below code',
    ]);
    expect(new Set(exercises.map((q) => q.id)).size).toBe(2);
    expect(exercises[0]?.body).toContain('var car = new Vehicle("Honda", "white", "2010", "UK");');
    expect(exercises[0]?.body).toContain(
      '- 4: {model: "Honda", color: "white", year: "2010", country: "UK"}',
    );
    expect(exercises[0]?.answer).toMatch(
      /^##### Answer: 4\n\nThe function declarations are hoisted/,
    );
    expect(exercises[1]?.answer).toMatch(/^##### Answer: 1\n/);
    expect(bank.problems).toEqual([]);
  });
});
