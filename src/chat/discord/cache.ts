import {
  type CacheFactory,
  type CacheWithLimitsOptions,
  LimitedCollection,
  Options,
} from 'discord.js';

/**
 * discord.js's `cacheWithLimits`, except that every manager limited to nothing shares one empty
 * collection. discord.js makes a map for each manager: each channel's messages, each server's
 * emojis, stickers, invites and so on, some 200 bytes even when empty, 7 MB for 1,000 servers of
 * 20 channels. A LimitedCollection of size 0 never stores anything, so sharing one changes
 * nothing else.
 */
export function makeCache(settings: CacheWithLimitsOptions): CacheFactory {
  const limited = Options.cacheWithLimits(settings);
  const none = new LimitedCollection({ maxSize: 0 });
  const named = settings as Record<string, unknown>;
  const factory = (managerType: { name: string }, holds: unknown, manager: { name: string }) => {
    const setting = named[manager.name] ?? named[managerType.name];
    return setting === 0
      ? none
      : (limited as (...args: unknown[]) => unknown)(managerType, holds, manager);
  };
  return factory as unknown as CacheFactory;
}
