import { z } from 'zod';
import { t } from '../src/i18n/index.ts';
import { PERIODS, leaderboard as standings } from '../src/practice/leaderboard.ts';
import { defineCommand } from './types.ts';

const SHOWN = 10;

export const leaderboard = defineCommand({
  name: 'leaderboard',
  description: 'cmd.leaderboard',
  options: [{ name: 'period', description: 'cmd.leaderboard.period', choices: PERIODS }],
  public: true,
  schema: z.object({ period: z.enum(PERIODS).default('week') }).strict(),
  async handle({ period }, ctx) {
    const rows = await standings(ctx.deps, ctx.address, period);
    const name = t(ctx.locale, `leaderboard.${period}`);
    if (rows.length === 0)
      return { text: t(ctx.locale, 'leaderboard.empty', { period: name }), ephemeral: false };
    const lines = rows.slice(0, SHOWN).map((r, i) =>
      t(ctx.locale, 'leaderboard.row', {
        rank: i + 1,
        name: r.name,
        replies: r.replies,
        votes: r.votes,
        streak: r.streak,
      }),
    );
    return {
      text: [t(ctx.locale, 'leaderboard.title', { period: name }), ...lines].join('\n'),
      ephemeral: false,
    };
  },
});
