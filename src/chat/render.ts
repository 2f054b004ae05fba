import { type Dialect, FENCE, notesMarkup } from '../bank/markup.ts';
import type { Block, Datum, Fill, Link } from '../core/message.ts';
import type { OutMessage } from '../core/port.ts';
import { splitText } from '../core/split.ts';

/**
 * Structured messages as a platform shows them. Each adapter has its renderer (its dialect of
 * notes Markdown, its escaping in its text.ts); what they share is here: fitting the text to a
 * message and splitting it where it must. A renderer for another surface (the dashboard's HTML)
 * is one more `Renderer`.
 */
export interface Renderer {
  /** How notes Markdown is written on the platform. */
  dialect: Dialect;
  /** A message's catalogue text (its body) in the platform's markup. */
  body(text: string): string;
  /** A link as the platform shows it; the label, when there is one, as its text. */
  link(link: Link): string;
  /** A platform mention as shown without pinging; text where absent. */
  mention?(text: string): string;
  /** A code span of the catalogue's (`…`, data in it as code); the dialect's code where absent. */
  codeSpan?(text: string): string;
}

/** A message as a port sends it: `body` is in the platform's markup, notes text escaped. */
export type Rendered = Omit<OutMessage, 'blocks' | 'more'>;

/** A block in the platform's markup, whole. */
export function renderBlock(block: Block, r: Renderer): string {
  switch (block.kind) {
    case 'notes':
      return notesMarkup(block.text, block.format, r.dialect);
    case 'links':
      return block.links.map((l) => `- ${r.link(l)}`).join('\n');
    case 'fill':
      return fillMarkup(block, r);
  }
}

/** Data as the platform shows it, literally: text escaped, an address a link, a mention unpinged. */
function datumMarkup(value: Datum, r: Renderer): string {
  if (typeof value === 'string') return notesMarkup(value, 'text', r.dialect);
  if ('url' in value) return r.link({ url: value.url, label: null });
  return r.mention ? r.mention(value.mention) : notesMarkup(value.mention, 'text', r.dialect);
}

const rawDatum = (value: Datum) =>
  typeof value === 'string' ? value : 'url' in value ? value.url : value.mention;

const CODE_SPAN = /`([^`\n]+)`/g;
const PLACEHOLDER = /\{(\w+)\}/g;

/**
 * A catalogue line in the platform's markup: its own text through the renderer's `body`, its
 * code spans through the dialect's (data in them written as code), and its data as data.
 */
function fillMarkup(block: Fill, r: Renderer): string {
  const outside = (text: string) => {
    let out = '';
    let at = 0;
    for (const m of text.matchAll(PLACEHOLDER)) {
      const value = block.data[m[1] as string];
      if (value === undefined) continue;
      out += r.body(text.slice(at, m.index)) + datumMarkup(value, r);
      at = m.index + m[0].length;
    }
    return out + r.body(text.slice(at));
  };
  let out = '';
  let at = 0;
  for (const m of block.text.matchAll(CODE_SPAN)) {
    const code = (m[1] as string).replace(PLACEHOLDER, (whole, name: string) => {
      const value = block.data[name];
      return value === undefined ? whole : rawDatum(value);
    });
    out += outside(block.text.slice(at, m.index)) + (r.codeSpan ?? r.dialect.code)(code);
    at = m.index + m[0].length;
  }
  return out + outside(block.text.slice(at));
}

/** A command's reply in the platform's markup: its blocks, one a line. */
export function renderReply(blocks: readonly Block[], r: Renderer): string {
  return blocks.map((b) => renderBlock(b, r)).join('\n');
}

/**
 * A message as the platform's messages, each within `maxChars` (title + body + footer): the
 * catalogue body and whole blocks first; a `clip` block cut to the room left (never under 50
 * characters), a `first` block to its first part; a `split` block (one a message) over several
 * messages, the ones after the first titled `more`; the footer, buttons and pings on the first.
 */
export function layout(message: OutMessage, r: Renderer, maxChars: number): Rendered[] {
  const { blocks = [], more, ...rest } = message;
  const isWhole = (b: Block) => b.kind === 'fill' || !b.fit;
  const shown = new Map(blocks.filter(isWhole).map((b) => [b, renderBlock(b, r)]));
  const title = message.title ?? '';
  const footer = message.footer ?? '';
  const fixed = [message.body ? r.body(message.body) : '', ...shown.values()]
    .filter(Boolean)
    .join('\n\n');
  let left = maxChars - title.length - footer.length - fixed.length - 2 - (footer ? 2 : 0);
  const parts = [message.body ? r.body(message.body) : ''];
  let split: string[] | null = null;
  for (const b of blocks) {
    if (isWhole(b)) parts.push(shown.get(b) ?? '');
    else if (b.kind === 'notes' && b.fit === 'clip') {
      const clipped = clipRendered(b.text, Math.max(50, left), (text) =>
        renderBlock({ ...b, text }, r),
      );
      parts.push(clipped);
      left -= clipped.length + 2;
    } else if (b.kind === 'notes' && b.fit === 'first') {
      const whole = renderBlock(b, r);
      const first = whole === '' || left < 16 ? '' : (splitRendered(whole, left)[0] ?? '');
      parts.push(first);
      left -= first.length + 2;
    } else {
      const room =
        maxChars -
        Math.max(title.length, (more ?? '').length) -
        (footer ? footer.length + 2 : 0) -
        (fixed ? fixed.length + 2 : 0) -
        2;
      const whole = renderBlock(b, r);
      split =
        b.kind === 'notes' && b.format === 'markdown'
          ? splitRendered(whole, room)
          : splitText(whole, room);
    }
  }
  const body = parts.filter(Boolean).join('\n\n');
  const [first = '', ...after] = split ?? [];
  const { footer: _f, buttons: _b, mention: _m, mentionMembers: _p, ...plain } = rest;
  return [
    { ...rest, body: [body, first].filter(Boolean).join('\n\n') },
    ...after.map((text) => ({ ...plain, ...(more ? { title: more } : {}), body: text })),
  ];
}

/**
 * `text` cut (with …) so that, rendered, it fits `max` characters: escaping can make text
 * longer (Slack's `&amp;`), so the cut is found on the rendered length.
 */
export function clipRendered(text: string, max: number, render: (text: string) => string): string {
  let shown = render(text);
  let keep = [...text].length;
  while (shown.length > max && keep > 1) {
    keep = Math.max(1, Math.min(keep - 1, Math.floor((keep * max) / shown.length) - 1));
    shown = render(`${[...text].slice(0, keep).join('')}…`);
  }
  return shown;
}

const FENCE_LINE = /^\s*```/;

/**
 * Splits rendered text into parts of at most `max` characters at line boundaries (a blank line
 * when one is near), never inside a code block: a block that must be cut is closed and opened
 * again in the next part. A single line longer than a part is cut at a code point.
 */
export function splitRendered(whole: string, max: number): string[] {
  let text = whole;
  if (max < 16) throw new RangeError('max must be at least 16');
  // A code block the notes never closed is closed here, so no part leaves a fence open.
  const fences = text.split('\n').filter((l) => FENCE_LINE.test(l)).length;
  if (fences % 2 === 1) text = `${text.replace(/\s+$/, '')}\n${FENCE}`;
  if (text.length <= max) return text.trim() === '' ? [] : [text];
  const parts: string[] = [];
  let lines: string[] = [];
  let size = 0;
  let open: string | null = null; // the fence line of the code block we are in
  let openAtStart: string | null = null;
  const flush = (reopen: string | null) => {
    let out = lines;
    if (open !== null) out = [...out, FENCE];
    const text = out.join('\n').replace(/^\n+|\s+$/g, '');
    if (text !== '' && text !== FENCE) parts.push(text);
    lines = reopen !== null ? [reopen] : [];
    size = reopen !== null ? reopen.length + 1 : 0;
    openAtStart = reopen;
  };
  for (const raw of text.split('\n')) {
    const isFence = FENCE_LINE.test(raw);
    const reserve = open !== null || isFence ? FENCE.length + 1 : 0;
    const room = max - reserve;
    const pieces: string[] = [];
    if (raw.length > room - (open !== null ? open.length + 1 : 0)) {
      let cur = '';
      for (const ch of raw) {
        if (cur.length + ch.length > Math.max(8, room - (open?.length ?? 0) - 1)) {
          pieces.push(cur);
          cur = '';
        }
        cur += ch;
      }
      pieces.push(cur);
    } else pieces.push(raw);
    for (const line of pieces) {
      if (size + line.length + 1 > room && lines.length > (openAtStart !== null ? 1 : 0)) {
        // Prefer the last blank line outside code in the second half of the part.
        const blank = open === null ? lines.lastIndexOf('') : -1;
        if (blank > 0 && lines.slice(0, blank).join('\n').length >= max / 2) {
          const rest = lines.slice(blank + 1);
          lines = lines.slice(0, blank);
          flush(null);
          lines = rest;
          size = rest.reduce((n, l) => n + l.length + 1, 0);
        } else flush(open);
      }
      lines.push(line);
      size += line.length + 1;
    }
    if (isFence) open = open === null ? raw.trim() : null;
  }
  open = null;
  flush(null);
  return parts;
}
