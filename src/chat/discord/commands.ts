import {
  ApplicationCommandOptionType,
  ApplicationIntegrationType,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Client,
  type CommandInteractionOption,
  InteractionContextType,
  MessageFlags,
  type ModalSubmitInteraction,
  PermissionFlagsBits,
  Routes,
} from 'discord.js';
import {
  type Command,
  type CommandContext,
  commands,
  findCommand,
  runCommand,
} from '../../../commands/index.ts';
import type { OptionKind } from '../../../commands/types.ts';
import { channelLocale, ensureChannel } from '../../core/channels.ts';
import type { PracticeDeps } from '../../core/deps.ts';
import { type MessageKey, t } from '../../core/i18n/index.ts';
import type { Logger } from '../../core/log.ts';
import { answerInteraction } from './interactions.ts';
import { managesWith } from './managers.ts';
import type { DiscordOptions } from './options.ts';
import { addressOf } from './where.ts';

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

export const EPHEMERAL = MessageFlags.Ephemeral;

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

/** What a command run from this interaction knows: where, who, the channel's language. */
export async function commandContext(
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
      canManage: managesWith(interaction.memberPermissions),
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

export async function onCommand(
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
