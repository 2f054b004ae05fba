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
