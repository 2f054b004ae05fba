/**
 * The notes' explicit key-point marks, `==…==` (the highlight of Obsidian, Typora and HackMD):
 * where they are, and the text without them for showing. A mark is read in prose only, never
 * in code (a fenced block or an inline code span), and its `==` touches no letter, digit or `=`
 * on the outside of its start: `if (a==b || c==d)` is code, not a mark. A Korean particle may
 * follow the end (`==연결 지향==이다`).
 */

const MARK = /(?<![\p{L}\p{N}_=\\])==(?![\s=])([^=\n]+?)(?<=\S)==(?!=)/gu;
const FENCED = /^[ \t]{0,3}(```|~~~)[^\n]*\n[\s\S]*?(?:\n[ \t]{0,3}\1[^\n]*|$)/gm;
const CODE_SPAN = /(`+)[^`\n][\s\S]*?\1/g;
/** Code blanked with a character that is neither space, letter nor `=`, lines kept. */
const BLANK = '\u2060';

function blankCode(text: string): string {
  const blank = (s: string) => s.replace(/[^\n]/g, BLANK);
  return text.replace(FENCED, blank).replace(CODE_SPAN, blank);
}

export interface MarkSpan {
  /** Where the opening `==` starts and the closing `==` ends, in the text given. */
  start: number;
  end: number;
  /** The marked text as written (its inline markup kept). */
  inner: string;
}

/** The key-point marks of a notes text, in order. */
export function markSpans(text: string): MarkSpan[] {
  return [...blankCode(text).matchAll(MARK)].map((m) => {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    return { start, end, inner: text.slice(start + 2, end - 2) };
  });
}

/** The text as a reader should see it: each mark's `==` gone, code untouched. */
export function withoutMarks(text: string): string {
  if (!text.includes('==')) return text;
  let out = '';
  let at = 0;
  for (const span of markSpans(text)) {
    out += text.slice(at, span.start) + span.inner;
    at = span.end;
  }
  return out + text.slice(at);
}
