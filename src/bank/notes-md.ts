import type { Heading, List, ListItem, Nodes, Paragraph, Root, RootContent } from 'mdast';
import { type Draft, draft } from './draft.ts';
import {
  definitionsIn,
  endOf,
  type LinkDefinition,
  lineOf,
  parseMarkdown,
  startOf,
  visit,
} from './mdast.ts';
import { isMarkupTag, literalTags } from './tags.ts';
import {
  cleanPrompt as cleanTitle,
  cleanUrl,
  decodeEntities,
  htmlToMarkdown,
  isJunkTitle,
  isNavText,
  isPartTitle,
  isPlaceholder,
  tidy,
} from './text.ts';
import type { Reference } from './types.ts';

/** A prompt: tags that are text (`<div>와 <span>의 차이는?`) stay, as text. */
const cleanPrompt = (raw: string) => cleanTitle(literalTags(raw));

/** A top-level block: a node, or a `<details>` element that may span several nodes. */
type Unit =
  | { kind: 'node'; node: RootContent }
  | {
      kind: 'details';
      summary: string;
      toggle: boolean;
      /**
       * What the toggle is: a question (its summary asks, its body answers), a section (its body
       * holds several questions, its summary names them), or nothing to ask (a label such as
       * "Show answer", a list of translations, a `TODO` placeholder).
       */
      role: 'question' | 'section' | 'none';
      innerStart: number;
      innerEnd: number;
      line: number;
    };

type Block = RootContent | ListItem;

/**
 * `<details>` summaries that are only a toggle label ("Show answer", "정답 보기", "Click me",
 * "Solution 2 (one-liner)"): they
 * hide an answer rather than ask a question. "Show how you would…" asks.
 */
const TOGGLE =
  /^(?:(?:show|see|view|reveal|expand|toggle|click(?:\s+(?:me|here))?(?:\s+to\s+(?:see|show|view|expand|reveal|open))?)\s*)?(?:the\s+)?(?:answers?|solution|정답|답|답변|해설|풀이|hint|more|details?|code|explanation|me)?(?:\s*\d+)?(?:\s*\([^)]*\))?\s*(?:보기|확인|펼치기|더보기)?\s*[:!.…()\p{Extended_Pictographic}\s]*$/iu;
/** A paragraph or heading that opens an answer: `**Answer:** …`, `정답:`, `##### Answer: 2`. */
const ANSWER_LABEL = /^(?:answers?|정답|답변|해설|풀이|solution)\s*[:：]/i;
const isAnswerLabel = (b: Block) =>
  (b.type === 'paragraph' || b.type === 'heading') && ANSWER_LABEL.test(toText(b).trim());
/**
 * A label that opens an answer, stripped from it: `**Answer:**`, `Answer:`, `정답:`, or a line
 * of its own (`##### Answer`). "Answering this…", `정답은 …` and `Answer 1.` are answer text.
 */
const ANSWER_LEAD =
  /^(?:#{1,6}\s+)?(?:\*\*|__)?(?:answers?|ans|정답|답변|해설|풀이|solution)(?:\s*[:：]\s*(?:\*\*|__)?|(?:\*\*|__)\s*[:：]|(?:\*\*|__)?[ \t]*(?:\n|$))\s*/i;
const Q_MARK = /^Q\s*\d*\s*[.:]\s*/i;
const A_MARK = /^A\s*\d*\s*[.:]\s*/i;
/** A line of a `Q. …` paragraph that starts its answer: `A. …`, `A: …`, `**A.** …`. */
const A_LINE = /\n[ \t]*(?:\*\*|__)?A\s*\d*\s*[.:]/;
/** `A.`, `A:` or `**A.**` at the start of an answer. */
const A_LEAD = /^(?:\*\*|__)?A\s*\d*\s*[.:]\s*(?:\*\*|__)?\s*/i;

function toText(node: Nodes): string {
  if ('value' in node && node.type !== 'html') return node.value;
  if ('children' in node) return node.children.map((c) => toText(c as Nodes)).join('');
  return '';
}

/** The Markdown source of a node's inline content (a heading's text, a paragraph). */
function inlineSource(text: string, node: Heading | Paragraph): string {
  const first = node.children[0];
  const last = node.children[node.children.length - 1];
  return first && last ? text.slice(startOf(first), endOf(last)) : '';
}

function linksOf(node: Nodes, refs: Reference[]): void {
  visit(node, (n) => {
    if (n.type !== 'link') return;
    const url = cleanUrl(n.url);
    if (!url) return;
    const label = toText(n).trim();
    refs.push({ url, label: label === '' || cleanUrl(label) === url ? null : label });
  });
}

/**
 * A toggle's open/close indicator in its summary, an element whose class says so
 * (`<span class="indicator">펼치기</span>`): no part of the summary's words.
 */
const INDICATOR =
  /<(span|i|em|small)\b[^>]*\bclass\s*=\s*["'][^"']*\b(?:indicator|toggle|arrow|chevron|caret|icon)\b[^"']*["'][^>]*>[^<]*<\/\1>/gi;

function groupUnits(text: string, nodes: RootContent[]): Unit[] {
  const out: Unit[] = [];
  let i = 0;
  // Where the last `</details>` ended: one HTML node may hold several `<details>` elements.
  let cursor = 0;
  while (i < nodes.length) {
    const node = nodes[i] as RootContent;
    const from = Math.max(startOf(node), cursor);
    const open =
      node.type === 'html' && !node.value.startsWith('<!--') ? text.indexOf('<details', from) : -1;
    if (open === -1 || open >= endOf(node)) {
      if (from === startOf(node)) out.push({ kind: 'node', node });
      i++;
      continue;
    }
    let depth = 0;
    let close = -1;
    let closeEnd = -1;
    let j = i;
    for (; j < nodes.length; j++) {
      const n = nodes[j] as RootContent;
      if (n.type !== 'html') continue;
      const at0 = Math.max(startOf(n), open);
      for (const m of text.slice(at0, endOf(n)).matchAll(/<(\/?)details\b[^>]*>/gi)) {
        depth += m[1] ? -1 : 1;
        if (depth === 0) {
          close = at0 + (m.index ?? 0);
          closeEnd = close + m[0].length;
          break;
        }
      }
      if (close >= 0) break;
    }
    if (close < 0) {
      out.push({ kind: 'node', node });
      i++;
      continue;
    }
    const whole = text.slice(open, closeEnd);
    const summary = /<summary[^>]*>([\s\S]*?)<\/summary>/i.exec(whole);
    const title = cleanPrompt((summary?.[1] ?? '').replace(INDICATOR, ''));
    const toggle = title === '' || TOGGLE.test(title);
    const innerStart = summary ? open + (summary.index ?? 0) + summary[0].length : open;
    out.push({
      kind: 'details',
      summary: title,
      toggle,
      role: toggle ? 'none' : detailsRole(title, text.slice(innerStart, close)),
      innerStart,
      innerEnd: close,
      line: lineOf(node) + (text.slice(startOf(node), open).match(/\n/g)?.length ?? 0),
    });
    cursor = closeEnd;
    i = j;
  }
  return out;
}

/** A line of a toggle's body that asks: a list item, heading or `Q.` line ending in `?`. */
const ASKING_LINE =
  /^[ \t]*(?:[-*+][ \t]+|\d{1,3}[.)][ \t]+|#{1,6}[ \t]+|(?:\*\*|__)?Q[ \t]*\d*[.:][ \t]*)[^\n]*[?？][ \t]*(?:\*\*|__)?[ \t]*(?:<br\s*\/?>)?[ \t]*$/gm;
const TRANSLATIONS = /\btranslations?\b|\blanguages\b|번역|다른 언어/i;

/**
 * A toggle's role, from its summary and body: several asking lines under a summary that does
 * not ask make a section; translations, placeholders and bodies of nothing but links under a
 * summary that does not ask are no question.
 */
function detailsRole(summary: string, inner: string): 'question' | 'section' | 'none' {
  if (isPlaceholder(summary) || TRANSLATIONS.test(summary)) return 'none';
  const asks = QUESTION_LIKE.test(summary);
  if (!asks) {
    let n = 0;
    let first = -1;
    ASKING_LINE.lastIndex = 0;
    for (let m = ASKING_LINE.exec(inner); m && n < 2; m = ASKING_LINE.exec(inner)) {
      if (n === 0) first = m.index;
      n++;
    }
    // One question line that opens the body is a section of one (a category with one question).
    const opens =
      n === 1 &&
      inner
        .slice(0, first)
        .replace(/<br\s*\/?>|<\/?p>/gi, '')
        .trim() === '';
    if (n >= 2 || opens || (inner.match(/<summary/gi)?.length ?? 0) >= 2) return 'section';
    const words = inner
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '')
      .replace(/<[^>]*>/g, '')
      .replace(/https?:\/\/\S+/g, '')
      .replace(/^[ \t]*(?:[-*+]|\d+[.)])[ \t]/gm, '')
      .trim();
    if (words === '' && /\]\(|https?:\/\/|<a\s/i.test(inner)) return 'none';
  }
  return 'question';
}

/** A toggle that asks a question or holds several: a question form either way. */
const isDetailsQuestion = (u: Unit) => u.kind === 'details' && u.role !== 'none';

function isListQuestion(item: ListItem): boolean {
  const first = item.children[0];
  if (first?.type === 'heading') return true;
  if (first?.type !== 'paragraph') return false;
  const kids = first.children.filter((c) => !(c.type === 'text' && c.value.trim() === ''));
  return kids.length === 1 && kids[0]?.type === 'strong' && /[?？]\s*$/.test(toText(first));
}

/** A list item that starts `Q.`: a question of a `Q.`/`A.` list. */
const isQaItem = (item: ListItem) =>
  item.children[0]?.type === 'paragraph' && Q_MARK.test(toText(item.children[0]));

/**
 * Where the bold question that opens a paragraph ends (`**What is a race condition?**`,
 * `**Q3. …**`, `**2) …**`, alone on its line, its answer on the next lines or blocks), or -1.
 */
function boldQuestionEnd(node: Paragraph): number {
  const first = node.children[0];
  if (first?.type !== 'strong') return -1;
  const asked = toText(first).trim();
  // `**3. Regular Expressions:**` is a part of an answer; `**3. What is …?**` asks.
  if (!/[?？]$/.test(asked) && !/^Q\s*\d*\s*[.:)]\s*\S/i.test(asked)) return -1;
  const next = node.children[1];
  if (
    next &&
    !(next.type === 'break' || (next.type === 'text' && /^[ \t]*(?:\n|$)/.test(next.value)))
  )
    return -1;
  return endOf(first);
}

const isQuestionParagraph = (u: Unit) =>
  u.kind === 'node' &&
  u.node.type === 'paragraph' &&
  (Q_MARK.test(toText(u.node)) || boldQuestionEnd(u.node) >= 0);

/** A GFM task list (`- [ ] …`, `- [x] …`) used as a list of questions: every item a task. */
const isChecklist = (list: List) =>
  list.children.length > 0 &&
  list.children.every(
    (item) => typeof item.checked === 'boolean' && item.children[0]?.type === 'paragraph',
  );

const listQuestions = (u: Unit): ListItem[] =>
  u.kind !== 'node' || u.node.type !== 'list'
    ? []
    : isChecklist(u.node)
      ? u.node.children
      : u.node.children.filter(isListQuestion);

function isAnchorOnly(node: Nodes): boolean {
  let links = 0;
  let anchors = 0;
  visit(node, (n) => {
    if (n.type === 'link') {
      links++;
      if (n.url.startsWith('#')) anchors++;
    }
  });
  return links > 0 && links === anchors;
}

function hasNavLink(node: Nodes): boolean {
  let found = false;
  visit(node, (n) => {
    if (n.type === 'link' && n.url.startsWith('#') && /top|위로|↥|⬆/i.test(toText(n))) found = true;
  });
  return found;
}

/** The words of a navigation link: `[뒤로]`, `[위로]`, `[Top]`, `[Back to top]`, `[목차로]`. */
const NAV_LINK_TEXT =
  /^[\s[\]()]*(?:뒤로(?:\s*가기)?|위로(?:\s*가기)?|맨\s*위로|처음으로|목차(?:로)?|top|back(?:\s+to\s+(?:top|contents|index|list))?|home|이전|다음|prev(?:ious)?|next|[↑⬆↥]\s*\S*)[\s[\]()]*$/i;

/** A paragraph of nothing but navigation links (`[뒤로](…)/[위로](#…)`) and separators. */
function isNavLinks(node: Paragraph): boolean {
  let links = 0;
  for (const c of node.children) {
    if (c.type === 'link') {
      if (!NAV_LINK_TEXT.test(toText(c))) return false;
      links++;
    } else if (c.type !== 'text' || !/^[\s/|·•,\-–]*$/.test(c.value)) return false;
  }
  return links > 0;
}

/** A paragraph or quote that only navigates: "back to top", `[Top]`, `[위로]`. */
function isNav(node: Block): boolean {
  if (node.type === 'paragraph') {
    if (isNavLinks(node)) return true;
    // `<a href="#top">맨 위로</a>` written as HTML inside the paragraph.
    if (node.children.every((c) => c.type === 'html' || c.type === 'text')) {
      const html = node.children.map((c) => (c.type === 'html' ? c.value : '')).join('');
      if (/href\s*=\s*["']#/i.test(html) && isNavText(toText(node))) return true;
    }
    if (!isAnchorOnly(node)) return false;
    const outside = node.children
      .filter((c) => c.type !== 'link')
      .map((c) => toText(c))
      .join('')
      .replace(/[\s*_|:]/g, '');
    return isNavText(toText(node)) || outside.length <= 3;
  }
  if (node.type === 'blockquote') {
    const first = node.children[0];
    return first?.type === 'paragraph' && hasNavLink(first);
  }
  return false;
}

/** A list of nothing but links: references, not answer text. */
function isLinkList(node: Block): node is List {
  if (node.type !== 'list' || node.children.length === 0) return false;
  return node.children.every((item) => {
    if (item.children.length !== 1 || item.children[0]?.type !== 'paragraph') return false;
    const kids = item.children[0].children.filter(
      (c) => !(c.type === 'text' && c.value.trim() === ''),
    );
    return kids.length === 1 && kids[0]?.type === 'link';
  });
}

const REFERENCE_TITLE =
  /^(?:references?|참고(?:\s*(?:자료|문헌|링크|사이트))?|출처|links?)\s*[:：]?$/i;

function isNoiseHtml(value: string): boolean {
  const v = value.replace(/<!--[\s\S]*?-->/g, '');
  const t = decodeEntities(v.replace(/<[^>]*>/g, '')).trim();
  return (t === '' && !/<img/i.test(v)) || isNavText(t);
}

/** Blocks that carry nothing for a question: breaks, comments, `<br>`, navigation. */
function isNoise(node: Block): boolean {
  switch (node.type) {
    case 'thematicBreak':
    case 'definition':
      return true;
    case 'html':
      return isNoiseHtml(node.value);
    case 'paragraph':
    case 'blockquote':
      return isNav(node);
    case 'list':
      return node.children.every((i) => i.children.length === 0);
    case 'code':
      // `    **[⬆ Back to Top](#…)**` indented four spaces is a code block to Markdown.
      return !node.lang && /^\W*\[[^\]]*\]\(#[^)]*\)\W*$/.test(node.value) && isNavText(node.value);
    default:
      return false;
  }
}

const unitIsNoise = (u: Unit) => u.kind === 'node' && isNoise(u.node);

const GONE = '\u0000';
/** A line that is only a "back to top" link, wherever it is nested. */
const NAV_LINE = /^[\s>*_]*\[[^\]]*(?:top|위로)[^\]]*\]\(#[^)]*\)[\s*_]*$/i;

/** Markdown text outside code: no `<br>`, `<p>` wrappers, comments or layout tags. */
function cleanInline(s: string): string {
  return (
    s
      .replace(/<!--[\s\S]*?-->/g, GONE)
      .replace(/<\/?br\s*\/?>/gi, GONE)
      // `<a id="q1"></a>`, `<a name="top"/>`: anchors for links, nothing to read.
      .replace(/<a\s+(?:id|name)\s*=\s*["']?[^"'>]*["']?\s*\/?>(?:\s*<\/a>)?/gi, GONE)
      // Formatting tags become their Markdown; `&nbsp;` a space.
      .replace(/<\/?(?:b|strong)>/gi, '**')
      .replace(/<\/?(?:i|em)>/gi, '_')
      .replace(/<\/?code>/gi, '`')
      .replace(/&nbsp;/gi, ' ')
      .replace(/<\/?(?:p|span|font|div|center|u|sup|sub|small|kbd)\b[^>]*>/gi, (tag) =>
        isMarkupTag(tag, s) ? GONE : tag,
      )
      .replace(/<img\b[^>]*>/gi, (tag) => {
        const src = cleanUrl(/src\s*=\s*["']([^"']*)["']/i.exec(tag)?.[1] ?? '');
        const alt = /alt\s*=\s*["']([^"']*)["']/i.exec(tag)?.[1] ?? '';
        return src ? `![${alt}](${src})` : GONE;
      })
      .replace(/!\[([^\]]*)\]\((?!https?:)[^)]*\)/g, GONE)
  );
}

/** Lines that held only removed markup go, so no stray blank line is left in their place. */
function dropGone(s: string): string {
  return s
    .split('\n')
    .filter(
      (l) =>
        !(l.includes(GONE) && l.replaceAll(GONE, '').trim() === '') &&
        !(l.includes('](#') && NAV_LINE.test(l)),
    )
    .join('\n')
    .replaceAll(GONE, '');
}

/** Lines of a paragraph's inline Markdown as answer text. */
const inlineMarkdown = (s: string) => tidy(dropGone(cleanInline(s)));

/** `[text](url)` or `![alt](url)` for a reference link whose definition stands elsewhere. */
function inlineLink(text: string, n: Nodes): string {
  if (n.type !== 'link' && n.type !== 'image') return '';
  const url = /[\s()<>]/.test(n.url) ? `<${n.url.replace(/[<>]/g, encodeURIComponent)}>` : n.url;
  if (n.type === 'image') return `![${n.alt ?? ''}](${url})`;
  const first = n.children[0];
  const last = n.children[n.children.length - 1];
  return `[${first && last ? text.slice(startOf(first), endOf(last)) : ''}](${url})`;
}

const isResolvedReference = (n: Nodes) =>
  (n.type === 'link' || n.type === 'image') &&
  (n.data as { reference?: boolean } | undefined)?.reference === true;

/** The source of a block with its own indentation, list markers before it made spaces. */
function blockSource(text: string, node: Block): string {
  const start = startOf(node);
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const prefix = text.slice(lineStart, start).replace(/[^\t]/g, ' ');
  // Code is kept as written; reference links are written out with their address.
  const ranges: [number, number, string | null][] = [];
  if (node.type !== 'code') {
    visit(node, (n) => {
      if (n.type === 'code' || n.type === 'inlineCode') ranges.push([startOf(n), endOf(n), null]);
      else if (isResolvedReference(n)) ranges.push([startOf(n), endOf(n), inlineLink(text, n)]);
    });
  }
  if (node.type === 'code') {
    const code = dropGone(prefix + text.slice(start, endOf(node)));
    return isUnclosed(node) ? `${code}\n${prefix}${fenceOf(text, node)}` : code;
  }
  let out = prefix;
  let at = start;
  for (const [s, e, link] of ranges) {
    if (s < at) continue;
    out += cleanInline(text.slice(at, s)) + (link === null ? text.slice(s, e) : cleanInline(link));
    at = e;
  }
  return dropGone(out + cleanInline(text.slice(at, endOf(node))));
}

interface Rendered {
  text: string;
  refs: Reference[];
}

/** Renders blocks of an answer: noise dropped, link lists lifted to references, quotes unwrapped. */
function renderBlocks(
  text: string,
  blocks: Block[],
  refs: Reference[],
  defs: LinkDefinition[],
): string {
  const kept: Block[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i] as Block;
    if (b.type === 'blockquote' && isNav(b)) {
      for (const c of b.children) if (c.type === 'list') linksOf(c, refs);
      continue;
    }
    if (isNoise(b)) continue;
    if (isLinkList(b)) {
      linksOf(b, refs);
      continue;
    }
    if (
      (b.type === 'paragraph' || b.type === 'heading') &&
      REFERENCE_TITLE.test(toText(b).replace(/[*_]/g, '').trim())
    ) {
      const next = blocks[i + 1];
      if (next?.type === 'list') {
        linksOf(next, refs);
        i++;
      }
      continue;
    }
    kept.push(b);
  }
  const quotes = kept.filter((b) => b.type === 'blockquote').length;
  if (quotes > 0 && quotes * 2 >= kept.length && kept[0]?.type === 'blockquote') {
    // An answer written as a quote (`> …`) is the answer, not a quotation: unwrap it.
    const first = kept[0];
    const lineStart = text.lastIndexOf('\n', startOf(first) - 1) + 1;
    const unquoted = text
      .slice(lineStart, endOf(kept[kept.length - 1] as Block))
      .split('\n')
      .map((l) => l.replace(/^\s*> ?/, ''))
      .join('\n');
    const r = renderMarkdown(unquoted, defs);
    refs.push(...r.refs);
    return r.text;
  }
  const parts: string[] = [];
  for (const b of kept) {
    linksOf(b, refs);
    if (b.type === 'html') {
      const md = htmlToMarkdown(literalTags(b.value));
      if (md) parts.push(md);
    } else parts.push(blockSource(text, b));
  }
  return tidy(parts.join('\n\n'));
}

function renderDetailsInner(
  text: string,
  u: Unit & { kind: 'details' },
  defs: LinkDefinition[],
): Rendered {
  const inner = renderMarkdown(text.slice(u.innerStart, u.innerEnd), defs);
  // Only wrappers and empty tags (`<div class="accordion-content"><p></p></div>`): no answer.
  const words = inner.text.replace(/<\/?[a-z][^>]*>/gi, '').trim();
  return words === '' && !/<(?:img|svg|video|iframe)\b/i.test(inner.text)
    ? { ...inner, text: '' }
    : inner;
}

/**
 * A line of nothing but `<br>` is spacing, and one of nothing but `<div markdown="1">` or
 * `</div>` a wrapper; as HTML either would swallow the lines after it into one HTML block (`<br>`
 * then `1. Fork the repo` …, `<div>` then `> answer`), so it reads as a blank line instead. The line keeps
 * its length, so offsets stay; code fences are left alone.
 */
const WRAPPER_LINE =
  /^[ \t]*(?:(?:<br\s*\/?>|<div(?:\s+markdown\s*=\s*["']?\w+["']?)?\s*>|<\/div>)[ \t]*)+$/i;

export function blankBreakLines(md: string): string {
  if (!/<br|<\/?div/i.test(md)) return md;
  let fence: string | null = null;
  return md
    .split('\n')
    .map((line) => {
      let c = 0;
      while (line.charCodeAt(c) === 32 || line.charCodeAt(c) === 9) c++;
      const first = line.charCodeAt(c);
      // Most lines open with neither `<` nor a fence: nothing to do.
      if (first !== 60 /* < */ && first !== 96 /* ` */ && first !== 126 /* ~ */) return line;
      // Any indentation: a fence inside a list item is indented past three spaces.
      const f = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
      if (f && (fence === null || (f[0] === fence[0] && f.length >= fence.length)))
        fence = fence === null ? f : null;
      if (fence !== null || !WRAPPER_LINE.test(line)) return line;
      return ' '.repeat(line.length);
    })
    .join('\n');
}

/** Cleans a piece of Markdown (an answer) and collects its references. */
export function renderMarkdown(source: string, definitions: LinkDefinition[] = []): Rendered {
  const md = blankBreakLines(source);
  const root = parseMarkdown(md, definitions);
  const defs = definitionsIn(root);
  const refs: Reference[] = [];
  const parts: string[] = [];
  let run: Block[] = [];
  const flush = () => {
    const r = renderBlocks(md, run, refs, defs);
    if (r) parts.push(r);
    run = [];
  };
  for (const u of groupUnits(md, root.children)) {
    if (u.kind === 'node') {
      run.push(u.node);
      continue;
    }
    flush();
    const inner = renderDetailsInner(md, u, defs);
    refs.push(...inner.refs);
    const head = u.toggle ? '' : `**${u.summary}**\n\n`;
    if (inner.text || head) parts.push(head + inner.text);
  }
  flush();
  return { text: tidy(parts.join('\n\n')), refs };
}

/** Pulls `Q.` … `A.` pairs out of a list; returns them and the items that stay answer text. */
function takeQaPairs(
  text: string,
  list: List,
  section: string,
  defs: LinkDefinition[],
): { drafts: Draft[]; rest: ListItem[] } {
  const drafts: Draft[] = [];
  const rest: ListItem[] = [];
  const items = list.children;
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as ListItem;
    const first = item.children[0];
    if (first?.type !== 'paragraph' || !Q_MARK.test(toText(first))) {
      rest.push(item);
      continue;
    }
    const nested = item.children.find((c): c is List => c.type === 'list');
    const answerItem = nested?.children.find(
      (c) => c.children[0]?.type === 'paragraph' && A_MARK.test(toText(c.children[0])),
    );
    const nextItem = items[i + 1];
    const sibling =
      !answerItem &&
      nextItem?.children[0]?.type === 'paragraph' &&
      A_MARK.test(toText(nextItem.children[0]))
        ? nextItem
        : undefined;
    const aItem = answerItem ?? sibling;
    if (!aItem) {
      rest.push(item);
      continue;
    }
    const refs: Reference[] = [];
    const answerBlocks: Block[] = [...aItem.children];
    const others = answerItem ? (nested?.children.filter((c) => c !== answerItem) ?? []) : [];
    // Nested `Q.`/`A.` items are follow-ups; other nested items are more answer text.
    const sub =
      nested && others.length > 0
        ? takeQaPairs(text, { ...nested, children: others }, section, defs)
        : { drafts: [], rest: [] };
    let answer = renderBlocks(text, answerBlocks, refs, defs).replace(A_MARK, '');
    for (const o of sub.rest) {
      if (nested && isLinkList({ ...nested, children: [o] })) {
        linksOf(o, refs);
        continue;
      }
      const extra = renderBlocks(text, [o], refs, defs);
      if (extra) answer = `${answer}\n${extra}`;
    }
    drafts.push(
      draft({
        section,
        prompt: cleanPrompt(inlineSource(text, first)),
        answer: tidy(answer),
        references: refs,
        line: lineOf(item),
        followUps: sub.drafts,
      }),
    );
    if (sibling) i++;
  }
  return { drafts, rest };
}

/**
 * Bold questions as bullets in an answer, each with its `A.` line (`- **그렇다면 …?**` then
 * `A.…`): follow-ups, their answers running to the next such bullet. Items before the first
 * stay answer text.
 */
function takeBoldFollowUps(
  text: string,
  items: ListItem[],
  section: string,
  defs: LinkDefinition[],
): { drafts: Draft[]; rest: ListItem[] } {
  const asks = (item: ListItem) => {
    const head = item.children[0];
    if (head?.type !== 'paragraph') return -1;
    const end = boldQuestionEnd(head);
    return end >= 0 && /^[ \t]*(?:\\)?\n[ \t]*A\s*[.:]/.test(text.slice(end, endOf(head)))
      ? end
      : -1;
  };
  const at = items.findIndex((item) => asks(item) >= 0);
  if (at < 0) return { drafts: [], rest: items };
  const drafts: Draft[] = [];
  let current: { d: Draft; more: ListItem[] } | null = null;
  const flush = () => {
    if (!current) return;
    const extra = renderBlocks(text, current.more, current.d.references, defs);
    if (extra) current.d.answer = tidy(`${current.d.answer}\n${extra}`);
    drafts.push(current.d);
  };
  for (const item of items.slice(at)) {
    const end = asks(item);
    if (end < 0) {
      current?.more.push(item);
      continue;
    }
    flush();
    const head = item.children[0] as Paragraph;
    const refs: Reference[] = [];
    linksOf(head, refs);
    const own = [
      inlineMarkdown(text.slice(end, endOf(head)).replace(/^[ \t]*\\?\n/, '')),
      renderBlocks(text, item.children.slice(1), refs, defs),
    ]
      .filter(Boolean)
      .join('\n');
    current = {
      d: draft({
        section,
        prompt: cleanPrompt(text.slice(startOf(head), end)),
        answer: tidy(own).replace(A_LEAD, ''),
        references: refs,
        line: lineOf(item),
      }),
      more: [],
    };
  }
  flush();
  return { drafts, rest: items.slice(0, at) };
}

/**
 * A checklist read as a person reads it: each item is a question (ticked or not), what is
 * nested under it its answer, and a checklist nested under it its follow-ups.
 */
function checklistDrafts(
  text: string,
  list: List,
  section: string,
  defs: LinkDefinition[],
): Draft[] {
  return list.children.map((item) => {
    const [head, ...rest] = item.children;
    const nested = rest.filter((b): b is List => b.type === 'list' && isChecklist(b));
    const refs: Reference[] = [];
    // The item's first line asks; lines written right under it already answer.
    const [first = '', ...more] = (
      head?.type === 'paragraph' ? inlineSource(text, head) : ''
    ).split('\n');
    if (more.length > 0 && head) linksOf(head, refs);
    const answer = [
      inlineMarkdown(more.join('\n')),
      renderBlocks(
        text,
        rest.filter((b) => !nested.includes(b as List)),
        refs,
        defs,
      ),
    ]
      .filter(Boolean)
      .join('\n\n');
    return draft({
      section,
      prompt: cleanPrompt(first),
      answer,
      references: refs,
      line: lineOf(item),
      followUps: nested.flatMap((l) => checklistDrafts(text, l, section, defs)),
    });
  });
}

/** `<br>` at the end of a line, a hard break of the source. */
const BR = /<br\s*\/?>/gi;

/** The first line of an item's paragraph, and the lines under it. */
function itemLines(text: string, item: ListItem): { first: string; more: string } {
  const head = item.children[0];
  const source = head?.type === 'paragraph' ? inlineSource(text, head) : '';
  const cut = source.indexOf('\n');
  return cut < 0
    ? { first: source, more: '' }
    : { first: source.slice(0, cut), more: source.slice(cut + 1) };
}

/**
 * An item whose first line asks (`1. What is a subnet mask ? <br>`) and that has more under it,
 * or whose next line is its `A.` answer (`1. What is @Configuration <br>` / `A. …`, no `?`).
 */
function isAskingItem(text: string, item: ListItem): boolean {
  if (item.children[0]?.type !== 'paragraph' || Q_MARK.test(toText(item.children[0]))) return false;
  const { first, more } = itemLines(text, item);
  const prompt = first.replace(BR, '').replace(/\\$/, '').trim();
  if (prompt === '') return false;
  // `A.` then `B.` lines are options, not an answer.
  if (/^(?:\*\*|__)?A\s*\d*\s*[.:](?:\s|$)/.test(more.trimStart()) && !/^\s*B\s*[.:)]/m.test(more))
    return true;
  return /[?？]\s*(?:\*\*|__)?$/.test(prompt) && (more.trim() !== '' || item.children.length > 1);
}

/**
 * In a list of questions written as lines, an item of one line in their form and nothing under
 * it (`2. What is @Configuration <br>`, `9. How to X?`): a question the notes do not answer yet.
 */
function isUnansweredLine(text: string, item: ListItem): boolean {
  if (item.children.length !== 1 || item.children[0]?.type !== 'paragraph') return false;
  const { first, more } = itemLines(text, item);
  if (more.trim() !== '') return false;
  const line = first.replace(/\\$/, '').trim();
  const prompt = line.replace(BR, '').trim();
  return prompt !== '' && (/<br\s*\/?>$/i.test(line) || /[?？]$/.test(prompt));
}

/**
 * A list of questions written as lines, the answer under each (`A. …` or not): two or more
 * such items, and most of the list. Other items stay with the question before them.
 */
function askingItems(text: string, list: List): ListItem[] {
  if (isChecklist(list)) return [];
  const asking = list.children.filter((item) => isAskingItem(text, item));
  // One numbered item alone: its bullets, indented less than its text, ended the list.
  if (asking.length === 1 && list.ordered && list.children.length === 1) return asking;
  return asking.length >= 2 && asking.length * 5 >= list.children.length * 3 ? asking : [];
}

function askingDrafts(text: string, list: List, section: string, defs: LinkDefinition[]): Draft[] {
  const out: Draft[] = [];
  for (const item of list.children) {
    const refs: Reference[] = [];
    const unanswered = !isAskingItem(text, item) && isUnansweredLine(text, item);
    if (!isAskingItem(text, item) && !unanswered) {
      const last = out[out.length - 1];
      const extra = renderBlocks(text, item.children, refs, defs);
      if (last && extra) {
        last.answer = tidy(`${last.answer}\n\n${extra}`);
        last.references.push(...refs);
      }
      continue;
    }
    const { first, more } = itemLines(text, item);
    const head = item.children[0];
    if (more.trim() !== '' && head) linksOf(head, refs);
    const answer = [inlineMarkdown(more), renderBlocks(text, item.children.slice(1), refs, defs)]
      .filter(Boolean)
      .join('\n');
    out.push(
      draft({
        section,
        prompt: cleanPrompt(first.replace(BR, '')),
        answer: tidy(answer).replace(A_LEAD, ''),
        references: refs,
        line: lineOf(item),
      }),
    );
  }
  return out;
}

/**
 * A list whose items are only partly questions (`1. ### …`) is cut where the questions start and
 * end: the other items read as text before or after them. CommonMark makes one list of a
 * question's `1. **map:**`, `2. **filter:**` and the next question's `460. ### …`.
 */
function splitQuestionLists(text: string, nodes: RootContent[]): RootContent[] {
  return nodes.flatMap((node): RootContent[] => {
    if (node.type !== 'list' || isChecklist(node)) return [node];
    const asks = node.children.map(isListQuestion);
    if (!asks.includes(true) || !asks.includes(false)) return [node];
    const runs: ListItem[][] = [];
    node.children.forEach((item, i) => {
      const run = runs[runs.length - 1];
      if (run && asks[i] === asks[i - 1]) run.push(item);
      else runs.push([item]);
    });
    return runs.map((items) => {
      const first = items[0] as ListItem;
      const last = items[items.length - 1] as ListItem;
      const number = /^\d+/.exec(text.slice(startOf(first)))?.[0];
      return {
        ...node,
        start: node.ordered && number ? Number(number) : node.start,
        children: items,
        position: first.position &&
          last.position && { start: first.position.start, end: last.position.end },
      };
    });
  });
}

/**
 * A list of `<details>` questions (`- <details><summary>…`, `1. <details>` over several lines):
 * its items' blocks read as the top-level `<details>` they are.
 */
function liftDetailsLists(nodes: RootContent[]): RootContent[] {
  return nodes.flatMap((node): RootContent[] =>
    node.type === 'list' &&
    node.children.every((item) => {
      const first = item.children[0];
      return first?.type === 'html' && /^<details\b/i.test(first.value);
    })
      ? node.children.flatMap((item) => item.children)
      : [node],
  );
}

const CONTENTS_TITLE = /^(?:table of contents|contents|toc|목차|차례)$/i;

/** A region without a table of contents under a sub-heading of its own (`## Table of contents`). */
function withoutContents(text: string, region: Unit[]): Unit[] {
  const at = region.findIndex(
    (u) =>
      u.kind === 'node' &&
      u.node.type === 'heading' &&
      CONTENTS_TITLE.test(
        cleanPrompt(inlineSource(text, u.node))
          .replace(/[^\p{L}\s]/gu, '')
          .trim(),
      ),
  );
  if (at < 0) return region;
  const head = region[at];
  const depth = head?.kind === 'node' && head.node.type === 'heading' ? head.node.depth : 0;
  let end = at + 1;
  while (end < region.length) {
    const e = region[end] as Unit;
    if (e.kind === 'node' && e.node.type === 'heading' && e.node.depth <= depth) break;
    end++;
  }
  return [...region.slice(0, at), ...withoutContents(text, region.slice(end))];
}

/** Whether a heading has blocks of its own before the next heading (a section has none). */
function hasDirectContent(units: Unit[], at: number): boolean {
  for (let j = at + 1; j < units.length; j++) {
    const d = units[j] as Unit;
    if (d.kind === 'node' && d.node.type === 'heading') return false;
    if (!unitIsNoise(d)) return true;
  }
  return false;
}

interface Analysis {
  level: number;
  headings: number;
  details: number;
  /** `<details>` toggles read as sections. */
  sections: number;
  listItems: number;
  /** Items of a list of questions written as lines (`1. What is …? <br>` + `A. …`). */
  asking: number;
  tasks: number;
  qa: number;
}

/** A heading's numbering: `1) …`, `2. …`, `**3. …**`. */
const NUMBERED_TITLE = /^(?:\*\*|__)?\d+[.)]\s/;

/** A heading that opens an answer, its text after the label (`### Ans: Linux is …`). */
const ANS_HEADING = /^(?:ans|answers?)\s*[:：]\s*/i;

/** A heading that reads as a question: `?`, a question word, a Korean question ending. */
const QUESTION_LIKE =
  /[?？]\s*$|^(?:what|why|how|when|where|which|who|is|are|can|could|do|does|did|should|will|would|explain|describe|define|difference|compare|list|name)\b|인가요|무엇|차이|설명|(?:이)?란\s*[?？]?$|어떻게|왜/i;

/** A sub-heading worded as a question (`3-way handshake는 왜 필요한가요?`): a follow-up. */
const ASKS = /[?？]\s*$|(?:가요|나요|까요|니까|는가|인지)\s*[.]?\s*$/;

/** A heading's anchor as GitHub writes it: lower case, punctuation gone, spaces as `-`. */
const slug = (title: string) =>
  title
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');

/**
 * The level whose headings the notes use as items: listed in their table of contents (links to
 * `#anchors`), or each ending with its own navigation (`[위로](#…)`, "back to top"), with text
 * of its own, and whose sub-headings mostly do not ask (those name parts of an answer: `GET`,
 * `POST`, `in 브라우저`). 0 when no level is.
 */
function itemLevel(text: string, units: Unit[], sectionLevel: number): number {
  const anchors = new Set<string>();
  // A table of contents: the links that open list items, nested lists included (not the
  // answers a list of questions holds).
  const toc = (list: List) => {
    for (const item of list.children) {
      for (const b of item.children) {
        if (b.type === 'list') toc(b);
        if (b.type !== 'paragraph' || b !== item.children[0]) continue;
        for (const n of b.children) {
          if (n.type !== 'link') continue;
          const hash = n.url.indexOf('#');
          if (hash < 0) continue;
          let a = n.url.slice(hash + 1);
          try {
            a = decodeURIComponent(a);
          } catch {}
          anchors.add(a.toLowerCase());
          anchors.add(slug(toText(n)));
        }
      }
    }
  };
  for (const u of units) if (u.kind === 'node' && u.node.type === 'list') toc(u.node);
  const stats = new Map<number, { n: number; listed: number; nav: number; own: number }>();
  const below = new Map<number, { n: number; asks: number }>();
  for (let k = 0; k < units.length; k++) {
    const u = units[k] as Unit;
    if (u.kind !== 'node' || u.node.type !== 'heading') continue;
    const depth = u.node.depth;
    const title = cleanPrompt(inlineSource(text, u.node));
    if (isJunkTitle(title)) continue;
    const st = stats.get(depth) ?? { n: 0, listed: 0, nav: 0, own: 0 };
    st.n++;
    if (anchors.has(slug(title))) st.listed++;
    let last: Unit | null = null;
    let content = false;
    for (let j = k + 1; j < units.length; j++) {
      const d = units[j] as Unit;
      if (d.kind === 'node' && d.node.type === 'heading') {
        if (d.node.depth <= depth) break;
        // Sub-headings of this level's headings: how many ask.
        const b = below.get(depth) ?? { n: 0, asks: 0 };
        b.n++;
        const sub = cleanPrompt(inlineSource(text, d.node));
        if (ASKS.test(sub) || QUESTION_LIKE.test(sub)) b.asks++;
        below.set(depth, b);
        continue;
      }
      if (d.kind === 'node' && d.node.type === 'html' && isNoiseHtml(d.node.value)) {
        if (isNavText(d.node.value)) last = d;
        continue;
      }
      if (d.kind === 'node' && d.node.type === 'thematicBreak') continue;
      last = d;
      if (!unitIsNoise(d)) content = true;
    }
    if (content) st.own++;
    if (
      last?.kind === 'node' &&
      (isNav(last.node as Block) || (last.node.type === 'html' && isNavText(last.node.value)))
    )
      st.nav++;
    stats.set(depth, st);
  }
  for (const [depth, st] of [...stats.entries()].sort((a, b) => a[0] - b[0])) {
    if (depth <= sectionLevel || st.n < 2) continue;
    const sub = below.get(depth) ?? { n: 0, asks: 0 };
    const used = Math.max(st.listed, st.nav);
    // A few sub-headings each that name parts (`GET`, `POST`), not a category's many questions.
    if (
      used >= 2 &&
      used * 5 >= st.n * 3 &&
      st.own * 5 >= st.n * 3 &&
      sub.asks * 10 < sub.n * 3 &&
      sub.n <= st.n * 6
    )
      return depth;
  }
  return 0;
}

/**
 * The question level: among the heading levels below the sections that hold question forms,
 * the one whose headings most read like questions, then the one with most headings that have
 * text under them (shallower on ties). Answer parts ("Example", "Explanation") never count.
 */
function chooseLevel(text: string, units: Unit[]): number {
  const count = new Map<number, { n: number; asks: number }>();
  let sectionLevel = 0;
  // Headings that hold question forms, and how many questions each holds.
  const holders: { depth: number; asked: number }[] = [];
  for (let k = 0; k < units.length; k++) {
    const u = units[k] as Unit;
    if (u.kind !== 'node' || u.node.type !== 'heading') continue;
    const depth = u.node.depth;
    let forms = 0;
    let asked = 0;
    let content = false;
    for (let j = k + 1; j < units.length; j++) {
      const d = units[j] as Unit;
      if (d.kind === 'node' && d.node.type === 'heading') {
        // `### Answer` under `## What is a closure?`: its text is the heading's own.
        const sub = d.node.depth > depth ? cleanPrompt(inlineSource(text, d.node)) : '';
        if (isPartTitle(sub)) continue;
        // `### Ans: Linux is …`: the answer, written as a heading.
        const ans = ANS_HEADING.exec(sub);
        if (ans) {
          if (sub.length > ans[0].length) content = true;
          continue;
        }
        break;
      }
      const listed = listQuestions(d).length;
      if (isDetailsQuestion(d) || listed > 0) {
        forms += 2;
        asked += Math.max(1, listed);
      } else if (isQuestionParagraph(d) && d.kind === 'node' && d.node.type === 'paragraph') {
        // One bold question in an answer is a part of it; `Q.` paragraphs and runs of them ask.
        forms += Q_MARK.test(toText(d.node)) ? 2 : 1;
        asked++;
      } else if (
        d.kind === 'node' &&
        d.node.type === 'list' &&
        askingItems(text, d.node).length > 0
      ) {
        const n = askingItems(text, d.node).length;
        forms += Math.min(2, n);
        asked += n;
      } else if (!unitIsNoise(d)) content = true;
    }
    if (forms >= 2) {
      sectionLevel = Math.max(sectionLevel, depth);
      holders.push({ depth, asked });
    }
    const title = cleanPrompt(inlineSource(text, u.node));
    if (content && !isJunkTitle(title) && !isPartTitle(title) && !ANS_HEADING.test(title)) {
      const c = count.get(depth) ?? { n: 0, asks: 0 };
      c.n++;
      if (QUESTION_LIKE.test(title)) c.asks++;
      count.set(depth, c);
    }
  }
  const items = itemLevel(text, units, sectionLevel);
  if (items > 0) return items;
  // A few question-worded bullets under one sub-heading (`- 웹팩이란?` under `### 그 외`) are a
  // part of an answer when the headings above them are the notes' items: they do not make
  // every heading a section.
  const holder = holders[0];
  if (holders.length === 1 && holder && holder.asked <= 3) {
    const above = itemLevel(text, units, 0);
    if (above > 0 && above < holder.depth) return above;
  }
  let best = 0;
  let bestCount = { n: 0, asks: 0 };
  for (const [depth, c] of [...count.entries()].sort((a, b) => a[0] - b[0])) {
    if (depth <= sectionLevel) continue;
    const better = c.asks >= 2 || bestCount.asks >= 2 ? c.asks > bestCount.asks : c.n > bestCount.n;
    if (better) {
      best = depth;
      bestCount = c;
    }
  }
  // One heading with text under it is a title block, not a question.
  return bestCount.n >= 2 ? best : 0;
}

/** The fence (```` ``` ````, `~~~`) that opens a fenced code block, or null for indented code. */
const fenceOf = (text: string, node: Block) =>
  node.type === 'code'
    ? (/^[ \t]*(`{3,}|~{3,})/.exec(text.slice(startOf(node)))?.[1] ?? null)
    : null;

/** A fenced code block with no closing fence: Markdown runs it to the end of the file. */
function isOpenFence(text: string, node: Block): boolean {
  const fence = fenceOf(text, node);
  if (!fence) return false;
  const lines = text.slice(startOf(node), endOf(node)).split('\n');
  const last = (lines[lines.length - 1] ?? '').trim();
  return !(
    lines.length > 1 &&
    last.length >= fence.length &&
    [...last].every((c) => c === fence[0])
  );
}

/** The file's last code block, left open: its answer text gets the closing fence. */
const markUnclosed = (node: RootContent) => {
  node.data = { ...node.data, unclosed: true } as RootContent['data'];
};
const isUnclosed = (node: Block) =>
  (node.data as { unclosed?: boolean } | undefined)?.unclosed === true;

/** `n` with every position in it moved by `offset` characters and `lines` lines. */
function shift(node: Nodes, offset: number, lines: number): void {
  visit(node, (n) => {
    for (const p of n.position ? [n.position.start, n.position.end] : []) {
      if (p.offset !== undefined) p.offset += offset;
      p.line += lines;
    }
  });
}

/**
 * A code fence left open swallows the rest of the file. It is reported, and read as closed where
 * the next heading of the question level starts (a `# comment` in the code is not one), when
 * the headings before it have a question level.
 */
function closeOpenFence(
  text: string,
  root: Root,
): { children: RootContent[]; warnings: MarkdownWarning[] } {
  const last = root.children[root.children.length - 1];
  if (!last || !isOpenFence(text, last)) return { children: root.children, warnings: [] };
  markUnclosed(last);
  const line = lineOf(last);
  const warnings = [{ line, message: `the code block opened at line ${line} is never closed` }];
  const level = chooseLevel(text, groupUnits(text, splitQuestionLists(text, root.children)));
  const heading = new RegExp(`\n {0,3}#{${level}}[ \t]+\\S`).exec(text.slice(startOf(last)));
  if (level === 0 || !heading) return { children: root.children, warnings };
  const cut = startOf(last) + heading.index + 1;
  const head = parseMarkdown(text.slice(0, cut), definitionsIn(root));
  const tail = parseMarkdown(text.slice(cut), definitionsIn(root));
  const closed = head.children[head.children.length - 1];
  if (closed) markUnclosed(closed);
  const lines = text.slice(0, cut).split('\n').length - 1;
  for (const n of tail.children) shift(n, cut, lines);
  return { children: [...head.children, ...tail.children], warnings };
}

export interface MarkdownWarning {
  line: number;
  message: string;
}

/**
 * Questions of a Markdown file, found by its own structure: the heading level that repeats
 * with content under it (levels above are sections), `<details>` with a `<summary>`, numbered
 * items that are headings or bold questions, and `Q.` … `A.` pairs.
 */
export function markdownDrafts(
  text: string,
  root: Root,
  bank: string,
): { drafts: Draft[]; layout: string; analysis: Analysis; warnings: MarkdownWarning[] } {
  const { children, warnings } = closeOpenFence(text, root);
  const units = groupUnits(text, liftDetailsLists(splitQuestionLists(text, children)));
  const level = chooseLevel(text, units);
  const defs = definitionsIn(root);
  const drafts: Draft[] = [];
  const analysis: Analysis = {
    level,
    headings: 0,
    details: 0,
    sections: 0,
    listItems: 0,
    asking: 0,
    tasks: 0,
    qa: 0,
  };
  let section = bank;
  let sawHeading = false;
  // Whether most headings of the question level are numbered (`## 1) …`, `## 2. …`).
  let atLevel = 0;
  let numbered = 0;
  for (const u of units) {
    if (u.kind !== 'node' || u.node.type !== 'heading' || u.node.depth !== level) continue;
    atLevel++;
    if (NUMBERED_TITLE.test(inlineSource(text, u.node))) numbered++;
  }
  const numberedLevel = numbered >= 2 && numbered * 3 >= atLevel * 2;

  /** A toggle used as a section: its questions, read as a file of their own, under its summary. */
  const detailsSection = (u: Unit & { kind: 'details' }): Draft[] => {
    const inner = blankBreakLines(text.slice(u.innerStart, u.innerEnd));
    const lines = text.slice(0, u.innerStart).split('\n').length - 1;
    const found = markdownDrafts(inner, parseMarkdown(inner, defs), u.summary);
    const move = (d: Draft) => {
      d.line += lines;
      d.followUps.forEach(move);
    };
    found.drafts.forEach(move);
    if (found.drafts.length > 0) analysis.sections++;
    analysis.details += found.analysis.details;
    analysis.listItems += found.analysis.listItems;
    analysis.asking += found.analysis.asking;
    analysis.qa += found.analysis.qa;
    analysis.headings += found.analysis.headings;
    for (const w of found.warnings) warnings.push({ ...w, line: w.line + lines });
    return found.drafts;
  };

  const detailsQuestion = (u: Unit & { kind: 'details' }): Draft => {
    const inner = renderDetailsInner(text, u, defs);
    analysis.details++;
    return draft({
      form: '<details>',
      section,
      prompt: u.summary,
      answer: inner.text,
      references: inner.refs,
      line: u.line,
    });
  };

  const questionFromRegion = (prompt: string, line: number, all: Unit[]): Draft => {
    const d = draft({ section, prompt, line, form: `h${level} headings` });
    // A sub-heading worded as a question is a follow-up, with what stands under it; other
    // sub-headings (`GET`, `POST`, `Example`) are parts of the answer.
    const region: Unit[] = [];
    for (let i = 0; i < all.length; i++) {
      const u = all[i] as Unit;
      const title =
        u.kind === 'node' && u.node.type === 'heading' && u.node.depth > level
          ? cleanPrompt(inlineSource(text, u.node))
          : '';
      if (
        u.kind !== 'node' ||
        u.node.type !== 'heading' ||
        !ASKS.test(title) ||
        isPartTitle(title)
      ) {
        region.push(u);
        continue;
      }
      const depth = u.node.depth;
      let end = i + 1;
      while (end < all.length) {
        const e = all[end] as Unit;
        if (e.kind === 'node' && e.node.type === 'heading' && e.node.depth <= depth) break;
        end++;
      }
      d.followUps.push(questionFromRegion(title, lineOf(u.node), all.slice(i + 1, end)));
      i = end - 1;
    }
    const toggleAt = region.findIndex((u) => u.kind === 'details' && u.toggle);
    const refs: Reference[] = [];
    const blocksOf = (us: Unit[]): Block[] => {
      const out: Block[] = [];
      for (const u of us) {
        if (u.kind !== 'node') continue;
        if (u.node.type === 'list') {
          const { drafts: qa, rest: left } = takeQaPairs(text, u.node, section, defs);
          const { drafts: bold, rest } = takeBoldFollowUps(text, left, section, defs);
          d.followUps.push(...qa, ...bold);
          analysis.qa += qa.length;
          if (rest.length === u.node.children.length) out.push(u.node);
          else if (bold.length > 0 && rest.length > 0) {
            // The items before the first follow-up, as a list of their own.
            const first = rest[0] as ListItem;
            const last = rest[rest.length - 1] as ListItem;
            out.push({
              ...u.node,
              children: rest,
              position: first.position &&
                last.position && { start: first.position.start, end: last.position.end },
            });
          } else out.push(...rest);
        } else out.push(u.node);
      }
      // A sub-heading left with nothing under it (its Q./A. pairs became follow-ups) goes too.
      return out.filter((b, i) => {
        if (b.type !== 'heading') return true;
        const next = out[i + 1];
        return next !== undefined && !(next.type === 'heading' && next.depth <= b.depth);
      });
    };
    for (const u of region) {
      if (u.kind !== 'details') continue;
      const found = u.role === 'section' ? detailsSection(u) : [];
      d.followUps.push(...found);
      if (u.role === 'question' || (u.role === 'section' && found.length === 0))
        d.followUps.push(detailsQuestion(u));
    }
    const plain = region.filter((u) => !isDetailsQuestion(u));
    const opening = plain.find((u) => !unitIsNoise(u));
    if (
      toggleAt < 0 &&
      opening?.kind === 'node' &&
      opening.node.type === 'heading' &&
      ANS_HEADING.test(cleanPrompt(inlineSource(text, opening.node)))
    ) {
      // `### Ans: …` and the sub-headings after it are the answer's lines, written as headings.
      const parts: string[] = [];
      let lines = false;
      for (const u of plain) {
        if (u.kind !== 'node') continue;
        const line = u.node.type === 'heading';
        const part =
          u.node.type === 'heading'
            ? tidy(inlineMarkdown(inlineSource(text, u.node)))
            : renderBlocks(text, blocksOf([u]), refs, defs);
        if (!part) continue;
        parts.push(`${parts.length === 0 ? '' : line && lines ? '\n' : '\n\n'}${part}`);
        lines = line;
      }
      d.answer = tidy(parts.join('').replace(ANS_HEADING, ''));
      d.references = refs;
      return d;
    }
    if (toggleAt >= 0) {
      const toggle = region[toggleAt] as Unit & { kind: 'details' };
      d.body = renderBlocks(text, blocksOf(plain.slice(0, plain.indexOf(toggle))), refs, defs);
      const inner = renderDetailsInner(text, toggle, defs);
      refs.push(...inner.refs);
      const after = renderBlocks(
        text,
        blocksOf(plain.slice(plain.indexOf(toggle) + 1)),
        refs,
        defs,
      );
      d.answer = tidy([inner.text, after].filter(Boolean).join('\n\n'));
    } else {
      // `**Answer:** …` after a snippet: what stands before it is the question's body.
      const at = plain.findIndex((u) => u.kind === 'node' && isAnswerLabel(u.node));
      if (at > 0) d.body = renderBlocks(text, blocksOf(plain.slice(0, at)), refs, defs);
      // `A. ` that opens the answer under a heading question is a marker, not its text.
      d.answer = renderBlocks(text, blocksOf(plain.slice(Math.max(at, 0))), refs, defs)
        .replace(ANSWER_LEAD, '')
        .replace(/^(?:\*\*|__)?A[.:](?:\*\*|__)?[ \t]+(?=\S)/, '');
    }
    d.references = refs;
    return d;
  };

  for (let k = 0; k < units.length; k++) {
    const u = units[k] as Unit;
    if (u.kind === 'details') {
      if (u.role === 'section') {
        // A section whose lines read as no question after all is a question, as it looks.
        const found = detailsSection(u);
        drafts.push(...found);
        if (found.length > 0) continue;
      }
      if (u.role === 'none') continue;
      const d = detailsQuestion(u);
      // A toggle closed too early leaves the rest of its answer after `</details>`: it stays
      // with its question, up to the next question or heading.
      let end = k + 1;
      while (end < units.length) {
        const e = units[end] as Unit;
        if (e.kind !== 'node' || e.node.type === 'heading' || listQuestions(e).length > 0) break;
        if (
          isQuestionParagraph(e) ||
          (e.node.type === 'list' && askingItems(text, e.node).length > 0)
        )
          break;
        end++;
      }
      if (end > k + 1) {
        const blocks = units.slice(k + 1, end).flatMap((b) => (b.kind === 'node' ? [b.node] : []));
        const refs: Reference[] = [];
        const stray = renderBlocks(text, blocks, refs, defs);
        if (stray) {
          d.answer = tidy([d.answer, stray].filter(Boolean).join('\n\n'));
          d.references.push(...refs);
        }
        k = end - 1;
      }
      drafts.push(d);
      continue;
    }
    const node = u.node;
    if (node.type === 'heading') {
      const title = cleanPrompt(inlineSource(text, node));
      const first = !sawHeading;
      sawHeading = true;
      if (level === 0 || node.depth < level) {
        if (!isJunkTitle(title)) section = title;
        continue;
      }
      if (node.depth > level) continue;
      let end = k + 1;
      while (end < units.length) {
        const e = units[end] as Unit;
        if (e.kind === 'node' && e.node.type === 'heading' && e.node.depth <= level) break;
        end++;
      }
      const region = withoutContents(text, units.slice(k + 1, end));
      const empty = region.every(unitIsNoise);
      // In notes whose questions are numbered headings, an unnumbered heading of their level
      // with nothing under it before the next one, not worded as a question
      // (`## ✅ File & Directory Management` over `## 1) What is …?`), names a section.
      const next = units[end];
      const over =
        empty &&
        numberedLevel &&
        !NUMBERED_TITLE.test(inlineSource(text, node)) &&
        next?.kind === 'node' &&
        next.node.type === 'heading' &&
        next.node.depth === level &&
        !QUESTION_LIKE.test(title) &&
        !ASKS.test(title);
      if (isJunkTitle(title) || ((first || over) && empty)) {
        if ((first || over) && !isJunkTitle(title)) section = title;
        k = end - 1;
        continue;
      }
      drafts.push(questionFromRegion(title, node.position?.start.line ?? 1, region));
      analysis.headings++;
      k = end - 1;
      continue;
    }
    if (node.type === 'list' && isChecklist(node)) {
      const tasks = checklistDrafts(text, node, section, defs);
      for (const t of tasks) t.form = 'checklist items';
      drafts.push(...tasks);
      analysis.tasks += tasks.length;
      continue;
    }
    if (node.type === 'list') {
      const items = node.children.filter(isListQuestion);
      if (items.length > 0) {
        // Blocks after the list that are not indented enough to be inside its last item still
        // belong to it (as they read), up to the next question or section.
        let end = k + 1;
        while (end < units.length) {
          const e = units[end] as Unit;
          if (isDetailsQuestion(e) || listQuestions(e).length > 0) break;
          if (
            e.kind === 'node' &&
            e.node.type === 'heading' &&
            (level === 0 || e.node.depth < level) &&
            !hasDirectContent(units, end)
          )
            break;
          end++;
        }
        const trailing = units
          .slice(k + 1, end)
          .flatMap((t) => (t.kind === 'node' ? [t.node] : []));
        items.forEach((item, i) => {
          const [head, ...rest] = item.children;
          const prompt = cleanPrompt(
            head?.type === 'heading' || head?.type === 'paragraph' ? inlineSource(text, head) : '',
          );
          const refs: Reference[] = [];
          const own = i === items.length - 1 ? [...rest, ...trailing] : rest;
          // `**Answer:** B` after a snippet and options: what stands before it is the body.
          const at = own.findIndex(isAnswerLabel);
          const body = at > 0 ? renderBlocks(text, own.slice(0, at), refs, defs) : '';
          // The item's own blocks and the blocks after the list each lose their indentation.
          const answer =
            at > 0
              ? renderBlocks(text, own.slice(at), refs, defs).replace(ANSWER_LEAD, '')
              : tidy(
                  [
                    renderBlocks(text, rest, refs, defs),
                    i === items.length - 1 ? renderBlocks(text, trailing, refs, defs) : '',
                  ]
                    .filter(Boolean)
                    .join('\n\n'),
                );
          drafts.push(
            draft({
              form: 'numbered heading items',
              section,
              prompt,
              body,
              answer,
              references: refs,
              line: lineOf(item),
            }),
          );
          analysis.listItems++;
        });
        k = end - 1;
        continue;
      }
      if (askingItems(text, node).length > 0) {
        const asked = askingDrafts(text, node, section, defs);
        // Blocks after the list (bullets indented less than the item's text) are the last
        // question's, up to the next question or heading.
        let end = k + 1;
        while (end < units.length) {
          const e = units[end] as Unit;
          if (e.kind !== 'node' || e.node.type === 'heading' || listQuestions(e).length > 0) break;
          if (isQuestionParagraph(e)) break;
          if (e.node.type === 'list' && askingItems(text, e.node).length > 0) break;
          end++;
        }
        const last = asked[asked.length - 1];
        if (last && end > k + 1) {
          const refs: Reference[] = [];
          const blocks = units
            .slice(k + 1, end)
            .flatMap((b) => (b.kind === 'node' ? [b.node] : []));
          const more = renderBlocks(text, blocks, refs, defs);
          if (more) last.answer = tidy(`${last.answer}\n${more}`);
          last.references.push(...refs);
          k = end - 1;
        }
        for (const a of asked) a.form = 'question lines';
        drafts.push(...asked);
        analysis.asking += asked.length;
        continue;
      }
      const { drafts: qa } = takeQaPairs(text, node, section, defs);
      for (const d of qa) d.form = 'Q./A. pairs';
      drafts.push(...qa);
      analysis.qa += qa.length;
      continue;
    }
    if (node.type === 'paragraph' && isQuestionParagraph(u)) {
      // `Q. …` (or `**Q1. …**`) as a paragraph: its answer runs to the next question or heading.
      let end = k + 1;
      while (end < units.length) {
        const e = units[end] as Unit;
        if (isDetailsQuestion(e) || listQuestions(e).length > 0) break;
        if (e.kind === 'node' && e.node.type === 'heading') break;
        if (isQuestionParagraph(e)) break;
        if (e.kind === 'node' && e.node.type === 'list' && e.node.children.some(isQaItem)) break;
        end++;
      }
      const refs: Reference[] = [];
      const blocks = units.slice(k + 1, end).flatMap((b) => (b.kind === 'node' ? [b.node] : []));
      // `A.` on the line right after `Q. …` (no blank line): the paragraph holds both; so does
      // a bold question with its answer on the next line.
      let source = inlineSource(text, node);
      const bold = boldQuestionEnd(node);
      const split =
        bold >= 0 ? { index: bold - startOf(node.children[0] as Nodes) } : A_LINE.exec(source);
      if (bold >= 0) source = `${source.slice(0, split?.index)}\n${source.slice(split?.index)}`;
      if (split) linksOf(node, refs);
      const answer = [
        split ? inlineMarkdown(source.slice(split.index + 1)) : '',
        renderBlocks(text, blocks, refs, defs),
      ]
        .filter(Boolean)
        .join('\n\n');
      drafts.push(
        draft({
          form: 'Q./A. pairs',
          section,
          // A hard break (two spaces or `\`) before the `A.` line is no part of the prompt.
          prompt: cleanPrompt(split ? source.slice(0, split.index).replace(/\\$/, '') : source),
          answer: answer.replace(A_LEAD, ''),
          references: refs,
          line: lineOf(node),
        }),
      );
      analysis.qa++;
      k = end - 1;
    }
  }
  const forms = [
    analysis.headings > 0 ? `h${level} headings` : '',
    analysis.details > 0 ? '<details>' : '',
    analysis.sections > 0 ? '<details> sections' : '',
    analysis.asking > 0 ? 'question lines' : '',
    analysis.listItems > 0 ? 'numbered heading items' : '',
    analysis.tasks > 0 ? 'checklist items' : '',
    analysis.qa > 0 ? 'Q./A. pairs' : '',
  ].filter(Boolean);
  return {
    drafts,
    layout: `markdown: ${forms.join(', ') || 'no questions'}`,
    analysis,
    warnings,
  };
}
