import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseNotes } from '../src/bank/parse.ts';
import { runCli } from '../src/cli.ts';
import { judge } from '../src/coach/judge.ts';
import { keyPoints } from '../src/coach/points.ts';
import { loadLabelled, scoreLabelled } from './coach-labels.ts';
import { tempDir } from './helpers.ts';

describe('key points from the notes', () => {
  it('follows the answer: list items, sentences, definitions, bold terms, code names, sections', () => {
    const points = keyPoints(
      [
        '### Costs',
        '- **Disk space**: every index takes room',
        '- writes slow down. Each insert updates it.',
        '',
        '**When not to**',
        'Few distinct values. Queries that read most rows; tiny tables.',
        '',
        '```ts',
        'const idx = createIndex(table, "name");',
        '```',
      ].join('\n'),
    );
    expect(points.map((p) => [p.text, p.kind, p.section])).toEqual([
      ['Disk space: every index takes room', 'definition', 'Costs'],
      ['writes slow down. Each insert updates it.', 'item', 'Costs'],
      ['Few distinct values.', 'sentence', 'When not to'],
      ['Queries that read most rows', 'sentence', 'When not to'],
      ['tiny tables.', 'sentence', 'When not to'],
      ['createIndex', 'code', 'When not to'],
    ]);
    expect(points[0]?.terms).toEqual(['Disk space']);
  });

  it('takes only the points a note marks with ==…== when it marks any', () => {
    const points = keyPoints(
      'TCP is reliable.\n- ==three-way handshake== before data\n- ==**ACK**s and retransmission==',
    );
    expect(points.map((p) => [p.text, p.kind, p.terms])).toEqual([
      ['three-way handshake', 'marked', []],
      ['ACKs and retransmission', 'marked', ['ACK']],
    ]);
  });

  it('survives the notes readers: Markdown, marked plain text and the outline keep ==…==', () => {
    const md = parseNotes(
      '## What is TCP?\n\nIt is ==connection oriented== and ==reliable==.\n\n## What is UDP?\n\nconnectionless\n',
      {
        bank: 'm',
        file: 'm.md',
      },
    );
    const txt = parseNotes(
      '1. What is TCP?\nIt is ==connection oriented==.\n2. What is UDP?\n==connectionless==\n',
      {
        bank: 't',
        file: 't.txt',
      },
    );
    const outline = parseNotes(
      '# Network\n\t1. What is TCP?\n\t\t==reliable== and ordered\n\t2. What is UDP?\n\t\tconnectionless\n',
      {
        bank: 'o',
        file: 'o.txt',
      },
    );
    for (const bank of [md, txt, outline]) {
      const answer = bank.questions[0]?.answer ?? '';
      expect(keyPoints(answer)[0]?.kind).toBe('marked');
    }
    expect(keyPoints(md.questions[0]?.answer ?? '').map((p) => p.text)).toEqual([
      'connection oriented',
      'reliable',
    ]);
  });

  it('`drill bank check --points FILE` lists them per question', async () => {
    const dir = tempDir();
    const file = join(dir, 'net.md');
    writeFileSync(
      file,
      '## What does TLS add?\n\n- encryption\n- integrity\n- server authentication\n\n## Why HTTP/2?\n\nMultiplexing.\n',
    );
    const out: string[] = [];
    const code = await runCli(['bank', 'check', '--points', file], {
      out: (t) => out.push(t),
      err: () => {},
    });
    expect(code).toBe(0);
    expect(out.slice(-7, -1)).toEqual([
      `${file}:1: What does TLS add? (3 key point(s))`,
      '  1. encryption (item)',
      '  2. integrity (item)',
      '  3. server authentication (item)',
      `${file}:7: Why HTTP/2? (1 key point(s))`,
      '  1. Multiplexing. (sentence)',
    ]);
  });
});

const PUT = {
  prompt: 'What is the difference between PUT and PATCH?',
  answer:
    'PUT replaces the whole resource; PATCH changes part of it.\nPUT is idempotent; PATCH need not be.',
};
const covered = (prompt: string, answer: string, reply: string) =>
  judge({ prompt, answer }, reply).points.map((p) => p.status);

describe('the offline matcher', () => {
  it('gives empty, gibberish, copied and off-topic answers what they deserve', () => {
    expect(judge(PUT, '  \n').verdict).toBe('empty');
    expect(judge(PUT, 'qwpoeiru zmxncbv alskdjfh').verdict).toBe('offTopic');
    expect(judge(PUT, 'I had pasta for lunch today').verdict).toBe('offTopic');
    expect(judge(PUT, 'what is the difference between put and patch').verdict).toBe(
      'copiedQuestion',
    );
    const copied = judge(PUT, PUT.answer);
    expect([copied.verdict, copied.covered]).toEqual(['copiedAnswer', 0]);
  });

  it('counts a point said in other words, and not the right terms in a wrong statement', () => {
    expect(
      covered(PUT.prompt, PUT.answer, 'PUT replaces the entire resource, and PUT is idempotent.'),
    ).toEqual(['covered', 'missed', 'covered', 'missed']);
    expect(
      covered(
        PUT.prompt,
        PUT.answer,
        'PATCH replaces the whole resource; PUT changes part of it.',
      ).slice(0, 2),
    ).toEqual(['contradicted', 'contradicted']);
    expect(covered(PUT.prompt, PUT.answer, 'PUT is not idempotent.')[2]).toBe('contradicted');
  });

  it('reads Korean through particles, endings and spacing, and a negation as one', () => {
    const q = '오픈시프트를 써보셨나요?';
    const a =
      '오픈시프트는 경험해본 적이 없습니다.\n컨테이너 애플리케이션 플랫폼으로 알고 있습니다.';
    expect(covered(q, a, '컨테이너애플리케이션 플랫폼이라고 알고있어요')).toEqual([
      'missed',
      'covered',
    ]);
    expect(covered(q, a, '오픈시프트를 경험해 본 적은 없어요')[0]).toBe('covered');
    expect(covered(q, a, '오픈시프트를 경험해봤습니다')[0]).toBe('contradicted');
  });

  it('matches abbreviations the notes spell out, stems, case, numbers and code names', () => {
    const q = 'What does a browser do first?';
    const a =
      '- It resolves the name by DNS (Domain Name System)\n- It opens a Transmission Control Protocol (TCP) connection\n- It returns 409 on conflicts\n- `fetchAll()` loads the rows';
    const said = (reply: string) => covered(q, a, reply);
    expect(said('name resolution through the domain name system')[0]).toBe('covered');
    expect(said('Resolving names with dns')[0]).toBe('covered');
    expect(said('opening a tcp connection')[1]).toBe('covered');
    expect(said('returns 409 on conflict')[2]).toBe('covered');
    expect(said('returns 400 on conflict')[2]).toBe('missed');
    expect(said('fetchAll loads rows')[3]).toBe('covered');
  });
});

describe('the labelled answers (tests/fixtures/coach)', () => {
  const { questions, answers } = loadLabelled();

  it('are at least 120, in Korean and English, labelled against the points the coach reads', () => {
    expect(answers.length).toBeGreaterThanOrEqual(120);
    expect(new Set(answers.map((a) => a.question.lang))).toEqual(new Set(['en', 'ko']));
    // A change in how points are read makes the labels stale: relabel, don't tune.
    for (const q of questions)
      expect([q.key, keyPoints(q.answer).length]).toEqual([q.key, q.points]);
  });

  it('still score: per-point F1 well above chance in both languages, adversarial verdicts mostly right', () => {
    const score = scoreLabelled(answers);
    // Floors well below the measured figures (bench: coach_point_f1): they catch a broken matcher.
    expect(score.koF1).toBeGreaterThan(0.65);
    expect(score.enF1).toBeGreaterThan(0.65);
    const flagged = answers.filter((a) => a.verdict !== 'answered').length;
    expect(score.verdictMisses.length).toBeLessThanOrEqual(Math.floor(flagged / 5));
  });
});
