import { describe, expect, it } from 'vitest';
import { consoleSession, practiceWorld } from './helpers.ts';

/** Issue 29: what a new member meets in the first hour, through the console. */

const words = (word: string, n: number) => Array.from({ length: n }, () => word).join(' ');

describe('the first hour in the console', () => {
  it('a mock’s model answer is shown whole and labelled, the rest behind a button to press', async () => {
    const notes = [
      '# Web',
      '\t1. What happens when you open a page?',
      `\t\t${words('fetches', 400)}`,
      '',
    ];
    const world = await practiceWorld({ web: notes.join('\n') }, { locale: 'en' });
    const first = (await consoleSession(world, ['/mock Web', 'the browser asks DNS'])).output();
    expect(first).toContain('Your answer: the browser asks DNS\nModel answer:\nfetches fetches');
    expect(first).not.toMatch(/fetches fe…|fetch…/);
    const press = /\[Show the rest\] → (\/press mock:more:\S+)/.exec(first)?.[1];
    expect(press).toBeDefined();
    const rest = (await consoleSession(world, [press as string])).output();
    expect(rest).toContain('Model answer to question 1 of 1, continued');
    const shown = [first, rest]
      .map((o) => o.match(/\bfetches(?: fetches)*/g)?.join(' ') ?? '')
      .join(' ')
      .trim();
    expect(shown).toBe(words('fetches', 400));
  });
});
