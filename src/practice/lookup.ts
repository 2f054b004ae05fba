import { type AnyColumn, and, desc, eq, isNotNull, isNull, type SQL, sql } from 'drizzle-orm';
import type { PracticeDeps } from '../core/deps.ts';
import type { DropRow } from '../db/store.ts';
import { dropChannel } from '../db/where.ts';

/** Finding a channel's drops: by id, by thread, the newest open, posted or revealed one. */

export type { DropRow };

export async function dropById(deps: PracticeDeps, id: number): Promise<DropRow | undefined> {
  const { drops } = deps.store.tables;
  const [row] = await deps.store.db.select().from(drops).where(eq(drops.id, id)).limit(1);
  return row;
}

export async function dropByThread(
  deps: PracticeDeps,
  channelId: number,
  threadRef: string,
): Promise<DropRow | undefined> {
  const { drops } = deps.store.tables;
  const [row] = await deps.store.db
    .select()
    .from(drops)
    .where(and(eq(drops.threadRef, threadRef), sql`${dropChannel(drops)} = ${channelId}`))
    .limit(1);
  return row;
}

/** The channel's most recent posted drop that meets `also`, newest by `by`. */
async function newestDrop(
  deps: PracticeDeps,
  channelId: number,
  also: SQL | undefined,
  by: AnyColumn = deps.store.tables.drops.postedAt,
): Promise<DropRow | undefined> {
  const { drops } = deps.store.tables;
  const [row] = await deps.store.db
    .select()
    .from(drops)
    .where(and(eq(drops.channelId, channelId), eq(drops.status, 'posted'), also))
    .orderBy(desc(by), desc(drops.id))
    .limit(1);
  return row;
}

/** The channel's most recent posted drop whose answer is not revealed yet. */
export function latestOpenDrop(deps: PracticeDeps, channelId: number) {
  return newestDrop(deps, channelId, isNull(deps.store.tables.drops.revealedAt));
}

/** The channel's most recent posted drop, revealed or not. */
export function latestDrop(deps: PracticeDeps, channelId: number) {
  return newestDrop(deps, channelId, undefined);
}

/** The channel's most recently revealed drop. */
export function latestRevealedDrop(deps: PracticeDeps, channelId: number) {
  const { drops } = deps.store.tables;
  return newestDrop(deps, channelId, isNotNull(drops.revealRef), drops.revealedAt);
}

/**
 * The questions whose answer is hidden somewhere in this workspace now: posted in one of its
 * channels and not revealed there yet (a page listing answers leaves these out).
 */
export async function openQuestionIds(
  deps: PracticeDeps,
  place: { platform: string; workspace: string },
): Promise<Set<string>> {
  const { drops, channels } = deps.store.tables;
  const rows = await deps.store.db
    .selectDistinct({ id: drops.questionId })
    .from(drops)
    .innerJoin(channels, eq(channels.id, drops.channelId))
    .where(
      and(
        eq(channels.platform, place.platform),
        eq(channels.workspace, place.workspace),
        eq(drops.status, 'posted'),
        isNull(drops.revealedAt),
      ),
    );
  return new Set(rows.flatMap((r) => (r.id ? [r.id] : [])));
}
