import { Client, Events, GatewayIntentBits, Options, Partials } from 'discord.js';
import type { PracticeDeps } from '../../core/deps.ts';
import { makeCache } from './cache.ts';
import { registerCommands } from './commands.ts';
import { nodeHttpRequest } from './http.ts';
import { registerInteractions } from './listeners/interactions.ts';
import { registerMessages } from './listeners/messages.ts';
import { registerReactions } from './listeners/reactions.ts';
import type { DiscordOptions } from './options.ts';
import { DiscordPort } from './port.ts';
import { NO_MENTIONS } from './text.ts';

export {
  discordCommand,
  FILE_PERMISSIONS,
  INVITE_PERMISSIONS,
  PRIVATE_THREAD_PERMISSIONS,
  REQUIRED_PERMISSIONS,
} from './commands.ts';
export type { DiscordOptions } from './options.ts';

/** Connects to Discord, registers commands and listeners, and serves drops through the port. */
export async function startDiscord(
  deps: PracticeDeps,
  opts: DiscordOptions,
): Promise<{ client: Client; stop(): Promise<void> }> {
  const client = new Client({
    intents: [
      GatewayIntentBits.Guilds,
      GatewayIntentBits.GuildMessages,
      GatewayIntentBits.GuildMessageReactions,
      GatewayIntentBits.MessageContent,
    ],
    // After a restart nothing is cached: votes on older messages arrive only with partials.
    partials: [Partials.Message, Partials.Reaction, Partials.User, Partials.Channel],
    // Text from notes and members never pings: each message names the one ping it may make.
    allowedMentions: NO_MENTIONS,
    // Internal sharding: Discord says how many shards a bot of this size needs.
    shards: 'auto',
    // Drill reads messages and reactions from events, never from the cache: keep none. Members
    // come with each event: a server keeps only the bot's own and the latest one (a message's
    // display name is read from it as the event arrives), so 100,000 members chatting in 1,000
    // servers cost nothing lasting. Presences are not requested at all. Servers, channels and
    // roles stay cached whole (discord.js needs them).
    makeCache: makeCache({
      ...Options.DefaultMakeCacheSettings,
      MessageManager: 0,
      ReactionManager: 0,
      ReactionUserManager: 0,
      PresenceManager: 0,
      // Nor what a server sends that Drill never reads: with 1,000 servers these add up.
      BaseGuildEmojiManager: 0,
      GuildEmojiManager: 0,
      GuildStickerManager: 0,
      GuildScheduledEventManager: 0,
      StageInstanceManager: 0,
      VoiceStateManager: 0,
      GuildInviteManager: 0,
      GuildBanManager: 0,
      AutoModerationRuleManager: 0,
      ThreadMemberManager: 0,
      GuildMemberManager: {
        maxSize: 1,
        keepOverLimit: (member) => member.id === member.client.user.id,
      },
      UserManager: {
        maxSize: 1000,
        keepOverLimit: (user) => user.id === user.client.user.id,
      },
    }),
    sweepers: {
      ...Options.DefaultSweeperSettings,
      users: { interval: 3600, filter: () => (user) => user.id !== user.client.user.id },
    },
    rest: { ...opts.rest, ...(opts.apiUrl ? { api: opts.apiUrl } : {}) },
    ...(opts.waitGuildTimeoutMs !== undefined ? { waitGuildTimeout: opts.waitGuildTimeoutMs } : {}),
    // Several processes split the shards; each one's events and schedules are its guilds'.
    ...(opts.shards && opts.shardCount ? { shards: opts.shards, shardCount: opts.shardCount } : {}),
  });
  // Requests go out on Node's http client (files on discord.js's default): less CPU per request.
  const http = nodeHttpRequest(client.rest.options.makeRequest);
  client.rest.options.makeRequest = http.makeRequest;
  deps.ports.discord = new DiscordPort(client);
  // Each kind of gateway event in a file of its own: acknowledge, store, then answer.
  registerInteractions(deps, client);
  registerMessages(deps, client);
  registerReactions(deps, client);
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  client.on(Events.ShardReady, (shard, unavailable) =>
    deps.log.info({ shard, unavailable: unavailable?.size ?? 0 }, 'discord shard ready'),
  );
  await client.login(opts.token);
  await ready;
  // Which shards this process runs, so a host can see that processes on one database agree.
  deps.log.info(
    {
      user: client.user?.tag,
      guilds: client.guilds.cache.size,
      shards: opts.shards ?? [...client.ws.shards.keys()],
      shardCount: opts.shardCount ?? client.options.shardCount,
    },
    'connected to discord',
  );
  try {
    await registerCommands(client, opts, deps.log);
  } catch (err) {
    deps.log.error({ err }, 'registering discord slash commands failed; existing commands stay');
  }
  return {
    client,
    stop: async () => {
      await client.destroy();
      http.close();
    },
  };
}
