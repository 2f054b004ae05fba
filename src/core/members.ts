import { and, eq, inArray } from 'drizzle-orm';
import { withoutBidiControls } from './bidi.ts';
import type { PracticeDeps } from './deps.ts';
import type { Platform } from './port.ts';

/** Drops in the platform's channels: a member id means something only within its platform. */
function dropsOn(deps: PracticeDeps, platform: Platform) {
  const { drops, channels } = deps.store.tables;
  return deps.store.db
    .select({ id: drops.id })
    .from(drops)
    .innerJoin(channels, eq(channels.id, drops.channelId))
    .where(eq(channels.platform, platform));
}

/**
 * The member's replies on the platform given the name: found through the index on the member
 * (replies_member), so a rename costs the member's replies, not every reply stored.
 */
export function renameReplies(
  deps: PracticeDeps,
  platform: Platform,
  member: string,
  name: string,
) {
  const { replies } = deps.store.tables;
  return deps.store.db
    .update(replies)
    .set({ memberName: withoutBidiControls(name) })
    .where(and(eq(replies.member, member), inArray(replies.dropId, dropsOn(deps, platform))));
}

/**
 * A member's display name, learnt after their answers were stored (a platform that names members
 * only on request is asked off the hot path): what the leaderboard shows from now on.
 */
export async function renameMember(
  deps: PracticeDeps,
  platform: Platform,
  member: string,
  name: string,
): Promise<void> {
  const { memberCounts, channels } = deps.store.tables;
  await renameReplies(deps, platform, member, name);
  // The leaderboards read the name from the member's counts.
  await deps.store.db
    .update(memberCounts)
    .set({ name })
    .where(
      and(
        eq(memberCounts.member, member),
        inArray(
          memberCounts.channelId,
          deps.store.db
            .select({ id: channels.id })
            .from(channels)
            .where(eq(channels.platform, platform)),
        ),
      ),
    );
}

/** A member found out to be a bot after the fact: its answers and votes stop counting. */
export async function forgetBot(
  deps: PracticeDeps,
  platform: Platform,
  member: string,
): Promise<void> {
  await deps.store.transaction(async (store) => {
    const tx = { ...deps, store };
    const { votes, replies } = store.tables;
    await store.db
      .delete(votes)
      .where(and(eq(votes.voter, member), inArray(votes.dropId, dropsOn(tx, platform))));
    await store.db
      .delete(replies)
      .where(and(eq(replies.member, member), inArray(replies.dropId, dropsOn(tx, platform))));
  });
}
