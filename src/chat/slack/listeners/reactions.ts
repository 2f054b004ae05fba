import type { App } from '@slack/bolt';
import { onReaction } from '../../../../commands/events.ts';
import { channelLocale, ensureChannel } from '../../../core/channels.ts';
import type { PracticeDeps } from '../../../core/deps.ts';
import { t } from '../../../core/i18n/index.ts';
import type { ChannelAddress } from '../../../core/port.ts';
import type { SlackDirectory } from '../directory.ts';
import { tellNotSaved } from '../notice.ts';
import { emojiFromSlack } from '../port.ts';
import { escapeMrkdwn } from '../text.ts';

interface ReactionEvent {
  event: { user: string; reaction: string; item: { type: string; channel?: string; ts?: string } };
  context: { teamId?: string; botUserId?: string };
}

/** Reactions added and removed: votes on replies, self-checks on reveals. */
export function registerReactions(deps: PracticeDeps, app: App, directory: SlackDirectory): void {
  const react =
    (added: boolean) =>
    async ({ event, context }: ReactionEvent) => {
      if (event.item.type !== 'message' || !event.item.channel || !event.item.ts) return;
      if (event.user === context.botUserId) return;
      const address: ChannelAddress = {
        platform: 'slack',
        workspace: context.teamId ?? '',
        channel: event.item.channel,
      };
      // Reaction events carry no bot_id: whether the reactor is a bot comes from users.info,
      // after the fact when the reactor is new (its votes are then taken back).
      const user = directory.peek(event.user) ?? { name: event.user, isBot: false };
      if (user.isBot) return;
      const outcome = await onReaction(deps, {
        address,
        messageRef: event.item.ts,
        member: event.user,
        isBot: user.isBot,
        emoji: emojiFromSlack(event.reaction),
        added,
      });
      if (outcome.kind === 'notSaved') {
        await tellNotSaved(app, address, { user: event.user }, outcome);
        return;
      }
      directory.learn(event.user);
      if (outcome.result.kind === 'uncounted' && added) {
        // Slack can tell the voter alone why their 👍 did not count.
        const locale = channelLocale(await ensureChannel(deps, address));
        await app.client.chat.postEphemeral({
          channel: address.channel,
          user: event.user,
          text: escapeMrkdwn(t(locale, 'vote.uncounted')),
        });
      }
    };
  app.event('reaction_added', react(true));
  app.event('reaction_removed', react(false));
}
