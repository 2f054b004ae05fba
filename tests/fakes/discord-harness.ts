/** The real discord.js client on a practice world, against the fake Discord; test helpers. */
import { afterEach } from 'vitest';
import { startDiscord } from '../../src/chat/discord/index.ts';
import { practiceWorld } from '../helpers.ts';
import { APP_ID, BOT_PERMISSIONS, CHANNEL_ID, FakeDiscord, GUILD_ID, nextId } from './discord.ts';

export const MANAGE_CHANNELS = 1n << 4n;
export const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

/**
 * A practice world with the bot connected to a fresh fake Discord; `channels` more text channels
 * are in the guild from the start, and `rest` replaces the client's short test timeouts.
 */
export async function setup(
  banks?: Record<string, string>,
  opts: Parameters<typeof practiceWorld>[1] = {},
  discordOpts: { channels?: number; rest?: { retries?: number; timeout?: number } } = {},
) {
  const fake = new FakeDiscord();
  const channels = Array.from({ length: discordOpts.channels ?? 0 }, () => fake.addChannel());
  await fake.start();
  stops.push(() => fake.stop());
  const world = await practiceWorld(banks, opts);
  const connect = async () => {
    const discord = await startDiscord(world.deps, {
      token: 'test-token',
      applicationId: APP_ID,
      guildId: GUILD_ID,
      apiUrl: fake.apiUrl,
      waitGuildTimeoutMs: 1000,
      rest: discordOpts.rest ?? { retries: 1, timeout: 3000 },
    });
    stops.push(discord.stop);
    return discord;
  };
  const discord = await connect();
  return { fake, world, discord, connect, channels };
}

export const user = (id: string, name: string) => ({
  id,
  username: name,
  discriminator: '0',
  avatar: null,
  global_name: name,
});

export function command(
  fake: FakeDiscord,
  name: string,
  options: Record<string, string> = {},
  opts: { userId?: string; channelId?: string; admin?: boolean; appPermissions?: bigint } = {},
) {
  const id = nextId();
  const token = `interaction-token-${id}`;
  const channelId = opts.channelId ?? CHANNEL_ID;
  fake.dispatch('INTERACTION_CREATE', {
    id,
    application_id: APP_ID,
    type: 2,
    token,
    version: 1,
    data: {
      id: nextId(),
      name,
      type: 1,
      options: Object.entries(options).map(([n, value]) => ({ name: n, type: 3, value })),
    },
    guild_id: GUILD_ID,
    channel_id: channelId,
    channel: fake.channels.get(channelId),
    member: {
      user: user(opts.userId ?? '500', 'Ana'),
      roles: [],
      permissions: String(opts.admin ? MANAGE_CHANNELS | BOT_PERMISSIONS : BOT_PERMISSIONS),
      joined_at: new Date(0).toISOString(),
      deaf: false,
      mute: false,
      flags: 0,
    },
    app_permissions: opts.appPermissions?.toString() ?? fake.everyonePermissions,
    locale: 'en-US',
    guild_locale: 'en-US',
    entitlements: [],
    authorizing_integration_owners: { '0': GUILD_ID },
    context: 0,
  });
  /** The text the person finally sees: the edited deferral or a follow-up. */
  const answer = () =>
    fake.waitFor(() => {
      const r = fake.requests.find(
        (q) =>
          (q.method === 'PATCH' || q.method === 'POST') &&
          q.path.startsWith(`/webhooks/${APP_ID}/${token}`),
      );
      return r ? ((r.body as { content: string }).content as string) : undefined;
    });
  return { id, token, answer };
}

export function threadMessage(
  fake: FakeDiscord,
  threadId: string,
  authorId: string,
  content: string,
  bot = false,
) {
  return fake.memberMessage(
    threadId,
    { id: authorId, username: `member${authorId}`, bot },
    content,
  );
}

export function react(
  fake: FakeDiscord,
  channelId: string,
  messageId: string,
  userId: string,
  emoji: string,
  add = true,
) {
  fake.dispatch(add ? 'MESSAGE_REACTION_ADD' : 'MESSAGE_REACTION_REMOVE', {
    user_id: userId,
    channel_id: channelId,
    message_id: messageId,
    guild_id: GUILD_ID,
    emoji: { id: null, name: emoji },
    burst: false,
    type: 0,
  });
}
