/**
 * Key points of a model answer, read along the answer's own structure: list items, sentences,
 * definitions (`TCP: …`, `IaaS , …`, `X란 …`), with their bold terms and code names, and the
 * section (a heading or a `Title:` line) each stands under. A note-writer can mark key points
 * explicitly with `==…==` (Markdown's highlight in Obsidian, Typora and HackMD, and plain enough
 * in a `.txt`): an answer that marks any has exactly those as its key points.
 */

export type PointKind = 'marked' | 'item' | 'sentence' | 'definition' | 'code';

export interface KeyPoint {
  /** The point as the notes write it (markup markers removed), for quoting after the reveal. */
  text: string;
  kind: PointKind;
  /** The heading or label the point stands under; null when the answer has none. */
  section: string | null;
  /** Words the point hinges on (bold terms, code names, a definition's head). */
  terms: string[];
}

const MARKED = /==(?=\S)([^=\n]+?)(?<=\S)==/g;
const HEADING = /^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$/;
const BOLD_LINE = /^\s*(?:\*\*|__)([^*_]{1,80})(?:\*\*|__)\s*:?\s*$/;
const LABEL_LINE = /^\s*([^:：]{1,60})[:：]\s*$/;
const ITEM = /^(\s*)(?:[-*+•▪◦·]|\d{1,3}[.)]|[a-z][.)]|[①-⑳])\s+(.*)$/;
const FENCE = /^\s*(```|~~~)/;
const BOLD = /\*\*([^*\n]+?)\*\*|__([^_\n]+?)__/g;
const CODE_SPAN = /`([^`\n]+)`/g;
const IDENTIFIER =
  /\b[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*(?=\s*\()|\b[a-z]+[A-Z]\w*|\b\w+_\w+\b/g;
/** `Head: rest`, `Head - rest`, `Head , rest` (the owner's `IaaS , …`), with a short head. */
const DEFINITION = /^([^:：,，–—=]{1,40}?)\s*(?::|：|\s[-–—=]\s|\s,\s)\s*(\S.*)$/;
/** `X란 …`, `X이란 …`, `X는 …이다`: a Korean definition's head. */
const KO_DEFINITION =
  /^(\S{1,20}?)(?:이란|란|이라 함은|은|는)\s+\S.*(?:이다|입니다|말한다|말합니다|뜻한다)[.]?$/;
const MIN_LETTERS = 2;

function stripInline(text: string): string {
  return text
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/__([^_]+)__/g, '$1')
    .replace(/(^|\W)[*_]([^*_\n]+)[*_](?=\W|$)/g, '$1$2')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/==([^=\n]+)==/g, '$1')
    .replace(/<[^>\n]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function letters(text: string): number {
  return (text.match(/[\p{L}\p{N}]/gu) ?? []).length;
}

function termsOf(raw: string): string[] {
  const terms = new Set<string>();
  for (const m of raw.matchAll(BOLD)) terms.add(stripInline(m[1] ?? m[2] ?? ''));
  for (const m of raw.matchAll(CODE_SPAN)) terms.add((m[1] ?? '').trim());
  const plain = stripInline(raw);
  const def = DEFINITION.exec(plain) ?? KO_DEFINITION.exec(plain);
  if (def?.[1] && letters(def[1]) >= 1 && def[1].trim().split(/\s+/).length <= 4)
    terms.add(def[1].trim());
  terms.delete('');
  return [...terms];
}

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/** Sentences of a paragraph; `;` ends one too. Fragments too short to judge join the one before. */
export function sentences(text: string): string[] {
  const out: string[] = [];
  let held = '';
  for (const { segment } of segmenter.segment(text)) {
    for (const part of segment.split(/;\s+/)) {
      const s = part.trim();
      if (s === '') continue;
      if (letters(s) >= 6) {
        out.push(held === '' ? s : `${held}${s}`);
        held = '';
      } else if (out.length > 0) out[out.length - 1] += ` ${s}`;
      else held += s;
    }
  }
  if (held !== '') out.push(held);
  return out;
}

interface Block {
  raw: string;
  item: boolean;
  section: string | null;
}

/** Lines to blocks: list items (with their continuation lines), paragraph lines, code blocks. */
function blocks(answer: string): { blocks: Block[]; code: Block[] } {
  const out: Block[] = [];
  const code: Block[] = [];
  const lines = answer.replace(/\r\n?/g, '\n').split('\n');
  let section: string | null = null;
  let fence: string | null = null;
  let codeLines: string[] = [];
  let item: { block: Block; indent: number } | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const f = FENCE.exec(line);
    if (fence !== null) {
      if (f && f[1] === fence) {
        code.push({ raw: codeLines.join('\n'), item: false, section });
        fence = null;
        codeLines = [];
      } else codeLines.push(line);
      continue;
    }
    if (f) {
      fence = f[1] ?? '```';
      item = null;
      continue;
    }
    if (line.trim() === '' || /^\s*(?:[-*_=]\s*){3,}$/.test(line)) {
      item = null;
      continue;
    }
    const heading = HEADING.exec(line) ?? BOLD_LINE.exec(line) ?? LABEL_LINE.exec(line);
    if (heading?.[1]) {
      section = stripInline(heading[1]);
      item = null;
      continue;
    }
    const indent = (/^\s*/.exec(line)?.[0] ?? '').replace(/\t/g, '    ').length;
    const m = ITEM.exec(line);
    if (m) {
      const block = { raw: m[2] ?? '', item: true, section };
      out.push(block);
      item = { block, indent: (m[1] ?? '').replace(/\t/g, '    ').length };
      continue;
    }
    if (item && indent > item.indent) {
      item.block.raw += ` ${line.trim()}`;
      continue;
    }
    item = null;
    // A line that goes on with the sentence of the line before (lower case, no end mark there).
    const last = out[out.length - 1];
    const goesOn =
      (/^\s*[a-z]/.test(line) && !/[.?!:다요]$/.test(last?.raw ?? '')) ||
      (/^\s*\p{Script=Hangul}/u.test(line) && /(?:,|[며고여서해로]\s*)$/.test(last?.raw ?? ''));
    if (last && !last.item && lines[i - 1]?.trim() !== '' && goesOn) {
      last.raw += ` ${line.trim()}`;
      continue;
    }
    // A plain-text line that heads more deeply indented lines labels them (the owner's outline).
    let j = i + 1;
    while (j < lines.length && (lines[j] ?? '').trim() === '') j++;
    const next = lines[j];
    const nextIndent = (/^\s*/.exec(next ?? '')?.[0] ?? '').replace(/\t/g, '    ').length;
    out.push({ raw: line.trim(), item: false, section });
    if (
      next !== undefined &&
      nextIndent > indent &&
      letters(line) <= 40 &&
      !/[.다]$/.test(line.trim())
    )
      section = stripInline(line.replace(/^\s*[-*•]\s+/, ''));
  }
  if (fence !== null && codeLines.length > 0)
    code.push({ raw: codeLines.join('\n'), item: false, section });
  return { blocks: out, code };
}

function pointsOf(block: Block): KeyPoint[] {
  const plain = stripInline(block.raw);
  if (letters(plain) < MIN_LETTERS) return [];
  const whole = termsOf(block.raw);
  const isDefinition = (text: string) => {
    const head = (DEFINITION.exec(text) ?? KO_DEFINITION.exec(text))?.[1];
    return head !== undefined && head.trim().split(/\s+/).length <= 4;
  };
  // A list item is one point unless it is long and made of several sentences.
  const parts = block.item && plain.length <= 160 ? [block.raw] : sentences(block.raw);
  return parts
    .map((raw) => ({ raw, text: stripInline(raw) }))
    .filter((p) => letters(p.text) >= MIN_LETTERS)
    .map(({ raw, text }) => {
      const terms = parts.length === 1 ? whole : termsOf(raw);
      const kind: PointKind = isDefinition(text) ? 'definition' : block.item ? 'item' : 'sentence';
      return { text, kind, section: block.section, terms };
    });
}

function codePoint(block: Block): KeyPoint[] {
  const names = [...new Set(block.raw.match(IDENTIFIER) ?? [])].slice(0, 6);
  if (names.length === 0) return [];
  return [{ text: names.join(', '), kind: 'code', section: block.section, terms: names }];
}

/** The explicitly marked points, each under the section its line stands in. */
function markedPoints(answer: string): KeyPoint[] {
  const out: KeyPoint[] = [];
  let section: string | null = null;
  for (const line of answer.replace(/\r\n?/g, '\n').split('\n')) {
    const heading = HEADING.exec(line) ?? BOLD_LINE.exec(line);
    if (heading?.[1] && !line.includes('==')) section = stripInline(heading[1]);
    for (const m of line.matchAll(MARKED)) {
      const raw = m[1] ?? '';
      out.push({ text: stripInline(raw), kind: 'marked', section, terms: termsOf(raw) });
    }
  }
  return out.filter((p) => letters(p.text) >= 1);
}

/** True when the notes mark key points with `==…==` in this answer. */
export function hasMarkedPoints(answer: string): boolean {
  return new RegExp(MARKED.source).test(answer);
}

/** The key points a member's answer is judged against, in the order the notes give them. */
export function keyPoints(answer: string): KeyPoint[] {
  if (hasMarkedPoints(answer)) return markedPoints(answer);
  const { blocks: list, code } = blocks(answer);
  const points = [...list.flatMap(pointsOf), ...code.flatMap(codePoint)];
  // The same point written twice (a summary line repeating an item) is one point.
  const seen = new Set<string>();
  return points.filter((p) => {
    const key = p.text.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The answer's sections in order, each with how many key points stand under it. */
export function sectionsOf(points: KeyPoint[]): { name: string; points: number }[] {
  const out: { name: string; points: number }[] = [];
  for (const p of points) {
    if (p.section === null) continue;
    const last = out.find((s) => s.name === p.section);
    if (last) last.points++;
    else out.push({ name: p.section, points: 1 });
  }
  return out;
}
