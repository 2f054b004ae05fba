import type { Nodes, PhrasingContent, RootContent, Table } from 'mdast';
import stringWidth from 'string-width';
import { withoutMarks } from '../bank/marks.ts';
import { parseMarkdown } from '../bank/mdast.ts';
import { htmlText } from '../bank/tags.ts';
import { decodeEntities } from '../bank/text.ts';
import { withoutBidiControls } from '../core/bidi.ts';
import type { Platform } from '../core/port.ts';

/**
 * Notes text as each platform can show it: Discord gets Discord Markdown, Slack mrkdwn (with
 * `&`, `<`, `>` escaped), the console plain text. Markdown notes are rendered from their syntax
 * tree; plain-text notes are shown as written, escaped where the platform needs it. Text from
 * notes never pings anyone.
 */
export type TextFormat = 'text' | 'markdown' | 'rendered';

const FENCE = '```';

function defuse(text: string): string {
  return text.replace(/@(everyone|here)\b/g, '@\u200b$1').replace(/<([@#!&])/g, '<\u200b$1');
}

export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Plain text made literal on Discord: inline markup characters escaped, and so is what would
 * start a heading, quote, list or subtext (`# `, `> `, `- `, `-# `, `1. `) at the start of a line.
 */
function escapeDiscord(text: string): string {
  return defuse(
    text
      .replace(/([\\*_~`|])/g, '\\$1')
      .replace(/^([ \t]*)([#>]|-(?=[\s#]|$))/gm, '$1\\$2')
      .replace(/^([ \t]*\d+)\.(?=\s|$)/gm, '$1\\.'),
  );
}

/** Whether a link's text is its address (an autolink, a bare URL, `www.…`). */
function isOwnUrl(text: string, url: string): boolean {
  return text === '' || text === url || `http://${text}` === url || `https://${text}` === url;
}

/**
 * Discord shows masked link text as written, backslashes too, and shows a masked link whose text
 * looks like an address literally: only text with nothing to escape goes inside `[…]`.
 */
function discordLink(text: string, url: string): string {
  if (isOwnUrl(text, url) || /^\s*(?:https?:\/\/|www\.)\S*\s*$/i.test(text)) return `<${url}>`;
  const literal =
    !/[[\]*~`|\\<>\n]|https?:\/\/|www\./i.test(text) &&
    !/(?:^|[^\p{L}\p{N}])_|_(?:$|[^\p{L}\p{N}])/u.test(text);
  return literal
    ? `[${defuse(text)}](<${url}>)`
    : `${escapeDiscord(text).replace(/[[\]]/g, '\\$&')} (<${url}>)`;
}

interface Dialect {
  text(s: string): string;
  strong(s: string): string;
  emphasis(s: string): string;
  strike(s: string): string;
  code(s: string): string;
  /** A link; `text` is plain (not yet escaped) text. */
  link(text: string, url: string): string;
  heading(text: string, depth: number): string;
  codeBlock(value: string, lang: string): string;
  quote(text: string): string;
  bullet: string;
}

const codeSpan = (s: string) => {
  const ticks = s.includes('`') ? '``' : '`';
  return `${ticks}${s}${ticks}`;
};

const DIALECTS: Record<Platform, Dialect> = {
  discord: {
    text: escapeDiscord,
    strong: (s) => `**${s}**`,
    emphasis: (s) => `*${s}*`,
    strike: (s) => `~~${s}~~`,
    code: codeSpan,
    link: discordLink,
    // Discord shows #, ## and ###; deeper headings become bold lines.
    heading: (text, depth) => (depth <= 3 ? `${'#'.repeat(depth)} ${text}` : `**${text}**`),
    codeBlock: (value, lang) => `${FENCE}${lang}\n${value}\n${FENCE}`,
    quote: (text) => prefixLines(text, '> '),
    bullet: '-',
  },
  slack: {
    text: (s) => escapeSlack(s),
    strong: (s) => `*${s}*`,
    emphasis: (s) => `_${s}_`,
    strike: (s) => `~${s}~`,
    code: (s) => `\`${escapeSlack(s)}\``,
    // Inside a link too, Slack reads `&amp;` as `&`; a `|` in the address would end it.
    link: (text, url) => {
      const address = escapeSlack(url).replace(/\|/g, '%7C');
      return isOwnUrl(text, url)
        ? `<${address}>`
        : `<${address}|${escapeSlack(text).replace(/\|/g, '¦')}>`;
    },
    heading: (text) => `*${text}*`,
    codeBlock: (value) => `${FENCE}\n${escapeSlack(value)}\n${FENCE}`,
    quote: (text) => prefixLines(text, '> '),
    bullet: '•',
  },
  console: {
    text: (s) => s,
    strong: (s) => s,
    emphasis: (s) => s,
    strike: (s) => s,
    code: (s) => s,
    link: (text, url) => (isOwnUrl(text, url) ? url : `${text} (${url})`),
    heading: (text) => text,
    codeBlock: (value) => prefixLines(value, '    '),
    quote: (text) => prefixLines(text, '  '),
    bullet: '-',
  },
};

function prefixLines(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((l) => (l === '' ? prefix.trimEnd() : prefix + l))
    .join('\n');
}

function plain(node: Nodes): string {
  if (node.type === 'html') return decodeEntities(htmlText(node.value));
  if ('value' in node) return node.value;
  if ('children' in node) return node.children.map((c) => plain(c as Nodes)).join('');
  if (node.type === 'image') return node.alt ?? '';
  return '';
}

function inline(nodes: PhrasingContent[], d: Dialect): string {
  // Inline tags of a paragraph, together: where a `<span>` is closed decides that it is markup.
  const html = nodes.map((n) => (n.type === 'html' ? n.value : '')).join('');
  return nodes.map((n) => phrase(n, d, html)).join('');
}

function phrase(node: PhrasingContent, d: Dialect, html = ''): string {
  switch (node.type) {
    case 'text':
      return d.text(node.value);
    case 'strong':
      return d.strong(inline(node.children, d));
    case 'emphasis':
      return d.emphasis(inline(node.children, d));
    case 'delete':
      return d.strike(inline(node.children, d));
    case 'inlineCode':
      return d.code(node.value);
    case 'break':
      return '\n';
    case 'link':
      // In-page anchors and addresses without a scheme lead nowhere in a chat: their text stays.
      return /^(?:https?:\/\/|mailto:)/i.test(node.url)
        ? d.link(plain(node), node.url)
        : inline(node.children, d);
    case 'image':
      // Images become links; a relative path means nothing in a chat.
      return /^https?:/i.test(node.url) ? d.link(node.alt ?? '', node.url) : '';
    case 'html': {
      // Markup goes (`<br>` a line break); a tag that is text (`List<String>`) shows as text.
      const text = htmlText(node.value, html);
      return text === '\n' ? text : d.text(decodeEntities(text));
    }
    default:
      return d.text(plain(node));
  }
}

/**
 * A table as aligned monospace text (Discord and Slack show no tables), columns measured in
 * display width: a Hangul or other wide character takes two columns, a combining mark none.
 */
function tableText(table: Table): string {
  const rows = table.children.map((row) => row.children.map((cell) => plain(cell).trim()));
  const widths: number[] = [];
  for (const row of rows)
    row.forEach((c, i) => {
      widths[i] = Math.max(widths[i] ?? 0, stringWidth(c));
    });
  const line = (row: string[]) =>
    row
      .map((c, i) => c + ' '.repeat((widths[i] ?? 0) - stringWidth(c)))
      .join(' | ')
      .trimEnd();
  const [head, ...body] = rows;
  if (!head) return '';
  return [line(head), widths.map((w) => '-'.repeat(w)).join('-|-'), ...body.map(line)].join('\n');
}

function block(node: RootContent, d: Dialect): string {
  switch (node.type) {
    case 'paragraph':
      return inline(node.children, d);
    case 'heading':
      return d.heading(inline(node.children, d), node.depth);
    case 'code':
      return d.codeBlock(node.value, node.lang ?? '');
    case 'blockquote':
      return d.quote(blocks(node.children, d));
    case 'list':
      return node.children
        .map((item, i) => {
          const marker = node.ordered ? `${(node.start ?? 1) + i}.` : d.bullet;
          const check = item.checked === true ? '[x] ' : item.checked === false ? '[ ] ' : '';
          const body = blocks(item.children, d, node.spread ? '\n\n' : '\n');
          const pad = ' '.repeat(marker.length + 1);
          return `${marker} ${check}${body.split('\n').join(`\n${pad}`)}`.replace(/ +$/gm, '');
        })
        .join(node.spread ? '\n\n' : '\n');
    case 'table':
      return d === DIALECTS.console ? tableText(node) : d.codeBlock(tableText(node), '');
    case 'thematicBreak':
      return '───';
    case 'html': {
      const text = decodeEntities(htmlText(node.value)).trim();
      return text === '' ? '' : d.text(text);
    }
    case 'definition':
      return '';
    default:
      return d.text(plain(node));
  }
}

function blocks(nodes: RootContent[], d: Dialect, sep = '\n\n'): string {
  return nodes
    .map((n) => block(n, d))
    .filter((s) => s !== '')
    .join(sep);
}

/** Renders notes text for a platform. */
export function renderNotes(text: string, platform: Platform, format: TextFormat): string {
  // The key-point marks (`==…==`, src/bank/marks.ts) are for the coach, not for the reader.
  const shown = format === 'rendered' ? text : withoutMarks(text);
  return renderNotesAs(withoutBidiControls(shown), platform, format);
}

function renderNotesAs(text: string, platform: Platform, format: TextFormat): string {
  const d = DIALECTS[platform];
  if (format === 'rendered') return text;
  if (format === 'text') return platform === 'console' ? text : d.text(text);
  return blocks(parseMarkdown(text).children, d).replace(/\n{3,}/g, '\n\n');
}

/** A reference as a link on the platform; the label, when there is one, as its text. */
export function referenceLink(
  ref: { url: string; label: string | null },
  platform: Platform,
): string {
  const d = DIALECTS[platform];
  if (!ref.label) return d.link('', ref.url);
  return platform === 'console' ? `${ref.label}: ${ref.url}` : d.link(ref.label, ref.url);
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
