import { and, desc, eq, gt, like, max, ne } from 'drizzle-orm';
import type { ChannelRow } from './channels.ts';
import { limitsOf, type PracticeDeps } from './deps.ts';
import { TooSoonError } from './errors.ts';

const HOUR = 3_600_000;

/**
 * A member's /ask waits for their cooldown (across the workspace's channels), and a channel takes
 * at most `askPerHour` of them in any hour; either refusal says how long until the next. An /ask
 * the platform refused posted nothing and does not count.
 */
export async function checkAskLimits(
  deps: PracticeDeps,
  channel: ChannelRow,
  member: string,
): Promise<void> {
  const { drops, channels } = deps.store.tables;
  const { askCooldownMs, askPerHour } = limitsOf(deps);
  const now = deps.clock.now();
  const [last] = await deps.store.db
    .select({ at: max(drops.createdAt) })
    .from(drops)
    .innerJoin(channels, eq(channels.id, drops.channelId))
    .where(
      and(
        eq(drops.askedBy, member),
        ne(drops.status, 'failed'),
        gt(drops.createdAt, now - askCooldownMs),
        eq(channels.platform, channel.platform),
        eq(channels.workspace, channel.workspace),
      ),
    );
  if (last?.at != null)
    throw new TooSoonError('ask.cooldown', Number(last.at) + askCooldownMs - now);
  const recent = await deps.store.db
    .select({ at: drops.createdAt })
    .from(drops)
    .where(
      and(
        eq(drops.channelId, channel.id),
        like(drops.slot, 'manual:%'),
        ne(drops.status, 'failed'),
        gt(drops.createdAt, now - HOUR),
      ),
    )
    .orderBy(desc(drops.createdAt))
    .limit(askPerHour);
  const oldest = recent[askPerHour - 1];
  if (oldest) throw new TooSoonError('ask.channelCap', oldest.at + HOUR - now, { n: askPerHour });
}
