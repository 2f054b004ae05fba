import { asc } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { consoleSession, practiceWorld, STORES } from './helpers.ts';

/** One question whose answer has two parts, so the coach can say which part is missing. */
const NOTES = `# Web
\t1. What happens when you type a URL into a browser?
\t\tNetwork:
\t\t- DNS resolves the host name to an IP address
\t\t- the browser opens a TCP connection
\t\tPage:
\t\t- the browser parses the HTML and fetches the CSS
`;

describe.each(STORES)('the answer coach in the console (%s)', (kind) => {
  it('counts before the reveal without quoting, quotes after it, stores each, and obeys the setting', async () => {
    const world = await practiceWorld({ web: NOTES }, { store: kind, locale: 'en' });
    const s = await consoleSession(world, [
      '/ask',
      'DNS turns the host name into an IP address, then a TCP connection is opened',
      '/feedback',
      '/answer',
      '/feedback',
      '/settings coach off',
      '/feedback',
    ]);
    const out = s.output();
    const [before = '', after = ''] = out.split('── Model answer');
    const early = before.slice(before.indexOf('Coach ·'));
    expect(early).toContain('Your answer covers 2 of 3 key points of the notes.');
    expect(early).toContain('Parts not covered yet: Page.');
    // Before the reveal nothing of the model answer is quoted.
    expect(early).not.toContain('parses the HTML');
    expect(early).not.toContain('DNS resolves');
    expect(after).toContain('[Feedback] → /feedback');
    const late = after.slice(after.indexOf('Coach ·'));
    expect(late).toContain('Covered:\n✓ “DNS resolves the host name to an IP address”');
    expect(late).toContain(
      'Missed (as the notes put it):\n✗ “the browser parses the HTML and fetches the CSS”',
    );
    expect(out).toContain('The answer coach is off in this channel');

    const rows = await world.db
      .select()
      .from(world.t.coachFeedback)
      .orderBy(asc(world.t.coachFeedback.id));
    expect(
      rows.map((r) => [r.covered, r.total, r.revealed, r.verdict, r.replyId !== null]),
    ).toEqual([
      [2, 3, false, 'answered', true],
      [2, 3, true, 'answered', true],
    ]);
    expect(rows[0]?.answer).toBe(
      'DNS turns the host name into an IP address, then a TCP connection is opened',
    );
  });
});
