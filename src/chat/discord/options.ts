export interface DiscordOptions {
  token: string;
  applicationId: string;
  guildId?: string;
  /** REST base URL, e.g. a rate-limit proxy; the gateway URL then comes from its /gateway/bot. */
  apiUrl?: string;
  /** How long to wait for guilds at start (discord.js default 15 s). */
  waitGuildTimeoutMs?: number;
  /** REST retries and timeout (discord.js defaults: 3 retries, 15 s); tests lower them. */
  rest?: { retries?: number; timeout?: number };
  /** This process's shard ids of `shardCount` (DISCORD_SHARDS); all of them when absent. */
  shards?: number[];
  shardCount?: number;
}
