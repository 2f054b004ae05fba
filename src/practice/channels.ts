import { and, eq } from 'drizzle-orm';
import type { ChannelAddress } from '../chat/port.ts';
import { channels } from '../db/schema.ts';
import type { Locale } from '../i18n/index.ts';
import type { PracticeDeps } from './deps.ts';

export type ChannelRow = typeof channels.$inferSelect;

/** The channel's row, created with the defaults the first time Drill hears from it. */
export function ensureChannel(deps: PracticeDeps, address: ChannelAddress): ChannelRow {
  const where = and(
    eq(channels.platform, address.platform),
    eq(channels.workspace, address.workspace),
    eq(channels.channel, address.channel),
  );
  const found = deps.db.select().from(channels).where(where).get();
  if (found) return found;
  deps.db
    .insert(channels)
    .values({ ...address, locale: deps.defaults.locale, createdAt: deps.clock.now() })
    .onConflictDoNothing()
    .run();
  const row = deps.db.select().from(channels).where(where).get();
  if (!row) throw new Error('channel row vanished after insert');
  return row;
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
export function recordChannelError(
  deps: PracticeDeps,
  channelId: number,
  error: string | null,
): void {
  deps.db
    .update(channels)
    .set({ lastError: error, lastErrorAt: error ? deps.clock.now() : null })
    .where(eq(channels.id, channelId))
    .run();
}
