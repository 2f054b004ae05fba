import { z } from 'zod';
import { t } from '../src/core/i18n/index.ts';
import { line } from '../src/core/reply/line.ts';
import {
  checkPendingLimit,
  LIMITS,
  type Proposal,
  proposeSuggestion,
  splitProposal,
} from '../src/suggestions/suggestions.ts';
import { type CommandContext, type CommandReply, defineCommand, type Form } from './types.ts';

/** The form /suggest opens with no text: a Discord or Slack modal, the console's fields. */
function form(ctx: CommandContext): Form {
  const { locale } = ctx;
  return {
    id: 'suggest:new',
    title: t(locale, 'suggest.formTitle'),
    fields: [
      { id: 'section', label: t(locale, 'name.section'), maxLength: LIMITS.section },
      { id: 'question', label: t(locale, 'name.question'), long: true, maxLength: LIMITS.prompt },
      {
        id: 'answer',
        label: t(locale, 'cmd.suggest.answer'),
        long: true,
        maxLength: LIMITS.answer,
      },
    ],
    submit: t(locale, 'suggest.submit'),
  };
}

async function propose(proposal: Proposal, ctx: CommandContext): Promise<CommandReply> {
  const saved = await proposeSuggestion(ctx.deps, ctx.address, ctx.member, proposal);
  return { blocks: [line(ctx.locale, 'suggest.saved', { id: saved.id })], ephemeral: true };
}

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
  opensForm: true,
  async handle(input, ctx) {
    const { locale } = ctx;
    // Nothing given: the form asks for the three parts, unless the member may not suggest more
    // now (told before they write it all).
    if (!input.section?.trim() && !input.question && !input.answer) {
      await checkPendingLimit(ctx.deps, ctx.address, ctx.member.id);
      return { blocks: [line(locale, 'suggest.usage')], ephemeral: true, form: form(ctx) };
    }
    // Text (console, Slack) gives one line with `|` between the parts.
    const proposal =
      input.question !== undefined && input.answer !== undefined
        ? { section: input.section ?? '', prompt: input.question, answer: input.answer }
        : splitProposal(input.section ?? '');
    if (!proposal) return { blocks: [line(locale, 'suggest.usage')], ephemeral: true };
    return propose(proposal, ctx);
  },
  async onForm(formId, values, ctx) {
    if (formId !== 'new')
      return { blocks: [line(ctx.locale, 'interaction.stale')], ephemeral: true };
    return propose(
      { section: values.section ?? '', prompt: values.question ?? '', answer: values.answer ?? '' },
      ctx,
    );
  },
});
