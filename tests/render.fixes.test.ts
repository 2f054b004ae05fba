import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { renderNotes } from '../src/chat/render.ts';

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
});
