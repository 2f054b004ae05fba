import { type Client, Events } from 'discord.js';
import {
  noticeText,
  onMessageDelete,
  onMessageEdit,
  onThreadMessage,
} from '../../../../commands/events.ts';
import type { PracticeDeps } from '../../../core/deps.ts';
import { nextTurn } from '../../../core/turns.ts';
import { messageRef } from '../port.ts';
import { addressOf, memberName, safely, tellInChannel } from '../where.ts';

/** Messages in threads (replies, mock answers), their edits and deletions. */
export function registerMessages(deps: PracticeDeps, client: Client): void {
  client.on(Events.MessageCreate, (message) => {
    // Discord echoes the bot's own posts (drops, reveals, hidden answers): none is a member's.
    if (message.author.id === client.user?.id) return;
    if (!message.channel.isThread() || !message.guildId) return;
    const guildId = message.guildId;
    // Read now: the member cache keeps only the latest member of a server (see startDiscord).
    // Only these plain fields wait for the message's turn, not discord.js's Message object.
    const name = memberName(message);
    const { channelId, id, content, createdTimestamp } = message;
    const { id: member, bot } = message.author;
    safely(
      deps,
      'message',
      (async () => {
        // A burst of messages is stored a turn of the event loop at a time, as Slack's events
        // are (src/core/turns.ts): heartbeats and timers run between, and the intake batches.
        await nextTurn();
        const { address, threadRef } = await addressOf(client, guildId, channelId);
        if (!threadRef) return;
        const outcome = await onThreadMessage(deps, {
          address,
          threadRef,
          messageRef: messageRef(channelId, id),
          member,
          memberName: name,
          isBot: bot,
          text: content,
          at: createdTimestamp,
        });
        if (outcome.kind === 'notSaved')
          await tellInChannel(client, channelId, { content: noticeText(outcome, name) }, id);
      })(),
    );
  });

  client.on(Events.MessageUpdate, (_old, message) => {
    const { guildId, content } = message;
    if (!guildId || content === null || message.author?.id === client.user?.id) return;
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
