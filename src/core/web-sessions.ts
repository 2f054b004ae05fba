import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import { eq, lt } from 'drizzle-orm';
import type { Store } from '../db/store.ts';

/** A signed-in person, as the store keeps them (the cookie holds only the signed id). */
export type SessionRow = Store['tables']['webSessions']['$inferSelect'];
export type NewSession = Omit<SessionRow, 'id' | 'csrf' | 'createdAt' | 'expiresAt'>;

export const randomToken = (bytes = 32) => randomBytes(bytes).toString('base64url');

function mac(secret: string, value: string): Buffer {
  return createHmac('sha256', secret).update(value).digest();
}

/** `value.signature`: what a cookie carries. */
export function sign(secret: string, value: string): string {
  return `${value}.${mac(secret, value).toString('base64url')}`;
}

/** The value of a signed text, or null when it was not signed with this secret. */
export function unsign(secret: string, signed: string | undefined): string | null {
  if (!signed) return null;
  const dot = signed.lastIndexOf('.');
  if (dot <= 0) return null;
  const value = signed.slice(0, dot);
  const given = Buffer.from(signed.slice(dot + 1), 'base64url');
  const wanted = mac(secret, value);
  return given.length === wanted.length && timingSafeEqual(given, wanted) ? value : null;
}

function tokenKey(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, '', 'drill web session token', 32));
}

/**
 * The platform's access token as the row keeps it: AES-256-GCM under a key derived from the
 * session secret, bound to the session id, so a copy of the store alone holds no usable token.
 */
export function sealToken(secret: string, sessionId: string, token: string): string {
  if (token === '') return '';
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', tokenKey(secret), iv).setAAD(Buffer.from(sessionId));
  const sealed = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
}

/** The token a row keeps, or '' when it was sealed with another secret (the platform refuses). */
export function openToken(secret: string, sessionId: string, sealed: string): string {
  try {
    const raw = Buffer.from(sealed, 'base64url');
    if (raw.length < 29) return '';
    const decipher = createDecipheriv('aes-256-gcm', tokenKey(secret), raw.subarray(0, 12))
      .setAAD(Buffer.from(sessionId))
      .setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    return '';
  }
}

export async function createSession(
  store: Store,
  secret: string,
  values: NewSession,
  now: number,
  ttlMs: number,
): Promise<SessionRow> {
  const row: SessionRow = {
    ...values,
    id: randomToken(),
    csrf: randomToken(24),
    createdAt: now,
    expiresAt: now + ttlMs,
  };
  const { webSessions } = store.tables;
  await store.db
    .insert(webSessions)
    .values({ ...row, token: sealToken(secret, row.id, row.token) });
  // Sign-ins are rare: each one clears the expired rows.
  await store.db.delete(webSessions).where(lt(webSessions.expiresAt, now));
  return row;
}

/** The session with this id (its token opened), unless it expired. */
export async function findSession(
  store: Store,
  secret: string,
  id: string,
  now: number,
): Promise<SessionRow | null> {
  const { webSessions } = store.tables;
  const [row] = await store.db.select().from(webSessions).where(eq(webSessions.id, id)).limit(1);
  return row && row.expiresAt > now ? { ...row, token: openToken(secret, id, row.token) } : null;
}

export async function endSession(store: Store, id: string): Promise<void> {
  const { webSessions } = store.tables;
  await store.db.delete(webSessions).where(eq(webSessions.id, id));
}

/** Whether the store answers (GET /healthz). */
export async function storeUp(store: Store): Promise<boolean> {
  try {
    const { webSessions } = store.tables;
    await store.db.select({ id: webSessions.id }).from(webSessions).limit(1);
    return true;
  } catch {
    return false;
  }
}
