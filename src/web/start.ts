import type { Config } from '../core/config.ts';
import type { PracticeDeps } from '../core/deps.ts';
import { randomToken, storeUp } from '../core/web-sessions.ts';
import { discordProvider, type Provider, slackProvider } from './oauth.ts';
import { startWeb, type WebServer } from './server.ts';

/** What /healthz asks of each connected platform. */
export type PlatformChecks = Record<string, () => Promise<boolean> | boolean>;

export const DISCORD_API = 'https://discord.com/api';
export const DISCORD_OAUTH = 'https://discord.com/oauth2/authorize';
export const SLACK_API = 'https://slack.com/api/';
export const SLACK_OAUTH = 'https://slack.com/openid/connect/authorize';

/** Where the dashboard listens: WEB_PORT, or 127.0.0.1:3000 in the console; null when off. */
export function webAddress(
  config: Config,
  consoleOnly: boolean,
): { port: number; host: string } | null {
  if (config.WEB_PORT !== undefined)
    return {
      port: Number(config.WEB_PORT),
      host: config.WEB_HOST ?? (consoleOnly ? '127.0.0.1' : '0.0.0.0'),
    };
  return consoleOnly ? { port: 3000, host: config.WEB_HOST ?? '127.0.0.1' } : null;
}

/** The dashboard from the configuration, next to the platforms this process connected. */
export async function startDashboard(
  deps: PracticeDeps,
  config: Config,
  where: { port: number; host: string },
  platforms: PlatformChecks,
  consoleMember?: { id: string; name: string },
): Promise<WebServer> {
  const discordApi = (config.DISCORD_API_URL ?? DISCORD_API).replace(/\/$/, '');
  const slackApi = (config.SLACK_API_URL ?? SLACK_API).replace(/\/?$/, '/');
  const providers: Provider[] = [];
  const discordId = config.DISCORD_CLIENT_ID ?? config.DISCORD_APPLICATION_ID;
  if (discordId && config.DISCORD_CLIENT_SECRET)
    providers.push(
      discordProvider({
        clientId: discordId,
        clientSecret: config.DISCORD_CLIENT_SECRET,
        oauthUrl: config.DISCORD_OAUTH_URL ?? DISCORD_OAUTH,
        apiUrl: discordApi,
      }),
    );
  if (config.SLACK_CLIENT_ID && config.SLACK_CLIENT_SECRET)
    providers.push(
      slackProvider({
        clientId: config.SLACK_CLIENT_ID,
        clientSecret: config.SLACK_CLIENT_SECRET,
        oauthUrl: config.SLACK_OAUTH_URL ?? SLACK_OAUTH,
        apiUrl: slackApi,
      }),
    );
  const shownHost = where.host === '0.0.0.0' || where.host === '::' ? '127.0.0.1' : where.host;
  return startWeb(deps, {
    ...where,
    publicUrl: config.PUBLIC_URL ?? `http://${shownHost}:${where.port}`,
    secret: config.WEB_SESSION_SECRET ?? randomToken(),
    sessionTtlMs: config.WEB_SESSION_TTL,
    providers,
    contentDirs: [config.CONTENT_DIR],
    apis: {
      discord: { apiUrl: discordApi },
      slack: {
        apiUrl: slackApi,
        ...(config.SLACK_BOT_TOKEN ? { botToken: config.SLACK_BOT_TOKEN } : {}),
        adminUserIds: config.ADMIN_USER_IDS,
      },
      ...(consoleMember ? { consoleOwner: consoleMember.id } : {}),
    },
    ...(consoleMember ? { consoleMember } : {}),
    health: async () => {
      const checks: Record<string, boolean> = { store: await storeUp(deps.store) };
      for (const [name, check] of Object.entries(platforms))
        checks[name] = await Promise.resolve()
          .then(check)
          .catch(() => false);
      return checks;
    },
  });
}
