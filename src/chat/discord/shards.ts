/**
 * Which shard carries a guild's events: Discord's rule, `(guild_id >> 22) % shard_count`.
 * Several Drill processes each connect some shards (DISCORD_SHARDS of DISCORD_SHARD_COUNT);
 * each serves the guilds of its own shards and leaves the rest to the others.
 */
export function shardOf(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/** Whether a process connected to `shards` of `shardCount` serves the guild. */
export function onShards(guildId: string, shards: readonly number[], shardCount: number): boolean {
  if (!/^\d+$/.test(guildId)) return false;
  return shards.includes(shardOf(guildId, shardCount));
}
