import { asc } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { weeksSvg } from '../src/charts/weeks.ts';
import { layout } from '../src/chat/render.ts';
import { RENDERERS } from '../src/chat/renderers.ts';
import type { ChannelRow } from '../src/db/store.ts';
import { historyCsv, loadHistory } from '../src/history/export.ts';
import { digestMessage, weeklyDigest, weekOf } from '../src/review/digest.ts';
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
      '/me',
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
    // Coverage over time: /me, the weekly digest, the export, the chart's series.
    expect(out).toContain(
      'Key points covered per answer: 2.0 (67% of the points, 1 answer with feedback)',
    );
    const [channel] = await world.db.select().from(world.t.channels);
    const digest = await weeklyDigest(
      world.deps,
      channel as ChannelRow,
      weekOf(world.clock.now(), 'Asia/Seoul'),
    );
    expect(digest.coverage).toMatchObject({ answers: 1, pointsPerAnswer: 2 });
    const shown = layout(digestMessage(digest, channel as ChannelRow), RENDERERS.console, 2000);
    expect(shown[0]?.body).toContain('Key points covered per answer with feedback: 2.0 (67%)');
    const [drop] = await loadHistory(world.store);
    expect(drop?.answers[0]?.points).toEqual({ covered: 2, total: 3 });
    const csv = historyCsv(drop ? [drop] : [])
      .toString('utf8')
      .split('\r\n');
    expect(csv[0]?.endsWith('self_grade,points_covered,points_total')).toBe(true);
    expect(csv[1]?.endsWith(',2,3')).toBe(true);
    expect(rows[0]?.answer).toBe(
      'DNS turns the host name into an IP address, then a TCP connection is opened',
    );
  });
});

describe('the 8-week chart', () => {
  it('draws the coach’s points per answer as a dashed series, only where a week had feedback', () => {
    const week = (w: string, points?: number | null) => ({
      week: w,
      answers: 2,
      ok: 1,
      partly: 0,
      missed: 1,
      points,
    });
    const labels = {
      title: 't',
      answers: 'answers',
      ok: 'ok',
      partly: 'partly',
      missed: 'missed',
      points: 'points per answer',
    };
    const svg = weeksSvg([week('2026-11-16', null), week('2026-11-23', 2.5)], labels);
    expect(svg).toContain('stroke-dasharray="3 2"');
    expect(svg).toContain('aria-label="week: 11/23; n: 2.5; kind: points per answer"');
    expect(svg).not.toContain('week: 11/16; n: 0; kind: points per answer');
    // No feedback at all: the chart is as before, without the series or its legend.
    const plain = weeksSvg([week('2026-11-16'), week('2026-11-23')], labels);
    expect(plain).not.toContain('points per answer');
  });
});
