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
 * Ends an indented code block for micromark: an empty HTML comment on a line of its own,
 * removed from the tree again (see `pieces`).
 */
const MARK = '<!---->';
const BREAK = `${MARK}\n\n`;

interface Piece {
  text: string;
  offset: number;
  line: number;
  /** Offsets in `text` where a numbered item follows an indented code block. */
  breaks: number[];
}

/**
 * Cuts Markdown where a new top-level block must start: a line at column 0 right after a blank
 * line, outside fenced code and HTML comments. micromark slows down more than linearly on long
 * documents (one list of 478 items takes seconds), so long files are parsed piece by piece. It
 * also reads `27. ### …` right after an indented code block as a paragraph (it takes the code
 * as still open, and an item not numbered 1 cannot interrupt it): such an item is a `break`,
 * where the parse puts an empty comment first so the code block is closed.
 */
function pieces(text: string): Piece[] {
  const out: Piece[] = [];
  let start = 0;
  let startLine = 1;
  // Where the last piece or break began: pieces are counted from there.
  let last = 0;
  let breaks: number[] = [];
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
      raw[0] !== '\t'
    ) {
      const isBreak = afterIndented && LIST_START.test(raw);
      if (pos - last >= PIECE || (isBreak && pos - start >= PIECE)) {
        out.push({ text: text.slice(start, pos), offset: start, line: startLine, breaks });
        start = pos;
        last = pos;
        startLine = line;
        breaks = [];
      } else if (isBreak) {
        breaks.push(pos - start);
        last = pos;
      }
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
  out.push({ text: text.slice(start), offset: start, line: startLine, breaks });
  return out;
}

/** Moves every position by `at(offset)`: where the node's text starts and ends in the file. */
function move(node: Nodes, at: (offset: number) => { offset: number; lines: number }): void {
  const p = node.position;
  if (p) {
    const s = at(p.start.offset ?? 0);
    const e = at(p.end.offset ?? 0);
    p.start.offset = s.offset;
    p.start.line += s.lines;
    p.end.offset = e.offset;
    p.end.line += e.lines;
  }
  if ('children' in node) for (const child of node.children) move(child, at);
}

/** A link reference definition (`[id]: url "title"`), as the file states it. */
export interface LinkDefinition {
  identifier: string;
  label: string;
  url: string;
  title: string | null;
}

/** `[label]: <url> "title"`: a definition written again, to be parsed after a text. */
function definitionLine(d: LinkDefinition): string {
  const url = d.url.replace(/[\\<>&]/g, '\\$&');
  const title = d.title === null ? '' : ` "${d.title.replace(/[\\"&]/g, '\\$&')}"`;
  return `[${d.label}]: <${url}>${title}`;
}

/**
 * The tree of `text`; `definitions` (from elsewhere in the file) are parsed after it, so its
 * references to them resolve, and leave the tree again. Without them when they would not stand
 * on their own after the text (an unclosed fence or HTML block takes them in).
 */
function parse(text: string, definitions: LinkDefinition[] = []): Root {
  const options = { extensions: micromarkExtensions, mdastExtensions };
  if (definitions.length === 0) return fromMarkdown(text, options);
  const tree = fromMarkdown(`${text}\n\n${definitions.map(definitionLine).join('\n')}\n`, options);
  const own = tree.children.filter((c) => startOf(c) < text.length);
  const added = tree.children.slice(own.length);
  const last = own[own.length - 1];
  if ((last && endOf(last) > text.length) || added.some((c) => c.type !== 'definition'))
    return fromMarkdown(text, options);
  tree.children = own;
  return tree;
}

/**
 * Parses a piece in one go, an empty comment before each break; the comments leave the tree and
 * positions are moved back onto the piece. Null when a comment did not become a block of its own.
 */
function parseWithBreaks(piece: Piece, definitions: LinkDefinition[]): RootContent[] | null {
  const marks: number[] = [];
  let merged = '';
  let from = 0;
  for (const b of piece.breaks) {
    merged += piece.text.slice(from, b);
    marks.push(merged.length);
    merged += BREAK;
    from = b;
  }
  merged += piece.text.slice(from);
  const children: RootContent[] = [];
  let m = 0;
  for (const child of parse(merged, definitions).children) {
    const start = child.position?.start.offset ?? 0;
    if (m < marks.length && start >= (marks[m] as number)) {
      if (start !== marks[m] || child.type !== 'html' || child.value !== MARK) return null;
      m++;
      continue;
    }
    children.push(child);
  }
  if (m < marks.length) return null;
  const at = (offset: number) => {
    // How many comments end at or before `offset`.
    let lo = 0;
    let hi = marks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((marks[mid] as number) + BREAK.length <= offset) lo = mid + 1;
      else hi = mid;
    }
    const k = lo;
    return { offset: piece.offset + offset - k * BREAK.length, lines: piece.line - 1 - 2 * k };
  };
  for (const child of children) move(child, at);
  return children;
}

/** Each break a parse of its own: the way when a comment would not stand alone. */
function parseApart(piece: Piece, definitions: LinkDefinition[]): RootContent[] {
  const out: RootContent[] = [];
  const cuts = [0, ...piece.breaks, piece.text.length];
  let line = piece.line;
  for (let i = 0; i + 1 < cuts.length; i++) {
    const text = piece.text.slice(cuts[i], cuts[i + 1]);
    const offset = piece.offset + (cuts[i] as number);
    const lines = line - 1;
    for (const child of parse(text, definitions).children) {
      move(child, (o) => ({ offset: offset + o, lines }));
      out.push(child);
    }
    line += text.split('\n').length - 1;
  }
  return out;
}

function parsePiece(piece: Piece, definitions: LinkDefinition[] = []): RootContent[] {
  return piece.breaks.length === 0 && piece.offset === 0
    ? parse(piece.text, definitions).children
    : (parseWithBreaks(piece, definitions) ?? parseApart(piece, definitions));
}

/** Calls `fn` on a node and every node under it, in document order. */
export function visit(node: Nodes, fn: (n: Nodes) => void): void {
  fn(node);
  if ('children' in node) for (const c of node.children) visit(c as Nodes, fn);
}

/** Definitions of a tree, the first of each identifier (as Markdown resolves them). */
function definitionsOf(nodes: RootContent[], into = new Map<string, LinkDefinition>()) {
  for (const n of nodes) {
    visit(n, (d) => {
      if (d.type === 'definition' && !into.has(d.identifier))
        into.set(d.identifier, {
          identifier: d.identifier,
          label: d.label ?? d.identifier,
          url: d.url,
          title: d.title ?? null,
        });
    });
  }
  return into;
}

/** Labels a text might use as references: `[…]`, lower-cased as identifiers are. */
function usesLabel(text: string, definitions: LinkDefinition[]): boolean {
  const lower = text.toLowerCase();
  return definitions.some((d) => lower.includes(`[${d.label.toLowerCase()}]`));
}

/**
 * Reference links and images whose definition is known become plain `link`/`image` nodes (marked
 * `data.reference`), so everything that reads links reads them, wherever the definition stands.
 */
function resolveReferences(node: Nodes, definitions: Map<string, LinkDefinition>): void {
  if (!('children' in node)) return;
  node.children.forEach((child, i) => {
    if (child.type === 'linkReference' || child.type === 'imageReference') {
      const d = definitions.get(child.identifier);
      if (d) {
        const common = { url: d.url, title: d.title, position: child.position };
        (node.children as Nodes[])[i] =
          child.type === 'linkReference'
            ? { type: 'link', ...common, children: child.children, data: { reference: true } }
            : { type: 'image', ...common, alt: child.alt ?? null, data: { reference: true } };
      }
    }
    resolveReferences((node.children as Nodes[])[i] as Nodes, definitions);
  });
}

/**
 * The mdast tree (CommonMark and GFM) of a Markdown text; positions are offsets into `text`.
 * Link reference definitions hold across the whole text (and `definitions` from the file a
 * part of it comes from): a piece that uses a definition standing in another is parsed again
 * with it.
 */
export function parseMarkdown(text: string, definitions: LinkDefinition[] = []): Root {
  const root: Root = { type: 'root', children: [] };
  const parts = pieces(text);
  const trees = parts.map((piece) => parsePiece(piece));
  const known = new Map(definitions.map((d) => [d.identifier, d]));
  const defined = trees.map((t) => definitionsOf(t));
  const all = new Map(known);
  for (const d of defined) for (const [id, def] of d) if (!all.has(id)) all.set(id, def);
  parts.forEach((piece, i) => {
    const elsewhere = [...all.values()].filter((d) => !defined[i]?.has(d.identifier));
    const children =
      elsewhere.length > 0 && usesLabel(piece.text, elsewhere)
        ? parsePiece(piece, elsewhere)
        : (trees[i] as RootContent[]);
    root.children.push(...children);
  });
  resolveReferences(root, all);
  root.data = { ...root.data, definitions: [...all.values()] } as Root['data'];
  return root;
}

/** The link reference definitions a tree from `parseMarkdown` resolved against. */
export function definitionsIn(root: Root): LinkDefinition[] {
  return (root.data as { definitions?: LinkDefinition[] } | undefined)?.definitions ?? [];
}

export const startOf = (node: Nodes): number => node.position?.start.offset ?? 0;
export const endOf = (node: Nodes): number => node.position?.end.offset ?? 0;
export const lineOf = (node: Nodes): number => node.position?.start.line ?? 1;
