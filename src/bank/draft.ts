import { questionId } from './ids.ts';
import type { ParsedBank, Problem, Question, Reference } from './parse.ts';
import { isPlaceholder } from './text.ts';

/** A question as a layout found it, before ids, duplicates and warnings. */
export interface Draft {
  section: string;
  number: string | null;
  prompt: string;
  body: string;
  answer: string;
  references: Reference[];
  line: number;
  followUps: Draft[];
}

export function draft(fields: Partial<Draft> & Pick<Draft, 'section' | 'prompt' | 'line'>): Draft {
  return { number: null, body: '', answer: '', references: [], followUps: [], ...fields };
}

export function uniqueRefs(refs: Reference[]): Reference[] {
  const seen = new Set<string>();
  return refs.filter((r) => !seen.has(r.url) && seen.add(r.url));
}

const short = (prompt: string) =>
  [...prompt].length > 60 ? `${[...prompt].slice(0, 57).join('')}…` : prompt;

/**
 * Turns drafts into questions, tolerantly: a repeated question (same section, prompt and body)
 * is a warning and the later copy is skipped; an unanswered question is a warning and stays
 * askable; nothing borrows another question's answer. Only a file with no question is an error.
 */
export function finishDrafts(
  drafts: Draft[],
  opts: {
    bank: string;
    file: string;
    layout: string;
    format: Question['format'];
    problems?: Problem[];
  },
): ParsedBank {
  const { bank, file, layout } = opts;
  const problems: Problem[] = opts.problems ?? [];
  const questions: Question[] = [];
  const sections: string[] = [];
  const seen = new Map<string, number>();
  const add = (d: Draft, parent: Question | null) => {
    const prompt = d.prompt.trim();
    // `TODO`, `작성 중`, a rule: a place kept for a question, not one.
    if (isPlaceholder(prompt)) return;
    // An answer that is only `A.`, `TODO` or a rule answers nothing.
    if (isPlaceholder(d.answer)) d.answer = '';
    const id = questionId(bank, d.section, prompt, d.body);
    const first = seen.get(id);
    if (first !== undefined) {
      problems.push({
        file,
        line: d.line,
        level: 'warning',
        message: `duplicate question "${short(prompt)}" (first at line ${first}): skipped`,
      });
      return;
    }
    seen.set(id, d.line);
    const answered = d.answer.trim() !== '';
    const q: Question = {
      id,
      bank,
      section: d.section,
      number: d.number,
      prompt,
      body: d.body,
      format: opts.format,
      answer: d.answer,
      notes: '',
      references: uniqueRefs(d.references),
      parent: parent?.id ?? null,
      kind: !answered && d.followUps.length > 0 ? 'group' : 'question',
      sharesAnswerWith: null,
      source: { file, line: d.line },
    };
    questions.push(q);
    if (!sections.includes(d.section)) sections.push(d.section);
    if (!answered && d.followUps.length === 0) {
      problems.push({
        file,
        line: d.line,
        level: 'warning',
        message: `question "${short(prompt)}" has no answer in the notes: it stays askable`,
      });
    }
    for (const f of d.followUps) add(f, q);
  };
  for (const d of drafts) add(d, null);
  if (questions.length === 0) {
    problems.push({ file, line: 1, level: 'error', message: 'no questions found' });
  }
  problems.sort((a, b) => a.line - b.line);
  return { bank, file, layout, sections, questions, problems };
}
