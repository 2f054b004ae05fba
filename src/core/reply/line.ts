import { type Locale, type MessageKey, t, type Vars } from '../i18n/index.ts';
import type { Block, Datum, Fill } from '../message.ts';

/**
 * What fills a catalogue line's `{name}`: a number (written in, so plurals agree), data (a name,
 * a topic, what someone typed, an address, a mention: shown as written by each port), or another
 * line (its own data kept as data).
 */
export type LineVar = number | Datum | Fill;

const PLACEHOLDER = /\{(\w+)\}/g;

/** A line's text with its data renamed under `prefix`, its data added to `data`. */
function inline(fill: Fill, prefix: string, data: Record<string, Datum>): string {
  return fill.text.replace(PLACEHOLDER, (whole, name: string) => {
    const value = fill.data[name];
    if (value === undefined) return whole;
    data[`${prefix}_${name}`] = value;
    return `{${prefix}_${name}}`;
  });
}

/**
 * The catalogue's `key` in the locale as a line of a reply, `t`'s twin: numbers are written in,
 * everything else stays data, so a member named `**x**` or `<@1>` is shown as written and
 * changes nothing around it.
 */
export function line(locale: Locale, key: MessageKey, vars: Record<string, LineVar> = {}): Fill {
  const filled: Vars = {};
  const data: Record<string, Datum> = {};
  for (const [name, value] of Object.entries(vars)) {
    if (typeof value === 'number') filled[name] = value;
    else if (typeof value === 'object' && 'kind' in value) filled[name] = inline(value, name, data);
    else {
      data[name] = value;
      filled[name] = `{${name}}`;
    }
  }
  return { kind: 'fill', text: t(locale, key, filled), data };
}

/** An empty line, between parts of a reply. */
export const BLANK: Fill = { kind: 'fill', text: '', data: {} };

/**
 * Text the bot itself wrote (a usage line, a list of commands) as a line: shown as catalogue
 * text, so a platform writes command names its way. Never text from members or notes.
 */
export function prose(text: string): Fill {
  return { kind: 'fill', text, data: {} };
}

/** Data alone as a line: text shown as written. */
export function datum(value: Datum): Fill {
  return { kind: 'fill', text: '{v}', data: { v: value } };
}

/** Lines as one, `separator` between them (`\n`, `, `): each keeps its data as data. */
export function joinLines(lines: readonly Fill[], separator = '\n'): Fill {
  const data: Record<string, Datum> = {};
  const text = lines.map((l, i) => inline(l, `j${i}`, data)).join(separator);
  return { kind: 'fill', text, data };
}

/** Blocks with each run of lines made one (a reply's lines as one block of a message). */
export function mergeLines(blocks: readonly Block[]): Block[] {
  const out: Block[] = [];
  let run: Fill[] = [];
  const flush = () => {
    if (run.length > 0) out.push(run.length === 1 ? (run[0] as Fill) : joinLines(run));
    run = [];
  };
  for (const b of blocks) {
    if (b.kind === 'fill') run.push(b);
    else {
      flush();
      out.push(b);
    }
  }
  flush();
  return out;
}

/** A line inside text that is no language's (`── ` and ` ──` around a title, brackets). */
export function around(before: string, fill: Fill, after: string): Fill {
  return { ...fill, text: `${before}${fill.text}${after}` };
}

/** Parts of a reply (a line or lines each), a blank line between them. */
export function paragraphs(...parts: readonly (Fill | readonly Fill[])[]): Fill[] {
  return parts.flatMap((part, i) => [
    ...(i > 0 ? [BLANK] : []),
    ...(Array.isArray(part) ? part : [part as Fill]),
  ]);
}

/**
 * At most how many characters `text` takes once any port has escaped it as data: Slack writes
 * `&` as `&amp;` and `<`, `>` as `&lt;`, `&gt;`; Discord puts a backslash before `\\ * _ ~ \` |`
 * and before what would start a heading, quote or list, and a zero-width space after `@`.
 */
export function shownLength(text: string): number {
  let n = text.length;
  for (const ch of text) {
    if (ch === '&') n += 4;
    else if (ch === '<' || ch === '>') n += 3;
    else if ('\\*_~`|@'.includes(ch)) n += 1;
  }
  return n + (text.match(/^[ \t]*(?:[#-]|\d+\.)/gm)?.length ?? 0);
}

/** The longest start of `text` (in UTF-16 units) whose escaped length stays within `max`. */
export function shownPrefix(text: string, max: number): number {
  if (shownLength(text) <= max) return text.length;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (shownLength(text.slice(0, mid)) <= max) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** At most how many characters lines take once a port shows them (data escaped, shownLength). */
export function plainLength(lines: readonly Fill[]): number {
  let n = Math.max(0, lines.length - 1);
  for (const l of lines)
    for (const part of l.text.split(PLACEHOLDER).entries()) {
      const [i, piece] = part;
      // split with a group: even parts are the line's text, odd ones the names of its data.
      if (i % 2 === 0) n += piece.length;
      else {
        const v = l.data[piece];
        if (v === undefined) n += piece.length + 2;
        else n += shownLength(typeof v === 'string' ? v : 'url' in v ? v.url : v.mention);
      }
    }
  return n;
}
