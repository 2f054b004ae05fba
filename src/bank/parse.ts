import type { RootContent } from 'mdast';
import { finishDrafts, lookProblems, partsOf } from './draft.ts';
import { questionId } from './ids.ts';
import { parseMarkdown } from './mdast.ts';
import { blankBreakLines, markdownDrafts } from './notes-md.ts';
import { detectMarker, markerDrafts } from './notes-text.ts';
import { splitLines, URL_IN_TEXT } from './text.ts';
import type { ParsedBank, Problem, Question, Reference } from './types.ts';

export type { ParsedBank, Part, Problem, Question, Reference } from './types.ts';

const TAB_WIDTH = 4;
const SECTION = /^ {0,3}#{1,6}\s+(\S.*)$/;
// `1.` `1)` `1-2.` `1-2-1)`; a bare `1-2` too, but not a date or a phone number; never `1.5 GHz`.
const QUESTION = /^(\d{1,5}(?:-\d{1,5})*)[.)](?!\d)\s*(\S.*)$|^(\d{1,3}-\d{1,3})\s+(\S.*)$/;
const NOTES_RULE = /^={3,}$/;
const URL_LINE = /^(?:[-*•]\s*)?(https?:\/\/\S+)$/;
const LABEL_MAX = 40;

interface Line {
  /** 1-based line number in the file. */
  no: number;
  indent: number;
  text: string;
}

interface Block {
  answer: Line[];
  notes: Line[];
  hasRule: boolean;
}

interface Item extends Block {
  number: string;
  prompt: string;
  line: number;
}

interface Section {
  title: string;
  line: number;
  preamble: Block;
  items: Item[];
}

function emptyBlock(): Block {
  return { answer: [], notes: [], hasRule: false };
}

/** Leading tabs and spaces as columns (tab stops every 4), so tabs and spaces give one bank. */
function measure(raw: string, no: number): Line {
  let col = 0;
  let i = 0;
  for (; i < raw.length; i++) {
    const c = raw[i];
    if (c === ' ') col++;
    else if (c === '\t') col += TAB_WIDTH - (col % TAB_WIDTH);
    else if (c === '\u3000') col += 2;
    else break;
  }
  return { no, indent: col, text: raw.slice(i).trimEnd() };
}

function cleanPrompt(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function addLine(block: Block, line: Line): void {
  if (line.text !== '' && NOTES_RULE.test(line.text)) {
    if (block.hasRule) block.notes.push({ ...line, text: '' });
    block.hasRule = true;
    return;
  }
  (block.hasRule ? block.notes : block.answer).push(line);
}

function labelOf(line: Line | undefined): string | null {
  if (!line || line.text === '' || URL_LINE.test(line.text)) return null;
  const label = line.text
    .replace(/^[-*•]\s*/, '')
    .replace(/[\s:：]+$/, '')
    .trim();
  if (label === '' || [...label].length > LABEL_MAX) return null;
  return label;
}

/**
 * Turns raw lines into display text: URL lines (and the short label line right before them)
 * become references; common indentation goes, relative indentation stays; blank runs collapse.
 */
function renderBlock(lines: Line[], refs: Reference[]): string {
  if (lines.length === 0) return '';
  const kept: Line[] = [];
  let label: string | null = null;
  let prevWasUrl = false;
  for (const line of lines) {
    const url = URL_LINE.exec(line.text)?.[1];
    if (url) {
      if (!prevWasUrl) {
        label = labelOf(kept[kept.length - 1]);
        if (label !== null) kept.pop();
      }
      refs.push({ url, label });
      prevWasUrl = true;
      continue;
    }
    prevWasUrl = false;
    if (line.text.includes('://')) {
      for (const m of line.text.matchAll(URL_IN_TEXT)) refs.push({ url: m[0], label: null });
    }
    kept.push(line);
  }
  const out: Line[] = [];
  for (const line of kept) {
    if (line.text === '' && (out.length === 0 || out[out.length - 1]?.text === '')) continue;
    out.push(line);
  }
  while (out.length > 0 && out[out.length - 1]?.text === '') out.pop();
  // Not Math.min(...): spreading a very long answer's lines overflows the stack.
  const base = out.reduce(
    (m, l) => (l.text === '' ? m : Math.min(m, l.indent)),
    Number.POSITIVE_INFINITY,
  );
  return out.map((l) => (l.text === '' ? '' : ' '.repeat(l.indent - base) + l.text)).join('\n');
}

function uniqueRefs(refs: Reference[]): Reference[] {
  if (refs.length < 2) return refs;
  const seen = new Set<string>();
  return refs.filter((r) => !seen.has(r.url) && seen.add(r.url));
}

function isEmpty(block: Block): boolean {
  return (
    block.answer.every((l) => l.text === '') &&
    block.notes.every((l) => l.text === '') &&
    !block.hasRule
  );
}

function splitSections(text: string, bank: string): { sections: Section[]; stray: Line | null } {
  const sections: Section[] = [];
  let current: Section | null = null;
  let stray: Line | null = null;
  const rawLines = splitLines(text.replace(/^\uFEFF/, ''));
  for (let i = 0; i < rawLines.length; i++) {
    const raw = rawLines[i] ?? '';
    const no = i + 1;
    const heading = SECTION.exec(raw);
    if (heading) {
      current = {
        title: cleanPrompt(heading[1] ?? ''),
        line: no,
        preamble: emptyBlock(),
        items: [],
      };
      sections.push(current);
      continue;
    }
    const line = measure(raw, no);
    const content = line.text;
    const q = QUESTION.exec(content);
    if (q && !current) {
      current = { title: bank, line: no, preamble: emptyBlock(), items: [] };
      sections.push(current);
    }
    if (!current) {
      if (content !== '' && !stray) stray = line;
      continue;
    }
    if (q) {
      current.items.push({
        answer: [],
        notes: [],
        hasRule: false,
        number: q[1] ?? q[3] ?? '',
        prompt: cleanPrompt(q[2] ?? q[4] ?? ''),
        line: no,
      });
      continue;
    }
    const last = current.items[current.items.length - 1];
    addLine(last ?? current.preamble, line);
  }
  return { sections, stray };
}

/** The owner's indented outline: today's rules, exactly (DESIGN.md, "The notes format"). */
function parseOutline(text: string, opts: { bank: string; file: string }): ParsedBank {
  const { bank, file } = opts;
  const layout = 'outline';
  const problems: Problem[] = [];
  const problem = (line: number, level: Problem['level'], message: string) =>
    problems.push({ file, line, level, message });
  const questions: Question[] = [];
  const sectionsWithQuestions: string[] = [];

  if (text.trim() === '') {
    problem(1, 'error', 'empty file: a bank needs at least one `# Title` section');
    return { bank, file, layout, sections: [], questions, problems };
  }
  const { sections, stray } = splitSections(text, bank);
  if (stray) problem(stray.no, 'warning', 'text before the first `# Title` section is ignored');

  const promptsInBank = new Map<string, number>();
  for (const section of sections) {
    const before = questions.length;
    const promptsInSection = new Map<string, number>();
    const make = (
      number: string | null,
      prompt: string,
      line: number,
      block: Block,
    ): Question | null => {
      const first = promptsInSection.get(prompt);
      if (first !== undefined) {
        problem(
          line,
          'error',
          `duplicate prompt in section "${section.title}" (first at line ${first})`,
        );
        return null;
      }
      promptsInSection.set(prompt, line);
      const elsewhere = promptsInBank.get(prompt);
      if (elsewhere !== undefined) {
        problem(line, 'warning', `the same prompt is also at line ${elsewhere}`);
      } else {
        promptsInBank.set(prompt, line);
      }
      const references: Reference[] = [];
      const answer = renderBlock(block.answer, references);
      const notes = renderBlock(block.notes, references);
      const q: Question = {
        id: questionId(bank, section.title, prompt),
        bank,
        section: section.title,
        number,
        prompt,
        body: '',
        format: 'text',
        answer,
        notes,
        references: uniqueRefs(references),
        parent: null,
        kind: 'question',
        sharesAnswerWith: null,
        source: { file, line },
      };
      questions.push(q);
      return q;
    };

    if (!isEmpty(section.preamble)) {
      make(null, section.title, section.line, section.preamble);
    }
    const byNumber = new Map<string, Question>();
    const made: { item: Item; q: Question }[] = [];
    for (const item of section.items) {
      const q = make(item.number, item.prompt, item.line, item);
      if (!q) continue;
      const dash = item.number.lastIndexOf('-');
      if (dash > 0) {
        const parentNumber = item.number.slice(0, dash);
        const parent = byNumber.get(parentNumber);
        if (parent) q.parent = parent.id;
        else
          problem(
            item.line,
            'warning',
            `follow-up ${item.number} has no question ${parentNumber} before it in this section`,
          );
      }
      byNumber.set(item.number, q);
      made.push({ item, q });
    }

    const hasChildren = new Set(questions.slice(before).map((q) => q.parent));
    for (let i = 0; i < made.length; i++) {
      const { item, q } = made[i] as { item: Item; q: Question };
      if (!isEmpty(item)) continue;
      if (hasChildren.has(q.id)) {
        q.kind = 'group';
        continue;
      }
      // Consecutive unanswered questions share the answer of the next sibling that has one.
      let j = i + 1;
      while (
        j < made.length &&
        made[j]?.q.parent === q.parent &&
        isEmpty(made[j]?.item as Item) &&
        !hasChildren.has(made[j]?.q.id ?? null)
      )
        j++;
      const donor = made[j];
      if (donor && donor.q.parent === q.parent && !isEmpty(donor.item)) {
        q.answer = donor.q.answer;
        q.notes = donor.q.notes;
        q.references = donor.q.references;
        q.sharesAnswerWith = donor.q.id;
      } else {
        problem(item.line, 'warning', `question ${item.number} has no answer`);
      }
    }
    if (questions.length > before) sectionsWithQuestions.push(section.title);
    else problem(section.line, 'warning', `section "${section.title}" has no questions`);
  }
  if (questions.length === 0) {
    problem(
      1,
      'error',
      'no questions found: start a section with `# Title` and number questions `1.`',
    );
  }
  problems.push(...lookProblems(questions, file));
  problems.sort((a, b) => a.line - b.line);
  return {
    bank,
    file,
    layout,
    sections: sectionsWithQuestions,
    parts: partsOf(questions, () => layout),
    questions,
    problems,
  };
}

/**
 * A `.md` file written as the owner's outline (every line under its `# Title`s indented, which
 * Markdown reads as code blocks) is an outline, not Markdown.
 */
function isIndentedOutline(text: string, nodes: RootContent[]): boolean {
  return (
    nodes.some((n) => n.type === 'code') &&
    nodes.every(
      (n) =>
        n.type === 'heading' ||
        (n.type === 'code' && !/^\s*[`~]{3}/.test(text.slice(n.position?.start.offset ?? 0))),
    )
  );
}

/**
 * A blog post's YAML front matter (`---` … `---` at the top, `key: value` lines) is the post's
 * metadata, not notes: its lines become blank, so lines and offsets stay.
 */
function withoutFrontMatter(text: string): string {
  const m = /^---[ \t]*\n((?:[^\n]*\n)*?)(?:---|\.\.\.)[ \t]*(?:\n|$)/.exec(text);
  if (!m || !/^[\w-]+[ \t]*:/m.test(m[1] ?? '')) return text;
  return text.slice(0, m[0].length).replace(/[^\n]/g, ' ') + text.slice(m[0].length);
}

/** Parses one notes file (already decoded) into a bank. Never throws on content. */
export function parseNotes(text: string, opts: { bank: string; file: string }): ParsedBank {
  const { bank, file } = opts;
  if (text.trim() === '') return parseOutline(text, opts);
  const clean = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (/\.(?:md|markdown)$/i.test(file)) {
    const md = blankBreakLines(withoutFrontMatter(clean));
    const tree = parseMarkdown(md);
    if (!isIndentedOutline(md, tree.children)) {
      const { drafts, layout, warnings } = markdownDrafts(md, tree, bank);
      const problems = warnings.map((w): Problem => ({ file, level: 'warning', ...w }));
      return finishDrafts(drafts, { bank, file, layout, format: 'markdown', problems });
    }
  }
  const marker = detectMarker(clean);
  if (!marker) return parseOutline(text, opts);
  const { drafts, preamble } = markerDrafts(clean, marker, bank);
  const problems: Problem[] = preamble
    ? [
        {
          file,
          line: preamble.line,
          level: 'warning',
          message: 'text before the first question is ignored',
        },
      ]
    : [];
  return finishDrafts(drafts, {
    bank,
    file,
    layout: `plain text: ${marker} questions`,
    format: 'text',
    problems,
  });
}
