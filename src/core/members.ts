import { and, eq, inArray, type Placeholder, sql } from 'drizzle-orm';
import { preparedQuery } from '../db/prepared.ts';
import type { Db, Tables } from '../db/store.ts';
import { withoutBidiControls } from './bidi.ts';
import type { PracticeDeps } from './deps.ts';
import type { Platform } from './port.ts';

/**
 * Drops in the platform's channels (a platform, or a prepared statement's placeholder): a member
 * id means something only within its platform.
 */
function dropsOn(db: Db, { drops, channels }: Tables, platform: Platform | Placeholder) {
  return db
    .select({ id: drops.id })
    .from(drops)
    .innerJoin(channels, eq(channels.id, drops.channelId))
    .where(eq(channels.platform, platform));
}

/**
 * The member's replies on the platform given the name: found through the index on the member
 * (replies_member), so a rename costs the member's replies, not every reply stored.
 */
export const renameRepliesQuery = (db: Db, tables: Tables) =>
  db
    .update(tables.replies)
    .set({ memberName: sql`${sql.placeholder('name')}` })
    .where(
      and(
        eq(tables.replies.member, sql.placeholder('member')),
        inArray(tables.replies.dropId, dropsOn(db, tables, sql.placeholder('platform'))),
      ),
    );
const renameRepliesPrepared = preparedQuery(renameRepliesQuery);

/** The leaderboards read the name from the member's counts. */
const renameCountsQuery = preparedQuery((db, { memberCounts, channels }) =>
  db
    .update(memberCounts)
    .set({ name: sql`${sql.placeholder('name')}` })
    .where(
      and(
        eq(memberCounts.member, sql.placeholder('member')),
        inArray(
          memberCounts.channelId,
          db
            .select({ id: channels.id })
            .from(channels)
            .where(eq(channels.platform, sql.placeholder('platform'))),
        ),
      ),
    ),
);

export function renameReplies(
  deps: PracticeDeps,
  platform: Platform,
  member: string,
  name: string,
) {
  return renameRepliesPrepared(deps.store, { platform, member, name: withoutBidiControls(name) });
}

/**
 * A member's display name, learnt after their answers were stored (a platform that names members
 * only on request is asked off the hot path): what the leaderboard shows from now on. Both
 * statements are prepared once (a burst of new members renames each of them).
 */
export async function renameMember(
  deps: PracticeDeps,
  platform: Platform,
  member: string,
  name: string,
): Promise<void> {
  await renameReplies(deps, platform, member, name);
  await renameCountsQuery(deps.store, { platform, member, name });
}

/** A member found out to be a bot after the fact: its answers and votes stop counting. */
export async function forgetBot(
  deps: PracticeDeps,
  platform: Platform,
  member: string,
): Promise<void> {
  await deps.store.transaction(async (store) => {
    const { db, tables } = store;
    const { votes, replies } = tables;
    await db
      .delete(votes)
      .where(and(eq(votes.voter, member), inArray(votes.dropId, dropsOn(db, tables, platform))));
    await db
      .delete(replies)
      .where(
        and(eq(replies.member, member), inArray(replies.dropId, dropsOn(db, tables, platform))),
      );
  });
}
