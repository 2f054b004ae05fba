import type { Nodes, Root, RootContent } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';

const micromarkExtensions = [gfm()];
const mdastExtensions = [gfmFromMarkdown()];

/** Below this many characters a piece is parsed whole. */
const PIECE = 16_000;
const FENCE = /^\s*(`{3,}|~{3,})/;
const LIST_START = /^\d{1,9}[.)][ \t]/;

/**
 * Cuts Markdown where a new top-level block must start: a line at column 0 right after a blank
 * line, outside fenced code and HTML comments. micromark slows down more than linearly on long
 * documents (one list of 478 items takes seconds), so long files are parsed piece by piece; and
 * it reads `27. ### …` right after an indented code block as a paragraph, so a numbered item at
 * column 0 after a blank line and an indented line starts a piece of its own.
 */
function pieces(text: string): { text: string; offset: number; line: number }[] {
  const out: { text: string; offset: number; line: number }[] = [];
  let start = 0;
  let startLine = 1;
  let fence: string | null = null;
  let comment = false;
  let prevBlank = false;
  let afterIndented = false;
  let pos = 0;
  let line = 1;
  while (pos < text.length) {
    const nl = text.indexOf('\n', pos);
    const end = nl === -1 ? text.length : nl;
    const raw = text.slice(pos, end);
    if (
      fence === null &&
      !comment &&
      prevBlank &&
      pos > start &&
      raw !== '' &&
      raw[0] !== ' ' &&
      raw[0] !== '\t' &&
      (pos - start >= PIECE || (afterIndented && LIST_START.test(raw)))
    ) {
      out.push({ text: text.slice(start, pos), offset: start, line: startLine });
      start = pos;
      startLine = line;
    }
    const f = FENCE.exec(raw);
    if (f?.[1]) {
      if (fence === null) fence = f[1];
      else if (f[1][0] === fence[0] && f[1].length >= fence.length && /^[`~]+$/.test(raw.trim()))
        fence = null;
    } else if (fence === null) {
      const open = raw.lastIndexOf('<!--');
      if (open !== -1) comment = !raw.slice(open).includes('-->');
      else if (comment && raw.includes('-->')) comment = false;
    }
    prevBlank = raw.trim() === '';
    if (!prevBlank) afterIndented = /^(?: {4}|\t)/.test(raw);
    pos = end + 1;
    line++;
  }
  out.push({ text: text.slice(start), offset: start, line: startLine });
  return out;
}

function shift(node: Nodes, offset: number, line: number): void {
  const p = node.position;
  if (p) {
    p.start.offset = (p.start.offset ?? 0) + offset;
    p.end.offset = (p.end.offset ?? 0) + offset;
    p.start.line += line - 1;
    p.end.line += line - 1;
  }
  if ('children' in node) for (const child of node.children) shift(child, offset, line);
}

/** The mdast tree (CommonMark and GFM) of a Markdown text; positions are offsets into `text`. */
export function parseMarkdown(text: string): Root {
  const root: Root = { type: 'root', children: [] };
  for (const piece of pieces(text)) {
    const tree = fromMarkdown(piece.text, {
      extensions: micromarkExtensions,
      mdastExtensions,
    });
    for (const child of tree.children as RootContent[]) {
      if (piece.offset > 0) shift(child, piece.offset, piece.line);
      root.children.push(child);
    }
  }
  return root;
}

export const startOf = (node: Nodes): number => node.position?.start.offset ?? 0;
export const endOf = (node: Nodes): number => node.position?.end.offset ?? 0;
export const lineOf = (node: Nodes): number => node.position?.start.line ?? 1;
