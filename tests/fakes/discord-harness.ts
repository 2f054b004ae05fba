/** The real discord.js client on a practice world, against the fake Discord; test helpers. */
import { afterEach } from 'vitest';
import { startDiscord } from '../../src/chat/discord/index.ts';
import { practiceWorld } from '../helpers.ts';
import {
  APP_ID,
  BOT_PERMISSIONS,
  CHANNEL_ID,
  FakeDiscord,
  GUILD_ID,
  type InteractionMember,
  nextId,
} from './discord.ts';

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
  discordOpts: {
    channels?: number;
    rest?: { retries?: number; timeout?: number };
    otherGuilds?: number;
  } = {},
) {
  const fake = new FakeDiscord();
  fake.otherGuilds = discordOpts.otherGuilds ?? 0;
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

/** A member of the fake guild: Ana (id 500) unless said; `admin` may manage channels. */
function member(opts: { userId?: string; name?: string; admin?: boolean }): InteractionMember {
  return {
    id: opts.userId ?? '500',
    name: opts.name ?? 'Ana',
    permissions: opts.admin ? MANAGE_CHANNELS | BOT_PERMISSIONS : BOT_PERMISSIONS,
  };
}

/** What the person finally sees of an interaction's answer. */
export interface Seen {
  /** The text: the callback's message, the edited deferral or a follow-up. */
  content: string;
  /** Seen only by them. */
  ephemeral: boolean;
  /** Custom ids of the buttons under it. */
  buttons: string[];
  /** The message's id, when it was sent through the interaction's webhook (to click its buttons). */
  messageId?: string;
  /** Files attached to it (a deferred answer's edit or a follow-up). */
  files?: { name: string; bytes: Buffer }[];
}

const EPHEMERAL_FLAG = 1 << 6;

function seen(body: unknown, ephemeral: boolean): Seen {
  const b = (body ?? {}) as {
    content?: string;
    flags?: number;
    components?: { components: { custom_id: string }[] }[];
  };
  return {
    content: b.content ?? '',
    ephemeral: ephemeral || ((b.flags ?? 0) & EPHEMERAL_FLAG) !== 0,
    buttons: (b.components ?? []).flatMap((row) => row.components.map((c) => c.custom_id)),
  };
}

/**
 * The answer to interaction `id`: a modal (`type` 9, with its data), or the message the person
 * sees, whether the bot answered at once (4) or deferred (5) and then edited or followed up.
 */
export async function answerTo(
  fake: FakeDiscord,
  interaction: { id: string; token: string },
): Promise<{ modal: Record<string, unknown> } | Seen> {
  const callback = await fake.callbackTo(interaction.id);
  if (callback.type === 9) return { modal: callback.data ?? {} };
  if (callback.type === 4) return seen(callback.data, false);
  const deferredEphemeral = ((callback.data?.flags as number | undefined) ?? 0) & EPHEMERAL_FLAG;
  return fake.waitFor(() => {
    const r = fake.requests.find(
      (q) =>
        (q.method === 'PATCH' || q.method === 'POST') &&
        q.path.startsWith(`/webhooks/${APP_ID}/${interaction.token}`),
    );
    if (!r) return undefined;
    const messageId = fake.answerWith(interaction.token)?.id;
    return {
      ...seen(r.body, r.method === 'PATCH' && deferredEphemeral !== 0),
      ...(messageId ? { messageId } : {}),
      ...(r.files ? { files: r.files.map((f) => ({ name: f.name, bytes: f.bytes })) } : {}),
    };
  });
}

/** An option as Discord sends it: text, or a picked member/role/channel (its type and id). */
export type OptionValue = string | { type: number; value: string };

export function command(
  fake: FakeDiscord,
  name: string,
  options: Record<string, OptionValue> = {},
  opts: {
    userId?: string;
    channelId?: string;
    admin?: boolean;
    appPermissions?: bigint;
    /** Discord's `resolved` data for picked options (roles, users). */
    resolved?: Record<string, unknown>;
    /** Sent from a DM with the bot. */
    dm?: boolean;
  } = {},
) {
  const sent = fake.interaction(
    2,
    {
      id: nextId(),
      name,
      type: 1,
      options: Object.entries(options).map(([n, value]) =>
        typeof value === 'string' ? { name: n, type: 3, value } : { name: n, ...value },
      ),
      ...(opts.resolved ? { resolved: opts.resolved } : {}),
    },
    {
      member: member(opts),
      channelId: opts.channelId ?? CHANNEL_ID,
      ...(opts.dm ? { dm: true } : {}),
      ...(opts.appPermissions !== undefined ? { appPermissions: opts.appPermissions } : {}),
    },
  );
  /** The text the person finally sees. */
  const answer = async () => {
    const got = await answerTo(fake, sent);
    if ('modal' in got) throw new Error(`/${name} opened a modal`);
    return got.content;
  };
  return { ...sent, answer };
}

/** A member clicks a button under a message the bot posted; `answer()` is what they get. */
export function click(
  fake: FakeDiscord,
  messageId: string,
  customId: string,
  opts: { userId?: string; name?: string; admin?: boolean } = {},
) {
  const sent = fake.clickButton(messageId, customId, member(opts));
  return { ...sent, answer: () => answerTo(fake, sent) };
}

/** A member submits a modal; `answer()` is what they get. */
export function submit(
  fake: FakeDiscord,
  customId: string,
  values: Record<string, string>,
  opts: { userId?: string; name?: string; admin?: boolean; channelId?: string } = {},
) {
  const sent = fake.submitModal(customId, values, member(opts), opts.channelId ?? CHANNEL_ID);
  return { ...sent, answer: () => answerTo(fake, sent) };
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
