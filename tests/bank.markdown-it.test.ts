import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import MarkdownIt from 'markdown-it';
import type { Nodes } from 'mdast';
import { describe, expect, it } from 'vitest';
import { endOf, parseMarkdown, startOf, visit } from '../src/bank/mdast.ts';

/**
 * src/bank/mdast.ts reads markdown-it's rule chains (`ruler.__rules__`, private) and rewraps every
 * block and inline rule to note offsets, and it replaces `md.inline.State`. markdown-it is pinned
 * to one version in package.json; this test says what of its internals the reader relies on, so
 * a new version that changes them fails here (not as silently different questions).
 */
interface Rule {
  name: string;
  fn: unknown;
  alt: unknown;
  enabled: unknown;
}
const rules = (ruler: unknown) => (ruler as { __rules__: Rule[] }).__rules__;

describe('the markdown-it internals the Markdown reader relies on', () => {
  it('is the exact version package.json pins', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
    expect(pkg.dependencies['markdown-it']).toMatch(/^\d+\.\d+\.\d+$/);
    const installed = createRequire(import.meta.url)('markdown-it/package.json').version;
    expect(installed).toBe(pkg.dependencies['markdown-it']);
  });

  it('has the rule chains mdast.ts wraps, each rule a {name, fn, alt, enabled}', () => {
    const md = new MarkdownIt('default', { html: true, linkify: true });
    const names = (ruler: unknown) => rules(ruler).map((r) => r.name);
    expect(names(md.core.ruler)).toEqual([
      'normalize',
      'block',
      'inline',
      'linkify',
      'replacements',
      'smartquotes',
      'text_join',
    ]);
    expect(names(md.block.ruler)).toEqual([
      'table',
      'code',
      'fence',
      'blockquote',
      'hr',
      'list',
      'reference',
      'html_block',
      'heading',
      'lheading',
      'paragraph',
    ]);
    expect(names(md.inline.ruler)).toEqual([
      'text',
      'linkify',
      'newline',
      'escape',
      'backticks',
      'strikethrough',
      'emphasis',
      'link',
      'image',
      'autolink',
      'html_inline',
      'entity',
    ]);
    for (const ruler of [md.core.ruler, md.block.ruler, md.inline.ruler])
      for (const r of rules(ruler)) {
        expect(typeof r.fn).toBe('function');
        expect(Array.isArray(r.alt)).toBe(true);
        expect(r.enabled).toBe(true);
      }
    // The block rules that may interrupt a paragraph, list or quote, which the rewrap keeps.
    const alt = Object.fromEntries(rules(md.block.ruler).map((r) => [r.name, r.alt]));
    expect(alt.fence).toEqual(['paragraph', 'reference', 'blockquote', 'list']);
    expect(alt.reference).toEqual([]);
  });

  it('builds inline state from md.inline.State, whose push and pushPending make the tokens', () => {
    const md = new MarkdownIt('default', { html: true });
    const seen: string[] = [];
    class Watched extends md.inline.State {
      override push(type: string, tag: string, nesting: -1 | 0 | 1) {
        seen.push(`${type}@${this.pos}`);
        return super.push(type, tag, nesting);
      }
      override pushPending() {
        seen.push(`pending@${this.pos}`);
        return super.pushPending();
      }
    }
    md.inline.State = Watched;
    md.parse('a *b* [c](d)', {});
    // Emphasis delimiters are text until balance_pairs pairs them; a link opens when its label has
    // been read, and closes where its text ends (mdast.ts notes `this.pos` there).
    expect(seen).toEqual([
      'text@2',
      'pending@2',
      'text@4',
      'pending@4',
      'link_open@7',
      'pending@7',
      'pending@8',
      'link_close@8',
    ]);
  });

  it('gives block rules line starts, indents and the line reached, as the offsets need', () => {
    const md = new MarkdownIt();
    const fields: string[] = [];
    const paragraph = rules(md.block.ruler).find((r) => r.name === 'paragraph')?.fn as (
      ...args: unknown[]
    ) => boolean;
    md.block.ruler.at('paragraph', (state, start, end, silent) => {
      fields.push(
        `${state.bMarks[start]} ${state.eMarks[start]} ${state.tShift[start]} ${state.blkIndent}`,
      );
      const ok = paragraph(state, start, end, silent);
      fields.push(`line ${state.line}`);
      return ok;
    });
    md.parse('> one\n>  two\n\nthree', {});
    expect(fields).toEqual(['2 5 0 0', 'line 2', '14 19 0 0', 'line 4']);
  });

  it('places every kind of node the rules make on its own source text', () => {
    const text = [
      '# Head *em* and `code`',
      '',
      '> quote with [link](https://x.y) and ~~gone~~',
      '',
      '- [ ] task <b>html</b> &amp; https://bare.example \\*',
      '1. one  ',
      '   two',
      '',
      '| a | b |',
      '|---|--:|',
      '| ![i](p.png) | **s** |',
      '',
      '```js',
      'fence',
      '```',
      '',
      '    code',
      '',
      '***',
      '',
      'Setext',
      '---',
      '',
      '<div>block</div>',
      '',
      '[ref]: https://r.example',
      '[text][ref] <https://auto.example>',
    ].join('\n');
    const kinds = new Set<string>();
    const checks: [Nodes['type'], string][] = [
      ['heading', '# Head *em* and `code`'],
      ['emphasis', '*em*'],
      ['inlineCode', '`code`'],
      ['link', '[link](https://x.y)'],
      ['delete', '~~gone~~'],
      ['html', '<b>'],
      ['strong', '**s**'],
      ['image', '![i](p.png)'],
      ['code', '```js\nfence\n```'],
      ['thematicBreak', '***'],
      ['html', '<div>block</div>'],
      ['definition', '[ref]: https://r.example'],
      ['link', '[text][ref]'],
      ['link', '<https://auto.example>'],
      ['link', 'https://bare.example'],
      ['break', '  \n'],
      ['table', '| a | b |\n|---|--:|\n| ![i](p.png) | **s** |'],
      ['blockquote', '> quote with [link](https://x.y) and ~~gone~~'],
    ];
    const found = new Set<string>();
    visit(parseMarkdown(text), (n) => {
      kinds.add(n.type);
      found.add(`${n.type} ${text.slice(startOf(n), endOf(n))}`);
    });
    for (const [type, source] of checks) expect(found).toContain(`${type} ${source}`);
    expect([...found].filter((f) => f.startsWith('code '))).toContain('code     code');
    expect([...found].some((f) => f.startsWith('heading Setext\n---'))).toBe(true);
  });
});
