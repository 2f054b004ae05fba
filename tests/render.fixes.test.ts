import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { referenceLink, renderNotes } from '../src/chat/renderers.ts';
import type { QuestionRow } from '../src/core/select.ts';
import { revealMessages } from '../src/practice/reveal.ts';

/** The lines of the first code block in `text`. */
const codeLines = (text: string) => /```\n([\s\S]*?)\n```/.exec(text)?.[1]?.split('\n') ?? [];

describe('rendering fixes (issue 12 review)', () => {
  const KOREAN_TABLE = [
    '| 구분 | 설명 |',
    '| --- | --- |',
    '| TCP | 연결 지향, 신뢰성 보장 |',
    '| UDP | 비연결 |',
    '| e\u0301 | 결합 문자 |',
  ].join('\n');

  it('aligns Korean tables by display width on the console and in Discord and Slack code blocks', () => {
    const consoleLines = renderNotes(KOREAN_TABLE, 'console', 'markdown').split('\n');
    expect(consoleLines).toEqual([
      '구분 | 설명',
      '-----|-----------------------',
      'TCP  | 연결 지향, 신뢰성 보장',
      'UDP  | 비연결',
      'e\u0301    | 결합 문자',
    ]);
    for (const platform of ['discord', 'slack'] as const) {
      const lines = codeLines(renderNotes(KOREAN_TABLE, platform, 'markdown'));
      expect(lines).toHaveLength(5);
      // Every column separator stands in the same display column on every line.
      const columns = lines.map((l) => stringWidth(l.slice(0, l.indexOf('|'))));
      expect(new Set(columns)).toEqual(new Set([5]));
    }
  });

  it('Discord: escaped line starts and `-# ` stay literal, not heading, quote, list or subtext', () => {
    const md = ['\\# not a heading', '', '\\> not a quote', '', '\\- not a list', '', '-# small?'];
    const out = renderNotes(md.join('\n'), 'discord', 'markdown');
    expect(out.split('\n\n')).toEqual([
      '\\# not a heading',
      '\\> not a quote',
      '\\- not a list',
      '\\-# small?',
    ]);
    const text = ['# comment', '> quoted', '- dash', '-# subtext', '  1. step', 'a - b # c'];
    expect(renderNotes(text.join('\n'), 'discord', 'text').split('\n')).toEqual([
      '\\# comment',
      '\\> quoted',
      '\\- dash',
      '\\-# subtext',
      '  1\\. step',
      'a - b # c',
    ]);
    // Markup the notes wrote still is markup.
    expect(renderNotes('# Title\n\n> quote\n\n- item', 'discord', 'markdown')).toBe(
      '# Title\n\n> quote\n\n- item',
    );
  });

  it('Discord: a link that is its own URL is sent as <url>, with no backslash in it', () => {
    const out = renderNotes(
      'See https://example.com/a_(b)_c and <https://x.example/a_b> or www.example.com/x_y.',
      'discord',
      'markdown',
    );
    expect(out).toBe(
      'See <https://example.com/a_(b)_c> and <https://x.example/a_b> or <http://www.example.com/x_y>.',
    );
  });

  it('Discord: link text is shown as written, and text Discord cannot show in a link stays text', () => {
    const url = 'https://doc.rust-lang.org/std/iter/trait.Iterator.html';
    expect(renderNotes(`[flat_map docs](${url})`, 'discord', 'markdown')).toBe(
      `[flat_map docs](<${url}>)`,
    );
    expect(referenceLink({ url, label: 'flat_map docs' }, 'discord')).toBe(
      `[flat_map docs](<${url}>)`,
    );
    // A `]` would end the link, `*` would be markup, a URL as text is not shown as a link.
    expect(renderNotes(`[arr\\[0\\] docs](${url})`, 'discord', 'markdown')).toBe(
      `arr\\[0\\] docs (<${url}>)`,
    );
    expect(referenceLink({ url, label: 'a ] b' }, 'discord')).toBe(`a \\] b (<${url}>)`);
    expect(referenceLink({ url, label: '*bold* _it_' }, 'discord')).toBe(
      `\\*bold\\* \\_it\\_ (<${url}>)`,
    );
    expect(referenceLink({ url, label: 'https://example.com' }, 'discord')).toBe(`<${url}>`);
    expect(referenceLink({ url, label: '@everyone docs' }, 'discord')).not.toMatch(/@everyone/);
  });

  it('Slack: a | in a URL is encoded so it does not split <url|text>', () => {
    expect(renderNotes('[pipe](https://x.example/a|b?q=1&r=2)', 'slack', 'markdown')).toBe(
      '<https://x.example/a%7Cb?q=1&amp;r=2|pipe>',
    );
    expect(renderNotes('https://x.example/a|b', 'slack', 'markdown')).toBe(
      '<https://x.example/a%7Cb>',
    );
    expect(referenceLink({ url: 'https://x.example/a|b', label: 'a | b' }, 'slack')).toBe(
      '<https://x.example/a%7Cb|a ¦ b>',
    );
    // An autolink with & is its own URL too: no `<url|url>`.
    expect(renderNotes('https://x.example/?a=1&b=2', 'slack', 'markdown')).toBe(
      '<https://x.example/?a=1&amp;b=2>',
    );
  });

  it('console: the reveal title shows the prompt rendered, as the drop does', () => {
    const question = {
      prompt: 'Why is `a < b && b > c` **not** `a < b > c`?',
      answer: 'Because.',
      notes: '',
      references: [],
      format: 'markdown',
    } as unknown as QuestionRow;
    const [first] = revealMessages(question, 'en', 'console');
    expect(first?.title).toBe('Model answer · Why is a < b && b > c not a < b > c?');
    expect(first?.title).toContain(renderNotes(question.prompt, 'console', 'markdown'));
    const long = { ...question, prompt: `**${'가'.repeat(300)}**` } as QuestionRow;
    const title = revealMessages(long, 'ko', 'console')[0]?.title ?? '';
    expect(title).not.toContain('**');
    expect(title.endsWith('…')).toBe(true);
    expect(title.length).toBeLessThanOrEqual('모범 답안 · '.length + 100);
  });

  it('shows tags that are text (List<String>, <template>, <script>) and drops only markup', () => {
    const notes =
      'The <template> element; <script>alert(1)</script>. List<String> & <b>bold</b> a<br>b <span>x</span><!-- note -->';
    expect(renderNotes(notes, 'console', 'markdown')).toBe(
      'The <template> element; <script>alert(1)</script>. List<String> & bold a\nb x',
    );
    expect(renderNotes(notes, 'slack', 'markdown')).toBe(
      'The &lt;template&gt; element; &lt;script&gt;alert(1)&lt;/script&gt;. List&lt;String&gt; &amp; bold a\nb x',
    );
    expect(renderNotes('<div>\n<template> inside\n</div>', 'console', 'markdown')).toBe(
      '<template> inside',
    );
  });
});
