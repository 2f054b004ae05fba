import type { App } from '@slack/bolt';
import type { NotSavedNotice } from '../../../commands/events.ts';
import { noticeText } from '../../../commands/events.ts';
import type { ChannelAddress } from '../../core/port.ts';
import { escapeMrkdwn } from './text.ts';

/** Tells one member, in the thread, that what they did was not stored; seen only by them. */
export async function tellNotSaved(
  app: App,
  address: ChannelAddress,
  where: { user: string; threadTs?: string },
  notice: NotSavedNotice,
): Promise<void> {
  // The member is named with Slack's own mention, which shows their name; an ephemeral
  // message notifies no one else.
  const text = escapeMrkdwn(noticeText(notice, '{name}'));
  await app.client.chat.postEphemeral({
    channel: address.channel,
    user: where.user,
    ...(where.threadTs ? { thread_ts: where.threadTs } : {}),
    text: text.replace('{name}', `<@${where.user}>`),
  });
}
