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

  it('a repeated /vote and a second /grade of the same reveal say what they did', async () => {
    const world = await practiceWorld(undefined, { locale: 'en' });
    const lines = ['/ask', 'mine', '/as bob', 'his', '/vote 1', '/vote 1', '/answer'];
    const grades = ['/grade missed', '/grade missed', '/grade ok'];
    const out = (await consoleSession(world, [...lines, ...grades])).output();
    expect(out).toContain('Vote counted for answer #1.\nYou already voted for answer #1');
    const [drop] = await world.db.select().from(world.t.drops);
    const prompt = (await world.db.select().from(world.t.questions)).find(
      (q) => q.id === drop?.questionId,
    )?.prompt;
    expect(out).toContain(`Self-check saved for “${prompt}”: ❌ missed.`);
    expect(out).toContain(`Already saved for “${prompt}”: ❌ missed. Nothing changed.`);
    expect(out).toContain(`Self-check for “${prompt}” changed from ❌ missed to ✅ got it.`);
    const votes = await world.db.select().from(world.t.votes);
    expect(votes.map((v) => [v.voter, v.emoji])).toEqual([
      ['console:bob', '👍'],
      ['console:bob', '✅'],
    ]);
  });
});
