import {
  ApplicationCommandOptionType,
  ApplicationIntegrationType,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  Client,
  type CommandInteractionOption,
  Events,
  GatewayIntentBits,
  InteractionContextType,
  type Message,
  MessageFlags,
  type MessageReaction,
  type ModalSubmitInteraction,
  Options,
  type PartialMessage,
  type PartialMessageReaction,
  Partials,
  type PartialUser,
  PermissionFlagsBits,
  Routes,
  type User,
} from 'discord.js';
import {
  type Command,
  type CommandContext,
  commands,
  findCommand,
  runCommand,
} from '../../../commands/index.ts';
import { answerInPlace } from '../../../commands/mock.ts';
import type { OptionKind } from '../../../commands/types.ts';
import { channelLocale, ensureChannel } from '../../core/channels.ts';
import type { PracticeDeps } from '../../core/deps.ts';
import { asNotSaved, NotSavedError } from '../../core/errors.ts';
import { type MessageKey, t } from '../../core/i18n/index.ts';
import type { Logger } from '../../core/log.ts';
import type { ChannelAddress } from '../../core/port.ts';
import { clipText } from '../../core/split.ts';
import { storeReply } from '../../practice/intake.ts';
import { deleteReply, editReply } from '../../practice/replies.ts';
import { recordReaction } from '../../practice/votes.ts';
import { makeCache } from './cache.ts';
import { answerInteraction, onInteraction } from './interactions.ts';
import { DiscordPort, messageRef } from './port.ts';
import { NO_MENTIONS } from './text.ts';

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

/** What the bot needs in a channel, as Discord names them in its settings. */
export const REQUIRED_PERMISSIONS = {
  'View Channel': PermissionFlagsBits.ViewChannel,
  'Send Messages': PermissionFlagsBits.SendMessages,
  'Create Public Threads': PermissionFlagsBits.CreatePublicThreads,
  'Send Messages in Threads': PermissionFlagsBits.SendMessagesInThreads,
  'Add Reactions': PermissionFlagsBits.AddReactions,
  'Embed Links': PermissionFlagsBits.EmbedLinks,
  'Read Message History': PermissionFlagsBits.ReadMessageHistory,
} as const;

/** Needed only by commands that send files (`/export`), so `/schedule set` does not ask for it. */
export const FILE_PERMISSIONS = { 'Attach Files': PermissionFlagsBits.AttachFiles } as const;

/** Needed only by `/mock`, which runs in a private thread (without it, privately here). */
export const PRIVATE_THREAD_PERMISSIONS = {
  'Create Private Threads': PermissionFlagsBits.CreatePrivateThreads,
} as const;

/** The permissions integer for the invite URL. */
export const INVITE_PERMISSIONS = [
  ...Object.values(REQUIRED_PERMISSIONS),
  ...Object.values(FILE_PERMISSIONS),
  ...Object.values(PRIVATE_THREAD_PERMISSIONS),
].reduce((a, b) => a | b, 0n);

const EPHEMERAL = MessageFlags.Ephemeral;

/** Discord's option type for each kind of option: pickers for members, roles and channels. */
const OPTION_TYPES: Record<OptionKind, ApplicationCommandOptionType> = {
  text: ApplicationCommandOptionType.String,
  user: ApplicationCommandOptionType.User,
  mentionable: ApplicationCommandOptionType.Mentionable,
  channel: ApplicationCommandOptionType.Channel,
};

/** A picked member, role or channel as the mention text the command reads. */
function optionValue(option: CommandInteractionOption): unknown {
  if (option.type === ApplicationCommandOptionType.Mentionable) {
    return option.role ? `<@&${option.role.id}>` : `<@${String(option.value)}>`;
  }
  if (option.type === ApplicationCommandOptionType.User) return `<@${String(option.value)}>`;
  if (option.type === ApplicationCommandOptionType.Channel) return `<#${String(option.value)}>`;
  return option.value;
}

/** A command definition as Discord's JSON, with Korean localizations from the catalogue. */
export function discordCommand(command: Command) {
  const ko = (key: Parameters<typeof t>[1]) => t('ko', key);
  return {
    name: command.name,
    description: t('en', command.description).slice(0, 100),
    name_localizations: { ko: ko(`name.${command.name}` as Parameters<typeof t>[1]) },
    description_localizations: { ko: ko(command.description).slice(0, 100) },
    // Servers only: a study group is a server channel, and a DM has no channel to drill in.
    contexts: [InteractionContextType.Guild],
    integration_types: [ApplicationIntegrationType.GuildInstall],
    options: command.options.map((o) => ({
      type: OPTION_TYPES[o.kind ?? 'text'],
      name: o.name,
      description: t('en', o.description).slice(0, 100),
      name_localizations: { ko: ko(`name.${o.name}` as Parameters<typeof t>[1]) },
      description_localizations: { ko: ko(o.description).slice(0, 100) },
      required: o.required ?? false,
      ...(o.choices ? { choices: o.choices.map((c) => ({ name: c, value: c })) } : {}),
    })),
  };
}

/** What Discord gives back, cut to what we send, so "nothing changed" compares like with like. */
function comparable(list: unknown[]): string {
  return JSON.stringify(
    (list as ReturnType<typeof discordCommand>[])
      .map((c) => ({
        name: c.name,
        description: c.description,
        name_localizations: c.name_localizations ?? null,
        description_localizations: c.description_localizations ?? null,
        contexts: c.contexts ?? null,
        integration_types: c.integration_types ?? null,
        options: (c.options ?? []).map((o) => ({
          type: o.type,
          name: o.name,
          description: o.description,
          name_localizations: o.name_localizations ?? null,
          description_localizations: o.description_localizations ?? null,
          required: o.required ?? false,
          choices: o.choices ?? null,
        })),
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  );
}

/** Registers the slash commands (to the guild when one is set: instant), unless they are unchanged. */
export async function registerCommands(
  client: Client,
  opts: DiscordOptions,
  log: Logger,
): Promise<boolean> {
  const route = opts.guildId
    ? Routes.applicationGuildCommands(opts.applicationId, opts.guildId)
    : Routes.applicationCommands(opts.applicationId);
  const wanted = commands.map(discordCommand);
  const current = (await client.rest.get(route)) as unknown[];
  if (comparable(current) === comparable(wanted)) {
    log.info('discord slash commands unchanged; registration skipped');
    return false;
  }
  await client.rest.put(route, { body: wanted });
  log.info(
    { count: wanted.length, guild: opts.guildId ?? 'global' },
    'discord slash commands registered',
  );
  return true;
}

/** A channel or thread id as Drill's address: threads belong to their parent channel. */
async function addressOf(
  client: Client,
  guildId: string,
  channelId: string,
): Promise<{ address: ChannelAddress; threadRef: string | null }> {
  const channel =
    client.channels.cache.get(channelId) ??
    (await client.channels.fetch(channelId).catch(() => null));
  if (channel?.isThread() && channel.parentId) {
    return {
      address: { platform: 'discord', workspace: guildId, channel: channel.parentId },
      threadRef: channel.id,
    };
  }
  return {
    address: { platform: 'discord', workspace: guildId, channel: channelId },
    threadRef: null,
  };
}

/** What a command run from this interaction knows: where, who, the channel's language. */
async function commandContext(
  deps: PracticeDeps,
  interaction: ChatInputCommandInteraction | ButtonInteraction | ModalSubmitInteraction,
): Promise<CommandContext> {
  const { address, threadRef } = await addressOf(
    interaction.client,
    interaction.guildId ?? '',
    interaction.channelId ?? '',
  );
  const locale = channelLocale(await ensureChannel(deps, address));
  return {
    deps,
    address,
    threadRef,
    member: {
      id: interaction.user.id,
      name:
        interaction.member && 'displayName' in interaction.member
          ? interaction.member.displayName
          : interaction.user.username,
      canManage: interaction.memberPermissions?.has(PermissionFlagsBits.ManageChannels) ?? false,
    },
    locale,
    resolveMention: (text) => resolveMention(interaction, text),
    missingPermissions: async (extra = []) =>
      Object.entries({
        ...REQUIRED_PERMISSIONS,
        ...(extra.includes('files') ? FILE_PERMISSIONS : {}),
        ...(extra.includes('privateThreads') ? PRIVATE_THREAD_PERMISSIONS : {}),
      })
        .filter(([, bit]) => !interaction.appPermissions.has(bit))
        .map(([name]) => name),
  };
}

async function onCommand(
  deps: PracticeDeps,
  interaction: ChatInputCommandInteraction,
): Promise<void> {
  const command = findCommand(interaction.commandName);
  if (!interaction.inGuild()) {
    // Commands registered before they were limited to servers can still arrive from a DM.
    await interaction.reply({
      content: t(deps.defaults.locale, 'error.serverOnly'),
      flags: EPHEMERAL,
    });
    return;
  }
  const raw: Record<string, unknown> = {};
  for (const option of interaction.options.data) raw[option.name] = optionValue(option);
  await answerInteraction(
    interaction,
    async () => {
      const ctx = await commandContext(deps, interaction);
      return { reply: await runCommand(interaction.commandName, raw, ctx), ctx };
    },
    { public: command?.public ?? false, mayOpenForm: command?.opensForm ?? false },
  );
}

/**
 * What a drop may ping: a member, a mentionable role (found by mention or by name), or
 * @everyone/@here and unmentionable roles only when the bot has Mention Everyone here.
 */
async function resolveMention(
  interaction: ChatInputCommandInteraction | ButtonInteraction | ModalSubmitInteraction,
  text: string,
): Promise<{ mention: string } | { refused: MessageKey }> {
  const value = text.trim();
  const canEveryone = interaction.appPermissions.has(PermissionFlagsBits.MentionEveryone);
  if (value === '@everyone' || value === '@here')
    return canEveryone ? { mention: value } : { refused: 'schedule.mentionEveryone' };
  if (/^<@!?\d+>$/.test(value)) return { mention: value };
  const guild = interaction.guild;
  const id = /^<@&(\d+)>$/.exec(value)?.[1];
  const name = value.replace(/^@/, '');
  const role = id
    ? (guild?.roles.cache.get(id) ?? (await guild?.roles.fetch(id).catch(() => null)))
    : guild?.roles.cache.find((r) => r.name === name);
  if (!role || !guild) return { refused: 'schedule.mentionUnknown' };
  if (role.id === guild.id)
    return canEveryone ? { mention: '@everyone' } : { refused: 'schedule.mentionEveryone' };
  if (!role.mentionable && !canEveryone) return { refused: 'schedule.mentionRole' };
  return { mention: `<@&${role.id}>` };
}

function memberName(message: Message | PartialMessage): string {
  return (
    message.member?.displayName ??
    message.author?.globalName ??
    message.author?.username ??
    'member'
  );
}

async function onReaction(
  deps: PracticeDeps,
  client: Client,
  reaction: MessageReaction | PartialMessageReaction,
  reactor: User | PartialUser,
  added: boolean,
): Promise<void> {
  if (reactor.id === client.user?.id || !reaction.emoji.name) return;
  // A partial user (not cached) does not say whether it is a bot: ask once, then it is cached.
  const user = reactor.partial ? await reactor.fetch() : reactor;
  const { address, threadRef } = await addressOf(
    client,
    reaction.message.guildId ?? '',
    reaction.message.channelId,
  );
  try {
    await recordReaction(deps, {
      address,
      messageRef: messageRef(reaction.message.channelId, reaction.message.id),
      member: user.id,
      isBot: user.bot,
      emoji: reaction.emoji.name,
      added,
    });
  } catch (err) {
    const notSaved = asNotSaved(err);
    if (!(notSaved instanceof NotSavedError)) throw err;
    deps.log.error({ err, channel: address }, 'a reaction could not be stored');
    const locale = channelLocale(await ensureChannel(deps, address));
    await tellInChannel(client, threadRef ?? reaction.message.channelId, {
      content: t(locale, 'vote.notSaved', {
        name: `<@${user.id}>`,
        reason: notSaved.reason(locale),
      }),
    });
  }
}

/** A short notice in a channel or thread that mentions no one audibly. */
async function tellInChannel(client: Client, channelId: string, body: { content: string }) {
  await client.rest.post(Routes.channelMessages(channelId), {
    body: { content: clipText(body.content, 2000), allowed_mentions: NO_MENTIONS },
  });
}

/** Each kind of gateway event in one place: acknowledge, store, then answer; errors are logged. */
function register(deps: PracticeDeps, client: Client): void {
  const safe = (what: string, work: Promise<void>) =>
    void work.catch((err) => deps.log.error({ err }, `discord ${what} failed`));

  client.on(Events.InteractionCreate, (interaction) => {
    const work = interaction.isChatInputCommand()
      ? onCommand(deps, interaction)
      : interaction.isButton() || interaction.isModalSubmit()
        ? onInteraction(interaction, (i) => commandContext(deps, i))
        : null;
    if (!work || !interaction.isRepliable()) return;
    safe(
      'interaction',
      work.catch(async (err) => {
        const what = interaction.isChatInputCommand()
          ? { command: interaction.commandName }
          : { customId: 'customId' in interaction ? interaction.customId : null };
        deps.log.error({ err, ...what }, 'discord interaction failed');
        const content = t(deps.defaults.locale, 'error.internal');
        if (interaction.deferred || interaction.replied) await interaction.editReply({ content });
        else await interaction.reply({ content, flags: EPHEMERAL });
      }),
    );
  });

  client.on(Events.MessageCreate, (message) => {
    if (!message.channel.isThread() || !message.guildId) return;
    const guildId = message.guildId;
    // Read now: the member cache keeps only the latest member of a server (see startDiscord).
    const name = memberName(message);
    safe(
      'message',
      (async () => {
        const { address, threadRef } = await addressOf(client, guildId, message.channelId);
        if (!threadRef) return;
        // The member's own mock thread: the message is their (private) answer.
        const { author } = message;
        const place = { platform: 'discord' as const, member: author.id, threadRef };
        const text = message.content;
        if (!author.bot && (await answerInPlace(deps, { ...place, name, text }))) return;
        try {
          await storeReply(deps, {
            address,
            threadRef,
            messageRef: messageRef(message.channelId, message.id),
            member: message.author.id,
            memberName: name,
            isBot: message.author.bot,
            text: message.content,
            at: message.createdTimestamp,
          });
        } catch (err) {
          const notSaved = asNotSaved(err);
          if (!(notSaved instanceof NotSavedError)) throw err;
          deps.log.error({ err, channel: address }, 'a reply could not be stored');
          const locale = channelLocale(await ensureChannel(deps, address));
          await message.reply({
            content: t(locale, 'reply.notSaved', {
              name,
              reason: notSaved.reason(locale),
            }),
            allowedMentions: NO_MENTIONS,
          });
        }
      })(),
    );
  });

  client.on(Events.MessageUpdate, (_old, message) => {
    const { guildId, content } = message;
    if (!guildId || content === null) return;
    safe(
      'message edit',
      (async () => {
        const { address } = await addressOf(client, guildId, message.channelId);
        try {
          await editReply(deps, address, messageRef(message.channelId, message.id), content);
        } catch (err) {
          const notSaved = asNotSaved(err);
          if (!(notSaved instanceof NotSavedError) || !message.author) throw err;
          deps.log.error({ err, channel: address }, 'an edited reply could not be stored');
          const locale = channelLocale(await ensureChannel(deps, address));
          await tellInChannel(client, message.channelId, {
            content: t(locale, 'reply.notSaved', {
              name: `<@${message.author.id}>`,
              reason: notSaved.reason(locale),
            }),
          });
        }
      })(),
    );
  });

  client.on(Events.MessageDelete, (message) => {
    const { guildId } = message;
    if (!guildId) return;
    safe(
      'message delete',
      (async () => {
        const { address } = await addressOf(client, guildId, message.channelId);
        await deleteReply(deps, address, messageRef(message.channelId, message.id));
      })(),
    );
  });

  client.on(Events.MessageReactionAdd, (reaction, user) =>
    safe('reaction', onReaction(deps, client, reaction, user, true)),
  );
  client.on(Events.MessageReactionRemove, (reaction, user) =>
    safe('reaction removal', onReaction(deps, client, reaction, user, false)),
  );
}

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
  deps.ports.discord = new DiscordPort(client);
  register(deps, client);
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
    },
  };
}
