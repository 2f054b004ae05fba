import { createHash, randomBytes } from 'node:crypto';

/** Who approves on a fake authorize page: their id, name and (Discord) servers or (Slack) team. */
export interface OAuthUser {
  id: string;
  name: string;
  guilds?: { id: string; permissions: string }[];
  team?: string;
}

/**
 * The OAuth2 side of a fake platform: an authorize page that approves at once as `user`, a
 * token endpoint that checks the code, redirect and PKCE verifier, and the user behind a token.
 */
export class FakeOAuth {
  user: OAuthUser | null = null;
  readonly tokenRequests: URLSearchParams[] = [];
  private readonly codes = new Map<
    string,
    { user: OAuthUser; redirect: string; challenge: string | null }
  >();
  private readonly tokens = new Map<string, OAuthUser>();

  /** Where the authorize page sends the browser back: the redirect with a code and the state. */
  authorize(url: URL): { status: number; location?: string } {
    const redirect = url.searchParams.get('redirect_uri');
    if (!this.user || !redirect || url.searchParams.get('response_type') !== 'code')
      return { status: 400 };
    const code = randomBytes(12).toString('hex');
    this.codes.set(code, {
      user: this.user,
      redirect,
      challenge: url.searchParams.get('code_challenge'),
    });
    const back = new URL(redirect);
    back.searchParams.set('code', code);
    back.searchParams.set('state', url.searchParams.get('state') ?? '');
    return { status: 302, location: back.toString() };
  }

  /** The token answer for a code, once; null when anything does not match. */
  token(params: URLSearchParams): Record<string, unknown> | null {
    this.tokenRequests.push(params);
    const code = params.get('code') ?? '';
    const issued = this.codes.get(code);
    this.codes.delete(code);
    if (!issued || params.get('redirect_uri') !== issued.redirect) return null;
    if (issued.challenge) {
      const verifier = params.get('code_verifier') ?? '';
      if (createHash('sha256').update(verifier).digest('base64url') !== issued.challenge)
        return null;
    }
    const token = randomBytes(16).toString('hex');
    this.tokens.set(token, issued.user);
    return {
      ok: true,
      access_token: token,
      token_type: 'Bearer',
      expires_in: 604800,
      id_token: 'x',
    };
  }

  userOf(authorization: string | undefined): OAuthUser | undefined {
    return this.tokens.get((authorization ?? '').replace(/^Bearer /, ''));
  }

  /** The platform takes back every token (the person left, or revoked the app). */
  revokeAll(): void {
    this.tokens.clear();
  }
}
