/**
 * A small Slack on 127.0.0.1: the Web API methods Drill calls (recorded), and Socket Mode's
 * `apps.connections.open` with its WebSocket, over which a test sends envelopes and waits for
 * the acks. For HTTP mode, `signedRequest` posts to the real Bolt receiver as Slack would.
 */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import { FakeOAuth } from './oauth.ts';
import { waitFor } from './wait.ts';

export const TEAM_ID = 'T0DRILL';
export const CHANNEL = 'C0STUDY';
export const BOT_USER = 'U0BOT';
export const BOT_ID = 'B0BOT';

export interface SlackCall {
  method: string;
  args: Record<string, unknown>;
}

/** A modal as views.open received it. */
export interface OpenedView {
  id: string;
  callback_id: string;
  private_metadata: string;
  title: { text: string };
  blocks: {
    type: string;
    block_id: string;
    label: { text: string };
    element: { action_id: string; initial_value?: string };
  }[];
}

/** A member clicks a button under a message: Slack's block_actions payload. */
export function blockActions(
  actionId: string,
  opts: { user: string; channel?: string; messageTs: string; threadTs?: string },
) {
  return {
    type: 'block_actions',
    team: { id: TEAM_ID, domain: 'drill' },
    user: {
      id: opts.user,
      username: `name-${opts.user}`,
      name: `name-${opts.user}`,
      team_id: TEAM_ID,
    },
    api_app_id: 'A0DRILL',
    token: 'x',
    container: { type: 'message', message_ts: opts.messageTs, channel_id: opts.channel ?? CHANNEL },
    trigger_id: `trigger-${actionId}-${opts.user}`,
    channel: { id: opts.channel ?? CHANNEL, name: 'study' },
    message: {
      type: 'message',
      ts: opts.messageTs,
      ...(opts.threadTs ? { thread_ts: opts.threadTs } : {}),
      text: '',
    },
    response_url: 'http://127.0.0.1:1/unused',
    actions: [
      {
        type: 'button',
        action_id: actionId,
        block_id: 'b',
        value: actionId,
        text: { type: 'plain_text', text: actionId },
        action_ts: `${Date.now() / 1000}`,
      },
    ],
  };
}

/** A member submits an opened modal with `values` by field (block and action) id. */
export function viewSubmission(view: OpenedView, values: Record<string, string>, user: string) {
  const state: Record<string, Record<string, { type: string; value: string | null }>> = {};
  for (const block of view.blocks) {
    state[block.block_id] = {
      [block.element.action_id]: {
        type: 'plain_text_input',
        value: values[block.block_id] ?? null,
      },
    };
  }
  return {
    type: 'view_submission',
    team: { id: TEAM_ID, domain: 'drill' },
    user: { id: user, username: `name-${user}`, name: `name-${user}`, team_id: TEAM_ID },
    api_app_id: 'A0DRILL',
    token: 'x',
    trigger_id: `trigger-submit-${view.id}`,
    view: {
      ...view,
      team_id: TEAM_ID,
      type: 'modal',
      app_id: 'A0DRILL',
      bot_id: BOT_ID,
      state: { values: state },
      hash: 'h',
      root_view_id: view.id,
      previous_view_id: null,
      clear_on_close: false,
      notify_on_close: false,
    },
    response_urls: [],
  };
}

/** The id conversations.open gives the app's direct messages with `user`. */
export const dmOf = (user: string) => `D0${user}`;

/** A call refused by a rate limit: answered 429 with this Retry-After (seconds). */
class Limited {
  constructor(readonly retryAfter: number) {}
}

/** A call met by its connection closing, with no answer. */
class Cut {}

/** A message chat.postMessage made, as conversations.history gives it back. */
interface PostedMessage {
  channel: string;
  ts: string;
  text: unknown;
  thread_ts?: string;
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
}

export class FakeSlack {
  readonly calls: SlackCall[] = [];
  /** Every message chat.postMessage made, oldest first. */
  readonly messages: PostedMessage[] = [];
  private readonly cuts = new Map<
    string,
    { when: 'before' | 'after'; times: number; match: (args: Record<string, unknown>) => boolean }
  >();
  /** The requests a cut met: handle() closes their connection. */
  private readonly cutRequests = new WeakSet<IncomingMessage>();
  /** Sign in with Slack (the web dashboard): authorize page, token, user info. */
  readonly oauth = new FakeOAuth();
  readonly admins = new Set<string>();
  /** What users.info says of a user beyond the defaults: a display name, being a bot. */
  readonly users = new Map<string, { displayName?: string; isBot?: boolean }>();
  private readonly failures = new Map<
    string,
    { error: string; extra: Record<string, unknown>; times: number }
  >();
  private server: Server | null = null;
  private wss: WebSocketServer | null = null;
  private socket: WebSocket | null = null;
  private readonly acks = new Map<string, (payload: unknown) => void>();
  /** Every modal views.open opened, with the id Slack gave it. */
  readonly views: OpenedView[] = [];
  /** Calls answered 429 by a limit. */
  readonly limited: SlackCall[] = [];
  private readonly limits = new Map<
    string,
    {
      count: number;
      windowMs: number;
      key: (args: Record<string, unknown>) => string;
      seen: Map<string, number[]>;
    }
  >();
  /** Bytes sent to the upload URLs that files.getUploadURLExternal handed out, by file id. */
  readonly uploaded = new Map<string, { filename: string; bytes: Buffer }>();
  private fileSeq = 0;
  /** Added to every answered Web API call, as a round trip to Slack would. */
  latencyMs = 0;
  /** Calls of each method being answered now, and the most there were at once. */
  private answering = new Map<string, number>();
  readonly mostAtOnce = new Map<string, number>();
  private tsSeq = 0;
  private envelopeSeq = 0;
  port = 0;

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      if ((req.url ?? '').startsWith('/openid/connect/authorize')) {
        // Sign in with Slack's authorize page: approves at once as `oauth.user`.
        const { status, location } = this.oauth.authorize(new URL(req.url ?? '', 'http://fake'));
        res.writeHead(status, location ? { location } : {});
        res.end();
        return;
      }
      void this.handle(req).then(
        (body) => {
          if (body instanceof Cut) {
            req.socket.destroy();
            return;
          }
          if (body instanceof Limited) {
            res.writeHead(429, { 'retry-after': String(body.retryAfter) });
            res.end();
            return;
          }
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify(body));
        },
        () => {
          res.writeHead(500);
          res.end();
        },
      );
    });
    this.wss = new WebSocketServer({ server: this.server });
    this.wss.on('connection', (ws) => {
      this.socket = ws;
      ws.on('message', (raw) => {
        const msg = JSON.parse(String(raw)) as { envelope_id?: string; payload?: unknown };
        if (msg.envelope_id) this.acks.get(msg.envelope_id)?.(msg.payload ?? null);
      });
      ws.send(
        JSON.stringify({
          type: 'hello',
          num_connections: 1,
          debug_info: {},
          connection_info: { app_id: 'A0DRILL' },
        }),
      );
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    this.socket?.terminate();
    this.wss?.close();
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
    this.server?.closeAllConnections();
  }

  /**
   * At most `count` calls of a method per `windowMs` (per key, e.g. per channel); more are answered
   * 429 with Retry-After, as Slack's tiers do.
   */
  limit(
    method: string,
    count: number,
    windowMs: number,
    key: (args: Record<string, unknown>) => string = () => '',
  ): void {
    this.limits.set(method, { count, windowMs, key, seen: new Map() });
  }

  /**
   * The next `times` calls of a Web API method are met by their connection closing with no
   * answer: `before` Slack handled them (nothing was made), or `after` (the message exists, its
   * answer never came). Only calls whose arguments `match` count (default: every call).
   */
  cutNext(
    method: string,
    when: 'before' | 'after',
    times = 1,
    match: (args: Record<string, unknown>) => boolean = () => true,
  ): void {
    this.cuts.set(method, { when, times, match });
  }

  /** The next `times` calls of a Web API method answer `{ ok: false, error }`. */
  failNext(method: string, error: string, extra: Record<string, unknown> = {}, times = 1): void {
    this.failures.set(method, { error, extra, times });
  }

  callsOf(method: string): SlackCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  get socketConnected(): boolean {
    return this.socket !== null;
  }

  /** Sends a Socket Mode envelope and resolves with the client's ack payload. */
  envelope(
    type: 'events_api' | 'slash_commands' | 'interactive',
    payload: unknown,
    ms = 20_000,
  ): Promise<unknown> {
    const id = `env-${++this.envelopeSeq}`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ack for ${type}`)), ms);
      this.acks.set(id, (ack) => {
        clearTimeout(timer);
        resolve(ack);
      });
      this.socket?.send(
        JSON.stringify({
          envelope_id: id,
          type,
          payload,
          accepts_response_payload: type === 'slash_commands',
          retry_attempt: 0,
          retry_reason: '',
        }),
      );
    });
  }

  waitFor<T>(
    predicate: () => T | undefined | false | Promise<T | undefined | false>,
    ms = 20_000,
  ): Promise<T> {
    return waitFor(predicate, ms, 'the fake Slack');
  }

  private nextTs(): string {
    return `1700000000.${String(++this.tsSeq).padStart(6, '0')}`;
  }

  /**
   * The files shared through files.uploadV2's three steps: the URL asked for, the bytes sent to
   * it, and the completion naming channel, thread and title.
   */
  sharedFiles() {
    return this.callsOf('files.completeUploadExternal').flatMap((c) => {
      const files = JSON.parse(String(c.args.files)) as { id: string; title?: string }[];
      return files.map((f) => ({
        id: f.id,
        title: f.title,
        channel: c.args.channel_id,
        thread: c.args.thread_ts,
        filename: this.uploaded.get(f.id)?.filename,
        bytes: this.uploaded.get(f.id)?.bytes,
      }));
    });
  }

  private async handle(req: IncomingMessage): Promise<unknown> {
    const answer = await this.answer(req);
    return this.cutRequests.has(req) ? new Cut() : answer;
  }

  private async answer(req: IncomingMessage): Promise<unknown> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const type = req.headers['content-type'] ?? '';
    const upload = /^\/upload\/(F\w+)$/.exec(req.url ?? '');
    if (upload) {
      // The upload URL takes the file as multipart form data, as the Web API client sends it.
      const form = await new Response(Buffer.concat(chunks), {
        headers: { 'content-type': type },
      }).formData();
      const file = [...form.values()].find((v): v is File => typeof v !== 'string');
      const id = upload[1] as string;
      const asked = this.callsOf('files.getUploadURLExternal').find((c) => c.args.file_id === id);
      this.uploaded.set(id, {
        filename: String(asked?.args.filename ?? file?.name ?? ''),
        bytes: Buffer.from(await (file ?? new Blob([])).arrayBuffer()),
      });
      return { ok: true };
    }
    const raw = Buffer.concat(chunks).toString('utf8');
    let args: Record<string, unknown> = {};
    if (type.includes('json')) args = raw ? JSON.parse(raw) : {};
    else {
      for (const [k, v] of new URLSearchParams(raw)) {
        try {
          args[k] = k === 'blocks' ? JSON.parse(v) : v;
        } catch {
          args[k] = v;
        }
      }
    }
    const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0] ?? '';
    if (method.startsWith('response_url/')) {
      // Answers to slash commands, recorded as `response_url/<id>`.
      this.calls.push({ method, args });
      return { ok: true };
    }
    const limit = this.limits.get(method);
    if (limit) {
      const key = limit.key(args);
      const now = Date.now();
      const recent = (limit.seen.get(key) ?? []).filter((t) => t > now - limit.windowMs);
      if (recent.length >= limit.count) {
        this.limited.push({ method, args });
        return new Limited(Math.ceil(((recent[0] as number) + limit.windowMs - now) / 1000));
      }
      recent.push(now);
      limit.seen.set(key, recent);
    }
    // A cut closes the connection (handle()): `before` Slack handled the call, nothing is made.
    // A call refused for its rate limit is answered 429, not cut.
    const cut = this.cuts.get(method);
    if (cut?.match(args)) {
      if (--cut.times <= 0) this.cuts.delete(method);
      this.cutRequests.add(req);
      if (cut.when === 'before') return null;
    }
    const now = (this.answering.get(method) ?? 0) + 1;
    this.answering.set(method, now);
    this.mostAtOnce.set(method, Math.max(now, this.mostAtOnce.get(method) ?? 0));
    if (this.latencyMs > 0) await new Promise((r) => setTimeout(r, this.latencyMs));
    this.answering.set(method, (this.answering.get(method) ?? 1) - 1);
    this.calls.push({ method, args });
    const failure = this.failures.get(method);
    if (failure) {
      if (--failure.times <= 0) this.failures.delete(method);
      return { ok: false, error: failure.error, ...failure.extra };
    }
    switch (method) {
      case 'openid.connect.token':
        return this.oauth.token(new URLSearchParams(raw)) ?? { ok: false, error: 'invalid_code' };
      case 'openid.connect.userInfo': {
        const user = this.oauth.userOf(req.headers.authorization);
        if (!user) return { ok: false, error: 'invalid_auth' };
        return {
          ok: true,
          sub: user.id,
          name: user.name,
          'https://slack.com/user_id': user.id,
          'https://slack.com/team_id': user.team ?? TEAM_ID,
        };
      }
      case 'auth.test':
        return {
          ok: true,
          url: 'https://drill.slack.com/',
          team: 'Drill',
          user: 'drill',
          team_id: TEAM_ID,
          user_id: BOT_USER,
          bot_id: BOT_ID,
        };
      case 'apps.connections.open':
        return {
          ok: true,
          url: `ws://127.0.0.1:${this.port}/link/?ticket=socket-ticket-SECRET&app_id=A0DRILL`,
        };
      case 'chat.postMessage': {
        const ts = this.nextTs();
        const metadata =
          typeof args.metadata === 'string' ? JSON.parse(args.metadata) : args.metadata;
        this.messages.push({
          channel: String(args.channel),
          ts,
          text: args.text,
          ...(args.thread_ts ? { thread_ts: String(args.thread_ts) } : {}),
          ...(metadata ? { metadata } : {}),
        });
        return {
          ok: true,
          channel: args.channel,
          ts,
          message: { ts, text: args.text, user: BOT_USER, bot_id: BOT_ID },
        };
      }
      case 'conversations.history': {
        // Newest first, from `oldest` on; metadata only with include_all_metadata.
        const oldest = Number(args.oldest ?? 0);
        const withMetadata = String(args.include_all_metadata) === 'true';
        const found = this.messages
          .filter((m) => m.channel === args.channel && !m.thread_ts && Number(m.ts) >= oldest)
          .reverse()
          .slice(0, Number(args.limit ?? 100))
          .map(({ metadata, channel: _c, ...m }) => ({
            type: 'message',
            user: BOT_USER,
            bot_id: BOT_ID,
            ...m,
            ...(withMetadata && metadata ? { metadata } : {}),
          }));
        return { ok: true, messages: found, has_more: false };
      }
      case 'chat.postEphemeral':
        return { ok: true, message_ts: this.nextTs() };
      case 'views.open': {
        const view = typeof args.view === 'string' ? JSON.parse(args.view) : args.view;
        const opened = { id: `V${++this.tsSeq}`, team_id: TEAM_ID, ...view } as OpenedView;
        this.views.push(opened);
        return { ok: true, view: opened };
      }
      case 'files.getUploadURLExternal': {
        const id = `F${++this.fileSeq}`;
        // Recorded with the id handed out, so the upload can be matched to its file name.
        (this.calls[this.calls.length - 1] as SlackCall).args.file_id = id;
        return { ok: true, upload_url: `http://127.0.0.1:${this.port}/upload/${id}`, file_id: id };
      }
      case 'conversations.open':
        // The app's direct messages with one member: a conversation id of its own.
        return { ok: true, channel: { id: dmOf(String(args.users)) } };
      case 'files.completeUploadExternal': {
        // As Slack does: a conversation id only, never a user id.
        if (/^[UW]/.test(String(args.channel_id ?? '')))
          return { ok: false, error: 'invalid_arguments' };
        const files = JSON.parse(String(args.files)) as { id: string; title?: string }[];
        return { ok: true, files: files.map((f) => ({ id: f.id, title: f.title })) };
      }
      case 'users.info': {
        const id = String(args.user);
        const known = this.users.get(id);
        return {
          ok: true,
          user: {
            id,
            name: `user-${id}`,
            real_name: `Member ${id}`,
            profile: { display_name: known?.displayName ?? `member-${id}` },
            is_admin: this.admins.has(id),
            is_owner: false,
            is_bot: known?.isBot ?? false,
          },
        };
      }
      default:
        return { ok: true };
    }
  }
}

/** Posts to a Bolt HTTP receiver with Slack's signature (v0, HMAC-SHA256 of `v0:ts:body`). */
export async function signedRequest(
  url: string,
  body: string,
  opts: {
    secret: string;
    contentType: string;
    timestamp?: number;
    signature?: string;
    headers?: Record<string, string>;
  },
): Promise<Response> {
  const timestamp = opts.timestamp ?? Math.floor(Date.now() / 1000);
  const signature =
    opts.signature ??
    `v0=${createHmac('sha256', opts.secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': opts.contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': signature,
      ...opts.headers,
    },
    body,
    // Bounded, but long enough for a 2-core machine shared with other test runs: tests check
    // that every event is answered, not how fast (npm run bench measures that).
    signal: AbortSignal.timeout(30_000),
  });
}
