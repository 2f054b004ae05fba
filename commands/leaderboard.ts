import { z } from 'zod';
import { t } from '../src/core/i18n/index.ts';
import { line } from '../src/core/reply/line.ts';
import { PERIODS, type Period, leaderboard as standings } from '../src/core/standings.ts';
import { type CommandContext, type CommandReply, defineCommand } from './types.ts';

const SHOWN = 10;

/** The standings of a period, with buttons for the other periods. */
async function board(
  period: Period,
  ctx: CommandContext,
  ephemeral: boolean,
): Promise<CommandReply> {
  const rows = await standings(ctx.deps, ctx.address, period, { limit: SHOWN });
  const name = line(ctx.locale, `leaderboard.${period}`);
  // Another period is a click away; its standings are shown only to whoever asked.
  const buttons = PERIODS.filter((p) => p !== period).map((p) => ({
    id: `leaderboard:period:${p}`,
    label: t(ctx.locale, `leaderboard.${p}`),
    typed: `/leaderboard ${p}`,
  }));
  if (rows.length === 0)
    return {
      blocks: [line(ctx.locale, 'leaderboard.empty', { period: name })],
      ephemeral,
      buttons,
    };
  const lines = rows.slice(0, SHOWN).map((r, i) =>
    line(ctx.locale, 'leaderboard.row', {
      rank: i + 1,
      name: r.name,
      replies: r.replies,
      votes: r.votes,
      streak: r.streak,
    }),
  );
  return {
    blocks: [line(ctx.locale, 'leaderboard.title', { period: name }), ...lines],
    ephemeral,
    buttons,
  };
}

export const leaderboard = defineCommand({
  name: 'leaderboard',
  description: 'cmd.leaderboard',
  options: [{ name: 'period', description: 'cmd.leaderboard.period', choices: PERIODS }],
  public: true,
  schema: z.object({ period: z.enum(PERIODS).default('week') }).strict(),
  handle: ({ period }, ctx) => board(period, ctx, false),
  async onButton(action, arg, ctx) {
    const period = PERIODS.find((p) => p === arg);
    if (action !== 'period' || !period)
      return { blocks: [line(ctx.locale, 'interaction.stale')], ephemeral: true };
    return board(period, ctx, true);
  },
});
