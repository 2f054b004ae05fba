import { z } from 'zod';
import { weeksPng } from '../src/charts/weeks.ts';
import { coverageByWeek, coverageFigures } from '../src/coach/feedback.ts';
import { shownTopic } from '../src/core/bidi.ts';
import { channelTimezone, ensureChannel } from '../src/core/channels.ts';
import type { PracticeDeps } from '../src/core/deps.ts';
import { type Locale, t } from '../src/core/i18n/index.ts';
import type { Fill } from '../src/core/message.ts';
import type { OutFile } from '../src/core/port.ts';
import { BLANK, line } from '../src/core/reply/line.ts';
import { clipText } from '../src/core/split.ts';
import { type Progress, progressOf } from '../src/review/progress.ts';
import { learnerOf } from './review.ts';
import { defineCommand } from './types.ts';

/** The sections /me lists. */
const SECTIONS = 8;

/** The chart's file name: the same on every platform. */
export const CHART_FILE = 'drill-progress.png';

/**
 * The last weeks as a picture, when there is anything to draw. A chart that cannot be drawn
 * leaves the numbers, which say the same, and is logged.
 */
async function weeksChart(
  deps: PracticeDeps,
  weeks: (Progress['weeks'][number] & { points: number | null })[],
  locale: Locale,
): Promise<OutFile[]> {
  if (!weeks.some((w) => w.answers + w.ok + w.partly + w.missed > 0)) return [];
  const title = t(locale, 'me.chartAlt');
  try {
    const bytes = await weeksPng(weeks, {
      title,
      answers: t(locale, 'me.chartAnswers'),
      ok: t(locale, 'me.chartOk'),
      partly: t(locale, 'me.chartPartly'),
      missed: t(locale, 'me.chartMissed'),
      points: t(locale, 'me.chartCoverage'),
    });
    return [{ name: CHART_FILE, bytes, title }];
  } catch (err) {
    deps.log.error({ err }, '/me: drawing the chart failed; the numbers go alone');
    return [];
  }
}

/** `/me`: the member's own progress, privately, with a chart of the last weeks. */
export const me = defineCommand({
  name: 'me',
  description: 'cmd.me',
  options: [],
  schema: z.object({}).strict(),
  async handle(_input, ctx) {
    const p = await progressOf(ctx.deps, ctx.address, learnerOf(ctx));
    const { locale } = ctx;
    const lines: Fill[] = [
      line(locale, 'me.title', { name: ctx.member.name }),
      line(locale, 'me.answers', { answers: p.answers, votes: p.votes, streak: p.streak }),
      line(locale, 'me.dueWeek', { n: p.dueThisWeek }),
      BLANK,
    ];
    if (p.sections.length === 0) lines.push(line(locale, 'me.noGrades'));
    else {
      lines.push(line(locale, 'me.sectionsTitle'));
      for (const s of p.sections.slice(0, SECTIONS))
        lines.push(
          line(locale, 'me.section', { ...s, section: clipText(shownTopic(s.section), 100) }),
        );
    }
    lines.push(BLANK, line(locale, 'me.weeksTitle'));
    for (const w of p.weeks) lines.push(line(locale, 'me.week', w));
    // The coach's figures over the same weeks: key points covered per answer it judged.
    const channel = await ensureChannel(ctx.deps, ctx.address);
    const coach = await coverageByWeek(
      ctx.deps,
      learnerOf(ctx),
      p.weeks.map((w) => w.week),
      channelTimezone(ctx.deps, channel),
    );
    if (coach.all.answers > 0)
      lines.push(BLANK, line(locale, 'coach.coverage', coverageFigures(coach.all)));
    const weeks = p.weeks.map((w, i) => ({ ...w, points: coach.weeks[i] ?? null }));
    const files = await weeksChart(ctx.deps, weeks, locale);
    return { blocks: lines, ephemeral: true, ...(files.length ? { files } : {}) };
  },
});
