import type { App, BlockAction, RespondFn } from '@slack/bolt';
import {
  type Button,
  type CommandContext,
  type CommandReply,
  type Form,
  runButton,
  runForm,
} from '../../../commands/index.ts';
import type { PracticeDeps } from '../../core/deps.ts';
import { t } from '../../core/i18n/index.ts';
import { clipText } from '../../core/split.ts';
import { renderReply } from '../render.ts';
import { sendReplyFiles } from './files.ts';
import { SLACK } from './render.ts';

/** Buttons as an actions block: 25 at most, labels of 75 characters; Slack styles two of them. */
export function actionsBlock(buttons: Button[]) {
  return {
    type: 'actions',
    elements: buttons.slice(0, 25).map((b) => ({
      type: 'button',
      text: { type: 'plain_text', text: clipText(b.label, 75), emoji: true },
      action_id: b.id,
      value: b.id,
      ...(b.style === 'primary' || b.style === 'danger' ? { style: b.style } : {}),
    })),
  };
}

/** Where a form was opened from, carried through the modal (Slack's view has no channel). */
interface Where {
  channel: string;
  /** The thread the form was opened in, if any. */
  thread: string | null;
}

/** A form as a Slack modal: an input block per field; titles and button labels of 24. */
export function modalView(form: Form, where: Where, closeLabel: string) {
  return {
    type: 'modal' as const,
    callback_id: form.id,
    title: { type: 'plain_text' as const, text: clipText(form.title, 24) },
    submit: { type: 'plain_text' as const, text: clipText(form.submit, 24) },
    close: { type: 'plain_text' as const, text: clipText(closeLabel, 24) },
    private_metadata: JSON.stringify(where),
    blocks: form.fields.map((field) => ({
      type: 'input',
      block_id: field.id,
      optional: field.required === false,
      label: { type: 'plain_text', text: clipText(field.label, 2000) },
      element: {
        type: 'plain_text_input',
        action_id: field.id,
        multiline: field.long ?? false,
        max_length: Math.min(field.maxLength ?? 3000, 3000),
        ...(field.value ? { initial_value: clipText(field.value, 3000) } : {}),
      },
    })),
  };
}

/** A reply's text (escaped: names and options in it ping nobody) and its buttons as blocks. */
export function replyMessage(reply: CommandReply) {
  // Command names as Slack members type them (/drill ask); names and options are data: escaped.
  const text = renderReply(reply.blocks, SLACK);
  if (!reply.buttons?.length) return { text };
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: clipText(text, 3000) } },
      actionsBlock(reply.buttons),
    ],
  };
}

/** Who clicked or submitted, and where: what a command context is built from. */
export interface Origin {
  team: string;
  channel: string;
  thread: string | null;
  user: string;
  userName: string;
}

/**
 * Delivers a command's reply to the person: a form opens as a modal with the trigger, an
 * ephemeral answer is seen only by them (in the thread where there is one), a public one is
 * posted where the click was.
 */
async function deliver(
  app: App,
  reply: CommandReply,
  origin: Origin,
  triggerId: string,
  locale: CommandContext['locale'],
): Promise<void> {
  if (reply.form) {
    await app.client.views.open({
      trigger_id: triggerId,
      view: modalView(
        reply.form,
        { channel: origin.channel, thread: origin.thread },
        t(locale, 'form.close'),
      ),
    });
    return;
  }
  const where = { channel: origin.channel, ...(origin.thread ? { thread_ts: origin.thread } : {}) };
  if (reply.ephemeral)
    await app.client.chat.postEphemeral({ ...where, user: origin.user, ...replyMessage(reply) });
  else await app.client.chat.postMessage({ ...where, ...replyMessage(reply) });
}

/** A slash command's reply: a form opens with the command's trigger, the rest is its answer. */
export async function answerSlash(
  app: App,
  reply: CommandReply,
  locale: CommandContext['locale'],
  body: { trigger_id: string; channel_id: string },
  respond: RespondFn,
): Promise<void> {
  if (reply.form) {
    await app.client.views.open({
      trigger_id: body.trigger_id,
      view: modalView(
        reply.form,
        { channel: body.channel_id, thread: null },
        t(locale, 'form.close'),
      ),
    });
    return;
  }
  await respond({
    response_type: reply.ephemeral ? 'ephemeral' : 'in_channel',
    ...replyMessage(reply),
  });
}

/**
 * Button clicks (block_actions) and submitted modals (view_submission) whose ids name a
 * command (`<command>:<action>[:<arg>]`): acknowledged first, then routed to the command.
 */
export function registerInteractions(
  deps: PracticeDeps,
  app: App,
  contextOf: (origin: Origin) => Promise<CommandContext>,
): void {
  const withFiles = (reply: CommandReply, origin: Origin, ctx: CommandContext) =>
    sendReplyFiles(deps, reply, {
      address: ctx.address,
      thread: origin.thread,
      member: origin.user,
      locale: ctx.locale,
    });
  app.action<BlockAction>(/^[^:]+:[^:]+/, async ({ ack, body, action }) => {
    await ack();
    if (body.type !== 'block_actions' || !('action_id' in action) || !body.channel) return;
    const origin: Origin = {
      team: body.team?.id ?? body.user.team_id ?? '',
      channel: body.channel.id,
      thread: (body.message?.thread_ts as string | undefined) ?? null,
      user: body.user.id,
      userName: body.user.name ?? body.user.username,
    };
    const ctx = await contextOf(origin);
    const reply = await withFiles(await runButton(action.action_id, ctx), origin, ctx);
    await deliver(app, reply, origin, body.trigger_id, ctx.locale);
  });

  app.view(/^[^:]+:[^:]+/, async ({ ack, body, view }) => {
    await ack();
    if (body.type !== 'view_submission') return;
    let where: Where;
    try {
      where = JSON.parse(view.private_metadata) as Where;
    } catch {
      deps.log.warn({ callback: view.callback_id }, 'slack: a submitted view without its origin');
      return;
    }
    const origin: Origin = {
      team: body.team?.id ?? view.team_id,
      channel: where.channel,
      thread: where.thread,
      user: body.user.id,
      userName: body.user.name,
    };
    const values: Record<string, string> = {};
    for (const block of Object.values(view.state.values)) {
      for (const [id, state] of Object.entries(block)) values[id] = state.value ?? '';
    }
    const ctx = await contextOf(origin);
    const reply = await withFiles(await runForm(view.callback_id, values, ctx), origin, ctx);
    await deliver(app, reply, origin, body.trigger_id, ctx.locale);
  });
}
