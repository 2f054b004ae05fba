import { addressOf, type ChannelRow, channelById, channelsIn } from '../core/channels.ts';
import type { PracticeDeps } from '../core/deps.ts';
import type { Platform } from '../core/port.ts';
import { isManager, slackManages } from '../settings/managers.ts';
import type { SessionRow } from './sessions.ts';

/** A server or workspace where both the person and Drill are. */
export interface Place {
  platform: Platform;
  workspace: string;
  /**
   * The platform's say on managing where it holds for the whole workspace (Slack's admins, the
   * console's owner). Discord's is per channel: asked of the bot (`ChatPort.managesChannel`).
   */
  canManage: boolean;
}

export interface PlatformApis {
  /** Discord's REST base (DISCORD_API_URL or https://discord.com/api). */
  discord?: { apiUrl: string };
  /** Slack's Web API base, ending in `/` (SLACK_API_URL or https://slack.com/api/). */
  slack?: { apiUrl: string; botToken?: string; adminUserIds: readonly string[] };
  /** The console's person (local sign-in): the console's owner manages its channel. */
  consoleOwner?: string;
}

/** How long the platform's answer holds before it is asked again. */
const CACHE_MS = 30_000;

async function getJson(url: string, init: RequestInit): Promise<unknown> {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(5_000) });
  if (res.status === 401 || res.status === 403) return null;
  if (!res.ok) throw new Error(`${new URL(url).pathname} answered ${res.status}`);
  return res.json();
}

/**
 * Who sees what, asked on every request: the platform (with the person's own token, cached a
 * short time) says where they are; the store says which channels Drill runs there; a manager
 * is whom `/settings` takes for one. The cookie only names the session.
 */
export class Access {
  private readonly cache = new Map<string, { at: number; places: Place[] | null }>();
  private readonly says = new Map<string, { at: number; says: boolean }>();

  constructor(
    private readonly deps: PracticeDeps,
    private readonly apis: PlatformApis,
  ) {}

  /** The places of this session; null when the platform no longer takes its token. */
  async places(session: SessionRow): Promise<Place[] | null> {
    const now = this.deps.clock.now();
    const cached = this.cache.get(session.id);
    if (cached && now - cached.at < CACHE_MS) return cached.places;
    const places = await this.ask(session);
    this.cache.set(session.id, { at: now, places });
    if (this.cache.size > 10_000) this.cache.delete(this.cache.keys().next().value as string);
    return places;
  }

  forget(sessionId: string): void {
    this.cache.delete(sessionId);
  }

  private async ask(session: SessionRow): Promise<Place[] | null> {
    const auth = { authorization: `Bearer ${session.token}` };
    if (session.platform === 'console') {
      if (!this.apis.consoleOwner) return null;
      return [
        {
          platform: 'console',
          workspace: 'local',
          canManage: session.member === this.apis.consoleOwner,
        },
      ];
    }
    if (session.platform === 'discord' && this.apis.discord) {
      const guilds = (await getJson(`${this.apis.discord.apiUrl}/v10/users/@me/guilds`, {
        headers: auth,
      })) as { id: string }[] | null;
      if (!guilds) return null;
      return guilds.map((g) => ({ platform: 'discord', workspace: g.id, canManage: false }));
    }
    if (session.platform === 'slack' && this.apis.slack) {
      const { apiUrl, botToken, adminUserIds } = this.apis.slack;
      const info = (await getJson(`${apiUrl}openid.connect.userInfo`, {
        method: 'POST',
        headers: auth,
      })) as Record<string, unknown> | null;
      if (!info?.ok || info['https://slack.com/team_id'] !== session.workspace) return null;
      let user: { is_admin?: boolean; is_owner?: boolean } | undefined;
      if (botToken && !slackManages(session.member, undefined, adminUserIds)) {
        const found = (await getJson(`${apiUrl}users.info`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${botToken}`,
            'content-type': 'application/x-www-form-urlencoded',
          },
          body: new URLSearchParams({ user: session.member }),
        })) as { user?: typeof user } | null;
        user = found?.user;
      }
      return [
        {
          platform: 'slack',
          workspace: session.workspace,
          canManage: slackManages(session.member, user, adminUserIds),
        },
      ];
    }
    return null;
  }

  /** The channels Drill runs in where the person is. */
  async channels(session: SessionRow): Promise<ChannelRow[]> {
    return channelsIn(this.deps, (await this.places(session)) ?? []);
  }

  /**
   * The channel if the person may see it, and whether they manage it (the same rule as
   * `/settings`: the platform's say or a manager added there); null when not theirs.
   */
  async channel(
    session: SessionRow,
    channelId: number,
  ): Promise<{ channel: ChannelRow; manages: boolean; canManage: boolean } | null> {
    const channel = await channelById(this.deps, channelId);
    if (!channel) return null;
    const place = (await this.places(session))?.find(
      (p) => p.platform === channel.platform && p.workspace === channel.workspace,
    );
    if (!place) return null;
    const canManage = await this.platformSays(channel, session.member, place);
    const manages = await isManager(this.deps, channel, {
      id: session.member,
      name: session.name,
      canManage,
    });
    return { channel, manages, canManage };
  }

  /**
   * The platform's say on this member managing this channel: the bot's answer where its port
   * gives one per channel (Discord, as its commands take it), cached a short time; else the
   * workspace's. A bot that cannot answer says no.
   */
  private async platformSays(channel: ChannelRow, member: string, place: Place): Promise<boolean> {
    const port = this.deps.ports[channel.platform as Platform];
    if (!port?.managesChannel) return place.canManage;
    const key = `${channel.id}:${member}`;
    const now = this.deps.clock.now();
    const cached = this.says.get(key);
    if (cached && now - cached.at < CACHE_MS) return cached.says;
    const says = await port.managesChannel(addressOf(channel), member).catch((err: unknown) => {
      this.deps.log.warn(
        { err, channel: channel.id },
        'web: the platform could not say who manages',
      );
      return false;
    });
    this.says.set(key, { at: now, says });
    if (this.says.size > 10_000) this.says.delete(this.says.keys().next().value as string);
    return says;
  }
}
