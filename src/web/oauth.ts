import {
  ArcticFetchError,
  CodeChallengeMethod,
  decodeIdToken,
  generateCodeVerifier,
  generateState,
  OAuth2Client,
  OAuth2RequestError,
} from 'arctic';

/** One platform's sign-in: its authorize page, token endpoint and who the token belongs to. */
export interface Provider {
  name: 'discord' | 'slack';
  /**
   * The URL to send the browser to, and what the callback must get back (kept in a cookie):
   * the state, and the PKCE verifier (Discord) or the OpenID Connect nonce (Slack).
   */
  start(redirect: string): { url: URL; state: string; verifier: string };
  /** The person behind the code: platform id, name, their team (Slack), the access token. */
  finish(
    redirect: string,
    code: string,
    verifier: string,
  ): Promise<{ member: string; name: string; workspace: string; token: string }>;
}

export interface ProviderSettings {
  clientId: string;
  clientSecret: string;
  /** The authorize page (DISCORD_OAUTH_URL, SLACK_OAUTH_URL). */
  oauthUrl: string;
  /** The API the token and user calls go to (DISCORD_API_URL, SLACK_API_URL ending in `/`). */
  apiUrl: string;
}

async function json(url: string, init: RequestInit): Promise<Record<string, unknown>> {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
  if (!res.ok) throw new Error(`${new URL(url).pathname} answered ${res.status}`);
  return (await res.json()) as Record<string, unknown>;
}

/** Discord OAuth2: authorization code with PKCE and state, scopes `identify guilds`. */
export function discordProvider(s: ProviderSettings): Provider {
  return {
    name: 'discord',
    start(redirect) {
      const client = new OAuth2Client(s.clientId, s.clientSecret, redirect);
      const state = generateState();
      const verifier = generateCodeVerifier();
      const url = client.createAuthorizationURLWithPKCE(
        s.oauthUrl,
        state,
        CodeChallengeMethod.S256,
        verifier,
        ['identify', 'guilds'],
      );
      return { url, state, verifier };
    },
    async finish(redirect, code, verifier) {
      const client = new OAuth2Client(s.clientId, s.clientSecret, redirect);
      const tokens = await client.validateAuthorizationCode(
        `${s.apiUrl}/v10/oauth2/token`,
        code,
        verifier,
      );
      const token = tokens.accessToken();
      const user = await json(`${s.apiUrl}/v10/users/@me`, {
        headers: { authorization: `Bearer ${token}` },
      });
      return {
        member: String(user.id),
        name: String(user.global_name ?? user.username ?? user.id),
        workspace: '',
        token,
      };
    },
  };
}

/** Sign in with Slack (OpenID Connect): scopes `openid profile`; the team comes with the user. */
export function slackProvider(s: ProviderSettings): Provider {
  return {
    name: 'slack',
    start(redirect) {
      const client = new OAuth2Client(s.clientId, s.clientSecret, redirect);
      const state = generateState();
      const url = client.createAuthorizationURL(s.oauthUrl, state, ['openid', 'profile']);
      const nonce = generateState();
      url.searchParams.set('nonce', nonce);
      return { url, state, verifier: nonce };
    },
    async finish(redirect, code, nonce) {
      const client = new OAuth2Client(s.clientId, s.clientSecret, redirect);
      const tokens = await client.validateAuthorizationCode(
        `${s.apiUrl}openid.connect.token`,
        code,
        null,
      );
      // The id_token comes straight from Slack's token call (no signature to check then), but
      // it must answer this sign-in: our nonce, our client, the person userInfo names.
      const claims = decodeIdToken(tokens.idToken()) as Record<string, unknown>;
      const audience = [claims.aud].flat();
      if (!nonce || claims.nonce !== nonce || !audience.includes(s.clientId))
        throw new SignInMismatch('the sign-in answer was not for this sign-in (nonce)');
      const token = tokens.accessToken();
      const info = await json(`${s.apiUrl}openid.connect.userInfo`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
      });
      if (!info.ok || typeof info.sub !== 'string' || info.sub !== claims.sub)
        throw new SignInMismatch('openid.connect.userInfo refused the token');
      return {
        member: info.sub,
        name: String(info.name ?? info.sub),
        workspace: String(info['https://slack.com/team_id'] ?? ''),
        token,
      };
    },
  };
}

/** A sign-in answer that is not for this sign-in, or names someone else. */
class SignInMismatch extends Error {}

/** Why a sign-in failed, as the page says it (a catalogue key; nothing from the URL is shown). */
export const SIGN_IN_FAILURES = ['refused', 'unreachable', 'mismatch', 'failed'] as const;
export type SignInFailure = (typeof SIGN_IN_FAILURES)[number];

export function signInFailure(err: unknown): SignInFailure {
  if (err instanceof OAuth2RequestError) return 'refused';
  if (err instanceof ArcticFetchError) return 'unreachable';
  if (err instanceof SignInMismatch) return 'mismatch';
  return 'failed';
}

/** The failure for the log: the provider's error code or what went wrong, nothing secret. */
export function signInDetail(err: unknown): string {
  if (err instanceof OAuth2RequestError) return err.code;
  return err instanceof Error ? err.message : 'unknown';
}
