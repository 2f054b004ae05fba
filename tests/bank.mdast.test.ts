import type { Nodes, Root } from 'mdast';
import { describe, expect, it } from 'vitest';
import { definitionsIn, endOf, lineOf, parseMarkdown, startOf, visit } from '../src/bank/mdast.ts';
import { parseNotes } from '../src/bank/parse.ts';

function nodesOf<T extends Nodes['type']>(root: Root, type: T): Extract<Nodes, { type: T }>[] {
  const out: Extract<Nodes, { type: T }>[] = [];
  visit(root, (n) => {
    if (n.type === type) out.push(n as Extract<Nodes, { type: T }>);
  });
  return out;
}

const source = (text: string, n: Nodes) => text.slice(startOf(n), endOf(n));

/** What notes-md.ts slices for a heading's or paragraph's text: first child to last child. */
function inlineSource(text: string, n: Nodes): string {
  if (!('children' in n) || n.children.length === 0) return '';
  const first = n.children[0] as Nodes;
  const last = n.children[n.children.length - 1] as Nodes;
  return text.slice(startOf(first), endOf(last));
}

describe('parseMarkdown: the mdast tree markdown-it builds', () => {
  it('places inline code and reference links inside list items and quotes on their source', () => {
    const text = [
      '- item `a<b` and [ref link][r]',
      '  - nested ``c ` d``',
      '',
      '> quote with `e` and [r]',
      '> - quoted item `f` [text *em*][R]',
      '',
      '1. first',
      '   > deep `g`  ',
      '',
      '[r]: https://example.com/r "Title"',
      '',
    ].join('\n');
    const root = parseMarkdown(text);
    const code = nodesOf(root, 'inlineCode');
    expect(code.map((c) => source(text, c))).toEqual(['`a<b`', '``c ` d``', '`e`', '`f`', '`g`']);
    expect(code.map((c) => c.value)).toEqual(['a<b', 'c ` d', 'e', 'f', 'g']);
    const links = nodesOf(root, 'link');
    expect(links.map((l) => source(text, l))).toEqual(['[ref link][r]', '[r]', '[text *em*][R]']);
    expect(links.map((l) => inlineSource(text, l))).toEqual(['ref link', 'r', 'text *em*']);
    for (const l of links) {
      expect(l).toMatchObject({ url: 'https://example.com/r', title: 'Title' });
      expect(l.data).toEqual({ reference: true });
    }
    expect(nodesOf(root, 'paragraph').map((p) => inlineSource(text, p))).toEqual([
      'item `a<b` and [ref link][r]',
      'nested ``c ` d``',
      'quote with `e` and [r]',
      'quoted item `f` [text *em*][R]',
      'first',
      'deep `g`',
    ]);
    expect(nodesOf(root, 'blockquote').map((q) => lineOf(q))).toEqual([4, 8]);
    expect(nodesOf(root, 'definition').map((d) => source(text, d))).toEqual([
      '[r]: https://example.com/r "Title"',
    ]);
    expect(definitionsIn(root)).toEqual([
      { identifier: 'r', label: 'r', url: 'https://example.com/r', title: 'Title' },
    ]);
  });

  it('resolves references to definitions given from elsewhere in the file; links stay as written', () => {
    const elsewhere = [
      { identifier: 'mdn', label: 'MDN', url: 'https://mdn.example', title: null },
    ];
    const text =
      'See [the docs][mdn], [한글](https://ko.wikipedia.org/wiki/위키) and www.example.com.';
    const root = parseMarkdown(text, elsewhere);
    const links = nodesOf(root, 'link');
    expect(links.map((l) => [l.url, source(text, l), l.data ?? null])).toEqual([
      ['https://mdn.example', '[the docs][mdn]', { reference: true }],
      ['https://ko.wikipedia.org/wiki/위키', '[한글](https://ko.wikipedia.org/wiki/위키)', null],
      ['http://www.example.com', 'www.example.com', null],
    ]);
    expect(definitionsIn(root)).toEqual(elsewhere);
    // Without the definition, `[the docs][mdn]` is text.
    expect(nodesOf(parseMarkdown(text), 'link')).toHaveLength(2);
  });

  it('reads a GFM task list: checked items, the box out of the text', () => {
    const text = '- [ ] open `q`?\n- [x] done\n- [X] Done too\n- [ ]\n- plain\n';
    const root = parseMarkdown(text);
    const items = nodesOf(root, 'listItem');
    expect(items.map((i) => i.checked)).toEqual([false, true, true, null, null]);
    expect(items.map((i) => inlineSource(text, i.children[0] as Nodes))).toEqual([
      'open `q`?',
      'done',
      'Done too',
      '[ ]',
      'plain',
    ]);
    expect(items.map((i) => lineOf(i))).toEqual([1, 2, 3, 4, 5]);
  });

  it('reads a table: alignment, cells, code and escaped pipes', () => {
    const text = '| Term | `code` | n |\n|:--|:-:|--:|\n| [c](https://c.example) | d \\| e | 3 |\n';
    const [table] = nodesOf(parseMarkdown(text), 'table');
    expect(table?.align).toEqual(['left', 'center', 'right']);
    const cells = table?.children.map((row) => row.children.map((c) => inlineSource(text, c)));
    expect(cells).toEqual([
      ['Term', '`code`', 'n'],
      ['[c](https://c.example)', 'd \\| e', '3'],
    ]);
    const values = nodesOf(table as unknown as Root, 'text').map((t) => t.value);
    expect(values).toEqual(['Term', 'n', 'c', 'd | e', '3']);
  });

  it('reads nested lists: ordered start, items, spread, lines', () => {
    const text = '3. one\n   - a\n   - b\n\n     more b\n4. two\n\n5. three\n';
    const root = parseMarkdown(text);
    const [outer, inner] = nodesOf(root, 'list');
    expect(outer).toMatchObject({ ordered: true, start: 3, spread: true });
    expect(outer?.children.map((i) => lineOf(i))).toEqual([1, 6, 8]);
    expect(inner).toMatchObject({ ordered: false, start: null, spread: false });
    expect(inner?.children.map((i) => i.spread)).toEqual([false, true]);
    expect(inner?.children.map((i) => source(text, i))).toEqual(['- a', '- b\n\n     more b']);
  });

  it('starts `27. ### …` as a list item right after an indented code block', () => {
    for (const gap of ['\n', '']) {
      const text = `Because of hoisting, it works.\n\n    **[⬆ Back to Top](#toc)**\n${gap}27. ### What are classes in ES6\n\n    A class is a template.\n`;
      const root = parseMarkdown(text);
      expect(root.children.map((c) => c.type)).toEqual(['paragraph', 'code', 'list']);
      const [, code, list] = root.children;
      expect(code).toMatchObject({ value: '**[⬆ Back to Top](#toc)**' });
      expect(list).toMatchObject({ ordered: true, start: 27 });
      const [heading] = nodesOf(root, 'heading');
      expect(heading && inlineSource(text, heading)).toBe('What are classes in ES6');
      expect(heading && lineOf(heading)).toBe(gap ? 5 : 4);
      const [, answer] = nodesOf(root, 'paragraph');
      expect(answer && source(text, answer)).toBe('A class is a template.');
    }
  });

  it('gives offsets into the text as given when lines end in \\r\\n or it holds a NUL', () => {
    const text =
      '# Title\r\n\r\n- item `code` here\r\n- [link](https://x.y) two\r\n\r\n> quote `q`\r\n> and\r\n> www.q.com\r\n';
    const root = parseMarkdown(text);
    const found: string[] = [];
    visit(root, (n) => {
      if (n.type === 'heading' || n.type === 'inlineCode' || n.type === 'link')
        found.push(source(text, n));
    });
    expect(found).toEqual(['# Title', '`code`', '[link](https://x.y)', '`q`', 'www.q.com']);
    expect(nodesOf(root, 'blockquote').map((q) => lineOf(q))).toEqual([6]);
    const literals = 'a line\r\nsee www.x.com and b@c.de here\r\n\r\n- www.y.org\r\n';
    const parts: string[] = [];
    visit(parseMarkdown(literals), (n) => {
      if (n.type === 'text' || n.type === 'link') parts.push(source(literals, n));
    });
    expect(parts).toEqual([
      'a line\r\nsee ',
      'www.x.com',
      'www.x.com',
      ' and ',
      'b@c.de',
      'b@c.de',
      ' here',
      'www.y.org',
      'www.y.org',
    ]);
    // A NUL reads as U+FFFD (CommonMark) and moves nothing.
    const nul = 'a\u0000b `c`\n';
    const [code] = nodesOf(parseMarkdown(nul), 'inlineCode');
    expect(code && source(nul, code)).toBe('`c`');
    expect(nodesOf(parseMarkdown(nul), 'text')[0]?.value).toBe('a\ufffdb ');
  });
});

describe('Markdown notes: a list only partly of questions', () => {
  it('keeps the other items with the question they follow (CommonMark makes one list of them)', () => {
    const text = [
      '# JS',
      '',
      '1. ### What is a polyfill?',
      '',
      '   Code that adds a missing feature.',
      '',
      'The polyfills can be written for:',
      '',
      '1.  **map:**',
      '',
      '    Array.prototype.myMap = ...',
      '',
      '2.  **filter:**',
      '',
      '3. ### What is hoisting?',
      '     Declarations move up.',
      '1. Functions first.',
      '1. Then variables.',
      '',
    ].join('\n');
    const bank = parseNotes(text, { bank: 'js', file: 'js.md' });
    expect(bank.questions.map((q) => [q.prompt, q.answer])).toEqual([
      [
        'What is a polyfill?',
        'Code that adds a missing feature.\n\nThe polyfills can be written for:\n\n1.  **map:**\n\n    Array.prototype.myMap = ...\n\n2.  **filter:**',
      ],
      ['What is hoisting?', 'Declarations move up.\n\n1. Functions first.\n1. Then variables.'],
    ]);
  });
});
