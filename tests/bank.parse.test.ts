import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { loadBankFile } from '../src/bank/load.ts';
import { type ParsedBank, parseNotes, type Question } from '../src/bank/parse.ts';
import { seedText, tempDir } from './helpers.ts';

const parseSeed = (text = seedText()) =>
  parseNotes(text, { bank: 'interview-cmp-ko', file: 'seed.txt' });

function find(bank: ParsedBank, section: string, number: string | null): Question {
  const q = bank.questions.find(
    (x) =>
      x.section === section && x.number === number && (number !== null || x.prompt === section),
  );
  if (!q) throw new Error(`no question ${number} in ${section}`);
  return q;
}

const DERIVED = '자기소개에서 파생되어 나올 수 있는 질문';
const EXPECTED = '예상 질문 리스트';

describe('the seed notes', () => {
  const bank = parseSeed();

  it('loads as it is, with no problems', () => {
    expect(bank.problems).toEqual([]);
    expect(bank.sections).toEqual([
      '자기소개',
      DERIVED,
      EXPECTED,
      '회사에 대해 얼마나 아는가?',
      '지원동기',
      '이직 사유',
      '자기 PR / 자신의 주요 경력을 간략하게 소개해주세요',
      '장점 / 단점',
      '취미 / 특기',
      '희망연봉 수준',
      '면접관 역질문',
      '우리 회사의 경쟁사는 누구라고 생각하나요?',
    ]);
    expect(bank.questions).toHaveLength(37);
  });

  it('turns sections that start with plain text into questions', () => {
    const headings = bank.questions.filter((q) => q.number === null).map((q) => q.prompt);
    expect(headings).toEqual([
      '자기소개',
      '취미 / 특기',
      '희망연봉 수준',
      '우리 회사의 경쟁사는 누구라고 생각하나요?',
    ]);
    expect(find(bank, '취미 / 특기', null).answer).toBe('배스 낚시');
    const intro = find(bank, '자기소개', null);
    expect(intro.answer.startsWith('안녕하십니까 신세계아이앤씨')).toBe(true);
    expect(intro.answer.endsWith('성장하고 싶어 지원하였습니다.')).toBe(true);
    expect(intro.answer.split('\n').filter((l) => l === '')).toHaveLength(2);
    expect(intro.source.line).toBe(1);
  });

  it('attaches follow-ups by number, whatever their indentation', () => {
    const q1 = find(bank, DERIVED, '1');
    expect(q1.prompt).toBe(
      '퍼블릭 클라우드 경험 유무 - 경험을 했다면 어떤 CSP에서 어떤 기능을 사용하였는지와 역할',
    );
    expect(q1.answer.endsWith('외부에서 접속 할 수 있도록 하였습니다.')).toBe(true);
    for (const n of ['1-1', '1-2', '1-3']) expect(find(bank, DERIVED, n).parent).toBe(q1.id);
    expect(find(bank, DERIVED, '1-1').prompt).toBe('클라우드 서비스에 대해 아는게 있나요?');
    expect(find(bank, DERIVED, '1-1').answer.split('\n')).toHaveLength(3);
    expect(find(bank, DERIVED, '1-2').answer).toBe(
      '오픈시프트와 오픈시프트의 오픈소스인 OKD는 경험해본 적이 없습니다.\n도커와 쿠버네티스를 제공하는 컨테이너 애플리케이션 플랫폼으로 Devops 환경까지 제공해주는 것으로 알고있습니다.',
    );
    expect(find(bank, DERIVED, '1-3').answer).toBe(
      '테스트환경을 구축할 때 도커를 이용해서 컨테이너 환경을 구축해봤습니다',
    );
    expect(find(bank, DERIVED, '2').parent).toBeNull();
    const rollback = find(bank, '이직 사유', '2-1');
    expect(rollback.parent).toBe(find(bank, '이직 사유', '2').id);
    expect(find(bank, '이직 사유', '3-1').parent).toBe(find(bank, '이직 사유', '3').id);
  });

  it('shares one answer between consecutive unanswered questions', () => {
    const s = '지원동기';
    expect(find(bank, s, '1').answer).toBe(find(bank, s, '2').answer);
    expect(find(bank, s, '1').sharesAnswerWith).toBe(find(bank, s, '2').id);
    expect(find(bank, s, '1').answer.startsWith('서비스 연계능력과 클라우드 경험')).toBe(true);
    expect(find(bank, s, '3').answer).toBe(find(bank, s, '4').answer);
    expect(find(bank, s, '3').answer.startsWith('스파로스 CMP 개발업무를 통하여')).toBe(true);
    expect(find(bank, s, '5').sharesAnswerWith).toBeNull();
  });

  it('makes an unanswered question with answered follow-ups a group', () => {
    const group = find(bank, EXPECTED, '4');
    expect(group.kind).toBe('group');
    expect(group.answer).toBe('');
    for (const n of ['4-1', '4-2', '4-3']) {
      const f = find(bank, EXPECTED, n);
      expect(f.parent).toBe(group.id);
      expect(f.kind).toBe('question');
      expect(f.answer).not.toBe('');
    }
    expect(find(bank, EXPECTED, '4-2').answer).toContain('scale-down 서버 사양 감소');
  });

  it('splits notes off at a line of equals signs', () => {
    const q4 = find(bank, DERIVED, '4');
    expect(q4.answer.endsWith('VM 생성까지 한다고 추측했습니다.')).toBe(true);
    expect(q4.answer).not.toContain('===');
    expect(q4.notes.startsWith('2022년 행정·공공기관 클라우드컴퓨팅 수요예보')).toBe(true);
    const q5 = find(bank, DERIVED, '5');
    expect(q5.answer).not.toContain('CMP (Cloud Management Platform)');
    expect(q5.notes.startsWith('CMP (Cloud Management Platform)는')).toBe(true);
    expect(q5.notes).toContain('\n    - 관리의 접근이 아닌 서비스 사용의 접근으로 시작');
    expect(q5.notes).toContain('※ 플랫폼 운영의 목적은');
  });

  it('lifts URLs out as references, with a short line before them as label', () => {
    const q5 = find(bank, DERIVED, '5');
    expect(q5.references).toEqual([
      {
        url: 'https://blog.naver.com/PostView.naver?blogId=okestro&logNo=222296338097&redirect=Dlog&widgetTypeCall=true&directAccess=false',
        label: null,
      },
    ]);
    expect(q5.notes).not.toContain('http');

    const nutanix = find(bank, EXPECTED, '2');
    expect(nutanix.references.map((r) => r.label)).toEqual([null, null, null, null, null, 'SDDC']);
    expect(nutanix.references[0]?.url).toBe('https://www.nutanix.com/kr/info/nutanix-vs-vmware');
    expect(nutanix.answer).not.toContain('http');
    expect(nutanix.answer).not.toContain('SDDC');
    expect(nutanix.answer).toContain(
      '- HCI(하이퍼컨버지드 인프라)\n    HCI는 하드웨어와 소프트웨어가 함께 제공되는',
    );

    const multi = find(bank, EXPECTED, '5');
    expect(multi.references).toEqual([
      { url: 'https://www.atlassian.com/ko/devops/devops-tools', label: 'devops' },
      {
        url: 'https://jud00.tistory.com/entry/CICD%EB%9E%80-%EB%AC%B4%EC%97%87%EC%9D%BC%EA%B9%8C',
        label: 'CI/CD',
      },
      {
        url: 'https://www.comworld.co.kr/news/articleView.html?idxno=50521',
        label: '클라우드 동향',
      },
      {
        url: 'http://it.chosun.com/site/data/html_dir/2022/05/16/2022051600747.html',
        label: '클라우드 동향',
      },
    ]);
    expect(multi.answer.endsWith('상호 운용적으로 사용')).toBe(true);
  });

  it('keeps no carriage return, tab or outer indentation in any field', () => {
    for (const q of bank.questions) {
      for (const field of [q.prompt, q.answer, q.notes, q.section]) {
        expect(field).not.toMatch(/[\r\t]/);
        expect(field).toBe(field.trim() === '' ? '' : field.replace(/\s+$/, ''));
      }
      if (q.answer) expect(q.answer[0]).not.toBe(' ');
    }
  });
});

describe('the same notes in other clothes', () => {
  const strip = (b: ParsedBank) =>
    b.questions.map((q) => ({ ...q, source: { ...q.source, file: '' } }));

  it('CRLF, spaces and a BOM give the same bank as LF and tabs', () => {
    const spaced = `\uFEFF${seedText()
      .split('\n')
      .map((l) => l.replace(/^\t+/, (tabs) => '    '.repeat(tabs.length)))
      .join('\r\n')}`;
    expect(spaced).not.toContain('\t\t');
    expect(strip(parseSeed(spaced))).toEqual(strip(parseSeed()));
  });

  it('a CP949 copy of the seed gives the same bank', () => {
    const utf8File = join(tempDir(), 'notes.txt');
    const cp949File = join(tempDir(), 'notes.txt');
    writeFileSync(utf8File, seedText());
    const bytes = iconv.encode(seedText(), 'cp949');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    writeFileSync(cp949File, bytes);
    const a = loadBankFile(utf8File);
    const b = loadBankFile(cp949File);
    expect(b.problems).toEqual([]);
    expect(strip(b)).toEqual(strip(a));
  });

  it('refuses a binary file with a clear error instead of mojibake', () => {
    const dir = tempDir();
    const file = join(dir, 'image.txt');
    writeFileSync(
      file,
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
    );
    const bank = loadBankFile(file);
    expect(bank.questions).toEqual([]);
    expect(bank.problems).toHaveLength(1);
    expect(bank.problems[0]).toMatchObject({ level: 'error', line: 3 });
    expect(bank.problems[0]?.message).toMatch(/binary file/);
  });

  it('refuses text in an encoding it cannot tell, naming the line', () => {
    const dir = tempDir();
    const file = join(dir, 'latin.txt');
    writeFileSync(
      file,
      Buffer.concat([Buffer.from('# Title\n\t1. q\n\t\tanswer \xff\xfe\xff\n', 'latin1')]),
    );
    const bank = loadBankFile(file);
    expect(bank.problems).toEqual([
      {
        file: bank.file,
        line: 3,
        level: 'error',
        message: 'not valid UTF-8 nor CP949/EUC-KR text: save the file as UTF-8',
      },
    ]);
  });

  it('reads decomposed Hangul (as macOS saves it) as the same text', () => {
    const nfd = seedText().normalize('NFD');
    expect(nfd).not.toBe(seedText());
    const [a, b] = [join(tempDir(), 'n.txt'), join(tempDir(), 'n.txt')];
    writeFileSync(a, nfd);
    writeFileSync(b, seedText());
    expect(strip(loadBankFile(a))).toEqual(strip(loadBankFile(b)));
  });
});

describe('question ids', () => {
  it('are the same on every run and survive an edit of the answer', () => {
    const a = parseSeed();
    const b = parseSeed(seedText().replace('배스 낚시', '배스 낚시와 등산'));
    expect(b.questions.map((q) => q.id)).toEqual(a.questions.map((q) => q.id));
    expect(find(b, '취미 / 특기', null).answer).toBe('배스 낚시와 등산');
    // Pinned: ids must not change between versions of Drill, or history is orphaned.
    expect(find(a, '자기소개', null).id).toBe('98ceb59c8f1209e7');
    expect(new Set(a.questions.map((q) => q.id)).size).toBe(a.questions.length);
  });

  it('change when the prompt changes, and differ between banks', () => {
    const a = parseSeed();
    const b = parseSeed(seedText().replace('# 취미 / 특기', '# 취미'));
    expect(find(b, '취미', null).id).not.toBe(find(a, '취미 / 특기', null).id);
    const other = parseNotes(seedText(), { bank: 'other', file: 'x' });
    expect(other.questions[0]?.id).not.toBe(a.questions[0]?.id);
  });
});

describe('problems in notes', () => {
  const parse = (text: string) => parseNotes(text, { bank: 'b', file: 'b.txt' });

  it('reports a question without an answer, a duplicate prompt and an orphan follow-up', () => {
    const bank = parse('# S\n1. first\n\tanswer\n1. first\n\tagain\n3-1. orphan\n\tx\n4. last\n');
    expect(bank.problems).toEqual([
      {
        file: 'b.txt',
        line: 4,
        level: 'error',
        message: 'duplicate prompt in section "S" (first at line 2)',
      },
      {
        file: 'b.txt',
        line: 6,
        level: 'warning',
        message: 'follow-up 3-1 has no question 3 before it in this section',
      },
      { file: 'b.txt', line: 8, level: 'warning', message: 'question 4 has no answer' },
    ]);
  });

  it('refuses an empty file and a file with no questions', () => {
    expect(parse('').problems[0]).toMatchObject({
      level: 'error',
      message: expect.stringMatching(/empty file/),
    });
    expect(parse('just some text\n').problems.map((p) => p.level)).toEqual(['warning', 'error']);
  });

  it('does not take dates, decimals or phone numbers for questions', () => {
    const bank = parse('# S\n1. q\n\t2022-05-16 meeting\n\t1.5 GHz\n\t010-1234-5678\n\t3.14 pi\n');
    expect(bank.questions).toHaveLength(1);
    expect(bank.questions[0]?.answer.split('\n')).toHaveLength(4);
  });

  it('accepts `N)` numbering and deeper follow-ups', () => {
    const bank = parse('# S\n1) q\n\ta\n\t1-1) f\n\t\tb\n\t\t1-1-1. g\n\t\t\tc\n');
    expect(bank.questions.map((q) => q.number)).toEqual(['1', '1-1', '1-1-1']);
    expect(bank.questions[2]?.parent).toBe(bank.questions[1]?.id);
  });
});
