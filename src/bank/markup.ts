import type { Nodes, PhrasingContent, RootContent, Table } from 'mdast';
import stringWidth from 'string-width';
import { withoutBidiControls } from '../core/bidi.ts';
import type { NotesFormat } from '../core/message.ts';
import { withoutMarks } from './marks.ts';
import { parseMarkdown } from './mdast.ts';
import { htmlText } from './tags.ts';
import { decodeEntities } from './text.ts';

/**
 * Notes text through a dialect: Markdown notes are walked from their syntax tree, each piece
 * written as the dialect writes it; plain-text notes go through the dialect's `text`. Each chat
 * adapter has its dialect (src/chat/<platform>/render.ts); `notesText` here is plain text, for
 * the console and wherever the domain needs what a note says without markup.
 */
export interface Dialect {
  /** Text shown as written: escaped where the platform reads markup, pinging nobody. */
  text(s: string): string;
  strong(s: string): string;
  emphasis(s: string): string;
  strike(s: string): string;
  code(s: string): string;
  /** A link; `text` is plain (not yet escaped) text, empty for a bare address. */
  link(text: string, url: string): string;
  heading(text: string, depth: number): string;
  codeBlock(value: string, lang: string): string;
  quote(text: string): string;
  /** A table already laid out as aligned monospace text. */
  table(text: string): string;
  bullet: string;
}

export const FENCE = '```';

/** Whether a link's text is its address (an autolink, a bare URL, `www.…`). */
export function isOwnUrl(text: string, url: string): boolean {
  return text === '' || text === url || `http://${text}` === url || `https://${text}` === url;
}

export function prefixLines(text: string, prefix: string): string {
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
      return d.table(tableText(node));
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

/** Notes text written in a dialect: Markdown from its syntax tree, plain text as `d.text`. */
export function notesMarkup(text: string, format: NotesFormat, d: Dialect): string {
  // The key-point marks (`==…==`, marks.ts) are for the coach, not for the reader.
  const shown = withoutBidiControls(withoutMarks(text));
  if (format === 'text') return d.text(shown);
  return blocks(parseMarkdown(shown).children, d).replace(/\n{3,}/g, '\n\n');
}

/** Plain text: what the notes say, without markup (the console, a title, a private answer). */
export const PLAIN: Dialect = {
  text: (s) => s,
  strong: (s) => s,
  emphasis: (s) => s,
  strike: (s) => s,
  code: (s) => s,
  link: (text, url) => (isOwnUrl(text, url) ? url : `${text} (${url})`),
  heading: (text) => text,
  codeBlock: (value) => prefixLines(value, '    '),
  quote: (text) => prefixLines(text, '  '),
  table: (text) => text,
  bullet: '-',
};

/** Notes text as plain text. */
export function notesText(text: string, format: NotesFormat): string {
  return notesMarkup(text, format, PLAIN);
}
