import { z } from 'zod';
import { ensureChannel } from '../src/core/channels.ts';
import { t } from '../src/core/i18n/index.ts';
import { line } from '../src/core/reply/line.ts';
import { hiddenDraft, saveHiddenAnswer } from '../src/practice/hidden.ts';
import { revealAnswer } from '../src/practice/reveal.ts';
import { mayReveal } from '../src/settings/managers.ts';
import { feedbackButton } from './feedback.ts';
import { defineCommand } from './types.ts';

/** A drop id from a button or form id; NaN (no such drop) for anything else. */
const dropIdOf = (arg: string | null) => (arg && /^\d+$/.test(arg) ? Number(arg) : Number.NaN);

export const answer = defineCommand({
  name: 'answer',
  description: 'cmd.answer',
  options: [],
  asksManager: (channel) => channel.revealBy === 'managers',
  schema: z.object({}).strict(),
  async handle(_input, ctx) {
    const channel = await ensureChannel(ctx.deps, ctx.address);
    if (!(await mayReveal(ctx.deps, channel, ctx.member)))
      return { blocks: [line(ctx.locale, 'answer.managersOnly')], ephemeral: true };
    const result = await revealAnswer(ctx.deps, ctx.address, {
      threadRef: ctx.threadRef,
      channel,
    });
    if (result.kind === 'none')
      return { blocks: [line(ctx.locale, 'answer.nothingOpen')], ephemeral: true };
    if (result.kind === 'already') {
      return {
        blocks: [
          result.link
            ? line(ctx.locale, 'answer.already', { link: { url: result.link } })
            : line(ctx.locale, 'answer.alreadyHere'),
        ],
        ephemeral: true,
      };
    }
    // The console has no threads: the reveal is printed right above this answer.
    const where = ctx.address.platform === 'console' ? 'answer.revealedConsole' : 'answer.revealed';
    return { blocks: [line(ctx.locale, where)], ephemeral: true };
  },
  // Hidden answers: the drop's Answer button opens a form with what the member wrote so far.
  async onButton(action, arg, ctx) {
    if (action !== 'write')
      return { blocks: [line(ctx.locale, 'interaction.stale')], ephemeral: true };
    const dropId = dropIdOf(arg);
    const draft = await hiddenDraft(ctx.deps, ctx.address, dropId, ctx.member.id);
    return {
      blocks: [],
      ephemeral: true,
      form: {
        id: `answer:hidden:${dropId}`,
        title: t(ctx.locale, 'hidden.formTitle'),
        submit: t(ctx.locale, 'hidden.submit'),
        fields: [
          {
            id: 'text',
            label: t(ctx.locale, 'hidden.field'),
            long: true,
            maxLength: 4000,
            ...(draft ? { value: draft } : {}),
          },
        ],
      },
    };
  },
  async onForm(formId, values, ctx) {
    const [form, arg = null] = formId.split(':');
    if (form !== 'hidden')
      return { blocks: [line(ctx.locale, 'interaction.stale')], ephemeral: true };
    const { replaced } = await saveHiddenAnswer(ctx.deps, {
      address: ctx.address,
      dropId: dropIdOf(arg),
      member: ctx.member.id,
      memberName: ctx.member.name,
      text: values.text ?? '',
    });
    const blocks = [line(ctx.locale, replaced ? 'hidden.replaced' : 'hidden.saved')];
    // The coach's button under the member's own answer, before the reveal too.
    const channel = await ensureChannel(ctx.deps, ctx.address);
    if (!channel.coach) return { blocks, ephemeral: true };
    return { blocks, ephemeral: true, buttons: [feedbackButton(ctx.locale, dropIdOf(arg))] };
  },
});
