import { type SQL, sql } from 'drizzle-orm';
import type { Tables } from './store.ts';

/**
 * Counted answers only, written as the bare column: SQLite uses the partial index
 * replies_counted (drop_id, member WHERE counted) only for a condition that says `counted`
 * itself; `counted = ?` makes it read every reply of the drop.
 */
export function countedOnly(replies: Tables['replies']): SQL {
  return sql`${replies.counted}`;
}

/**
 * A drop's channel written so that no index serves it (`+drops.channel_id`): in a query that
 * names the drop's thread, SQLite would otherwise read every drop of the channel through
 * drops_open (channel_id, …) instead of the one row drops_thread finds (without statistics its
 * planner takes the join's index); with it, the thread's index is the only way in.
 */
export function dropChannel(drops: Tables['drops']): SQL {
  return sql`+${drops.channelId}`;
}
