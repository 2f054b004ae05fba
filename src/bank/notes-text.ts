import { type Draft, draft } from './draft.ts';
import type { Reference } from './parse.ts';
import { cleanPrompt, cleanUrl, tidy } from './text.ts';

/** The ways plain-text notes mark a question; a file uses one of them. */
const MARKERS = {
  'N))': /^\s*(\d{1,4})\)\)\s*(.*)$/,
  'N)': /^\s*(\d{1,4})\)(?!\))\s*(.*)$/,
  'N.': /^\s*(\d{1,4})\.(?!\d)\s*(.*)$/,
  '[ … ]': /^\s*\[([^\]]{2,})\]\s*$/,
  'Q.': /^\s*Q\s*\d*\s*[.:]\s*(.+)$/i,
} as const;
export type Marker = keyof typeof MARKERS;

const SECTION = /^ {0,3}#{1,6}\s+\S/;
const FOLLOW_UP = /^\s*\d+-\d/;
const OUTLINE_ITEM = /^\s*(\d{1,5})(?:-\d{1,5})*[.)](?![\d)])/;

/**
 * How well numbered lines count up: each number one more than the last (or 1 after a `#`
 * section) scores, each other number costs. Answers' own `1.` `2.` lists keep restarting.
 */
function sequenceScore(lines: string[], re: RegExp): { score: number; count: number } {
  let prev = 0;
  let score = 0;
  let count = 0;
  for (const line of lines) {
    // Most lines start with neither a digit nor `#`: skip them without a regular expression.
    const first = line.trimStart().charCodeAt(0);
    if (first === 35 /* # */) {
      if (SECTION.test(line)) prev = 0;
      continue;
    }
    if (!(first >= 48 && first <= 57)) continue;
    const m = re.exec(line);
    if (!m) continue;
    if (FOLLOW_UP.test(line)) continue;
    const n = Number(m[1]);
    count++;
    if (n === prev + 1) score++;
    else score -= 2;
    prev = n;
  }
  return { score, count };
}

/**
 * The file's own question marker, or null when it is the owner's outline (`# Title` sections
 * with `N.`/`N)` items and `N-M` follow-ups), which keeps its own rules.
 */
export function detectMarker(text: string): Marker | null {
  const lines = text.split(/\r\n|\r|\n/);
  const outline = sequenceScore(lines, OUTLINE_ITEM);
  // `# Title` sections make an outline even when an answer's own list restarts a count or two.
  const sections = lines.some((l) => SECTION.test(l));
  if (outline.count > 0 && outline.score >= outline.count * (sections ? 0.5 : 0.8)) return null;
  let best: Marker | null = null;
  let bestScore = 0;
  for (const marker of ['N))', 'N)', 'N.'] as const) {
    const { score } = sequenceScore(lines, MARKERS[marker]);
    if (score > bestScore) {
      best = marker;
      bestScore = score;
    }
  }
  if (best) return best;
  const bracket = lines.filter((l) => MARKERS['[ … ]'].test(l)).length;
  const q = lines.filter((l) => MARKERS['Q.'].test(l)).length;
  if (q >= 2 && q >= bracket) return 'Q.';
  if (bracket >= 2) return '[ … ]';
  return null;
}

const URL_IN_TEXT = /https?:\/\/[^\s<>()]+/g;
/** A question and its answer on one line: `…설명해보세요.    - DDL : …`. */
const SAME_LINE = /^(.*?[?？.])\s{3,}(\S.*)$/;
const TITLE_MAX = 40;

function answerOf(lines: string[], refs: Reference[]): string {
  const text = tidy(lines.join('\n').replace(/\t/g, '    '));
  for (const m of text.matchAll(URL_IN_TEXT)) {
    const url = cleanUrl(m[0]);
    if (url) refs.push({ url, label: null });
  }
  return text;
}

/**
 * Plain-text notes with a marker of their own: each marked line is a question, the lines up to
 * the next one its answer (numbered lines of another kind stay answer text). After the last
 * numbered question, a short title line with lines under it is one more question.
 */
export function markerDrafts(
  text: string,
  marker: Marker,
  bank: string,
): { drafts: Draft[]; preamble: { line: number; text: string } | null } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const re = MARKERS[marker];
  const numbered = marker === 'N))' || marker === 'N)' || marker === 'N.';
  const starts: number[] = [];
  let prev = 0;
  lines.forEach((line, i) => {
    const m = re.exec(line);
    if (!m) return;
    if (numbered) {
      const n = Number(m[1]);
      // Only the file's own count: a `1.` inside an answer restarts nothing.
      if (n !== prev + 1 && prev !== 0 && n <= prev) return;
      prev = n;
    }
    starts.push(i);
  });
  const first = starts[0] ?? lines.length;
  const before = lines.slice(0, first).filter((l) => l.trim() !== '');
  const title = before.length === 1 && [...(before[0] ?? '')].length <= 60 ? before[0]?.trim() : '';
  const section = title || bank;
  const drafts: Draft[] = [];
  starts.forEach((start, k) => {
    const m = re.exec(lines[start] ?? '') as RegExpExecArray;
    const end = starts[k + 1] ?? lines.length;
    let body = lines.slice(start + 1, end);
    let prompt = (numbered ? m[2] : m[1]) ?? '';
    if (marker === 'Q.') {
      body = body.map((l) => l.replace(/^\s*A\s*\d*\s*[.:]\s*/i, ''));
    }
    if (prompt.trim() === '') {
      const next = body.findIndex((l) => l.trim() !== '');
      if (next >= 0) {
        prompt = body[next] ?? '';
        body = body.slice(next + 1);
      }
    }
    const same = SAME_LINE.exec(prompt);
    if (same) {
      prompt = same[1] ?? prompt;
      body = [same[2] ?? '', ...body];
    }
    const extra: Draft[] = [];
    if (k === starts.length - 1 && numbered) {
      // After the last numbered question: blank-separated "title, then lines" blocks.
      const blocks: { at: number; lines: string[] }[] = [];
      let cur: { at: number; lines: string[] } | null = null;
      body.forEach((l, i) => {
        if (l.trim() === '') cur = null;
        else if (cur) cur.lines.push(l);
        else {
          cur = { at: i, lines: [l] };
          blocks.push(cur);
        }
      });
      const tail = blocks.slice(1).filter((b) => {
        const head = b.lines[0]?.trim() ?? '';
        return b.lines.length >= 2 && [...head].length <= TITLE_MAX && !/[.。다]$/.test(head);
      });
      if (tail.length > 0) {
        const cut = tail[0]?.at ?? body.length;
        for (const b of tail) {
          const refs: Reference[] = [];
          extra.push(
            draft({
              section,
              prompt: cleanPrompt(b.lines[0] ?? ''),
              answer: answerOf(b.lines.slice(1), refs),
              references: refs,
              line: start + 2 + b.at,
            }),
          );
        }
        body = body.slice(0, cut);
      }
    }
    const refs: Reference[] = [];
    drafts.push(
      draft({
        section,
        number: numbered ? (m[1] ?? null) : null,
        prompt: cleanPrompt(prompt),
        answer: answerOf(body, refs),
        references: refs,
        line: start + 1,
      }),
      ...extra,
    );
  });
  const preamble =
    before.length > 1
      ? { line: lines.findIndex((l) => l.trim() !== '') + 1, text: before.join('\n') }
      : null;
  return { drafts, preamble };
}
