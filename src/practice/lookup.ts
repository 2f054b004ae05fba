import { type AnyColumn, and, desc, eq, isNotNull, isNull, type SQL, sql } from 'drizzle-orm';
import type { PracticeDeps } from '../core/deps.ts';
import { preparedQuery } from '../db/prepared.ts';
import type { DropRow, Tables } from '../db/store.ts';
import { dropChannel } from '../db/where.ts';

/** Finding a channel's drops: by id, by thread, the newest open, posted or revealed one. */

export type { DropRow };

export async function dropById(deps: PracticeDeps, id: number): Promise<DropRow | undefined> {
  const [row] = await dropWithId(deps.store, { id });
  return row;
}

const dropWithId = preparedQuery((db, { drops }) =>
  db
    .select()
    .from(drops)
    .where(eq(drops.id, sql.placeholder('id')))
    .limit(1),
);

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

/**
 * The channel's most recent posted drop that meets `also`, newest by `by`: one statement per
 * kind, prepared once (the console asks on every line, /answer and replies on every call).
 */
function newestDrop(also: (drops: Tables['drops']) => SQL | undefined, by: keyof DropRow) {
  const query = preparedQuery((db, { drops }) =>
    db
      .select()
      .from(drops)
      .where(
        and(
          eq(drops.channelId, sql.placeholder('channelId')),
          eq(drops.status, 'posted'),
          also(drops),
        ),
      )
      .orderBy(desc(drops[by] as AnyColumn), desc(drops.id))
      .limit(1),
  );
  return async (deps: PracticeDeps, channelId: number): Promise<DropRow | undefined> => {
    const [row] = await query(deps.store, { channelId });
    return row;
  };
}

/** The channel's most recent posted drop whose answer is not revealed yet. */
export const latestOpenDrop = newestDrop((drops) => isNull(drops.revealedAt), 'postedAt');

/** The channel's most recent posted drop, revealed or not. */
export const latestDrop = newestDrop(() => undefined, 'postedAt');

/** The channel's most recently revealed drop. */
export const latestRevealedDrop = newestDrop((drops) => isNotNull(drops.revealRef), 'revealedAt');

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
