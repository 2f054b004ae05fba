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
