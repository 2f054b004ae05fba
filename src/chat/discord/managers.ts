import {
  type Client,
  DiscordAPIError,
  PermissionFlagsBits,
  type PermissionsBitField,
  RESTJSONErrorCodes,
} from 'discord.js';
import type { ChannelAddress } from '../../core/port.ts';

/**
 * Discord's say on managing a channel, for a command and for the dashboard alike: Manage Channels
 * in that channel, its permission overwrites counted (Administrator implies it). The members
 * added with `/settings managers` come on top, in settings/managers.ts `isManager`.
 */
export function managesWith(
  permissions: Readonly<PermissionsBitField> | null | undefined,
): boolean {
  return permissions?.has(PermissionFlagsBits.ManageChannels) ?? false;
}

/**
 * The same say for a member outside an interaction (a dashboard page): their permissions in the
 * channel, from the cached guild, channel and roles and the member (fetched when not cached).
 * False when the bot is not connected, the guild is not this process's (another shard's), or
 * the member is not in the guild; other failures throw, and the caller refuses.
 */
export async function memberManages(
  client: Client,
  address: ChannelAddress,
  userId: string,
): Promise<boolean> {
  if (!client.isReady()) return false;
  const guild = client.guilds.cache.get(address.workspace);
  const channel = guild?.channels.cache.get(address.channel);
  if (!guild || !channel) return false;
  try {
    return managesWith(channel.permissionsFor(await guild.members.fetch(userId)));
  } catch (err) {
    const gone: unknown[] = [RESTJSONErrorCodes.UnknownMember, RESTJSONErrorCodes.UnknownUser];
    if (err instanceof DiscordAPIError && gone.includes(err.code)) return false;
    throw err;
  }
}
