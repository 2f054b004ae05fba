import { Client } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { DiscordPort } from '../src/chat/discord/port.ts';
import { onShards, shardOf } from '../src/chat/discord/shards.ts';
import { ensureChannel, updateChannel } from '../src/core/channels.ts';
import { type ConfigError, loadConfig } from '../src/core/config.ts';
import { practiceWorld, testScheduler } from './helpers.ts';

/** A guild id whose timestamp bits put it on shard `n` of a count that divides 12. */
const guildOn = (n: number) => String((BigInt(1_000_000 * 12 + n) << 22n) | 12345n);

describe('Discord shards split across processes', () => {
  it('reads DISCORD_SHARDS and DISCORD_SHARD_COUNT, or auto for all', () => {
    expect(loadConfig({}).DISCORD_SHARDS).toBe('auto');
    const two = loadConfig({ DISCORD_SHARDS: '0,1', DISCORD_SHARD_COUNT: '4' });
    expect([two.DISCORD_SHARDS, two.DISCORD_SHARD_COUNT]).toEqual([[0, 1], '4']);
    expect(loadConfig({ DISCORD_SHARDS: '2-3', DISCORD_SHARD_COUNT: '4' }).DISCORD_SHARDS).toEqual([
      2, 3,
    ]);
    const bad = (env: Record<string, string>) => {
      try {
        loadConfig(env);
      } catch (err) {
        return (err as ConfigError).problems.join('\n');
      }
      throw new Error('accepted');
    };
    expect(bad({ DISCORD_SHARDS: 'one' })).toMatch(/^DISCORD_SHARDS: must be auto or shard ids/);
    expect(bad({ DISCORD_SHARDS: '0,1' })).toMatch(/^DISCORD_SHARD_COUNT: required/);
    expect(bad({ DISCORD_SHARDS: '0,2', DISCORD_SHARD_COUNT: '2' })).toMatch(/below .*\(2\)/);
    expect(bad({ DISCORD_SHARDS: '0', DISCORD_SHARD_COUNT: '0' })).toMatch(
      /^DISCORD_SHARD_COUNT: must be the total number of shards/,
    );
  });

  it('puts a guild on shard (id >> 22) % count', () => {
    expect(shardOf(guildOn(1), 2)).toBe(1);
    expect(shardOf(guildOn(5), 6)).toBe(5);
    expect(shardOf(guildOn(0), 3)).toBe(0);
    expect(onShards(guildOn(3), [2, 3], 4)).toBe(true);
    expect(onShards(guildOn(1), [2, 3], 4)).toBe(false);
    expect(onShards('', [0], 1)).toBe(false);
  });

  it('schedules only the guilds on its own shards: two processes split the channels', async () => {
    const world = await practiceWorld();
    const guilds = [guildOn(0), guildOn(1)];
    for (const guild of guilds) {
      const row = await ensureChannel(world.deps, {
        platform: 'discord',
        workspace: guild,
        channel: `c-${guild}`,
      });
      await updateChannel(world.deps, row.id, { cron: '0 9 * * *', scheduleSince: 0 });
    }
    const served: string[][] = [];
    for (const shard of [0, 1]) {
      // Never logged in: the port only answers which guilds this process serves.
      const client = new Client({ intents: [], shards: [shard], shardCount: 2 });
      world.deps.ports = { discord: new DiscordPort(client) };
      const scheduler = testScheduler(world);
      world.clock.set('2027-01-04T12:00:00Z');
      await scheduler.start();
      served.push(
        guilds.filter((g) =>
          new DiscordPort(client).serves({ platform: 'discord', workspace: g, channel: '' }),
        ),
      );
      expect(await scheduler.scheduled()).toBe(1);
      await scheduler.stop();
      await client.destroy();
    }
    expect(served).toEqual([[guilds[0]], [guilds[1]]]);
    // With every shard (auto), one process serves both.
    const all = new Client({ intents: [] });
    world.deps.ports = { discord: new DiscordPort(all) };
    const scheduler = testScheduler(world);
    await scheduler.start();
    expect(await scheduler.scheduled()).toBe(2);
    await scheduler.stop();
    await all.destroy();
  });
});
