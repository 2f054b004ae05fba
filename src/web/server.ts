import { timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { type Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { type CommandContext, runCommand } from '../../commands/index.ts';
import { fontFile } from '../charts/weeks.ts';
import { addressOf, channelLocale, channelTimezone } from '../core/channels.ts';
import type { PracticeDeps } from '../core/deps.ts';
import { isLocale, type Locale, type MessageKey, t } from '../core/i18n/index.ts';
import { line } from '../core/reply/line.ts';
import { PERIODS, type Period } from '../core/standings.ts';
import {
  createSession,
  endSession,
  findSession,
  randomToken,
  type SessionRow,
  sign,
  unsign,
} from '../core/web-sessions.ts';
import { formatLocal } from '../core/zone.ts';
import { historyCsv, historyJson, loadHistory } from '../history/export.ts';
import { upcomingDrops } from '../schedule/upcoming.ts';
import { Access, type PlatformApis } from './access.ts';
import { packFlash, unpackFlash } from './flash.ts';
import { html } from './html.ts';
import type { Provider } from './oauth.ts';
import { SIGN_IN_FAILURES, type SignInFailure, signInDetail, signInFailure } from './oauth.ts';
import { bankPage } from './pages/bank.ts';
import { channelPage } from './pages/channel.ts';
import { channelName, page, STYLE } from './pages/layout.ts';
import { managePage, WEB_SETTINGS } from './pages/manage.ts';
import { mePage } from './pages/me.ts';

/** What the sign-in page says for each way a sign-in fails. */
const WHY: Record<SignInFailure, MessageKey> = {
  refused: 'web.signInWhy.refused',
  unreachable: 'web.signInWhy.unreachable',
  mismatch: 'web.signInWhy.mismatch',
  failed: 'web.signInWhy.failed',
};

export interface WebOptions {
  port: number;
  host: string;
  /** How people reach the dashboard (sign-in redirects; https makes the cookies Secure). */
  publicUrl: string;
  secret: string;
  sessionTtlMs: number;
  apis: PlatformApis;
  providers: Provider[];
  /** The notes folders the bank was synced from (the bank page shows their warnings). */
  contentDirs?: string[];
  /** The console's person: a local sign-in from this machine only. */
  consoleMember?: { id: string; name: string };
  /** Whether the store and each platform connection are up (GET /healthz). */
  health: () => Promise<Record<string, boolean>>;
}

export interface WebServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

const SESSION = 'drill_session';
const SIGNIN = 'drill_signin';
const FLASH = 'drill_flash';
/** The text fields a manage form's flash keeps, as they were typed. */
const TYPED = ['cron', 'timezone', 'reveal', 'key', 'value', 'member', 'date'] as const;
const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/;
const LOOPBACK_HOST = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|localhost|\[::1\])(:\d{1,5})?$/i;

type Env = { Variables: { session: SessionRow | null } };

function browserLocale(c: Context, fallback: Locale): Locale {
  const wanted = (c.req.header('accept-language') ?? '')
    .split(',')
    .map((p) => p.trim().slice(0, 2));
  return (wanted.find(isLocale) as Locale | undefined) ?? fallback;
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The dashboard: Hono on Node's http server, in the bot's process. */
export async function startWeb(deps: PracticeDeps, opts: WebOptions): Promise<WebServer> {
  const access = new Access(deps, opts.apis);
  const secure = opts.publicUrl.startsWith('https:');
  const base = opts.publicUrl.replace(/\/$/, '');
  const app = new Hono<Env>();
  const fallback = deps.defaults.locale;

  const viewerOf = (s: SessionRow) => ({ name: s.name, csrf: s.csrf });
  const sessionLocale = (c: Context<Env>) => {
    const s = c.get('session');
    return s && isLocale(s.locale) ? s.locale : browserLocale(c, fallback);
  };
  const refuse = (
    c: Context<Env>,
    status: 403 | 404,
    key: 'web.forbidden' | 'web.notFound' | 'web.badForm',
    locale = sessionLocale(c),
  ) => {
    const s = c.get('session');
    return c.html(
      page(
        locale,
        t(locale, key),
        s ? viewerOf(s) : null,
        html`<h1>${t(locale, key)}</h1><p><a href="/">${t(locale, 'web.title')}</a></p>`,
      ),
      status,
    );
  };

  app.use('*', async (c, next) => {
    const id = unsign(opts.secret, getCookie(c, SESSION));
    const session = id ? await findSession(deps.store, opts.secret, id, deps.clock.now()) : null;
    c.set('session', session);
    await next();
    // A page is one person's: no cache keeps it, so after sign-out the back button asks again.
    if (!c.res.headers.has('cache-control')) c.header('cache-control', 'no-store');
    c.header('x-content-type-options', 'nosniff');
    c.header('referrer-policy', 'same-origin');
    c.header('x-frame-options', 'DENY');
    c.header(
      'content-security-policy',
      "default-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'",
    );
  });

  // Every form carries the session's token; a POST without it (or with another) is refused.
  app.use('*', async (c, next) => {
    if (c.req.method !== 'POST' || c.req.path === '/signin/local') return next();
    const session = c.get('session');
    if (!session) return refuse(c, 403, 'web.forbidden');
    const form = await c.req.parseBody();
    if (typeof form.csrf !== 'string' || !same(form.csrf, session.csrf))
      return refuse(c, 403, 'web.badForm');
    return next();
  });

  app.onError((err, c) => {
    deps.log.error({ err, path: c.req.path }, 'web: a page failed');
    const locale = sessionLocale(c);
    return c.html(
      page(locale, t(locale, 'web.failed'), null, html`<h1>${t(locale, 'web.failed')}</h1>`),
      500,
    );
  });

  app.get('/healthz', async (c) => {
    const checks = await opts.health();
    const up = Object.values(checks).every(Boolean);
    return c.json({ ok: up, ...checks }, up ? 200 : 503);
  });

  app.get('/assets/style.css', (c) => {
    c.header('cache-control', 'public, max-age=3600');
    return c.body(STYLE, 200, { 'content-type': 'text/css; charset=utf-8' });
  });

  // The one font Drill ships (Latin and Hangul), so Korean pages read alike on every machine.
  app.get('/assets/drill-sans-kr.otf', async (c) => {
    c.header('cache-control', 'public, max-age=86400');
    return c.body(new Uint8Array(await readFile(fontFile())), 200, { 'content-type': 'font/otf' });
  });

  // From this machine, and asked for by a loopback name: a page elsewhere that rebinds its own
  // name to 127.0.0.1 reaches the socket from loopback, but its Host header gives it away.
  const loopback = (c: Context<Env>) =>
    LOOPBACK.test(getConnInfo(c).remote.address ?? '') &&
    LOOPBACK_HOST.test(c.req.header('host') ?? '');

  app.get('/', async (c) => {
    const session = c.get('session');
    const locale = sessionLocale(c);
    if (!session) {
      const pre = randomToken(18);
      setCookie(c, SIGNIN, sign(opts.secret, `local:${pre}`), {
        httpOnly: true,
        sameSite: 'Lax',
        secure,
        path: '/',
        maxAge: 600,
      });
      const asked = c.req.query('failed');
      const failed = SIGN_IN_FAILURES.find((f) => f === asked);
      return c.html(
        page(locale, t(locale, 'web.signIn'), null, [
          html`<h1>${t(locale, 'web.signIn')}</h1><p>${t(locale, 'web.signInIntro')}</p>`,
          failed
            ? html`<p class="note" role="alert">${t(locale, 'web.signInFailed', { reason: t(locale, WHY[failed]) })}</p>`
            : html``,
          html`<ul>${opts.providers.map((p) => html`<li><a href="/signin/${p.name}">${t(locale, p.name === 'discord' ? 'web.signInDiscord' : 'web.signInSlack')}</a></li>`)}</ul>`,
          opts.consoleMember && loopback(c)
            ? html`<form method="post" action="/signin/local"><input type="hidden" name="csrf" value="${pre}"><button type="submit">${t(locale, 'web.signInLocal', { name: opts.consoleMember.name })}</button></form>`
            : opts.providers.length === 0
              ? html`<p>${t(locale, 'web.noProviders')}</p>`
              : html``,
        ]),
      );
    }
    const places = await access.places(session);
    if (!places) return signOut(c);
    const channels = await access.channels(session);
    return c.html(
      page(locale, t(locale, 'web.channels'), viewerOf(session), [
        html`<h1>${t(locale, 'web.channels')}</h1>`,
        channels.length === 0
          ? html`<p>${t(locale, 'web.noChannels')}</p>`
          : html`<ul>${channels.map((ch) => html`<li><a href="/c/${ch.id}">${channelName(ch)}</a></li>`)}</ul>`,
      ]),
    );
  });

  const startSession = async (
    c: Context<Env>,
    who: Omit<SessionRow, 'id' | 'csrf' | 'createdAt' | 'expiresAt' | 'locale'>,
  ) => {
    const session = await createSession(
      deps.store,
      opts.secret,
      { ...who, locale: browserLocale(c, fallback) },
      deps.clock.now(),
      opts.sessionTtlMs,
    );
    setCookie(c, SESSION, sign(opts.secret, session.id), {
      httpOnly: true,
      sameSite: 'Lax',
      secure,
      path: '/',
      maxAge: Math.floor(opts.sessionTtlMs / 1000),
    });
    deleteCookie(c, SIGNIN, { path: '/' });
    return c.redirect('/', 303);
  };

  const signOut = async (c: Context<Env>) => {
    const session = c.get('session');
    if (session) {
      access.forget(session.id);
      await endSession(deps.store, session.id);
    }
    deleteCookie(c, SESSION, { path: '/' });
    return c.redirect('/', 303);
  };

  app.post('/signin/local', async (c) => {
    const member = opts.consoleMember;
    if (!member || !loopback(c)) return refuse(c, 403, 'web.forbidden');
    const form = await c.req.parseBody();
    const pre = unsign(opts.secret, getCookie(c, SIGNIN));
    if (typeof form.csrf !== 'string' || !pre || !same(`local:${form.csrf}`, pre))
      return refuse(c, 403, 'web.badForm');
    return startSession(c, {
      platform: 'console',
      member: member.id,
      name: member.name,
      workspace: 'local',
      token: '',
    });
  });

  app.post('/signout', signOut);

  for (const provider of opts.providers) {
    const redirect = `${base}/auth/${provider.name}/callback`;
    app.get(`/signin/${provider.name}`, (c) => {
      const { url, state, verifier } = provider.start(redirect);
      setCookie(c, SIGNIN, sign(opts.secret, `${provider.name}:${state}:${verifier}`), {
        httpOnly: true,
        sameSite: 'Lax',
        secure,
        path: '/',
        maxAge: 600,
      });
      return c.redirect(url.toString(), 302);
    });
    app.get(`/auth/${provider.name}/callback`, async (c) => {
      const kept = unsign(opts.secret, getCookie(c, SIGNIN))?.split(':');
      const code = c.req.query('code');
      const state = c.req.query('state');
      if (!kept || kept[0] !== provider.name || !state || !code || !same(state, kept[1] ?? ''))
        return refuse(c, 403, 'web.badForm');
      try {
        const who = await provider.finish(redirect, code, kept[2] ?? '');
        return await startSession(c, { platform: provider.name, ...who });
      } catch (err) {
        deps.log.warn({ err: signInDetail(err), provider: provider.name }, 'web: sign-in failed');
        return c.redirect(`/?failed=${signInFailure(err)}`, 303);
      }
    });
  }

  /** The signed-in person as the commands take them. */
  const actorOf = (v: { session: SessionRow; canManage: boolean }) => ({
    id: v.session.member,
    name: v.session.name,
    canManage: v.canManage,
  });

  /** The signed-in person's view of a channel, or the refusal to send. */
  const channelView = async (c: Context<Env>) => {
    const session = c.get('session');
    if (!session) return { refusal: c.redirect('/', 303) };
    const id = Number(c.req.param('id'));
    if (!Number.isSafeInteger(id)) return { refusal: refuse(c, 404, 'web.notFound') };
    const seen = await access.channel(session, id);
    if (!seen) return { refusal: refuse(c, 403, 'web.forbidden') };
    return {
      view: {
        ...seen,
        session,
        viewer: viewerOf(session),
        locale: channelLocale(seen.channel),
      },
    };
  };

  app.get('/c/:id', async (c) => {
    const { view, refusal } = await channelView(c);
    if (!view) return refusal;
    const period = (PERIODS as readonly string[]).includes(c.req.query('period') ?? '')
      ? (c.req.query('period') as Period)
      : 'week';
    return c.html(await channelPage(deps, view, period));
  });

  app.get('/c/:id/me', async (c) => {
    const { view, refusal } = await channelView(c);
    if (!view) return refusal;
    return c.html(await mePage(deps, { ...view, member: view.session.member }));
  });

  app.get('/c/:id/bank', async (c) => {
    const { view, refusal } = await channelView(c);
    if (!view) return refusal;
    const search = (c.req.query('q') ?? '').slice(0, 200);
    return c.html(await bankPage(deps, view, search, opts.contentDirs ?? []));
  });

  const managePath = (channelId: number) => `/c/${channelId}/manage`;

  app.get('/c/:id/manage', async (c) => {
    const { view, refusal } = await channelView(c);
    if (!view) return refusal;
    if (!view.manages) return refuse(c, 403, 'web.forbidden', view.locale);
    // The last form's answer, once: a reload shows the page without it.
    const cookie = getCookie(c, FLASH);
    const flash = unpackFlash(opts.secret, view.session.id, view.channel.id, cookie);
    if (cookie !== undefined) deleteCookie(c, FLASH, { path: managePath(view.channel.id) });
    return c.html(await managePage(deps, { ...view, actor: actorOf(view) }, flash));
  });

  /** Each manage form runs the command a manager would type, as the signed-in person. */
  const FORMS: Record<
    string,
    (f: Record<string, string>) => [string, Record<string, unknown>] | null
  > = {
    schedule: (f) => [
      'schedule',
      {
        action: 'set',
        cron: f.cron,
        timezone: f.timezone || undefined,
        reveal: f.reveal || undefined,
      },
    ],
    settings: (f) =>
      (WEB_SETTINGS as readonly string[]).includes(f.key ?? '')
        ? ['settings', { key: f.key, value: f.value }]
        : null,
    pause: (f) =>
      f.action === 'pause' || f.action === 'resume' ? ['schedule', { action: f.action }] : null,
    managers: (f) =>
      f.action === 'add' || f.action === 'remove'
        ? ['settings', { key: 'managers', value: `${f.action} ${f.member ?? ''}` }]
        : null,
    skip: () => ['schedule', { action: 'skip' }],
    holiday: (f) =>
      f.action === 'skip' || f.action === 'unskip'
        ? ['schedule', { action: f.action, date: f.date }]
        : null,
    suggestion: (f) =>
      f.decision === 'approve'
        ? ['approve', { id: f.id }]
        : f.decision === 'reject'
          ? ['reject', { id: f.id, reason: f.reason || undefined }]
          : null,
  };

  app.post('/c/:id/manage/:form', async (c) => {
    const { view, refusal } = await channelView(c);
    if (!view) return refusal;
    if (!view.manages) return refuse(c, 403, 'web.forbidden', view.locale);
    const build = FORMS[c.req.param('form')];
    const body = await c.req.parseBody();
    const fields = Object.fromEntries(
      Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string'),
    );
    const run = build?.(fields);
    if (!run) return refuse(c, 404, 'web.notFound', view.locale);
    const ctx: CommandContext = {
      deps,
      address: addressOf(view.channel),
      threadRef: null,
      member: actorOf(view),
      locale: view.locale,
    };
    // "Skip the next drop" names the drop the page showed: sent twice (a double click, a
    // resend), the second finds it skipped and answers as the first did, skipping no other.
    const shown = c.req.param('form') === 'skip' ? Date.parse(fields.slot ?? '') : Number.NaN;
    const again =
      !Number.isNaN(shown) &&
      (await upcomingDrops(deps, view.channel, 50)).some((s) => s.at === shown && s.skipped);
    const zone = channelTimezone(deps, view.channel);
    const blocks = again
      ? [
          line(view.locale, 'schedule.skipped', {
            slot: `${formatLocal(shown, zone)} ${zone} (${new Date(shown).toISOString()})`,
          }),
        ]
      : (await runCommand(run[0], run[1], ctx)).blocks;
    // Post, redirect, get: a reload does not send the form again, and the answer shows once.
    const typed = TYPED.flatMap((k) => (fields[k] === undefined ? [] : [[k, fields[k]]]));
    const flash = packFlash(opts.secret, view.session.id, view.channel.id, {
      form: c.req.param('form'),
      blocks,
      values: Object.fromEntries(typed),
    });
    setCookie(c, FLASH, flash, {
      httpOnly: true,
      sameSite: 'Lax',
      secure,
      path: managePath(view.channel.id),
      maxAge: 60,
    });
    return c.redirect(managePath(view.channel.id), 303);
  });

  const exportRoute = (format: 'csv' | 'json') => async (c: Context<Env>) => {
    const { view, refusal } = await channelView(c);
    if (!view) return refusal;
    if (!view.manages) return refuse(c, 403, 'web.forbidden', view.locale);
    const drops = await loadHistory(deps.store, { channelId: view.channel.id });
    const csv = format === 'csv';
    const name = `drill-history-${view.channel.channel.replace(/[^\w-]+/g, '_')}.${csv ? 'csv' : 'json'}`;
    c.header('content-disposition', `attachment; filename="${name}"`);
    return csv
      ? c.body(new Uint8Array(historyCsv(drops)), 200, {
          'content-type': 'text/csv; charset=utf-8',
        })
      : c.body(historyJson(drops), 200, { 'content-type': 'application/json; charset=utf-8' });
  };
  app.get('/c/:id/export.csv', exportRoute('csv'));
  app.get('/c/:id/export.json', exportRoute('json'));

  app.notFound((c) => refuse(c, 404, 'web.notFound'));

  const server = createAdaptorServer({ fetch: app.fetch });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${opts.host.includes(':') ? `[${opts.host}]` : opts.host}:${port}`,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ('closeAllConnections' in server) server.closeAllConnections();
      }),
  };
}
