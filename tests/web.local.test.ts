/**
 * The console's local sign-in (no browser needed): from this machine, by a loopback name only.
 * A page elsewhere that rebinds its name to 127.0.0.1 (DNS rebinding) reaches the socket from
 * loopback, and X-Forwarded-For is only a header: neither signs anyone in.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWeb, type WebServer } from '../src/web/server.ts';
import { practiceWorld } from './helpers.ts';

let web: WebServer;
let world: Awaited<ReturnType<typeof practiceWorld>>;

/** One request with the headers given as they are (Host included); status, cookies and body. */
function send(
  method: string,
  path: string,
  headers: Record<string, string>,
  body = '',
): Promise<{ status: number; cookies: string[]; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: web.port, method, path, headers, timeout: 5_000 },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, cookies: res.headers['set-cookie'] ?? [], text }),
        );
      },
    );
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.end(body);
  });
}

/** The sign-in page's pre-cookie and form token, then the POST, all under one Host. */
async function signIn(host: string, extra: Record<string, string> = {}) {
  const home = await send('GET', '/', { host, ...extra });
  const csrf = /name="csrf" value="([^"]+)"/.exec(home.text)?.[1] ?? 'none';
  const cookie = home.cookies.map((c) => c.split(';')[0]).join('; ');
  const posted = await send(
    'POST',
    '/signin/local',
    { host, cookie, 'content-type': 'application/x-www-form-urlencoded', ...extra },
    `csrf=${csrf}`,
  );
  return { offered: home.text.includes('/signin/local'), posted };
}

beforeAll(async () => {
  world = await practiceWorld();
  web = await startWeb(world.deps, {
    port: 0,
    host: '127.0.0.1',
    publicUrl: 'http://127.0.0.1:3000',
    secret: 'test-secret-test-secret',
    sessionTtlMs: 60_000,
    providers: [],
    apis: { consoleOwner: 'console:me' },
    consoleMember: { id: 'console:me', name: 'me' },
    health: async () => ({ store: true }),
  });
});

afterAll(async () => {
  await web?.stop();
  await world?.store.close();
});

describe('the local sign-in', () => {
  it('signs in from 127.0.0.1 and localhost', async () => {
    for (const host of [`127.0.0.1:${web.port}`, `localhost:${web.port}`]) {
      const { offered, posted } = await signIn(host);
      expect(offered).toBe(true);
      expect(posted.status).toBe(303);
      expect(posted.cookies.some((c) => c.startsWith('drill_session='))).toBe(true);
    }
  });

  it('refuses a rebound name, whatever X-Forwarded-For says', async () => {
    const tricks: Record<string, string>[] = [
      {},
      { 'x-forwarded-for': '127.0.0.1', 'x-real-ip': '127.0.0.1' },
    ];
    for (const extra of tricks) {
      const { offered, posted } = await signIn(`attacker.example:${web.port}`, extra);
      expect(offered).toBe(false);
      expect(posted.status).toBe(403);
      expect(posted.cookies.some((c) => c.startsWith('drill_session='))).toBe(false);
    }
  });
});
