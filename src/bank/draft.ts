import { questionId } from './ids.ts';
import { isPlaceholder, tidy } from './text.ts';
import type { ParsedBank, Part, Problem, Question, Reference } from './types.ts';

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
  /** The way the notes wrote this question (`h2 headings`, `<details>`), for `bank check`. */
  form?: string;
}

export function draft(fields: Partial<Draft> & Pick<Draft, 'section' | 'prompt' | 'line'>): Draft {
  return { number: null, body: '', answer: '', references: [], followUps: [], ...fields };
}

export function uniqueRefs(refs: Reference[]): Reference[] {
  const seen = new Set<string>();
  return refs.filter((r) => !seen.has(r.url) && seen.add(r.url));
}

/** Per section, in order: the ways its questions are written and its counts. */
export function partsOf(questions: Question[], formOf: (q: Question) => string): Part[] {
  const parts = new Map<string, Part & { forms: string[] }>();
  for (const q of questions) {
    let part = parts.get(q.section);
    if (!part) {
      part = { section: q.section, layout: '', questions: 0, answered: 0, followUps: 0, forms: [] };
      parts.set(q.section, part);
    }
    if (q.parent === null) {
      const form = formOf(q);
      if (!part.forms.includes(form)) part.forms.push(form);
    } else part.followUps++;
    if (q.kind === 'question') {
      part.questions++;
      if (q.answer.trim() !== '') part.answered++;
    }
  }
  return [...parts.values()].map(({ forms, ...part }) => ({ ...part, layout: forms.join(', ') }));
}

const QUESTION_SHAPED =
  /^[ \t]*(?:\d{1,3}(?:\)\)|[.)])|Q\s*\d*\s*[.:]|#{1,6})[ \t]*\S[^\n]*[?？][ \t]*$/gim;
const LINK_ONLY = /^\s*(?:\[[^\]]*\]\([^)]*\)|<?https?:\/\/\S+?>?)\s*$/;
const MARKER_ONLY = /^\s*(?:[AQ]\s*\d*\s*[.:：]|\d{1,4}\s*[.)]|[-*•]|#\d+)\s*$/i;

/**
 * Results that look wrong, as warnings `bank check` shows at their line: a prompt too long to be
 * one, an answer so long or holding question-shaped lines that it probably swallowed others, an
 * answer that is only a link or a marker.
 */
export function lookProblems(questions: Question[], file: string): Problem[] {
  const out: Problem[] = [];
  const warn = (q: Question, message: string) =>
    out.push({ file, line: q.source.line, level: 'warning', message });
  for (const q of questions) {
    // Code points, counted only past the limit in UTF-16 units (never fewer than code points).
    const prompt = q.prompt.length > 200 ? [...q.prompt].length : 0;
    if (prompt > 200)
      warn(q, `a prompt of ${prompt} characters ("${short(q.prompt)}"): is its answer in it?`);
    if (q.sharesAnswerWith) continue;
    const answer = q.answer.length > 5000 ? [...q.answer].length : 0;
    if (answer > 5000)
      warn(
        q,
        `the answer of "${short(q.prompt)}" is ${answer} characters: are other questions in it?`,
      );
    const asks = q.format === 'text' ? (q.answer.match(QUESTION_SHAPED)?.length ?? 0) : 0;
    if (asks >= 2)
      warn(
        q,
        `the answer of "${short(q.prompt)}" holds ${asks} question-shaped lines: are they questions?`,
      );
    if (
      q.answer !== '' &&
      q.answer.length < 2000 &&
      (LINK_ONLY.test(q.answer) || MARKER_ONLY.test(q.answer))
    )
      warn(q, `the answer of "${short(q.prompt)}" is only a link or a marker`);
  }
  return out;
}

/** A repository's own page: `https://github.com/owner/repo`, nothing after it. */
const REPOSITORY = /^https?:\/\/(?:www\.)?(?:github|gitlab)\.com\/[^/\s]+\/[^/\s#?]+\/?$/i;

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
  const forms = new Map<string, string>();
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
    if (d.form && parent === null) forms.set(id, d.form);
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
  // The notes' own repository linked from every answer (a "back" link) is navigation.
  const uses = new Map<string, number>();
  for (const q of questions)
    for (const r of q.references) uses.set(r.url, (uses.get(r.url) ?? 0) + 1);
  for (const [url, n] of uses) {
    if (n < 3 || n * 3 < questions.length || !REPOSITORY.test(url)) continue;
    for (const q of questions) {
      q.references = q.references.filter((r) => r.url !== url);
      if (!q.answer.includes(url)) continue;
      q.answer = tidy(
        q.answer
          .split('\n')
          .filter((l) => {
            const link = /^\s*\[[^\]]*\]\(<?([^)\s>]+)>?\)\s*$/.exec(l);
            return !(link && link[1] === url);
          })
          .join('\n'),
      );
    }
  }
  if (questions.length === 0) {
    problems.push({ file, line: 1, level: 'error', message: 'no questions found' });
  }
  problems.push(...lookProblems(questions, file));
  problems.sort((a, b) => a.line - b.line);
  const fallback = layout.replace(/^(?:markdown|plain text): /, '');
  const parts = partsOf(questions, (q) => forms.get(q.id) ?? fallback);
  return { bank, file, layout, sections, parts, questions, problems };
}
