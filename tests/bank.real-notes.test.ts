import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type ParsedBank, parseNotes } from '../src/bank/parse.ts';
import { REAL_NOTES as REAL, realNotesPresent } from './setup/shared-notes.ts';

function load(name: string): ParsedBank {
  const text = readFileSync(REAL + name, 'utf8');
  return parseNotes(text, { bank: name.replace(/\.\w+$/, ''), file: name });
}

/** Within 3% of what a person counts (the folder's README). */
function near(actual: number, counted: number): void {
  expect(Math.abs(actual - counted) / counted).toBeLessThanOrEqual(0.03);
}

const JUNK_PROMPT = [
  /^#/, // heading marker
  /^\d+\s*[.)]/, // list number
  /^Q\s*\d*\s*[.:]/i,
  /^\)/,
  /^:[a-z0-9_+-]+:/, // emoji shortcode
  /<br\s*\/?>/i,
  /\]\(#/, // a table-of-contents line
  /^(?:table of contents|contents|목차|references?|참고|contributors?|special thanks(?: to)?|home|back to top|top|위로)$/i,
];

/** Every `)` in the address closes a `(` before it. */
function balanced(url: string): boolean {
  let open = 0;
  for (const c of url) {
    if (c === '(') open++;
    else if (c === ')' && --open < 0) return false;
  }
  return open === 0;
}

function expectClean(bank: ParsedBank): void {
  for (const q of bank.questions) {
    for (const junk of JUNK_PROMPT)
      expect(q.prompt, `prompt at line ${q.source.line}`).not.toMatch(junk);
    expect(q.prompt).toBe(q.prompt.trim());
    expect(q.prompt).not.toBe('');
    for (const text of [q.answer, q.body].map((t) => t.replace(/```[\s\S]*?```/g, ''))) {
      expect(text).not.toMatch(/^>/);
      expect(text).not.toMatch(/back to top|\[위로\]|\[Top\]|:arrow_double_up:/i);
      expect(text).not.toMatch(/^\s*<\/?(?:p|br|details|summary)\b/im);
    }
    for (const r of q.references) {
      expect(r.url).toMatch(/^https?:\/\/\S+$/);
      expect(r.url).not.toMatch(/[\]"'.,;:]$/);
      // A `)` ends an address only when it closes a `(` of the address (`Closure_(computing)`).
      if (r.url.endsWith(')')) expect(balanced(r.url), r.url).toBe(true);
    }
  }
}

interface Pick {
  prompt: string;
  answer: string;
  section?: string;
}

function expectPicks(bank: ParsedBank, picks: Pick[]): void {
  expect(picks.length).toBeGreaterThanOrEqual(5);
  for (const pick of picks) {
    const q = bank.questions.find((x) => x.prompt === pick.prompt);
    expect(q, pick.prompt).toBeDefined();
    expect(q?.answer).toContain(pick.answer);
    if (pick.section) expect(q?.section).toBe(pick.section);
  }
}

const answered = (bank: ParsedBank) => bank.questions.filter((q) => q.answer.trim() !== '').length;

/** A real file parses to the counts a person made (within 3%), with clean prompts and answers. */
function counted(name: string, questions: number, withAnswer: number): ParsedBank {
  const bank = load(name);
  near(bank.questions.length, questions);
  near(answered(bank), withAnswer);
  expectClean(bank);
  return bank;
}

// Without ../shared/real-notes/ (a fresh clone) these are skipped, and the run's summary says so
// in one line; tests/bank.fixtures.test.ts covers the same layouts from files in the repository.
describe.runIf(realNotesPresent())('real notes, as people publish them', () => {
  it('gyoogle: #### questions under ##/### categories, answers in > quotes', () => {
    const bank = counted('gyoogle-tech-interview-for-developer-Interview-List.md', 58, 58);
    expect(bank.layout).toBe('markdown: h4 headings');
    expect(bank.sections).toEqual([
      '언어(C++ 등)',
      '운영체제',
      '데이터베이스',
      '네트워크',
      '스프링',
    ]);
    expectPicks(bank, [
      {
        prompt: 'Vector와 ArrayList의 차이는?',
        answer: 'Vector : 동기식. 한 스레드가 벡터 작업 중이면',
        section: '언어(C++ 등)',
      },
      {
        prompt: '교착상태(DeadLock)가 무엇이며, 4가지 조건은?',
        answer: '교착상태의 4가지 조건은 아래와 같다.',
      },
      { prompt: 'UML이란?', answer: '프로그램 설계를 표현하기 위해 사용하는 그림으로 된 표기법' },
      { prompt: 'UDP란?', answer: 'TCP의 대안으로, IP와 같이 쓰일 땐 UDP/IP라고도 부름' },
      { prompt: 'MyBatis', answer: 'DTO에 해당하는 부분과 SQL 실행결과를 매핑', section: '스프링' },
      {
        prompt: '데이터 베이스에서 인덱스(색인)이란 무엇인가요',
        answer: '- 책으로 비유하자면 목차로 비유할 수 있다.',
      },
    ]);
  });

  it('WeareSoft: ### topics with nested bullets, :question: Q./A. pairs as follow-ups', () => {
    const bank = counted('WeareSoft-tech-interview-contents-network.md', 19, 16);
    const handshake = bank.questions.find(
      (q) => q.prompt === 'TCP의 3 way handshake와 4 way handshake',
    );
    const followUps = bank.questions.filter((q) => q.parent === handshake?.id);
    expect(followUps.map((q) => q.prompt)).toEqual([
      'TCP의 연결 설정 과정(3단계)과 연결 종료 과정(4단계)이 단계가 차이나는 이유?',
      expect.stringMatching(/^만약 Server에서 FIN 플래그를 전송하기 전에/),
      '초기 Sequence Number인 ISN을 0부터 시작하지 않고 난수를 생성해서 설정하는 이유?',
    ]);
    expect(followUps[0]?.references).toEqual([
      { url: 'http://ddooooki.tistory.com/21', label: '관련 Reference' },
    ]);
    expect(handshake?.answer).not.toContain('TCP 관련 질문');
    const empty = bank.questions.filter((q) => q.answer === '').map((q) => q.prompt);
    expect(empty).toEqual(['TCP IP의 개념', 'DNS', '소켓이란']);
    // The `* Q.` inside the GET/POST answer has no `A.`: it stays answer text.
    const get = bank.questions.find((q) => q.prompt === 'GET 메서드와 POST 메서드');
    expect(get?.answer).toContain('Q. 조회하기 위한 용도 POST가 아닌 GET 방식을 사용하는 이유?');
    expect(get?.answer).toContain('1. 설계 원칙에 따라 GET 방식은');
    expectPicks(bank, [
      { prompt: 'OSI 7계층', answer: '1. 물리 계층(Physical layer)', section: 'Network' },
      { prompt: 'TCP와 UDP', answer: '네트워크 계층 중 **전송 계층에서 사용하는 프로토콜**' },
      {
        prompt: 'TCP의 연결 설정 과정(3단계)과 연결 종료 과정(4단계)이 단계가 차이나는 이유?',
        answer: 'Client가 데이터 전송을 마쳤다고 하더라도 Server는 아직 보낼 데이터가 남아있을 수',
      },
      { prompt: 'CORS란', answer: 'CORS(Cross Origin Resource Sharing)란' },
      { prompt: '쿠키와 세션', answer: '비연결 지향(Connectionless)' },
    ]);
    const osi = bank.questions.find((q) => q.prompt === 'OSI 7계층');
    expect(osi?.references).toEqual([
      { url: 'https://ko.wikipedia.org/wiki/OSI_%EB%AA%A8%ED%98%95', label: null },
    ]);
    expect(osi?.answer).not.toContain('<img');
  });

  it('ksundong: <details><summary> questions under ##/### categories, answers in <p> HTML', () => {
    const bank = counted('ksundong-backend-interview-question-README.md', 148, 110);
    expect(bank.questions.map((q) => q.prompt)).not.toContain('CLICK ME');
    expect(bank.sections).not.toContain('Table Of Contents');
    expect(bank.problems.filter((p) => p.level === 'error')).toEqual([]);
    expectPicks(bank, [
      {
        prompt: '웹 서버 소프트웨어(Apache, Nginx)는 OSI 7계층 중 어디서 작동하는지 설명해보세요.',
        answer: 'Apache와 NGINX는 HTTP 웹 서버로',
        section: '네트워크',
      },
      {
        prompt: '제네릭에 대해서 설명해주세요.',
        answer: '제네릭은 자바의 타입 안정성을 맡고 있습니다.',
      },
      {
        prompt: 'JPA 영속성 컨텍스트의 이점(5가지)을 설명해주세요.',
        answer: '1차 캐시, 동일성 보장, 쓰기 지연',
        section: 'JPA',
      },
      {
        prompt: '쿠버네티스가 무엇인가요? 왜 쿠버네티스를 쓸까요?',
        answer: '운영을 관리해주는 오픈소스 플랫폼입니다.',
      },
      {
        prompt: '멀티스레드 프로그래밍에 대해 설명해보세요.',
        answer: '- 멀티 프로세스에 비해 메모리 자원소모가 줄어듭니다.',
      },
      // Two <details> in one HTML block without a blank line between them.
      {
        prompt: '코딩테스트의 해당 언어를 선택한 이유는 무엇인가요?',
        answer: 'Java(Spring), Javascript(Node), 파이썬등',
      },
    ]);
    const unanswered = bank.questions.find(
      (q) => q.prompt === '로드 밸런서에 대해서 설명해주세요.',
    );
    expect(unanswered?.answer).toBe('');
    expect(bank.problems).toContainEqual(
      expect.objectContaining({ level: 'warning', line: unanswered?.source.line }),
    );
  });

  it('ChangHwanDev: plain text with N)) questions and 1. lists inside answers', () => {
    const bank = counted('ChangHwanDev-Algorithm_Study-interview.txt', 49, 48);
    expect(bank.layout).toBe('plain text: N)) questions');
    const first = bank.questions[0];
    expect(first?.prompt).toBe('java 프로그램 실행 과정에 대해 말해보시오.');
    expect(first?.answer.split('\n')).toHaveLength(5);
    expect(first?.answer).toContain('2.class loader를 통해 .class파일들을 jvm으로 로딩한다.');
    // Question 24 has no answer: it does not borrow question 25's.
    const git = bank.questions.find((q) => q.prompt === 'git 이란 무엇인가?');
    expect(git?.answer).toBe('');
    expect(bank.questions.find((q) => q.prompt === 'wrapper class 사용이유')?.answer).not.toBe('');
    expectPicks(bank, [
      { prompt: '변수란', answer: '하나의 값을 저장할 수 있는 메모리 공간' },
      { prompt: '자바의 특징에 대해 말해보시오', answer: '3.멀티 스레드를 지원한다.' },
      { prompt: 'gc', answer: '참조되지 않는 객체들을 탐색 후 제거하는 역할' },
      {
        prompt: 'DDL, DML, DCL에 대해 설명해보세요.',
        answer: '- DDL : Data Define Language 의 약자로',
      },
      { prompt: '객체 인스턴스 차이', answer: '클래스의 타입으로 선언되었을 때 객체라고 부르고' },
      { prompt: 'view', answer: '이때 view는 실제 테이블이 아닌 가상의 테이블입니다.' },
    ]);
  });

  it('learning-zone: ## Q. headings, code fences with # comments, back-to-top blocks', () => {
    const bank = counted('learning-zone-nodejs-basics-nodejs-faq.md', 30, 30);
    const cluster = bank.questions.find((q) => q.prompt === 'How to manage Node.js clusters?');
    expect(cluster?.answer).toContain('# Install PM2 globally');
    expect(bank.questions.map((q) => q.prompt)).not.toContain('Install PM2 globally');
    expectPicks(bank, [
      {
        prompt: 'How to create a simple server in Node.js that returns Hello World?',
        answer: "res.send('Hello World!');",
      },
      {
        prompt: 'What is EventEmitter in Node.js?',
        answer: 'The EventEmitter is a class that facilitates communication/interaction',
      },
      { prompt: 'What is an error-first callback?', answer: 'Error-first Callback' },
      { prompt: 'List types of Http requests supported by Node.js?', answer: "require('http')" },
      { prompt: 'What is difference between put and patch?', answer: 'PATCH' },
    ]);
    const hello = bank.questions[0];
    expect(hello?.references).toEqual([
      {
        url: 'https://codesandbox.io/s/hello-world-in-nodejs-ue3cs3',
        label: 'Try this example on CodeSandbox',
      },
    ]);
  });

  it('sudheerj: numbered heading items, then exercises sharing one prompt with code bodies', () => {
    const bank = counted('sudheerj-javascript-interview-questions-README.md', 564, 564);
    const exercises = bank.questions.filter((q) => q.section === 'Coding Exercise');
    near(exercises.length, 86);
    const generic = exercises.filter((q) => q.prompt === 'What is the output of below code');
    expect(generic.length).toBeGreaterThan(40);
    expect(new Set(generic.map((q) => q.id)).size).toBe(generic.length);
    const first = exercises[0];
    expect(first?.body).toContain('var car = new Vehicle("Honda", "white", "2010", "UK");');
    expect(first?.body).toContain(
      '- 4: {model: "Honda", color: "white", year: "2010", country: "UK"}',
    );
    expect(first?.answer).toMatch(/^##### Answer: 4\n\nThe function declarations are hoisted/);
    // Code keeps its indentation.
    const objects = bank.questions[0];
    expect(objects?.answer).toContain('```javascript\n   var object = {\n     name: "Sudheer",');
    expectPicks(bank, [
      {
        prompt: 'What are the possible ways to create objects in JavaScript',
        answer: '**Object literal syntax:**',
        section: 'JavaScript Interview Questions & Answers',
      },
      {
        prompt: 'What is the Difference Between `call`, `apply`, and `bind`',
        answer: 'The `call()` method invokes a function immediately',
      },
      { prompt: 'What is Hoisting', answer: "Hoisting is JavaScript's default behavior" },
      {
        prompt: 'What are classes in ES6',
        answer: 'In ES6, JavaScript classes are primarily syntactic sugar',
      },
      {
        prompt: 'What is the difference between const and Object.freeze',
        answer: '`const` applies to **variables** (bindings)',
      },
      {
        prompt: 'How do you verify two strings are anagrams or not?',
        answer: 'function verifyAnagrams(word1, word2)',
        section: 'Coding Exercise',
      },
    ]);
  });
});
