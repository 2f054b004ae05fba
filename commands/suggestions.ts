import { z } from 'zod';
import { chosenBanks, drawsSuggested } from '../src/core/banks.ts';
import { ensureChannel } from '../src/core/channels.ts';
import { t } from '../src/core/i18n/index.ts';
import { around, datum, line } from '../src/core/reply/line.ts';
import { clipText } from '../src/core/split.ts';
import {
  decideSuggestion,
  pendingSuggestions,
  SUGGESTED_BANK,
} from '../src/suggestions/suggestions.ts';
import { runCommand } from './run.ts';
import { type CommandContext, type CommandReply, defineCommand } from './types.ts';

const forbidden = (ctx: CommandContext): CommandReply => ({
  blocks: [line(ctx.locale, 'suggest.forbidden')],
  ephemeral: true,
});

/** `/suggestions`: a manager sees what waits for a decision. */
export const suggestions = defineCommand({
  name: 'suggestions',
  description: 'cmd.suggestions',
  options: [],
  asksManager: true,
  schema: z.object({}).strict(),
  async handle(_input, ctx) {
    if (!ctx.member.canManage) return forbidden(ctx);
    const { locale } = ctx;
    const pending = await pendingSuggestions(ctx.deps, ctx.address);
    if (pending.length === 0)
      return { blocks: [line(locale, 'suggestions.none')], ephemeral: true };
    // Approve and Reject for the first ten (Discord shows 25 buttons at most).
    const buttons = pending.slice(0, BUTTONED).flatMap((s) => [
      {
        id: `suggestions:approve:${s.id}`,
        label: `${t(locale, 'suggestions.approve')} #${s.id}`,
        style: 'success' as const,
        typed: `/approve ${s.id}`,
      },
      {
        id: `suggestions:reject:${s.id}`,
        label: `${t(locale, 'suggestions.reject')} #${s.id}`,
        style: 'danger' as const,
        typed: `/reject ${s.id}`,
      },
    ]);
    const lines = [
      line(locale, 'suggestions.header', { n: pending.length }),
      ...pending.flatMap((s) => [
        line(locale, 'suggestions.row', {
          id: s.id,
          section: clipText(s.section, 100),
          prompt: clipText(s.prompt, 200),
          name: s.memberName,
        }),
        around('  ', datum(clipText(s.answer.replace(/\s+/g, ' '), 200)), ''),
      ]),
      line(locale, 'suggestions.hint'),
    ];
    return { blocks: lines, ephemeral: true, buttons };
  },
  async onButton(action, arg, ctx) {
    // Add `suggested` to the banks the channel chose, as `/settings banks …,suggested` would.
    if (action === 'draw') {
      const chosen = chosenBanks(await ensureChannel(ctx.deps, ctx.address));
      if (!chosen) return { blocks: [line(ctx.locale, 'interaction.stale')], ephemeral: true };
      const value = [...chosen, SUGGESTED_BANK].join(',');
      return runCommand('settings', { key: 'banks', value }, ctx);
    }
    const id = Number(arg);
    if ((action !== 'approve' && action !== 'reject') || !Number.isInteger(id) || id <= 0)
      return { blocks: [line(ctx.locale, 'interaction.stale')], ephemeral: true };
    return decide(ctx, id, action === 'approve');
  },
});

const BUTTONED = 10;

/** `/approve N` and `/reject N [reason]`: a manager decides. */
async function decide(
  ctx: CommandContext,
  id: number,
  approve: boolean,
  reason?: string,
): Promise<CommandReply> {
  if (!ctx.member.canManage) return forbidden(ctx);
  const decided = await decideSuggestion(ctx.deps, ctx.address, id, {
    by: ctx.member.id,
    approve,
    ...(reason ? { reason } : {}),
  });
  const done = line(ctx.locale, approve ? 'suggest.approved' : 'suggest.rejected', {
    id: decided.id,
  });
  const channel = await ensureChannel(ctx.deps, ctx.address);
  const chosen = chosenBanks(channel);
  if (!approve || !chosen || drawsSuggested(channel)) return { blocks: [done], ephemeral: true };
  // The channel chose its banks without `suggested`: the question would never be asked here.
  const banks = [...chosen, SUGGESTED_BANK].join(',');
  return {
    blocks: [done, line(ctx.locale, 'suggest.notDrawn', { banks: chosen.join(', ') })],
    ephemeral: true,
    buttons: [
      {
        id: 'suggestions:draw',
        label: t(ctx.locale, 'suggest.drawButton'),
        style: 'primary',
        typed: `/settings banks ${banks}`,
      },
    ],
  };
}

const idSchema = z.coerce.number().int().positive();

export const approve = defineCommand({
  name: 'approve',
  description: 'cmd.approve',
  options: [{ name: 'id', description: 'cmd.approve.id', required: true }],
  asksManager: true,
  schema: z.object({ id: idSchema }).strict(),
  handle: (input, ctx) => decide(ctx, input.id, true),
});

export const reject = defineCommand({
  name: 'reject',
  description: 'cmd.reject',
  options: [
    { name: 'id', description: 'cmd.approve.id', required: true },
    { name: 'reason', description: 'cmd.reject.reason', rest: true },
  ],
  asksManager: true,
  schema: z.object({ id: idSchema, reason: z.string().max(1000).optional() }).strict(),
  handle: (input, ctx) => decide(ctx, input.id, false, input.reason),
});
