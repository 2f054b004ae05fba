import { type Draft, draft } from './draft.ts';
import {
  cleanPrompt,
  cleanUrl,
  isJunkTitle,
  isPartTitle,
  splitLines,
  tidy,
  URL_IN_TEXT,
} from './text.ts';
import type { Reference } from './types.ts';

/** The ways plain-text notes mark a question; a file uses one of them. */
const MARKERS = {
  'N))': /^\s*(\d{1,4})\)\)\s*(.*)$/,
  'N)': /^\s*(\d{1,4})\)(?!\))\s*(.*)$/,
  'N.': /^\s*(\d{1,4})\.(?!\d)\s*(.*)$/,
  '[ … ]': /^\s*\[([^\]]{2,})\]\s*$/,
  'Q.': /^\s*Q\s*\d*\s*[.:]\s*(.+)$/i,
} as const;
export type Marker = keyof typeof MARKERS;

/** A line with the marker; `[참고]`, `[Reference]` and the like are not questions. */
function isMarked(line: string, marker: Marker): boolean {
  const m = MARKERS[marker].exec(line);
  return m !== null && !(marker === '[ … ]' && isJunkTitle(m[1] ?? ''));
}

const SECTION = /^ {0,3}#{1,6}\s+\S/;
/** A rule: `-----`, `=====`, `*****`; it ends an answer, it is no part of one. */
const RULE = /^\s*([-=*_~])\1{2,}\s*$/;
/** An aside the author wrote to themselves: `// …`. */
const COMMENT = /^\s*\/\//;
const A_LEAD = /^\s*A\s*\d*\s*[.:：]\s?/i;
const Q_LINE = /^\s*Q\s*\d*\s*[.:：]\s*\S/i;

/**
 * A line that names a run of questions: short, standing alone (a blank line, a rule or the
 * file's start before it), not a sentence, a bullet, a comment or a marked line.
 */
function isTitleLine(lines: string[], i: number): boolean {
  const t = (lines[i] ?? '').trim();
  if (t === '' || [...t].length > 40 || /[.:：,다요]$/.test(t)) return false;
  if (/^(?:[-*•+>]|\/\/|\d|[AQ]\s*\d*\s*[.:：])/i.test(t) || RULE.test(t)) return false;
  const before = lines[i - 1];
  return before === undefined || before.trim() === '' || RULE.test(before);
}

/**
 * The title line over a `1.` line at `i` (the title, or the title and a note or two under it:
 * `네트워크` / `교수가 c수업`), not above `floor`; -1 when there is none.
 */
function titleAbove(lines: string[], i: number, floor: number): number {
  let t = i - 1;
  while (t > 0 && (lines[t] ?? '').trim() === '') t--;
  for (let k = 0; k < 3 && t > floor && t >= 0 && (lines[t] ?? '').trim() !== ''; k++, t--) {
    if (isTitleLine(lines, t)) return t;
    if (/^\s*\d/.test(lines[t] ?? '')) break;
  }
  return -1;
}

/**
 * Where a new run of questions may start again at 1: a `# section`, a rule, or a title line
 * right before the `1.` line. Each entry is the line of the latest such break at or before a line.
 */
function breaksOf(lines: string[], re: RegExp): Int32Array {
  const at = new Int32Array(lines.length);
  let last = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    let c = 0;
    while (line.charCodeAt(c) === 32 || line.charCodeAt(c) === 9) c++;
    const first = line.charCodeAt(c);
    if (first === 35 /* # */ && SECTION.test(line)) last = i;
    else if (
      (first === 45 || first === 61 || first === 42 || first === 95 || first === 126) &&
      RULE.test(line)
    )
      last = i;
    else if (first === 49 /* 1 */ && i > 0) {
      const m = re.exec(line);
      if (m && m[1] === '1') {
        const t = titleAbove(lines, i, last);
        if (t >= 0) last = t;
      }
    }
    at[i] = last;
  }
  return at;
}
const FOLLOW_UP = /^\s*\d+-\d/;
const OUTLINE_ITEM = /^\s*(\d{1,5})(?:-\d{1,5})*[.)](?![\d)])/;

/**
 * How well numbered lines count up: each number one more than the last scores, each other
 * number costs. After a `#` section the count may restart at 1 or go on from the last section
 * (both score), or start elsewhere (a section whose first questions were deleted: no cost).
 * Answers' own `1.` `2.` lists keep restarting.
 */
function sequenceScore(lines: string[], re: RegExp): { score: number; count: number } {
  let prev = 0;
  let newSection = false;
  let score = 0;
  let count = 0;
  for (const line of lines) {
    // Most lines start with neither a digit nor `#`: skip them without a regular expression.
    const first = line.trimStart().charCodeAt(0);
    if (first === 35 /* # */) {
      if (SECTION.test(line)) newSection = true;
      continue;
    }
    if (!(first >= 48 && first <= 57)) continue;
    const m = re.exec(line);
    if (!m) continue;
    if (FOLLOW_UP.test(line)) continue;
    const n = Number(m[1]);
    count++;
    if (n === prev + 1 || (newSection && n === 1)) score++;
    else if (!newSection) score -= 2;
    newSection = false;
    prev = n;
  }
  return { score, count };
}

/**
 * The file's own count under a numbered marker: lines at the shallowest indentation whose numbers
 * run 1, 2, 3… over the file. A step between lines with text between them scores 1, a step
 * between adjacent lines (a list inside an answer) a quarter; on a tie the count that starts
 * earlier, then the later line, wins. A `# section` may restart the count at 1.
 */
export function questionLines(
  lines: string[],
  re: RegExp,
): { starts: number[]; score: number; breaks: Map<number, number> } {
  const at: number[] = [];
  const num: number[] = [];
  const indent: number[] = [];
  const sectionBefore: number[] = [];
  const breaks = breaksOf(lines, re);
  lines.forEach((line, i) => {
    const first = line.trimStart().charCodeAt(0);
    if (!(first >= 48 && first <= 57)) return;
    const m = re.exec(line);
    if (!m || FOLLOW_UP.test(line)) return;
    at.push(i);
    num.push(Number(m[1]));
    indent.push(/^\s*/.exec(line.replace(/\t/g, '    '))?.[0].length ?? 0);
    sectionBefore.push(breaks[i] ?? -1);
  });
  // Not Math.min(...indent): a spread of a very long file overflows the stack.
  const shallowest = indent.reduce((a, b) => Math.min(a, b), Number.POSITIVE_INFINITY);
  const score: number[] = [];
  const from: number[] = [];
  const start: number[] = [];
  let best = -1;
  const byNumber = new Map<number, number[]>();
  const all: number[] = [];
  for (let c = 0; c < at.length; c++) {
    score.push(-1);
    from.push(-1);
    start.push(at[c] as number);
    if (indent[c] !== shallowest) continue;
    score[c] = 1;
    const n = num[c] as number;
    for (const j of n === 1 ? all : (byNumber.get(n - 1) ?? [])) {
      const restart = num[c] === 1 && (sectionBefore[c] as number) > (at[j] as number);
      if (num[j] !== (num[c] as number) - 1 && !restart) continue;
      const s = (score[j] as number) + ((at[c] as number) - (at[j] as number) > 1 ? 1 : 0.25);
      const better =
        s > (score[c] as number) ||
        (s === score[c] && from[c] !== -1 && (start[j] as number) <= (start[c] as number));
      if (better) {
        score[c] = s;
        from[c] = j;
        start[c] = start[j] as number;
      }
    }
    if (best === -1 || (score[c] as number) >= (score[best] as number)) best = c;
    all.push(c);
    const same = byNumber.get(n);
    if (same) same.push(c);
    else byNumber.set(n, [c]);
  }
  const starts: number[] = [];
  // Each question that starts a run again after a break, with the line of that break.
  const restarts = new Map<number, number>();
  for (let c = best; c !== -1; c = from[c] as number) {
    starts.unshift(at[c] as number);
    const j = from[c] as number;
    if (j !== -1 && num[c] === 1 && (sectionBefore[c] as number) > (at[j] as number))
      restarts.set(at[c] as number, sectionBefore[c] as number);
  }
  return { starts, score: best === -1 ? 0 : (score[best] as number), breaks: restarts };
}

/**
 * The file's own question marker, or null when it is the owner's outline (`# Title` sections
 * with `N.`/`N)` items and `N-M` follow-ups), which keeps its own rules.
 */
export function detectMarker(text: string): Marker | null {
  const lines = splitLines(text);
  // `[운영체제]` right over a `1.` question names a run of numbered questions; it asks nothing.
  // Over an answer's own list (`1. 스택: push/pop` / `2. 큐: …`, line after line) it asks.
  const titles = (i: number) => {
    let j = i + 1;
    while (j < lines.length && (lines[j] ?? '').trim() === '') j++;
    const one = /^\s*1(?:[.)]|\)\))\s*(.*)$/.exec(lines[j] ?? '');
    if (!one) return false;
    if (/[?？]\s*$/.test(one[1] ?? '')) return true;
    for (let k = j + 1; k < Math.min(lines.length, j + 200); k++)
      if (/^\s*2(?:[.)]|\)\))/.test(lines[k] ?? '')) return k > j + 1;
    return false;
  };
  const bracket = lines.filter((l, i) => isMarked(l, '[ … ]') && !titles(i)).length;
  const q = lines.filter((l) => MARKERS['Q.'].test(l)).length;
  const marked: Marker | null = q >= 2 && q >= bracket ? 'Q.' : bracket >= 2 ? '[ … ]' : null;
  // `Q.` or `[ … ]` questions before any numbered line: numbered lines are lists in answers.
  if (marked) {
    const firstMarked = lines.findIndex((l) => isMarked(l, marked));
    const firstNumbered = lines.findIndex((l) => OUTLINE_ITEM.test(l));
    if (firstNumbered === -1 || firstMarked < firstNumbered) return marked;
  }
  // The outline knows `N.` and `N)` items only: a file counting `N))` questions is not one.
  const outline = sequenceScore(lines, OUTLINE_ITEM);
  // `# Title` sections make an outline even when an answer's own list restarts a count or two.
  const sections = lines.some((l) => SECTION.test(l));
  const outlineLike = outline.count > 0 && outline.score >= outline.count * (sections ? 0.5 : 0.8);
  let best: Marker | null = null;
  let bestScore = 0;
  for (const marker of ['N))', 'N)', 'N.'] as const) {
    const { score } = questionLines(lines, MARKERS[marker]);
    if (score > bestScore) {
      best = marker;
      bestScore = score;
    }
    // Only `N))` counted best (by two or more) keeps an outline-like file from being one, and
    // once it is not best it never is again: the owner's outline skips the other counts.
    if (outlineLike && !(best === 'N))' && bestScore >= 2)) return null;
  }
  // A single numbered line is a question only when nothing in the file counts against it.
  if (best && (bestScore >= 2 || sequenceScore(lines, MARKERS[best]).score > 0)) return best;
  return marked;
}

/** A question and its answer on one line: `…설명해보세요.    - DDL : …`. */
const SAME_LINE = /^(.*?[?？.])\s{3,}(\S.*)$/;
const TITLE_MAX = 40;

/** Answer lines without rules and `// asides`, and without the `A.` that opens them. */
function answerLines(lines: string[]): string[] {
  const kept = lines.filter((l) => !RULE.test(l) && !COMMENT.test(l));
  const first = kept.findIndex((l) => l.trim() !== '');
  if (first >= 0) kept[first] = (kept[first] ?? '').replace(A_LEAD, '');
  return kept;
}

function answerOf(lines: string[], refs: Reference[]): string {
  const text = tidy(answerLines(lines).join('\n').replace(/\t/g, '    '));
  for (const m of text.matchAll(URL_IN_TEXT)) {
    const url = cleanUrl(m[0]);
    if (url) refs.push({ url, label: null });
  }
  return text;
}

/** `Q. …` lines under a numbered question are its follow-ups, each answered by the lines under it. */
function followUpsOf(
  body: string[],
  section: string,
  line: number,
): { body: string[]; followUps: Draft[] } {
  const at = body.flatMap((l, i) => (Q_LINE.test(l) ? [i] : []));
  if (at.length === 0) return { body, followUps: [] };
  const followUps = at.map((start, k) => {
    const refs: Reference[] = [];
    return draft({
      section,
      prompt: cleanPrompt(body[start] ?? ''),
      answer: answerOf(body.slice(start + 1, at[k + 1] ?? body.length), refs),
      references: refs,
      line: line + start,
    });
  });
  return { body: body.slice(0, at[0]), followUps };
}

/** A run's title without its brackets or rules: `[운영체제]`, `<네트워크>`, `== DB ==`, `■ 자료구조`. */
function titleText(raw: string): string {
  const t = cleanPrompt(raw)
    .replace(/^[=\-*~_]{2,}\s*|\s*[=\-*~_]{2,}$/g, '')
    .replace(/^[■□◆◇●○▶▷►※#\s]+/u, '')
    .trim();
  const inner = /^(?:\[(.+)\]|<(.+)>|【(.+)】|\((.+)\))$/.exec(t);
  return (inner?.slice(1).find((x) => x !== undefined) ?? t).trim() || t;
}

/** The name of a run of questions, from the break before it: a title line or `# heading`. */
function runTitle(lines: string[], from: number, to: number): string | null {
  for (let i = from; i < to; i++) {
    const t = (lines[i] ?? '').trim();
    if (t === '' || RULE.test(t)) continue;
    if (SECTION.test(lines[i] ?? '')) return titleText(t);
    return isTitleLine(lines, i) || RULE.test(lines[i - 1] ?? '') ? titleText(t) : null;
  }
  return null;
}

/**
 * Plain-text notes with a marker of their own: each marked line is a question, the lines up to
 * the next one its answer (numbered lines of another kind stay answer text; `A.` opening the
 * answer, rules and `// asides` go; `Q.` lines under a numbered question are its follow-ups). A
 * count that starts again at 1 after a title line, a rule or a `# heading` starts a section of
 * that name. After the last numbered question of a file with one run, a short title line with
 * lines under it is one more question.
 */
export function markerDrafts(
  text: string,
  marker: Marker,
  bank: string,
): { drafts: Draft[]; preamble: { line: number; text: string } | null } {
  const lines = splitLines(text.replace(/^\uFEFF/, ''));
  const re = MARKERS[marker];
  const numbered = marker === 'N))' || marker === 'N)' || marker === 'N.';
  const found = numbered ? questionLines(lines, re) : null;
  const starts = found
    ? found.starts
    : lines.flatMap((line, i) => (isMarked(line, marker) ? [i] : []));
  const restarts = found?.breaks ?? new Map<number, number>();
  const first = starts[0] ?? lines.length;
  // A title line right over the first question (after a file title) names the first run.
  const runAt =
    numbered && restarts.size > 0 && first < lines.length ? titleAbove(lines, first, -1) : -1;
  const before = lines
    .slice(0, runAt >= 0 ? runAt : first)
    .filter((l) => l.trim() !== '' && !COMMENT.test(l));
  const title = before.length === 1 && [...(before[0] ?? '')].length <= 60 ? before[0]?.trim() : '';
  let section = (runAt >= 0 ? runTitle(lines, runAt, first) : null) || title || bank;
  const drafts: Draft[] = [];
  starts.forEach((start, k) => {
    const restart = restarts.get(start);
    if (restart !== undefined) section = runTitle(lines, restart, start) ?? section;
    const m = re.exec(lines[start] ?? '') as RegExpExecArray;
    const next = starts[k + 1] ?? lines.length;
    // The next run's break (its rule, its title) ends this answer.
    const end = Math.min(next, restarts.get(next) ?? next);
    let body = lines.slice(start + 1, end);
    let prompt = (numbered ? m[2] : m[1]) ?? '';
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
    if (k === starts.length - 1 && numbered && restarts.size === 0) {
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
        return (
          b.lines.length >= 2 &&
          [...head].length <= TITLE_MAX &&
          !/[.。다]$/.test(head) &&
          !/^(?:[-*•+>]|\/\/|[AQ]\s*\d*\s*[.:：])/i.test(head) &&
          !isPartTitle(head)
        );
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
    const split = numbered ? followUpsOf(body, section, start + 2) : { body, followUps: [] };
    const refs: Reference[] = [];
    drafts.push(
      draft({
        section,
        number: numbered ? (m[1] ?? null) : null,
        prompt: cleanPrompt(prompt),
        answer: answerOf(split.body, refs),
        references: refs,
        line: start + 1,
        followUps: split.followUps,
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
