import type { App } from '@slack/bolt';
import { onMessageDelete, onMessageEdit, onThreadMessage } from '../../../../commands/events.ts';
import type { PracticeDeps } from '../../../core/deps.ts';
import type { ChannelAddress } from '../../../core/port.ts';
import type { SlackDirectory } from '../directory.ts';
import { tellNotSaved } from '../notice.ts';
import { onDirectMessage } from '../private.ts';

/** Messages: replies in drop threads, their edits and deletions, mock answers in a DM. */
export function registerMessages(deps: PracticeDeps, app: App, directory: SlackDirectory): void {
  app.event('message', async ({ event, context }) => {
    const e = event as unknown as Record<string, unknown>;
    if (e.channel_type === 'im') return onDirectMessage(deps, e);
    const address: ChannelAddress = {
      platform: 'slack',
      workspace: context.teamId ?? '',
      channel: String(e.channel),
    };
    if (e.subtype === 'message_changed') {
      const m = e.message as { ts: string; text?: string; user?: string; thread_ts?: string };
      const notice = await onMessageEdit(deps, { address, messageRef: m.ts, text: m.text ?? '' });
      if (notice && m.user) {
        const where = { user: m.user, ...(m.thread_ts ? { threadTs: m.thread_ts } : {}) };
        await tellNotSaved(app, address, where, notice);
      }
      return;
    }
    if (e.subtype === 'message_deleted') {
      await onMessageDelete(deps, { address, messageRef: String(e.deleted_ts) });
      return;
    }
    if (e.subtype !== undefined && e.subtype !== 'thread_broadcast' && e.subtype !== 'bot_message')
      return;
    const thread = e.thread_ts as string | undefined;
    if (!thread || thread === e.ts) return;
    const member = String(e.user ?? e.bot_id ?? '');
    const bot = e.bot_id !== undefined || e.subtype === 'bot_message' || !e.user;
    const user = (bot ? undefined : directory.peek(member)) ?? { name: member, isBot: bot };
    const outcome = await onThreadMessage(deps, {
      address,
      threadRef: thread,
      messageRef: String(e.ts),
      member,
      memberName: user.name,
      isBot: user.isBot,
      text: String(e.text ?? ''),
      at: Math.round(Number(e.ts) * 1000),
    });
    if (outcome.kind === 'notSaved')
      await tellNotSaved(app, address, { user: member, threadTs: thread }, outcome);
    else if (!bot) directory.learn(member);
  });
}
