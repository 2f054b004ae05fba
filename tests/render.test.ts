import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { syncContent } from '../src/bank/sync.ts';
import { layout, splitRendered } from '../src/chat/render.ts';
import { RENDERERS, renderNotes } from '../src/chat/renderers.ts';
import { blocks } from '../src/chat/slack/port.ts';
import type { OutMessage } from '../src/core/port.ts';
import type { QuestionRow } from '../src/core/select.ts';
import { dropQuestion } from '../src/practice/drops.ts';
import { revealAnswer, revealMessages } from '../src/practice/reveal.ts';
import { RecordingPort } from './fakes/recorder.ts';
import { practiceWorld } from './helpers.ts';

const ANSWER = [
  'Use `a < b && b > c` carefully & **always** check [MDN](https://developer.mozilla.org/x?a=1&b=2).',
  '',
  '| Method | Idempotent |',
  '| --- | --- |',
  '| GET | yes |',
  '| POST | no |',
  '',
  '```js',
  'if (a < b) {',
  '  return "<tag>";',
  '}',
  '```',
  '',
  '#### Deep heading',
  '',
  '![diagram](https://example.com/d.png) <img src="./local.png"> @everyone',
].join('\n');

describe('rendering notes for each platform', () => {
  it('Discord: Discord Markdown, tables as code blocks, deep headings bold, images as links, no pings', () => {
    const out = renderNotes(ANSWER, 'discord', 'markdown');
    expect(out).toContain('`a < b && b > c`');
    expect(out).toContain('**always**');
    expect(out).toContain('[MDN](<https://developer.mozilla.org/x?a=1&b=2>)');
    expect(out).toContain(
      '```\nMethod | Idempotent\n-------|-----------\nGET    | yes\nPOST   | no\n```',
    );
    expect(out).toContain('```js\nif (a < b) {\n  return "<tag>";\n}\n```');
    expect(out).toContain('**Deep heading**');
    expect(out).not.toContain('####');
    expect(out).toContain('[diagram](<https://example.com/d.png>)');
    expect(out).not.toContain('local.png');
    expect(out).not.toContain('<img');
    expect(out).not.toMatch(/@everyone/);
  });

  it('Slack: mrkdwn with &, < and > escaped, <url|text> links, code kept as code', () => {
    const out = renderNotes(ANSWER, 'slack', 'markdown');
    expect(out).toContain('`a &lt; b &amp;&amp; b &gt; c`');
    expect(out).toContain('carefully &amp; *always* check');
    expect(out).toContain('<https://developer.mozilla.org/x?a=1&amp;b=2|MDN>');
    expect(out).toContain('```\nif (a &lt; b) {\n  return "&lt;tag&gt;";\n}\n```');
    expect(out).toContain('```\nMethod | Idempotent');
    expect(out).toContain('*Deep heading*');
    expect(out).toContain('<https://example.com/d.png|diagram>');
    // No raw markup character from the notes reaches Slack outside our own links.
    const withoutLinks = out.replace(/<https:[^>]+>/g, '');
    expect(withoutLinks).not.toMatch(/[<>]/);
  });

  it('console: plain text', () => {
    const out = renderNotes(ANSWER, 'console', 'markdown');
    expect(out).toContain(
      'Use a < b && b > c carefully & always check MDN (https://developer.mozilla.org/x?a=1&b=2).',
    );
    expect(out).toContain('Method | Idempotent\n-------|-----------\nGET    | yes');
    expect(out).toContain('    if (a < b) {\n      return "<tag>";\n    }');
    expect(out).not.toMatch(/\*\*|```|####/);
    expect(out).toContain('Deep heading');
  });

  it('reaches Slack escaped once: rendered markup as it is, other text escaped by the adapter', () => {
    const body = renderNotes(
      'See [a & b](https://x.example/?q=1&r=2) for `<T>`',
      'slack',
      'markdown',
    );
    const sent = blocks({ title: 'Model answer', body });
    expect(sent[1]?.text).toMatchObject({
      type: 'mrkdwn',
      text: 'See <https://x.example/?q=1&amp;r=2|a &amp; b> for `&lt;T&gt;`',
    });
    const plain = layout({ body: 'a < b & c' }, RENDERERS.slack, 3000)[0] ?? { body: '' };
    expect(blocks(plain)[0]?.text).toMatchObject({ text: 'a &lt; b &amp; c' });
  });

  it('plain-text notes are shown as written, escaped where the platform needs it', () => {
    const text = '- a < b\n    indented * stays';
    expect(renderNotes(text, 'console', 'text')).toBe(text);
    expect(renderNotes(text, 'slack', 'text')).toBe('- a &lt; b\n    indented * stays');
    // On Discord a line starting `- ` would become a list item: escaped, it shows as written.
    expect(renderNotes(text, 'discord', 'text')).toBe('\\- a < b\n    indented \\* stays');
  });
});

describe('links that lead nowhere in a chat', () => {
  it('in-page anchors and addresses without a scheme are plain text; http(s) and mailto stay links', () => {
    const md =
      'See [closures](#closures), [docs](www.example.com/docs), [site](https://example.com) and [mail](mailto:a@example.com).';
    expect(renderNotes(md, 'discord', 'markdown')).toBe(
      'See closures, docs, [site](<https://example.com>) and [mail](<mailto:a@example.com>).',
    );
    expect(renderNotes(md, 'slack', 'markdown')).toBe(
      'See closures, docs, <https://example.com|site> and <mailto:a@example.com|mail>.',
    );
    expect(renderNotes(md, 'console', 'markdown')).toBe(
      'See closures, docs, site (https://example.com) and mail (mailto:a@example.com).',
    );
  });
});

describe('splitting a long answer', () => {
  const code = Array.from({ length: 60 }, (_, i) => `  line(${i}); // ${'x'.repeat(20)}`).join(
    '\n',
  );
  const long = `Intro paragraph.\n\n\`\`\`js\n${code}\n\`\`\`\n\nAfter the code.`;

  it('never cuts inside a code block: it closes the fence and opens it again', () => {
    const parts = splitRendered(long, 500);
    expect(parts.length).toBeGreaterThan(3);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(500);
      const fences = part.split('\n').filter((l) => l.startsWith('```'));
      expect(fences.length % 2).toBe(0);
    }
    expect(parts[1]?.startsWith('```js\n')).toBe(true);
    // Nothing is lost: joining the parts without the added fences gives the code back.
    const joined = parts.join('\n').replace(/\n```\n```js\n/g, '\n');
    for (let i = 0; i < 60; i++) expect(joined).toContain(`line(${i});`);
  });

  it('stays within each platform limit in a reveal, with tables, code and links', () => {
    const answer = `${ANSWER}\n\n${long}\n\n${'Long prose line with a link https://example.com/p. '.repeat(120)}`;
    const question = {
      prompt: 'How would you design a rate limiter?',
      answer,
      notes: '',
      references: [{ url: 'https://example.com/r?a=1&b=2', label: 'R & D' }],
      format: 'markdown',
    } as unknown as QuestionRow;
    for (const [platform, max] of [
      ['discord', 4000],
      ['slack', 3000],
      ['console', 2000],
    ] as const) {
      const messages = revealMessages(question, 'en', platform).flatMap((m) =>
        layout(m, RENDERERS[platform], max),
      );
      expect(messages.length).toBeGreaterThan(1);
      for (const m of messages) {
        const size = (m.title ?? '').length + m.body.length + (m.footer ?? '').length;
        expect(size).toBeLessThanOrEqual(max);
        expect(m.body.split('\n').filter((l) => l.startsWith('```')).length % 2).toBe(0);
      }
      const refs = messages[messages.length - 1]?.body;
      if (platform === 'slack')
        expect(refs).toBe('- <https://example.com/r?a=1&amp;b=2|R &amp; D>');
      if (platform === 'discord') expect(refs).toBe('- [R & D](<https://example.com/r?a=1&b=2>)');
      if (platform === 'console') expect(refs).toBe('- R & D: https://example.com/r?a=1&b=2');
    }
  });

  it('a code block the notes never closed is closed in every part', () => {
    for (const max of [40, 500]) {
      const parts = splitRendered('Intro.\n\n```js\nconst a = 1;\nconst b = 2;\nconst c = 3;', max);
      expect(parts.length).toBeGreaterThan(0);
      for (const part of parts)
        expect(part.split('\n').filter((l) => l.startsWith('```')).length % 2).toBe(0);
    }
  });

  it('a question the notes do not answer says so in the reveal', () => {
    const question = {
      answer: '',
      notes: '',
      references: [],
      format: 'markdown',
    } as unknown as QuestionRow;
    expect(
      layout(revealMessages(question, 'en', 'slack')[0] ?? { body: '' }, RENDERERS.slack, 3000)[0]
        ?.body,
    ).toBe('The notes have no answer to this question yet: compare your answers in the thread.');
    expect(
      layout(revealMessages(question, 'ko', 'slack')[0] ?? { body: '' }, RENDERERS.slack, 3000)[0]
        ?.body,
    ).toContain('노트에 이 질문의 답이 아직 없습니다');
  });
});

describe('a Markdown question in a channel', () => {
  it('drops with its body rendered for Slack, and its reveal says the notes have no answer', async () => {
    const world = await practiceWorld({});
    writeFileSync(
      join(world.content, 'quiz.md'),
      '## Quiz\n\n#### 1. What is the output of below code?\n\n```js\nconsole.log(1 < 2 && "a")\n```\n\n- 1: true\n- 2: "a"\n\n<details><summary>Answer</summary>\n\n</details>\n\n#### 2. Why?\n\nBecause.\n',
    );
    await syncContent(world.store, [world.content], world.clock.now());
    const slack = new RecordingPort('slack', 3000);
    world.deps.ports.slack = slack;
    const address = { platform: 'slack' as const, workspace: 'T1', channel: 'C1' };
    let posted: { message: OutMessage; threadRef: string } | undefined;
    for (let i = 0; i < 10 && !posted; i++) {
      await dropQuestion(world.deps, address);
      const drop = slack.records.at(-1) as { message: OutMessage; threadRef: string };
      if (drop.message.body.includes('below code')) posted = drop;
    }
    expect(posted?.message.body).toBe(
      'What is the output of below code?\n\n```\nconsole.log(1 &lt; 2 &amp;&amp; "a")\n```\n\n• 1: true\n• 2: "a"',
    );
    await revealAnswer(world.deps, address, { threadRef: posted?.threadRef ?? '' });
    const reveal = slack.records.filter((r) => 'message' in r).at(-1) as { message: OutMessage };
    expect(reveal.message.body).toBe(
      'The notes have no answer to this question yet: compare your answers in the thread.',
    );
    await world.store.close();
  });
});

describe('a structured message through each port’s renderer', () => {
  it('shows data in a catalogue line as written, an address as a link, the line in its markup', () => {
    const message = {
      body: '',
      blocks: [
        {
          kind: 'fill' as const,
          text: '- {d0}: 3 & `{d0}` {d1}',
          data: { d0: '@everyone <b> *Mina*', d1: { url: 'https://x.example/?a=1&b=2' } },
        },
      ],
    };
    expect(layout(message, RENDERERS.slack, 3000)[0]?.body).toBe(
      '- @everyone &lt;b&gt; *Mina*: 3 &amp; `@everyone &lt;b&gt; *Mina*` <https://x.example/?a=1&amp;b=2>',
    );
    expect(layout(message, RENDERERS.discord, 4000)[0]?.body).toBe(
      '- @\u200beveryone <b> \\*Mina\\*: 3 & `@everyone <b> *Mina*` <https://x.example/?a=1&b=2>',
    );
    expect(layout(message, RENDERERS.console, 4000)[0]?.body).toBe(
      '- @everyone <b> *Mina*: 3 & `@everyone <b> *Mina*` https://x.example/?a=1&b=2',
    );
  });

  it('splits a long block over messages: footer and buttons on the first, `more` on the rest', () => {
    const parts = layout(
      {
        title: 'Answer',
        more: 'Answer (continued)',
        body: '',
        footer: 'Grade yourself',
        buttons: [{ id: 'coach:ask:1', label: 'Feedback' }],
        blocks: [{ kind: 'notes', text: 'word '.repeat(300), format: 'text', fit: 'split' }],
      },
      RENDERERS.console,
      500,
    );
    expect(parts.length).toBeGreaterThan(2);
    expect(parts.map((p) => p.title)).toEqual([
      'Answer',
      ...parts.slice(1).map(() => 'Answer (continued)'),
    ]);
    expect(parts.map((p) => [p.footer, p.buttons?.length])).toEqual(
      parts.map((_, i) => (i === 0 ? ['Grade yourself', 1] : [undefined, undefined])),
    );
    for (const p of parts)
      expect((p.title ?? '').length + p.body.length + (p.footer ?? '').length).toBeLessThanOrEqual(
        500,
      );
    expect(
      parts
        .map((p) => p.body)
        .join(' ')
        .replace(/\s+/g, ' ')
        .trim(),
    ).toBe('word '.repeat(300).trim());
  });
});
