import { and, eq, inArray } from 'drizzle-orm';
import type { Platform } from '../chat/port.ts';
import { channels, drops, replies, votes } from '../db/schema.ts';
import type { PracticeDeps } from './deps.ts';

/** Drops in the platform's channels: a member id means something only within its platform. */
function dropsOn(deps: PracticeDeps, platform: Platform) {
  return deps.db
    .select({ id: drops.id })
    .from(drops)
    .innerJoin(channels, eq(channels.id, drops.channelId))
    .where(eq(channels.platform, platform));
}

/**
 * A member's display name, learnt after their answers were stored (a platform that names members
 * only on request is asked off the hot path): what the leaderboard shows from now on.
 */
export function renameMember(
  deps: PracticeDeps,
  platform: Platform,
  member: string,
  name: string,
): void {
  deps.db
    .update(replies)
    .set({ memberName: name })
    .where(and(eq(replies.member, member), inArray(replies.dropId, dropsOn(deps, platform))))
    .run();
}

/** A member found out to be a bot after the fact: its answers and votes stop counting. */
export function forgetBot(deps: PracticeDeps, platform: Platform, member: string): void {
  deps.db.transaction(() => {
    deps.db
      .delete(votes)
      .where(and(eq(votes.voter, member), inArray(votes.dropId, dropsOn(deps, platform))))
      .run();
    deps.db
      .delete(replies)
      .where(and(eq(replies.member, member), inArray(replies.dropId, dropsOn(deps, platform))))
      .run();
  });
}
