import { describe, expect, it } from 'vitest';
import { withoutMarks } from '../src/bank/marks.ts';
import { layout } from '../src/chat/render.ts';
import { RENDERERS } from '../src/chat/renderers.ts';
import { keyPoints } from '../src/coach/points.ts';
import type { QuestionRow } from '../src/core/select.ts';
import { revealMessages } from '../src/practice/reveal.ts';

/** The `==…==` key-point marks: read by the coach, never shown to a reader, never read in code. */
describe('key-point marks', () => {
  it('are not read in code: an equality test is no mark', () => {
    const code = keyPoints(
      'Compare loosely.\n```js\nif (a==b || c==d) return x;\n```\nThen coerce.',
    );
    expect(code.some((p) => p.kind === 'marked')).toBe(false);
    const span = keyPoints('`x==1 && y==2` is true only when both are. It short-circuits.');
    expect(span.map((p) => p.kind)).not.toContain('marked');
    expect(span[0]?.text).toContain('x==1 && y==2');
    // A Korean particle may follow a mark.
    expect(keyPoints('TCP는 ==연결 지향==이고 ==재전송==을 한다.').map((p) => p.text)).toEqual([
      '연결 지향',
      '재전송',
    ]);
  });

  it('are gone from a reveal on Discord, Slack and the console, code kept as written', () => {
    for (const format of ['markdown', 'text'] as const) {
      const question = {
        prompt: 'What is TCP?',
        answer:
          'TCP is ==connection oriented== and ==**ACK**s lost segments==.\n\n`a==b` stays; 연결은 ==3-way handshake==로 맺는다.',
        notes: '',
        references: [],
        format,
      } as unknown as QuestionRow;
      for (const platform of ['discord', 'slack', 'console'] as const) {
        const body = revealMessages(question, 'en', platform)
          .flatMap((m) => layout(m, RENDERERS[platform], 2000))
          .map((m) => m.body)
          .join('\n');
        expect(body, `${format} on ${platform}`).not.toMatch(/==(?!b)/);
        expect(body).toContain('connection oriented');
        expect(body).toContain('3-way handshake로');
        expect(body).toContain('a==b');
      }
    }
    expect(withoutMarks('```\nx ==y== z\n```\n==k==')).toBe('```\nx ==y== z\n```\nk');
  });
});
