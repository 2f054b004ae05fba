import {
  type Client,
  Events,
  type MessageReaction,
  type PartialMessageReaction,
  type PartialUser,
  type User,
} from 'discord.js';
import { noticeText, onReaction } from '../../../../commands/events.ts';
import type { PracticeDeps } from '../../../core/deps.ts';
import { messageRef } from '../port.ts';
import { addressOf, safely, tellInChannel } from '../where.ts';

/** Reactions added and removed: votes on replies, self-checks on reveals. */
export function registerReactions(deps: PracticeDeps, client: Client): void {
  client.on(Events.MessageReactionAdd, (reaction, user) =>
    safely(deps, 'reaction', react(deps, client, reaction, user, true)),
  );
  client.on(Events.MessageReactionRemove, (reaction, user) =>
    safely(deps, 'reaction removal', react(deps, client, reaction, user, false)),
  );
}

async function react(
  deps: PracticeDeps,
  client: Client,
  reaction: MessageReaction | PartialMessageReaction,
  reactor: User | PartialUser,
  added: boolean,
): Promise<void> {
  if (reactor.id === client.user?.id || !reaction.emoji.name) return;
  // A partial user (not cached) does not say whether it is a bot: ask once, then it is cached.
  const user = reactor.partial ? await reactor.fetch() : reactor;
  const { address, threadRef } = await addressOf(
    client,
    reaction.message.guildId ?? '',
    reaction.message.channelId,
  );
  const outcome = await onReaction(deps, {
    address,
    messageRef: messageRef(reaction.message.channelId, reaction.message.id),
    member: user.id,
    isBot: user.bot,
    emoji: reaction.emoji.name,
    added,
  });
  if (outcome.kind === 'notSaved')
    await tellInChannel(client, threadRef ?? reaction.message.channelId, {
      content: noticeText(outcome, `<@${user.id}>`),
    });
}
