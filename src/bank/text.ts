/** Text clean-up shared by the Markdown and plain-text layouts. */

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, name: string) => {
    if (name[0] === '#') {
      const code =
        name[1] === 'x' || name[1] === 'X'
          ? Number.parseInt(name.slice(2), 16)
          : Number(name.slice(1));
      return Number.isFinite(code) && code > 0 && code < 0x110000
        ? String.fromCodePoint(code)
        : all;
    }
    return ENTITIES[name.toLowerCase()] ?? all;
  });
}

const EMOJI_CODE = /^(?::[a-z0-9_+-]+:\s*)+/i;

/** A prompt without `Q.`, `#`, list numbers, `)`, leading emoji shortcodes, HTML or wrapping bold. */
/** A text's lines, whatever ends them (`\r\n`, `\r`, `\n`); a plain split when only `\n` does. */
export function splitLines(text: string): string[] {
  return text.includes('\r') ? text.split(/\r\n|\r|\n/) : text.split('\n');
}

export function cleanPrompt(raw: string): string {
  // Tags go, except inside `code` spans, where `<a>` is what the question asks about.
  const untagged = raw
    .split(/(`[^`]*`)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/<[^>]*>/g, ' ')))
    .join('');
  let text = decodeEntities(untagged).replace(/\s+/g, ' ').trim();
  for (let i = 0; i < 3; i++) {
    const before = text;
    text = text
      .replace(/^#{1,6}\s+/, '')
      .replace(EMOJI_CODE, '')
      // A bullet drawn with a symbol (`🔹 1. What is …?`, `▶ …`, `✅ …`) is no part of the prompt.
      .replace(
        /^(?:[\p{Extended_Pictographic}\p{So}\u2022\u25A0-\u25FF\u2190-\u21FF][\uFE0F\u200D]?)+\s+/u,
        '',
      )
      .replace(/^(\*\*|__)((?:(?!\*\*|__).)+)\1$/, '$2')
      .replace(/^Q\s*\d*\s*[.:)]\s*/i, '')
      // `#3 …` (a blog's toggle number), `Q3:` and `3.` number a question; none is part of it.
      .replace(/^#\d{1,4}(?![\d\p{L}])[.:)]?\s*/u, '')
      .replace(/^\d{1,4}\s*(?:[.)]\)?(?!\d)|-\d+[.)]?)\s*/, '')
      .trim();
    if (text === before) break;
  }
  return text;
}

const JUNK_TITLE =
  /^(?:table of contents|contents|toc|목차|index|references?|참고(?:\s*(?:자료|문헌|링크|사이트))?|출처|links?|contributors?|기여자|special thanks(?: to)?|thanks(?: to)?|license|licen[cs]e|라이선스|disclaimer|home|back to top|top|related(?: (?:links|posts|articles))?|see also|further reading|관련(?:\s*(?:자료|링크|글))?)$/i;

/** Tables of contents, reference lists, contributor lists and navigation are not questions. */
export function isJunkTitle(title: string): boolean {
  const t = title
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`:：]+$/g, '')
    .replace(EMOJI_CODE, '')
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')
    .trim();
  return t === '' || JUNK_TITLE.test(t);
}

const PLACEHOLDER =
  /^(?:todo|tbd|tba|wip|fixme|coming soon|to be (?:added|written)|작성\s*(?:중|예정)|준비\s*중|추가\s*예정|내용\s*없음|미작성|[-=_*.…~]+)$/i;

/**
 * A prompt or answer that only holds a place: `TODO`, `작성 중`, `A.` alone, a rule (`-----`).
 * It asks nothing and answers nothing.
 */
export function isPlaceholder(text: string): boolean {
  // A real answer is longer than any placeholder: most answers are decided here.
  if (text.length > 80) return false;
  const t = text
    .replace(/^\s*(?:>\s*)*/gm, '')
    .replace(/^(?:\*\*|__)?A\s*\d*\s*[.:：](?:\*\*|__)?/i, '')
    .replace(/[*_`#:：()[\]!\s]+/g, ' ')
    .trim();
  // `#TODO TODO` (a numbered placeholder's marker and its title) holds a place as well.
  return t === '' || PLACEHOLDER.test(t) || t.split(' ').every((w) => PLACEHOLDER.test(w));
}

/** Sub-headings that are parts of an answer, however often they repeat: "Example", "설명". */
const PART_TITLE =
  /^(?:examples?|explanation|answers?|solution|output|result|code|notes?|hint|summary|tip|예시|예제(?:\s*코드)?|장점|단점|특징|설명|답변|정답|해설|풀이|결과|코드|출력|요약)(?:\s*\d+)?\s*[:：]?(?:\s*\S{1,3})?$/i;

/** A title that names a part of an answer ("Example", "설명"), not a question. */
export const isPartTitle = (title: string) => PART_TITLE.test(title.replace(/[*_`]/g, '').trim());

const NAV = /back to top|맨 ?위로|\[위로\]|\[top\]|↥|⬆/i;

/** "back to top", `[위로]`, `[Top]`: navigation, never part of an answer. */
export function isNavText(text: string): boolean {
  return NAV.test(text);
}

/** A web address in prose; parentheses only when balanced (`Closure_(computer_programming)`). */
export const URL_IN_TEXT = /https?:\/\/(?:[^\s<>()]|\([^\s<>()]*\))+/g;

/** An absolute web address, without trailing punctuation; anything else (anchors, paths) is null. */
export function cleanUrl(url: string): string | null {
  let u = url.trim();
  // Trailing punctuation goes; a `)` that closes a `(` of the address stays (`Closure_(…)`).
  for (;;) {
    const last = u.slice(-1);
    if (!/[)\]"'.,;:!?>}]/.test(last)) break;
    const open = last === ')' ? '(' : last === ']' ? '[' : null;
    if (open && u.split(open).length > u.split(last).length - 1) break;
    u = u.slice(0, -1);
  }
  return /^https?:\/\/[^\s/$.?#][^\s]*$/i.test(u) ? u : null;
}

/** Removes the common indentation, trailing spaces, no-break spaces and runs of blank lines. */
export function tidy(text: string): string {
  const lines = text
    .replace(/\u00a0/g, ' ')
    .split('\n')
    .map((l) => l.trimEnd());
  const indents = lines.filter((l) => l !== '').map((l) => /^ */.exec(l)?.[0].length ?? 0);
  // Not Math.min(...indents): spreading a very long answer's lines overflows the stack.
  const base = indents.length > 0 ? indents.reduce((a, b) => Math.min(a, b)) : 0;
  return lines
    .map((l) => l.slice(base))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^\n+|\n+$/g, '');
}

/**
 * HTML from notes (`<p>`, `<ul><li>`, `<br>`, `<b>`, `<a>`, `<img>`) as Markdown text; tags with
 * no Markdown meaning are dropped, comments too.
 */
export function htmlToMarkdown(html: string): string {
  let out = '';
  let depth = 0;
  const hrefs: string[] = [];
  const tag = /<!--[\s\S]*?-->|<(\/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>/g;
  let last = 0;
  const text = (s: string) => s.replace(/\s+/g, ' ');
  for (const m of html.matchAll(tag)) {
    out += text(html.slice(last, m.index));
    last = (m.index ?? 0) + m[0].length;
    if (m[0].startsWith('<!--')) continue;
    const closing = m[1] === '/';
    const name = (m[2] ?? '').toLowerCase();
    const attrs = m[3] ?? '';
    const attr = (a: string) => new RegExp(`${a}\\s*=\\s*["']([^"']*)["']`, 'i').exec(attrs)?.[1];
    switch (name) {
      case 'br':
        out += '\n';
        break;
      case 'p':
      case 'div':
      case 'table':
      case 'tr':
        out += '\n\n';
        break;
      case 'ul':
      case 'ol':
        depth = Math.max(0, depth + (closing ? -1 : 1));
        out += '\n';
        break;
      case 'li':
        if (!closing) out += `\n${'  '.repeat(Math.max(0, depth - 1))}- `;
        break;
      case 'b':
      case 'strong':
        out += '**';
        break;
      case 'i':
      case 'em':
        out += '_';
        break;
      case 'code':
        out += '`';
        break;
      case 'a':
        if (closing) {
          const href = hrefs.pop();
          out += href ? `](${href})` : '';
        } else {
          const href = cleanUrl(attr('href') ?? '');
          hrefs.push(href ?? '');
          if (href) out += '[';
        }
        break;
      case 'img': {
        const src = cleanUrl(attr('src') ?? '');
        if (src) out += `![${attr('alt') ?? ''}](${src})`;
        break;
      }
      default:
        if (/^h[1-6]$/.test(name)) out += closing ? '\n\n' : `\n\n${'#'.repeat(Number(name[1]))} `;
    }
  }
  out += text(html.slice(last));
  return decodeEntities(out)
    .split('\n')
    .map((l) => {
      const item = /^( *)- +(.*)$/.exec(l);
      return item ? `${item[1]}- ${(item[2] ?? '').trim()}` : l.trim();
    })
    .join('\n')
    .replace(/\*\*\s*\*\*/g, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
