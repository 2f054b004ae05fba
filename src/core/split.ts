const SEPARATORS = ['\n\n', '\n', ' '];

/** Cuts at code points, never inside a surrogate pair; the last resort for one huge word. */
function hardSplit(text: string, max: number): string[] {
  const out: string[] = [];
  let cur = '';
  for (const ch of text) {
    if (cur.length + ch.length > max) {
      out.push(cur);
      cur = '';
    }
    cur += ch;
  }
  if (cur) out.push(cur);
  return out;
}

function splitBy(text: string, max: number, seps: string[]): string[] {
  if (text.length <= max) return [text];
  const [sep, ...finer] = seps;
  if (sep === undefined) return hardSplit(text, max);
  const chunks: string[] = [];
  let cur = '';
  for (const piece of text.split(sep)) {
    if (piece.length > max) {
      if (cur) chunks.push(cur);
      cur = '';
      chunks.push(...splitBy(piece, max, finer));
      continue;
    }
    const joined = cur ? cur + sep + piece : piece;
    if (joined.length <= max) cur = joined;
    else {
      chunks.push(cur);
      cur = piece;
    }
  }
  if (cur) chunks.push(cur);
  return chunks;
}

/**
 * Splits text into chunks of at most `max` characters, preferring paragraph, then line, then
 * word boundaries, so no word or URL is cut unless it alone is longer than `max`.
 */
export function splitText(text: string, max: number): string[] {
  if (max < 1) throw new RangeError('max must be positive');
  return splitBy(text, max, SEPARATORS)
    .map((c) => c.replace(/^\n+|\s+$/g, ''))
    .filter((c) => c.trim() !== '');
}

/** Cuts text to `max` characters at a code point, marking the cut. */
export function clipText(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = '';
  for (const ch of text) {
    if (out.length + ch.length > max - 1) break;
    out += ch;
  }
  return `${out}…`;
}
