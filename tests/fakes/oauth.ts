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
  /** Answer with an id_token whose nonce is not the one the sign-in sent (a replayed answer). */
  forgeNonce = false;
  readonly tokenRequests: URLSearchParams[] = [];
  /** Every access token handed out (a test looks for them where they must not be). */
  readonly issued: string[] = [];
  private readonly codes = new Map<
    string,
    {
      user: OAuthUser;
      redirect: string;
      challenge: string | null;
      nonce: string | null;
      client: string | null;
    }
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
      nonce: url.searchParams.get('nonce'),
      client: url.searchParams.get('client_id'),
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
    this.issued.push(token);
    return {
      ok: true,
      access_token: token,
      token_type: 'Bearer',
      expires_in: 604800,
      id_token: this.idToken(issued.client, issued.user, issued.nonce),
    };
  }

  /** An OpenID Connect id_token (unsigned: the client takes it straight from the token call). */
  private idToken(clientId: string | null, user: OAuthUser, nonce: string | null): string {
    const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    return `${part({ alg: 'none' })}.${part({
      iss: 'https://slack.com',
      aud: clientId,
      sub: user.id,
      'https://slack.com/team_id': user.team,
      nonce: this.forgeNonce ? 'another-sign-in' : nonce,
    })}.`;
  }

  userOf(authorization: string | undefined): OAuthUser | undefined {
    return this.tokens.get((authorization ?? '').replace(/^Bearer /, ''));
  }

  /** The platform takes back every token (the person left, or revoked the app). */
  revokeAll(): void {
    this.tokens.clear();
  }
}
