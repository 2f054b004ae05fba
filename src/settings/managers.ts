import { and, desc, eq } from 'drizzle-orm';
import type { ChannelRow } from '../core/channels.ts';
import type { PracticeDeps } from '../core/deps.ts';
import type { Platform } from '../core/port.ts';

/** Who is acting: `canManage` is the platform's own say (Discord Manage Channels, Slack admins). */
export interface Actor {
  id: string;
  name: string;
  canManage: boolean;
}

/** A channel's managers: the platform's admins, and the members added with `/settings managers`. */
export async function isManager(
  deps: PracticeDeps,
  channel: ChannelRow,
  actor: Actor,
): Promise<boolean> {
  if (actor.canManage) return true;
  const { channelManagers } = deps.store.tables;
  const found = await deps.store.db
    .select({ id: channelManagers.id })
    .from(channelManagers)
    .where(and(eq(channelManagers.channelId, channel.id), eq(channelManagers.member, actor.id)))
    .limit(1);
  return found.length > 0;
}

/** The members added as managers of a channel, in the order they were added. */
export async function listManagers(deps: PracticeDeps, channel: ChannelRow): Promise<string[]> {
  const { channelManagers } = deps.store.tables;
  const rows = await deps.store.db
    .select({ member: channelManagers.member })
    .from(channelManagers)
    .where(eq(channelManagers.channelId, channel.id))
    .orderBy(channelManagers.id);
  return rows.map((r) => r.member);
}

/** Adds a manager; false when they already were one. */
export async function addManager(
  deps: PracticeDeps,
  channel: ChannelRow,
  member: string,
  addedBy: string,
): Promise<boolean> {
  const { channelManagers } = deps.store.tables;
  const added = await deps.store.db
    .insert(channelManagers)
    .values({ channelId: channel.id, member, addedBy, createdAt: deps.clock.now() })
    .onConflictDoNothing()
    .returning({ id: channelManagers.id });
  return added.length > 0;
}

/** Removes a manager added here; false when they were not one. */
export async function removeManager(
  deps: PracticeDeps,
  channel: ChannelRow,
  member: string,
): Promise<boolean> {
  const { channelManagers } = deps.store.tables;
  const removed = await deps.store.db
    .delete(channelManagers)
    .where(and(eq(channelManagers.channelId, channel.id), eq(channelManagers.member, member)))
    .returning({ id: channelManagers.id });
  return removed.length > 0;
}

/**
 * The member id a command's text names, as each platform writes a member: Discord `<@id>`,
 * `<@!id>` or the id; Slack `<@U…|name>` (commands that escape mentions) or the id; the
 * console a name (its members are `console:<name>`). Null when it names no one.
 */
export function memberFromText(platform: Platform, text: string): string | null {
  const value = text.trim();
  if (platform === 'discord')
    return /^(?:<@!?(\d{1,25})>|(\d{1,25}))$/.exec(value)?.slice(1).find(Boolean) ?? null;
  if (platform === 'slack')
    return (
      /^(?:<@([UW][A-Z0-9]+)(?:\|[^>]*)?>|@?([UW][A-Z0-9]{2,}))$/
        .exec(value)
        ?.slice(1)
        .find(Boolean) ?? null
    );
  const name = value.replace(/^@/, '').replace(/^console:/, '');
  return /^[^\s<>@]{1,80}$/u.test(name) ? `console:${name}` : null;
}

/** How a member is shown: the name they last answered under here, with the id; else the id. */
export async function memberLabel(
  deps: PracticeDeps,
  channel: ChannelRow,
  member: string,
): Promise<string> {
  const { replies, drops } = deps.store.tables;
  const [named] = await deps.store.db
    .select({ name: replies.memberName })
    .from(replies)
    .innerJoin(drops, eq(drops.id, replies.dropId))
    .where(and(eq(drops.channelId, channel.id), eq(replies.member, member)))
    .orderBy(desc(replies.id))
    .limit(1);
  const id = member.replace(/^console:/, '');
  return named && named.name !== id ? `${named.name} (${id})` : id;
}

/** Whether the member may reveal answers before they are due: anyone, or managers (`reveal managers`). */
export async function mayReveal(
  deps: PracticeDeps,
  channel: ChannelRow,
  actor: Actor,
): Promise<boolean> {
  return channel.revealBy !== 'managers' || isManager(deps, channel, actor);
}

/**
 * The Slack platform's say on managing: workspace admins and owners (users.info), and the users
 * in ADMIN_USER_IDS. The Slack adapter and the web dashboard both ask this.
 */
export function slackManages(
  userId: string,
  user: { is_admin?: boolean; is_owner?: boolean } | undefined,
  admins: readonly string[],
): boolean {
  return admins.includes(userId) || Boolean(user?.is_admin || user?.is_owner);
}
