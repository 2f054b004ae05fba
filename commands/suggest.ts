import { z } from 'zod';
import { t } from '../src/i18n/index.ts';
import { proposeSuggestion, splitProposal } from '../src/suggestions/suggestions.ts';
import { defineCommand } from './types.ts';

/** `/suggest section | question | answer`: a member proposes a question for the group's bank. */
export const suggest = defineCommand({
  name: 'suggest',
  description: 'cmd.suggest',
  options: [
    { name: 'section', description: 'cmd.suggest.section', rest: true, raw: true },
    { name: 'question', description: 'cmd.suggest.question' },
    { name: 'answer', description: 'cmd.suggest.answer' },
  ],
  schema: z
    .object({
      section: z.string().max(5000).optional(),
      question: z.string().max(5000).optional(),
      answer: z.string().max(5000).optional(),
    })
    .strict(),
  async handle(input, ctx) {
    const { locale } = ctx;
    // Text (console, Slack) gives one line with `|` between the parts.
    const proposal =
      input.question !== undefined && input.answer !== undefined
        ? { section: input.section ?? '', prompt: input.question, answer: input.answer }
        : splitProposal(input.section ?? '');
    if (!proposal) return { text: t(locale, 'suggest.usage'), ephemeral: true };
    const saved = await proposeSuggestion(ctx.deps, ctx.address, ctx.member, proposal);
    return { text: t(locale, 'suggest.saved', { id: saved.id }), ephemeral: true };
  },
});
