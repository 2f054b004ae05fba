import type { StateBlock, StateCore, StateInline, Token } from 'markdown-it';
import MarkdownIt from 'markdown-it';
import type {
  Definition,
  List,
  ListItem,
  Nodes,
  Parents,
  PhrasingContent,
  Root,
  TableCell,
  Text,
} from 'mdast';

/**
 * Markdown to mdast: markdown-it (CommonMark, GFM tables and strikethrough, autolinked URLs)
 * reads the text, and its tokens become the tree mdast-util-from-markdown with the GFM extensions
 * would give, positions included. markdown-it keeps no positions inside a line, so its block and
 * inline rules are wrapped to note where each token starts and ends.
 */
const md = new MarkdownIt('default', { html: true, linkify: true });
// Bare addresses are found by the inline rule (`https://…`) and `autolinkLiterals` (`www.…`), as
// GFM finds them; the core linkify rule would also take `index.md` or `socket.io` for addresses.
md.core.ruler.disable('linkify');
// Inline content is parsed by `build`, one block at a time, and its tokens dropped once they are
// nodes (fewer objects alive at once: the parse of a long file spends less time collecting
// garbage); `inlineNodes` joins text as `text_join` would.
md.core.ruler.disable(['inline', 'text_join']);
// `Source` has made line endings `\n`; a text without NUL needs no other normalising (a copy of
// the whole text each time otherwise).
const normalize = (md.core.ruler as unknown as { __rules__: Rule<CoreRule>[] }).__rules__.find(
  (r) => r.name === 'normalize',
)?.fn;
md.core.ruler.at('normalize', (state) => {
  if (state.src.includes('\0')) normalize?.(state);
});
// URLs stay as written (mdast does not percent-encode them or refuse any scheme).
md.normalizeLink = (url) => url;
md.normalizeLinkText = (text) => text;
md.validateLink = () => true;

interface Env {
  references?: Record<string, { href: string; title: string }>;
}

type Position = NonNullable<Nodes['position']>;
type Point = Position['start'];

/**
 * A token with where it stands. Block tokens: `s`/`e` are offsets in the source. Inline tokens:
 * offsets in the inline content; a leaf spans `s` to `e`, an opening token from its node's start
 * to its content's start, a closing one from its content's end to its node's end. Text tokens
 * have none: they fill the gaps between the others.
 */
type Spanned = Token & {
  s?: number;
  e?: number;
  /** Made from pending text (by `pushPending`). */
  pending?: true;
  /** A `link_close`: where the link's text ends. */
  at?: number;
  /** A link or image written as a reference (`[text][id]`, `[id]`), not `[text](url)`. */
  ref?: true;
};

class PositionedState extends md.inline.State {
  override pushPending(): Token {
    const token: Spanned = super.pushPending();
    token.pending = true;
    return token;
  }
  override push(type: string, tag: string, nesting: -1 | 0 | 1): Token {
    const token: Spanned = super.push(type, tag, nesting);
    if (type === 'link_close') token.at = this.pos;
    return token;
  }
}
md.inline.State = PositionedState;

type BlockRule = (
  state: StateBlock,
  startLine: number,
  endLine: number,
  silent: boolean,
) => boolean;
type InlineRule = (state: StateInline, silent: boolean) => boolean;
type CoreRule = (state: StateCore) => void;
interface Rule<T> {
  name: string;
  fn: T;
  alt: string[];
}

/** Where a block that keeps its indentation begins: after its containers' indentation. */
function indentStart(state: StateBlock, line: number): number {
  let pos = state.bMarks[line] as number;
  const first = pos + (state.tShift[line] as number);
  let col = 0;
  while (col < state.blkIndent && pos < first) {
    col += state.src[pos] === '\t' ? 4 - (col % 4) : 1;
    pos++;
  }
  return pos;
}

function wrapBlock(name: string, fn: BlockRule): BlockRule {
  return (state, startLine, endLine, silent) => {
    if (silent) return fn(state, startLine, endLine, silent);
    const n = state.tokens.length;
    if (!fn(state, startLine, endLine, false)) return false;
    if (name === 'reference') {
      // markdown-it keeps definitions in `env` only: a token marks where one stood.
      const t = state.push('definition', '', 0);
      t.map = [startLine, state.line];
    }
    // Nested rules have placed their own tokens; the containers' prefixes are still in effect.
    for (let i = n; i < state.tokens.length; i++) {
      const t = state.tokens[i] as Spanned;
      if (!t.map || t.s !== undefined) continue;
      const [first, next] = t.map;
      t.s =
        t.type === 'code_block' || t.type === 'html_block'
          ? indentStart(state, first)
          : (state.bMarks[first] as number) + (state.tShift[first] as number);
      let last = Math.max(first, next - 1);
      while (last > first && state.isEmpty(last)) last--;
      t.e = state.eMarks[last] as number;
    }
    return true;
  };
}

function wrapInline(name: string, fn: InlineRule): InlineRule {
  return (state, silent) => {
    if (silent) return fn(state, silent);
    const from = state.pos;
    const n = state.tokens.length;
    if (!fn(state, false)) return false;
    const to = state.pos;
    const tokens = state.tokens as Spanned[];
    // The tokens this rule made: not pending text, not placed by a rule nested in this one.
    let first = n;
    while (first < tokens.length && (tokens[first]?.pending || tokens[first]?.s !== undefined))
      first++;
    const open = tokens[first];
    if (!open) return true;
    if ((name === 'link' || name === 'image') && state.src[to - 1] === ']') open.ref = true;
    if (name === 'link') {
      const close = tokens[tokens.length - 1] as Spanned;
      open.s = from;
      open.e = from + 1;
      close.s = close.at ?? to;
      close.e = to;
    } else if (name === 'linkify' || name === 'autolink') {
      const text = tokens[first + 1] as Spanned;
      const close = tokens[first + 2] as Spanned;
      const edge = name === 'autolink' ? 1 : 0;
      const start = name === 'autolink' ? from : to - text.content.length;
      open.s = start;
      open.e = start + edge;
      text.s = start + edge;
      text.e = to - edge;
      close.s = to - edge;
      close.e = to;
    } else if (name === 'emphasis' || name === 'strikethrough') {
      // One token per delimiter (`*`, `~~`), left to right.
      let at = from;
      for (let i = first; i < tokens.length; i++) {
        const t = tokens[i] as Spanned;
        t.s = at;
        at += t.content.length;
        t.e = at;
      }
    } else if (open.type === 'softbreak' || open.type === 'hardbreak') {
      // A break is its line ending (after a backslash, or the spaces before it for a hard one).
      let start = from;
      if (open.type === 'hardbreak' && name === 'newline')
        while (start > 0 && state.src[start - 1] === ' ') start--;
      open.s = start;
      open.e = name === 'escape' ? from + 2 : from + 1;
    } else {
      for (let i = first; i < tokens.length; i++) {
        const t = tokens[i] as Spanned;
        t.s = from;
        t.e = to;
      }
    }
    return true;
  };
}

for (const rule of (md.block.ruler as unknown as { __rules__: Rule<BlockRule>[] }).__rules__)
  md.block.ruler.at(rule.name, wrapBlock(rule.name, rule.fn), { alt: rule.alt });
for (const rule of (md.inline.ruler as unknown as { __rules__: Rule<InlineRule>[] }).__rules__)
  if (rule.name !== 'text') md.inline.ruler.at(rule.name, wrapInline(rule.name, rule.fn));

/** A link reference definition (`[id]: url "title"`), as the file states it. */
export interface LinkDefinition {
  identifier: string;
  label: string;
  url: string;
  title: string | null;
}

/** Offsets in the text markdown-it read to offsets in the caller's text, and line numbers. */
class Source {
  readonly lineStarts: number[] = [0];
  /** Offsets (in the normalised text) of the line feeds whose `\r` was removed. */
  private readonly crlf: number[] = [];
  readonly src: string;
  constructor(text: string) {
    let src = text;
    if (text.includes('\r')) {
      src = '';
      let from = 0;
      for (let at = text.indexOf('\r'); at !== -1; at = text.indexOf('\r', at + 1)) {
        if (text[at + 1] === '\n') {
          src += text.slice(from, at);
          this.crlf.push(src.length);
          from = at + 1;
        }
      }
      src = (src + text.slice(from)).replace(/\r/g, '\n');
    }
    this.src = src;
    for (let at = src.indexOf('\n'); at !== -1; at = src.indexOf('\n', at + 1))
      this.lineStarts.push(at + 1);
  }
  /** End of line `line` (0-based): the offset of its line feed. */
  lineEnd(line: number): number {
    const next = this.lineStarts[line + 1];
    return next === undefined ? this.src.length : next - 1;
  }
  /** The line of the last point: points are mostly asked for in order. */
  private line = 0;
  point(offset: number): Point {
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    const near = this.line;
    if ((starts[near] as number) <= offset) {
      lo = near;
      if (near + 1 <= hi && offset < (starts[near + 1] as number)) hi = near;
    } else hi = near;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    this.line = lo;
    // Each `\r` removed before `offset` moves it one on in the caller's text.
    let k = 0;
    let top = this.crlf.length;
    while (k < top) {
      const mid = (k + top) >> 1;
      if ((this.crlf[mid] as number) < offset) k = mid + 1;
      else top = mid;
    }
    return { line: lo + 1, column: offset - (starts[lo] as number) + 1, offset: offset + k };
  }
  /** The offset in the normalised text of an offset in the caller's text. */
  normal(offset: number): number {
    let k = 0;
    let top = this.crlf.length;
    while (k < top) {
      const mid = (k + top) >> 1;
      if ((this.crlf[mid] as number) + mid < offset) k = mid + 1;
      else top = mid;
    }
    return offset - k;
  }
  position(start: number, end: number): Position {
    return { start: this.point(start), end: this.point(end) };
  }
}

/** Maps offsets in an inline content string onto the source: anchors where a run starts. */
interface Anchors {
  content: number[];
  source: number[];
}

function mapOffset(a: Anchors, offset: number): number {
  let lo = 0;
  let hi = a.content.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((a.content[mid] as number) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return (a.source[lo] as number) + offset - (a.content[lo] as number);
}

const isSpace = (ch: string | undefined) =>
  ch === ' ' || ch === '\t' || (ch !== undefined && (ch < ' ' || ch > '~') && /\s/.test(ch));

/**
 * A paragraph's content is its lines with their container prefixes and indentation taken off,
 * trimmed: each line is the end of its source line (the last one before trailing whitespace).
 */
function lineAnchors(source: Source, content: string, firstLine: number): Anchors {
  const a: Anchors = { content: [], source: [] };
  for (let at = 0, line = firstLine; ; line++) {
    const nl = content.indexOf('\n', at);
    const length = (nl === -1 ? content.length : nl) - at;
    let end = source.lineEnd(line);
    if (nl === -1) while (end > 0 && isSpace(source.src[end - 1])) end--;
    a.content.push(at);
    a.source.push(end - length);
    if (nl === -1) return a;
    at = nl + 1;
  }
}

/** A table cell's content in its row, from `from`: escaping backslashes before `|` are gone. */
function cellAnchors(src: string, content: string, from: number, end: number): Anchors {
  const at = src.indexOf(content, from);
  if (at !== -1 && at + content.length <= end) return { content: [0], source: [at] };
  const a: Anchors = { content: [0], source: [from] };
  let i = from;
  while (i < end && src[i] !== content[0]) i++;
  a.source[0] = i;
  for (let j = 0; j < content.length && i < end; ) {
    if (src[i] === content[j]) {
      i++;
      j++;
    } else {
      i++;
      a.content.push(j);
      a.source.push(i);
    }
  }
  return a;
}

function attrText(t: Token, name: string): string | null {
  const value = t.attrGet(name);
  return value === null ? null : String(value);
}

/** Text, or an escaped character or entity (text once `text_join` has run). */
const isText = (t: Token) => t.type === 'text' || t.type === 'text_special';

function imageAlt(tokens: Token[] | null): string {
  let alt = '';
  for (const t of tokens ?? []) {
    if (isText(t) || t.type === 'code_inline') alt += t.content;
    else if (t.type === 'softbreak' || t.type === 'hardbreak') alt += '\n';
    else if (t.type === 'image') alt += imageAlt(t.children);
  }
  return alt;
}

/** The phrasing nodes of an inline token's children, positioned through `anchors`. */
function inlineNodes(
  source: Source,
  tokens: Token[],
  content: string,
  anchors: Anchors,
): PhrasingContent[] {
  const length = content.length;
  const at = (offset: number) => mapOffset(anchors, offset);
  // An end just after a line ending is the start of the next source line, before any prefix.
  const endAt = (offset: number) =>
    content[offset - 1] === '\n' ? mapOffset(anchors, offset - 1) + 1 : at(offset);
  // Where each token's node starts and ends, in content offsets.
  const before: number[] = [];
  const after: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Spanned;
    const placed = !isText(t) && t.s !== undefined && t.e !== undefined;
    // `**` is two delimiter tokens: the strong node starts and ends at the outer ones.
    before.push(placed ? (t.s as number) - (t.type === 'strong_open' ? 1 : 0) : -1);
    after.push(placed ? (t.e as number) + (t.type === 'strong_close' ? 1 : 0) : -1);
  }
  for (let i = 0, prev = 0; i < tokens.length; i++) {
    if (before[i] !== -1) {
      prev = after[i] as number;
      // The next line's indentation is no part of what follows a line ending.
      const type = tokens[i]?.type;
      if (type === 'softbreak' || type === 'hardbreak')
        while (content[prev] === ' ' || content[prev] === '\t') prev++;
    } else before[i] = prev;
  }
  for (let i = tokens.length - 1, next = length; i >= 0; i--) {
    if (after[i] === -1) after[i] = next;
    else next = before[i] as number;
  }

  const root: { children: PhrasingContent[] } = { children: [] };
  const stack: { node: { children: PhrasingContent[] }; start: number }[] = [
    { node: root, start: 0 },
  ];
  let lastText: Text | null = null;
  const add = (node: PhrasingContent, start: number, end: number) => {
    node.position = source.position(at(start), endAt(end));
    (stack[stack.length - 1] as (typeof stack)[number]).node.children.push(node);
    lastText = node.type === 'text' ? node : null;
  };
  const addText = (value: string, start: number, end: number) => {
    if (lastText?.position) {
      lastText.value += value;
      lastText.position.end = source.point(endAt(end));
    } else add({ type: 'text', value }, start, end);
  };
  tokens.forEach((t, i) => {
    const start = before[i] as number;
    const end = after[i] as number;
    switch (t.type) {
      case 'text':
      case 'text_special':
        if (t.content !== '') addText(t.content, start, end);
        return;
      case 'softbreak':
        addText('\n', start, end);
        return;
      case 'hardbreak':
        add({ type: 'break' }, start, end);
        return;
      case 'code_inline':
        add({ type: 'inlineCode', value: t.content }, start, end);
        return;
      case 'html_inline':
        add({ type: 'html', value: t.content }, start, end);
        return;
      case 'image': {
        const node: PhrasingContent = {
          type: 'image',
          url: String(t.attrGet('src') ?? ''),
          title: attrText(t, 'title'),
          alt: imageAlt(t.children),
        };
        if ((t as Spanned).ref) node.data = { reference: true } as PhrasingContent['data'];
        add(node, start, end);
        return;
      }
      case 'link_open':
      case 'em_open':
      case 'strong_open':
      case 's_open': {
        const node: PhrasingContent =
          t.type === 'link_open'
            ? {
                type: 'link',
                url: String(t.attrGet('href') ?? ''),
                title: attrText(t, 'title'),
                children: [],
              }
            : {
                type: t.type === 'em_open' ? 'emphasis' : t.type === 's_open' ? 'delete' : 'strong',
                children: [],
              };
        if ((t as Spanned).ref) node.data = { reference: true } as PhrasingContent['data'];
        add(node, start, start);
        stack.push({ node: node as { children: PhrasingContent[] }, start });
        lastText = null;
        return;
      }
      case 'link_close':
      case 'em_close':
      case 'strong_close':
      case 's_close': {
        const open = stack.pop();
        if (open && stack.length > 0) {
          (open.node as PhrasingContent).position = source.position(at(open.start), endAt(end));
        }
        lastText = null;
        return;
      }
      default:
        if (t.content) addText(t.content, start, end);
    }
  });
  autolinkLiterals(source, root.children);
  return root.children;
}

/** GFM's extended autolinks that markdown-it's linkify leaves: `www.…` and e-mail addresses. */
const LITERAL =
  /(?<=^|[\s*_~(])www\.[\w-]+(?:\.[\w-]+)*[^\s<]*|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;

/** A literal without what GFM leaves outside it: trailing punctuation, an unmatched `)`. */
function trimLiteral(literal: string): string {
  let u = literal;
  for (;;) {
    const last = u[u.length - 1] ?? '';
    if ('?!.,:*_~'.includes(last) && last !== '') u = u.slice(0, -1);
    else if (last === ')' && u.split('(').length < u.split(')').length) u = u.slice(0, -1);
    else if (last === ';' && /&[a-z0-9]+;$/i.test(u)) u = u.replace(/&[a-z0-9]+;$/i, '');
    else return u;
  }
}

function autolinkLiterals(source: Source, nodes: PhrasingContent[]): void {
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i] as PhrasingContent;
    if (node.type === 'link') continue;
    if ('children' in node) autolinkLiterals(source, node.children);
    if (node.type !== 'text' || !/www\.|@/.test(node.value)) continue;
    const from = source.normal(node.position?.start.offset ?? 0);
    const to = source.normal(node.position?.end.offset ?? 0);
    // Where the literals stand in the source (escapes or entities in the text may move them).
    const written = source.src.slice(from, to);
    const parts: PhrasingContent[] = [];
    const text = (value: string, start: number, end: number) => {
      if (value !== '') parts.push({ type: 'text', value, position: source.position(start, end) });
    };
    let done = 0;
    let cursor = from;
    for (const m of node.value.matchAll(LITERAL)) {
      const literal = trimLiteral(m[0]);
      const at = m.index ?? 0;
      const email = !literal.startsWith('www.');
      if (at < done || (email && /[-_]$/.test(literal))) continue;
      const found = written.indexOf(literal, cursor - from);
      const start = found === -1 ? cursor : from + found;
      const end = found === -1 ? cursor : start + literal.length;
      text(node.value.slice(done, at), cursor, start);
      const position = source.position(start, end);
      parts.push({
        type: 'link',
        url: `${email ? 'mailto:' : 'http://'}${literal}`,
        title: null,
        children: [{ type: 'text', value: literal, position }],
        position: source.position(start, end),
      });
      done = at + literal.length;
      cursor = end;
    }
    if (parts.length === 0) continue;
    text(node.value.slice(done), cursor, to);
    nodes.splice(i, 1, ...parts);
    i += parts.length - 1;
  }
}

/** `[ ]`, `[x]` at the start of a list item's first paragraph: a GFM task. */
const TASK = /^\[([ xX])\][ \t]/;

function taskItem(item: ListItem): void {
  const first = item.children[0];
  if (first?.type !== 'paragraph') return;
  const head = first.children[0];
  if (head?.type !== 'text' || !TASK.test(head.value)) return;
  const rest = head.value.slice(4);
  // Something must follow the box: `- [ ]` alone is no task.
  if (rest.trim() === '' && first.children.length === 1) return;
  item.checked = head.value[1] !== ' ';
  head.value = rest;
  if (rest === '') first.children.shift();
  else if (head.position && first.position) {
    const p = head.position.start;
    head.position.start = {
      line: p.line,
      column: p.column + 4,
      offset: (p.offset ?? 0) + 4,
    };
    first.position.start = { ...head.position.start };
  }
}

/** `identifier` as mdast writes it: whitespace collapsed, case folded. */
const identifierOf = (label: string) =>
  label
    .replace(/[\t\n\r ]+/g, ' ')
    .replace(/^ | $/g, '')
    .toLowerCase()
    .toUpperCase()
    .toLowerCase();

/** Blank lines between the children of a node (`spread` in mdast). */
function spreadBetween(nodes: Nodes[]): boolean {
  for (let i = 1; i < nodes.length; i++) {
    const prev = nodes[i - 1]?.position;
    const next = nodes[i]?.position;
    if (prev && next && next.start.line - prev.end.line > 1) return true;
  }
  return false;
}

type Container = Parents;

function build(source: Source, tokens: Spanned[], env: Env, root: Root): Definition[] {
  const { src } = source;
  const definitions: Definition[] = [];
  const stack: { node: Container; token: Token }[] = [];
  const parent = () => (stack.length > 0 ? stack[stack.length - 1]?.node : root) as Container;
  let row: { start: number; cursor: number; end: number } | null = null;
  const open = (node: Nodes, t: Spanned) => {
    node.position = source.position(t.s ?? 0, t.e ?? 0);
    (parent().children as Nodes[]).push(node);
    if ('children' in node) stack.push({ node: node as Container, token: t });
  };
  for (const t of tokens) {
    switch (t.type) {
      case 'paragraph_open':
        open({ type: 'paragraph', children: [] }, t);
        break;
      case 'heading_open':
        open({ type: 'heading', depth: Number(t.tag.slice(1)) as 1, children: [] }, t);
        break;
      case 'blockquote_open':
        open({ type: 'blockquote', children: [] }, t);
        break;
      case 'bullet_list_open':
      case 'ordered_list_open':
        open(
          {
            type: 'list',
            ordered: t.type === 'ordered_list_open',
            start: null,
            spread: false,
            children: [],
          },
          t,
        );
        break;
      case 'list_item_open': {
        const list = parent() as List;
        if (list.ordered && list.start === null) list.start = Number.parseInt(t.info, 10);
        open({ type: 'listItem', spread: false, checked: null, children: [] }, t);
        break;
      }
      case 'table_open':
        open({ type: 'table', align: [], children: [] }, t);
        break;
      case 'tr_open': {
        open({ type: 'tableRow', children: [] }, t);
        row = { start: t.s ?? 0, cursor: t.s ?? 0, end: t.e ?? 0 };
        break;
      }
      case 'th_open':
      case 'td_open': {
        const a = /text-align:(left|right|center)/.exec(attrText(t, 'style') ?? '')?.[1] ?? null;
        const table = stack[stack.length - 2]?.node;
        if (t.type === 'th_open' && table?.type === 'table') table.align?.push(a as 'left' | null);
        const cell: TableCell = { type: 'tableCell', children: [] };
        (parent().children as Nodes[]).push(cell);
        stack.push({ node: cell as Container, token: t });
        break;
      }
      case 'inline': {
        const node = parent();
        const opening = stack[stack.length - 1]?.token as Spanned | undefined;
        const content = t.content;
        let anchors: Anchors;
        if (node.type === 'tableCell') {
          const r = row ?? { start: 0, cursor: 0, end: src.length };
          anchors = cellAnchors(src, content, r.cursor, r.end);
          // As mdast has it: a cell runs from its `|` to the next one (the last takes its `|`).
          let s = anchors.source[0] as number;
          let e = content === '' ? s : mapOffset(anchors, content.length);
          r.cursor = e;
          while (s > r.start && (src[s - 1] === ' ' || src[s - 1] === '\t')) s--;
          if (s > r.start && src[s - 1] === '|') s--;
          while (e < r.end && (src[e] === ' ' || src[e] === '\t')) e++;
          if (src[e] === '|' && src.slice(e + 1, r.end).trim() === '') e = r.end;
          node.position = source.position(s, e);
        } else if (node.type === 'heading' && opening?.markup[0] === '#') {
          // An ATX heading's text starts after its `#`s and spaces (a setext one is lines).
          let at = opening.s ?? 0;
          while (src[at] === '#') at++;
          while (isSpace(src[at]) && src[at] !== '\n') at++;
          anchors = { content: [0], source: [at] };
        } else anchors = lineAnchors(source, content, t.map?.[0] ?? 0);
        const tokens: Token[] = [];
        md.inline.parse(content, md, env, tokens);
        (node as { children: Nodes[] }).children = inlineNodes(source, tokens, content, anchors);
        break;
      }
      case 'paragraph_close':
      case 'heading_close':
      case 'blockquote_close':
      case 'bullet_list_close':
      case 'ordered_list_close':
      case 'list_item_close':
      case 'table_close':
      case 'tr_close':
      case 'th_close':
      case 'td_close': {
        const done = stack.pop()?.node;
        if (done?.type === 'listItem') {
          done.spread = spreadBetween(done.children);
          taskItem(done);
        } else if (done?.type === 'list') done.spread = spreadBetween(done.children);
        break;
      }
      case 'fence': {
        const info = /^(\S+)(?:\s+([\s\S]*\S))?\s*$/.exec(t.info);
        open(
          {
            type: 'code',
            lang: info?.[1] ?? null,
            meta: info?.[2] ?? null,
            value: t.content.replace(/\n$/, ''),
          },
          t,
        );
        break;
      }
      case 'code_block':
        open({ type: 'code', lang: null, meta: null, value: t.content.replace(/\n$/, '') }, t);
        break;
      case 'html_block':
        open({ type: 'html', value: t.content.replace(/\n$/, '') }, t);
        break;
      case 'hr':
        open({ type: 'thematicBreak' }, t);
        break;
      case 'definition': {
        const label = /^\[((?:[^\\\]]|\\[\s\S])*)\]:/.exec(src.slice(t.s, t.e))?.[1] ?? '';
        const ref = env.references?.[md.utils.normalizeReference(label)];
        const node: Definition = {
          type: 'definition',
          identifier: identifierOf(label),
          label,
          url: ref?.href ?? '',
          title: ref?.title ? ref.title : null,
        };
        open(node, t);
        definitions.push(node);
        break;
      }
      default:
        break;
    }
  }
  return definitions;
}

/** Calls `fn` on a node and every node under it, in document order. */
export function visit(node: Nodes, fn: (n: Nodes) => void): void {
  fn(node);
  if ('children' in node) for (const c of node.children) visit(c as Nodes, fn);
}

/**
 * The mdast tree (CommonMark and GFM) of a Markdown text; positions are offsets into `text`.
 * Link reference definitions hold across the whole text, and `definitions` (from the file a
 * part of it comes from) before them: references they resolve become plain `link`/`image`
 * nodes marked `data.reference`, so everything that reads links reads them.
 */
export function parseMarkdown(text: string, definitions: LinkDefinition[] = []): Root {
  const source = new Source(text);
  const env: Env = { references: {} };
  const refs = env.references as Record<string, { href: string; title: string }>;
  for (const d of definitions) {
    const key = md.utils.normalizeReference(d.label);
    if (key && !(key in refs)) refs[key] = { href: d.url, title: d.title ?? '' };
  }
  const root: Root = { type: 'root', children: [] };
  const own = build(source, md.parse(source.src, env), env, root);
  const all = new Map(definitions.map((d) => [d.identifier, d]));
  for (const d of own)
    if (!all.has(d.identifier))
      all.set(d.identifier, {
        identifier: d.identifier,
        label: d.label ?? d.identifier,
        url: d.url,
        title: d.title ?? null,
      });
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
