import { z } from 'zod';
import { t } from '../src/i18n/index.ts';
import { clipText } from '../src/practice/split.ts';
import { decideSuggestion, pendingSuggestions } from '../src/suggestions/suggestions.ts';
import { type CommandContext, type CommandReply, defineCommand } from './types.ts';

const forbidden = (ctx: CommandContext): CommandReply => ({
  text: t(ctx.locale, 'suggest.forbidden'),
  ephemeral: true,
});

/** `/suggestions`: a manager sees what waits for a decision. */
export const suggestions = defineCommand({
  name: 'suggestions',
  description: 'cmd.suggestions',
  options: [],
  checksManager: true,
  schema: z.object({}).strict(),
  async handle(_input, ctx) {
    if (!ctx.member.canManage) return forbidden(ctx);
    const { locale } = ctx;
    const pending = await pendingSuggestions(ctx.deps, ctx.address);
    if (pending.length === 0) return { text: t(locale, 'suggestions.none'), ephemeral: true };
    const lines = [
      t(locale, 'suggestions.header', { n: pending.length }),
      ...pending.flatMap((s) => [
        t(locale, 'suggestions.row', {
          id: s.id,
          section: clipText(s.section, 100),
          prompt: clipText(s.prompt, 200),
          name: s.memberName,
        }),
        `  ${clipText(s.answer.replace(/\s+/g, ' '), 200)}`,
      ]),
      t(locale, 'suggestions.hint'),
    ];
    return { text: lines.join('\n'), ephemeral: true };
  },
});

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
  return {
    text: t(ctx.locale, approve ? 'suggest.approved' : 'suggest.rejected', { id: decided.id }),
    ephemeral: true,
  };
}

const idSchema = z.coerce.number().int().positive();

export const approve = defineCommand({
  name: 'approve',
  description: 'cmd.approve',
  options: [{ name: 'id', description: 'cmd.approve.id', required: true }],
  checksManager: true,
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
  checksManager: true,
  schema: z.object({ id: idSchema, reason: z.string().max(1000).optional() }).strict(),
  handle: (input, ctx) => decide(ctx, input.id, false, input.reason),
});
