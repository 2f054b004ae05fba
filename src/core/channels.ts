import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import { preparedQuery } from '../db/prepared.ts';
import type { ChannelRow, Tables } from '../db/store.ts';
import type { PracticeDeps } from './deps.ts';
import type { Locale } from './i18n/index.ts';
import type { ChannelAddress } from './port.ts';

export type { ChannelRow };

/**
 * A channel and its settings, as features and commands name it. Today the store's row itself:
 * commands name this type, never the row, so the store may change how it types rows.
 */
export type Channel = ChannelRow;

/** The channels row at an address, as a condition (for joins that need no row created). */
export function atAddress({ channels }: Tables, address: ChannelAddress) {
  return and(
    eq(channels.platform, address.platform),
    eq(channels.workspace, address.workspace),
    eq(channels.channel, address.channel),
  );
}

/** The channel's row, created with the defaults the first time Drill hears from it. */
export async function ensureChannel(
  deps: PracticeDeps,
  address: ChannelAddress,
): Promise<ChannelRow> {
  const { db, tables } = deps.store;
  const { channels } = tables;
  const [found] = await channelAt(deps.store, {
    platform: address.platform,
    workspace: address.workspace,
    channel: address.channel,
  });
  if (found) return found;
  const where = atAddress(tables, address);
  const [inserted] = await db
    .insert(channels)
    .values({ ...address, locale: deps.defaults.locale, createdAt: deps.clock.now() })
    .onConflictDoNothing()
    .returning();
  if (inserted) return inserted;
  // Another event (or process) created it first.
  const [row] = await db.select().from(channels).where(where).limit(1);
  if (!row) throw new Error('channel row vanished after insert');
  return row;
}

const channelAt = preparedQuery((db, { channels }) =>
  db
    .select()
    .from(channels)
    .where(
      and(
        eq(channels.platform, sql.placeholder('platform')),
        eq(channels.workspace, sql.placeholder('workspace')),
        eq(channels.channel, sql.placeholder('channel')),
      ),
    )
    .limit(1),
);

const channelWithId = preparedQuery((db, { channels }) =>
  db
    .select()
    .from(channels)
    .where(eq(channels.id, sql.placeholder('id')))
    .limit(1),
);

/** The channel's row by id, as it is now. */
export async function channelById(deps: PracticeDeps, id: number): Promise<ChannelRow | undefined> {
  const [row] = await channelWithId(deps.store, { id });
  return row;
}

/** Changes a channel's settings (schedule, pause, …) and returns the row as saved. */
export async function updateChannel(
  deps: PracticeDeps,
  id: number,
  values: Partial<Omit<ChannelRow, 'id'>>,
): Promise<ChannelRow> {
  const { channels } = deps.store.tables;
  const [saved] = await deps.store.db
    .update(channels)
    .set(values)
    .where(eq(channels.id, id))
    .returning();
  if (!saved) throw new Error(`channel ${id} vanished`);
  return saved;
}

export function channelLocale(row: ChannelRow): Locale {
  return row.locale === 'en' ? 'en' : 'ko';
}

export function channelTimezone(deps: PracticeDeps, row: ChannelRow): string {
  return row.timezone ?? deps.defaults.timezone;
}

export function addressOf(row: ChannelRow): ChannelAddress {
  return {
    platform: row.platform as ChannelAddress['platform'],
    workspace: row.workspace,
    channel: row.channel,
  };
}

/** Remembers the last platform failure (or clears it) so `/schedule show` can tell people. */
export async function recordChannelError(
  deps: PracticeDeps,
  channelId: number,
  error: string | null,
): Promise<void> {
  const { channels } = deps.store.tables;
  await deps.store.db
    .update(channels)
    .set({ lastError: error, lastErrorAt: error ? deps.clock.now() : null })
    .where(eq(channels.id, channelId));
}

/** The channels Drill knows in these workspaces (a platform's servers or teams), in order. */
export async function channelsIn(
  deps: PracticeDeps,
  places: { platform: string; workspace: string }[],
): Promise<ChannelRow[]> {
  if (places.length === 0) return [];
  const { channels } = deps.store.tables;
  const byPlatform = new Map<string, string[]>();
  for (const p of places)
    byPlatform.set(p.platform, [...(byPlatform.get(p.platform) ?? []), p.workspace]);
  return deps.store.db
    .select()
    .from(channels)
    .where(
      or(
        ...[...byPlatform].map(([platform, workspaces]) =>
          and(eq(channels.platform, platform), inArray(channels.workspace, workspaces)),
        ),
      ),
    )
    .orderBy(asc(channels.platform), asc(channels.workspace), asc(channels.id));
}
