import { type Client, Events } from 'discord.js';
import {
  noticeText,
  onMessageDelete,
  onMessageEdit,
  onThreadMessage,
} from '../../../../commands/events.ts';
import type { PracticeDeps } from '../../../core/deps.ts';
import { messageRef } from '../port.ts';
import { NO_MENTIONS } from '../text.ts';
import { addressOf, memberName, safely, tellInChannel } from '../where.ts';

/** Messages in threads (replies, mock answers), their edits and deletions. */
export function registerMessages(deps: PracticeDeps, client: Client): void {
  client.on(Events.MessageCreate, (message) => {
    if (!message.channel.isThread() || !message.guildId) return;
    const guildId = message.guildId;
    // Read now: the member cache keeps only the latest member of a server (see startDiscord).
    const name = memberName(message);
    safely(
      deps,
      'message',
      (async () => {
        const { address, threadRef } = await addressOf(client, guildId, message.channelId);
        if (!threadRef) return;
        const outcome = await onThreadMessage(deps, {
          address,
          threadRef,
          messageRef: messageRef(message.channelId, message.id),
          member: message.author.id,
          memberName: name,
          isBot: message.author.bot,
          text: message.content,
          at: message.createdTimestamp,
        });
        if (outcome.kind === 'notSaved')
          await message.reply({ content: noticeText(outcome, name), allowedMentions: NO_MENTIONS });
      })(),
    );
  });

  client.on(Events.MessageUpdate, (_old, message) => {
    const { guildId, content } = message;
    if (!guildId || content === null) return;
    safely(
      deps,
      'message edit',
      (async () => {
        const { address } = await addressOf(client, guildId, message.channelId);
        const ref = messageRef(message.channelId, message.id);
        const notice = await onMessageEdit(deps, { address, messageRef: ref, text: content });
        if (notice && message.author)
          await tellInChannel(client, message.channelId, {
            content: noticeText(notice, `<@${message.author.id}>`),
          });
      })(),
    );
  });

  client.on(Events.MessageDelete, (message) => {
    const { guildId } = message;
    if (!guildId) return;
    safely(
      deps,
      'message delete',
      (async () => {
        const { address } = await addressOf(client, guildId, message.channelId);
        await onMessageDelete(deps, {
          address,
          messageRef: messageRef(message.channelId, message.id),
        });
      })(),
    );
  });
}
