/**
 * A start-up failure that is a platform refusing a token, told apart by the error's shape alone
 * (this module loads no SDK): which platform, which variable to check, and the platform's code.
 */
export type RefusedToken = {
  platform: string;
  variable: string;
  detail: string;
};

/** A start-up failure that is Discord refusing the bot token (401, or gateway close 4004). */
function refusedDiscordToken(err: unknown): RefusedToken | null {
  const status = (err as { status?: number }).status;
  const code = (err as { code?: unknown }).code;
  if (status !== 401 && code !== 'TokenInvalid') return null;
  return {
    platform: 'Discord',
    variable: 'DISCORD_TOKEN',
    detail: status === 401 ? '401 Unauthorized' : 'TokenInvalid',
  };
}

const REFUSED = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'not_allowed_token_type',
]);

/** A start-up failure that is Slack refusing a token: which variable to check, and Slack's code. */
function refusedSlackToken(err: unknown): RefusedToken | null {
  const code = (err as { data?: { error?: string } }).data?.error;
  if (!code || !REFUSED.has(code)) return null;
  // apps.connections.open is the one call made with the app-level token.
  const appToken = /apps\.connections\.open/.test(String((err as Error).message ?? ''));
  return {
    platform: 'Slack',
    variable: appToken ? 'SLACK_APP_TOKEN' : 'SLACK_BOT_TOKEN',
    detail: code,
  };
}

export function refusedToken(err: unknown): RefusedToken | null {
  return refusedDiscordToken(err) ?? refusedSlackToken(err);
}
