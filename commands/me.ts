import { z } from 'zod';
import { t } from '../src/i18n/index.ts';
import { clipText } from '../src/practice/split.ts';
import { progressOf } from '../src/review/progress.ts';
import { learnerOf } from './review.ts';
import { defineCommand } from './types.ts';

/** The sections /me lists. */
const SECTIONS = 8;

/** `/me`: the member's own progress, privately. */
export const me = defineCommand({
  name: 'me',
  description: 'cmd.me',
  options: [],
  schema: z.object({}).strict(),
  async handle(_input, ctx) {
    const p = await progressOf(ctx.deps, ctx.address, learnerOf(ctx));
    const { locale } = ctx;
    const lines = [
      t(locale, 'me.title', { name: ctx.member.name }),
      t(locale, 'me.answers', { answers: p.answers, votes: p.votes, streak: p.streak }),
      t(locale, 'me.dueWeek', { n: p.dueThisWeek }),
      '',
    ];
    if (p.sections.length === 0) lines.push(t(locale, 'me.noGrades'));
    else {
      lines.push(t(locale, 'me.sectionsTitle'));
      for (const s of p.sections.slice(0, SECTIONS))
        lines.push(t(locale, 'me.section', { ...s, section: clipText(s.section, 100) }));
    }
    lines.push('', t(locale, 'me.weeksTitle'));
    for (const w of p.weeks) lines.push(t(locale, 'me.week', w));
    return { text: lines.join('\n'), ephemeral: true };
  },
});
