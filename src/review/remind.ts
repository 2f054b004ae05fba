import { and, eq, isNull, lt, or } from 'drizzle-orm';
import { dueCount, type Learner } from '../core/cards.ts';
import { addressOf, channelLocale, channelTimezone, ensureChannel } from '../core/channels.ts';
import type { PracticeDeps } from '../core/deps.ts';
import { t } from '../core/i18n/index.ts';
import type { ChannelAddress } from '../core/port.ts';
import { localDate, localTime } from '../core/zone.ts';

/**
 * Turns the member's daily reminder on or off (opt-in). The channel it is turned on in gives
 * the reminder's language and time zone.
 */
export async function setReminder(
  deps: PracticeDeps,
  address: ChannelAddress,
  who: Learner,
  enabled: boolean,
): Promise<void> {
  const channel = await ensureChannel(deps, address);
  const { reviewReminders } = deps.store.tables;
  await deps.store.db
    .insert(reviewReminders)
    .values({ ...who, workspace: address.workspace, channelId: channel.id, enabled })
    .onConflictDoUpdate({
      target: [reviewReminders.platform, reviewReminders.member],
      set: { enabled, channelId: channel.id, workspace: address.workspace },
    })
    .returning({ id: reviewReminders.id });
}

/** The local hour from which the day's reminder goes out. */
export const REMIND_HOUR = 9;

/**
 * Sends each member who turned reminders on one direct message a day (from 09:00 in the time
 * zone of the channel they turned it on in) with the number of reviews due, when there are
 * any. The day is claimed in the database before sending, so it goes once across processes.
 * `serves` limits it to the channels this process serves.
 */
export async function sendDueReminders(
  deps: PracticeDeps,
  serves: (address: ChannelAddress) => boolean = () => true,
): Promise<number> {
  const { db, tables } = deps.store;
  const { reviewReminders, channels } = tables;
  const now = deps.clock.now();
  const rows = await db
    .select({ reminder: reviewReminders, channel: channels })
    .from(reviewReminders)
    .innerJoin(channels, eq(channels.id, reviewReminders.channelId))
    .where(eq(reviewReminders.enabled, true));
  let sent = 0;
  for (const { reminder, channel } of rows) {
    const address = addressOf(channel);
    const zone = channelTimezone(deps, channel);
    const today = localDate(now, zone);
    if (reminder.sentOn !== null && reminder.sentOn >= today) continue;
    if (localTime(now, zone).hour < REMIND_HOUR || !serves(address)) continue;
    const port = deps.ports[address.platform];
    if (!port?.sendDirect) continue;
    const n = await dueCount(deps, { platform: address.platform, member: reminder.member }, now);
    if (n === 0) continue;
    const claimed = await db
      .update(reviewReminders)
      .set({ sentOn: today })
      .where(
        and(
          eq(reviewReminders.id, reminder.id),
          or(isNull(reviewReminders.sentOn), lt(reviewReminders.sentOn, today)),
        ),
      )
      .returning({ id: reviewReminders.id });
    if (claimed.length === 0) continue;
    try {
      await port.sendDirect(address, reminder.member, {
        body: t(channelLocale(channel), 'review.remindDm', { n }),
      });
      sent++;
    } catch (err) {
      deps.log.error({ err, member: reminder.member }, 'a review reminder could not be sent');
    }
  }
  return sent;
}
