/**
 * A small Discord on 127.0.0.1: the REST routes Drill uses and a gateway WebSocket (HELLO,
 * IDENTIFY, heartbeats, READY, GUILD_CREATE, and dispatches a test sends). The real discord.js
 * Client talks to it through `rest.api`; nothing here knows discord.js.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import { FakeOAuth } from './oauth.ts';
import { waitFor } from './wait.ts';

type Reply = (status: number, data?: unknown, headers?: Record<string, string>) => void;

export interface FakeRequest {
  method: string;
  path: string;
  body: unknown;
  headers: IncomingMessage['headers'];
  /** Attachments of a multipart request (its JSON part is `body`). */
  files?: { field: string; name: string; bytes: Buffer }[];
}

interface Failure {
  method: string;
  pattern: RegExp;
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  times: number;
}

export const GUILD_ID = '100000000000000001';
export const CHANNEL_ID = '100000000000000002';
export const BOT_ID = '100000000000000003';
export const APP_ID = '100000000000000004';
export const ADMINISTRATOR = 8n;
export const MENTION_EVERYONE = 1n << 17n;
/** Roles of the fake guild: one members may mention, one they may not. */
export const STUDY_ROLE = '100000000000000777';
export const STAFF_ROLE = '100000000000000778';
/** Create Private Threads: without it, the fake refuses a private thread as Discord does. */
export const CREATE_PRIVATE_THREADS = 1n << 36n;
/**
 * View, Send, Embed Links, Add Reactions, Read History, Create Public Threads, Create Private
 * Threads, Send in Threads.
 */
export const BOT_PERMISSIONS =
  (1n << 10n) |
  (1n << 11n) |
  (1n << 14n) |
  (1n << 6n) |
  (1n << 16n) |
  (1n << 35n) |
  CREATE_PRIVATE_THREADS |
  (1n << 38n);

let snowflake = 200000000000000000n;
export const nextId = () => String(++snowflake);

/** What the bot answered to an interaction: `type` 4 message, 5 deferred, 6/7 update, 9 modal. */
export interface InteractionCallback {
  interactionId: string;
  token: string;
  type: number;
  data: Record<string, unknown> | undefined;
}

type StoredMessage = {
  id: string;
  channel_id: string;
  content: string;
  embeds: unknown[];
  components?: unknown[];
  /** The interaction token an answer was sent with. */
  token?: string;
};

/** A member as Discord describes them in an interaction. */
export interface InteractionMember {
  id: string;
  name: string;
  /** The member's permissions in the channel (decimal bits). */
  permissions: bigint;
}

export class FakeDiscord {
  readonly requests: FakeRequest[] = [];
  readonly messages = new Map<string, StoredMessage>();
  /** Messages the bot sent as interaction answers (webhooks), by id: buttons may sit under them. */
  readonly answers = new Map<string, StoredMessage>();
  /** Every interaction callback the bot made, in order. */
  readonly callbacks: InteractionCallback[] = [];
  readonly channels = new Map<string, Record<string, unknown>>();
  readonly threads: Record<string, unknown>[] = [];
  /** Members added to threads (PUT /channels/:thread/thread-members/:user), by thread. */
  readonly threadMembers = new Map<string, string[]>();
  /** DM channels the bot opened (POST /users/@me/channels), by channel id: the recipient. */
  readonly dms = new Map<string, string>();
  /** Users that GET /users/:id describes (bots among them); others are plain members. */
  readonly users = new Map<string, { username: string; bot: boolean }>();
  private readonly nonces = new Map<string, ReturnType<FakeDiscord['full']>>();
  commands: unknown[] = [];
  /** Added to every REST answer, as a round trip to Discord would. */
  latencyMs = 0;
  /**
   * The gateway's heartbeat interval: short in tests, so a missed ack shows; Discord's own is
   * about 41 s, which a bench sending a flood from this process's event loop needs.
   */
  heartbeatMs = 1000;
  /** Discord's global limit (50 requests a second) when set: more are answered 429, global. */
  globalPerSecond = 0;
  /** How many requests the global limit refused. */
  globalLimited = 0;
  /**
   * Sends the bot's own channel posts back on the gateway as MESSAGE_CREATE, as Discord does
   * (off by default: tests that count events do not expect them; the bench turns it on).
   */
  echoOwnPosts = false;
  private recent: number[] = [];
  /** Called with each request before it is answered (a test can act at that moment). */
  onRequest: ((request: FakeRequest) => void) | null = null;
  /**
   * Other servers the bot is in (besides GUILD_ID), each with its channels, roles and emojis as
   * a mid-sized server sends them in GUILD_CREATE; nothing else happens in them.
   */
  otherGuilds = 0;
  /** Permissions of @everyone in the guild, as Discord's decimal string. */
  everyonePermissions = BOT_PERMISSIONS.toString();
  /** Permissions of the guild's other roles (STUDY_ROLE, STAFF_ROLE); none where not set. */
  readonly rolePermissions = new Map<string, bigint>();
  /** Members GET /guilds/:guild/members/:user knows, with their roles; others are unknown. */
  readonly members = new Map<string, string[]>();
  private readonly failures: Failure[] = [];
  private readonly hangs: { method: string; pattern: RegExp }[] = [];
  private readonly cuts: { method: string; pattern: RegExp; when: 'before' | 'after' }[] = [];
  private server: Server | null = null;
  private wss: WebSocketServer | null = null;
  private sockets = new Set<WebSocket>();
  private seq = 0;
  port = 0;

  constructor() {
    this.addChannel(CHANNEL_ID, 'study');
  }

  /** A text channel of the guild (before start: it is in the GUILD_CREATE the client gets). */
  addChannel(
    id: string = nextId(),
    name = `study-${id}`,
    overwrites: { id: string; type: 0 | 1; allow: bigint; deny: bigint }[] = [],
  ): string {
    this.channels.set(id, {
      id,
      type: 0,
      guild_id: GUILD_ID,
      name,
      position: this.channels.size,
      permission_overwrites: overwrites.map((o) => ({
        ...o,
        allow: String(o.allow),
        deny: String(o.deny),
      })),
    });
    return id;
  }

  /** The next post to the channel is answered 429 with this route-scoped retry_after. */
  rateLimitNextPost(channelId: string, seconds: number): void {
    this.failNext(
      'POST',
      new RegExp(`^/channels/${channelId}/messages$`),
      429,
      { message: 'You are being rate limited.', retry_after: seconds, global: false },
      { 'retry-after': String(seconds), 'x-ratelimit-scope': 'user' },
    );
  }

  /**
   * The next request matching is met by the connection closing without an answer, as a server
   * closing a kept-alive connection does: `before` Discord handled it (nothing was made), or
   * `after` (the message or thread exists, but its answer never comes).
   */
  cutNext(method: string, pattern: RegExp, when: 'before' | 'after'): void {
    this.cuts.push({ method, pattern, when });
  }

  /** Requests matching these are never answered (a hung route), until the fake stops. */
  hang(method: string, pattern: RegExp): void {
    this.hangs.push({ method, pattern });
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.wss = new WebSocketServer({ server: this.server });
    this.wss.on('connection', (ws) => this.onSocket(ws));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    this.wss?.close();
    const closed = new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
    // Hung requests hold their connections open: cut them, or close() would wait for ever.
    this.server?.closeAllConnections();
    await closed;
  }

  /** The next `times` requests matching method and path fail with this status and body. */
  failNext(
    method: string,
    pattern: RegExp,
    status: number,
    body: unknown,
    headers?: Record<string, string>,
    times = 1,
  ) {
    this.failures.push({ method, pattern, status, body, headers, times });
  }

  /** Sends a gateway dispatch to every connected client. */
  dispatch(t: string, d: unknown): void {
    const frame = JSON.stringify({ op: 0, t, s: ++this.seq, d });
    for (const ws of this.sockets) ws.send(frame);
  }

  get connected(): number {
    return this.sockets.size;
  }

  requestsTo(method: string, pattern: RegExp): FakeRequest[] {
    return this.requests.filter((r) => r.method === method && pattern.test(r.path));
  }

  waitFor<T>(
    predicate: () => T | undefined | false | Promise<T | undefined | false>,
    ms = 20_000,
  ): Promise<T> {
    return waitFor(predicate, ms, 'the fake Discord');
  }

  private onSocket(ws: WebSocket): void {
    this.sockets.add(ws);
    ws.on('close', () => this.sockets.delete(ws));
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: this.heartbeatMs } }));
    ws.on('message', (raw) => {
      const msg = JSON.parse(String(raw)) as { op: number; d: unknown };
      if (msg.op === 1) ws.send(JSON.stringify({ op: 11 }));
      if (msg.op === 2) this.identify(ws);
    });
  }

  private identify(ws: WebSocket): void {
    const bot = {
      id: BOT_ID,
      username: 'Drill',
      discriminator: '0',
      bot: true,
      avatar: null,
      global_name: 'Drill',
    };
    const send = (t: string, d: unknown) => ws.send(JSON.stringify({ op: 0, t, s: ++this.seq, d }));
    send('READY', {
      v: 10,
      user: bot,
      guilds: [GUILD_ID, ...this.otherGuildIds()].map((id) => ({ id, unavailable: true })),
      session_id: 'session',
      resume_gateway_url: `ws://127.0.0.1:${this.port}`,
      application: { id: APP_ID, flags: 0 },
      shard: [0, 1],
    });
    send('GUILD_CREATE', {
      id: GUILD_ID,
      name: 'Study group',
      owner_id: '1',
      icon: null,
      features: [],
      emojis: [],
      stickers: [],
      roles: [
        {
          id: GUILD_ID,
          name: '@everyone',
          permissions: this.everyonePermissions,
          position: 0,
          color: 0,
          hoist: false,
          managed: false,
          mentionable: false,
        },
        ...[
          [STUDY_ROLE, 'study', true],
          [STAFF_ROLE, 'staff', false],
        ].map(([id, name, mentionable], i) => ({
          id,
          name,
          permissions: String(this.rolePermissions.get(id as string) ?? 0n),
          position: i + 1,
          color: 0,
          hoist: false,
          managed: false,
          mentionable,
        })),
      ],
      channels: [...this.channels.values()],
      threads: this.threads,
      ...joinedWith(bot),
      member_count: 2,
      preferred_locale: 'en-US',
    });
    for (const id of this.otherGuildIds()) send('GUILD_CREATE', otherGuild(id, bot));
  }

  /** The ids of the other servers the bot is in (`otherGuilds`). */
  otherGuildIds(): string[] {
    return Array.from({ length: this.otherGuilds }, (_, i) => String(800_000_000_000 + i));
  }

  /** The ids of the 20 text channels of one of those servers. */
  static otherGuildChannels(guildId: string): string[] {
    return Array.from({ length: 20 }, (_, n) => `${guildId}${200 + n}`);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: unknown = text;
    let files: FakeRequest['files'];
    const type = req.headers['content-type'] ?? '';
    if (type.startsWith('multipart/form-data')) {
      // Attachments: `files[n]` parts and the message as `payload_json`, as Discord takes them.
      const form = await new Response(Buffer.concat(chunks), {
        headers: { 'content-type': type },
      }).formData();
      files = [];
      for (const [field, value] of form.entries()) {
        if (typeof value === 'string') {
          if (field === 'payload_json') body = JSON.parse(value);
        } else
          files.push({ field, name: value.name, bytes: Buffer.from(await value.arrayBuffer()) });
      }
    } else {
      try {
        body = text ? JSON.parse(text) : null;
      } catch {}
    }
    const path = decodeURIComponent((req.url ?? '').replace(/^\/api\/v10/, '').split('?')[0] ?? '');
    const method = req.method ?? 'GET';
    const request = { method, path, body, headers: req.headers, ...(files ? { files } : {}) };
    this.requests.push(request);
    this.onRequest?.(request);
    const cut = this.cuts.find((c) => c.method === method && c.pattern.test(path));
    if (cut) this.cuts.splice(this.cuts.indexOf(cut), 1);
    if (cut?.when === 'before') {
      req.socket.destroy();
      return;
    }
    const reply: Reply = (status, data, headers = {}) => {
      if (cut) {
        req.socket.destroy();
        return;
      }
      if (data === undefined) {
        res.writeHead(status, headers);
        res.end();
        return;
      }
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(data));
    };
    if (this.hangs.some((h) => h.method === method && h.pattern.test(path))) return;
    if (this.latencyMs > 0) await new Promise((r) => setTimeout(r, this.latencyMs));
    if (this.globalPerSecond > 0) {
      const now = Date.now();
      this.recent = this.recent.filter((t) => t > now - 1000);
      if (this.recent.length >= this.globalPerSecond) {
        this.globalLimited++;
        const wait = ((this.recent[0] as number) + 1000 - now) / 1000;
        return reply(
          429,
          { message: 'You are being rate limited.', retry_after: wait, global: true },
          {
            'retry-after': String(Math.ceil(wait)),
            'x-ratelimit-global': 'true',
            'x-ratelimit-scope': 'global',
          },
        );
      }
      this.recent.push(now);
    }
    const failure = this.failures.find((f) => f.method === method && f.pattern.test(path));
    if (failure) {
      if (--failure.times <= 0) this.failures.splice(this.failures.indexOf(failure), 1);
      return reply(failure.status, failure.body, failure.headers);
    }
    if (this.oauthRoute(method, path, req, text, reply)) return;
    for (const [verb, pattern, answer] of this.routes()) {
      const m = method === verb ? pattern.exec(path) : null;
      if (m) return answer(m, body, reply);
    }
    reply(404, { code: 0, message: `fake Discord has no route ${method} ${path}` });
  }

  /** Sign-in (the web dashboard): authorize page, token, the user and their servers. */
  readonly oauth = new FakeOAuth();

  private oauthRoute(
    method: string,
    path: string,
    req: IncomingMessage,
    text: string,
    reply: Reply,
  ): boolean {
    if (method === 'GET' && path === '/oauth2/authorize') {
      const { status, location } = this.oauth.authorize(new URL(req.url ?? '', 'http://fake'));
      reply(status, undefined, location ? { location } : {});
    } else if (method === 'POST' && path === '/oauth2/token') {
      const token = this.oauth.token(new URLSearchParams(text));
      reply(token ? 200 : 400, token ?? { error: 'invalid_grant' });
    } else if (method === 'GET' && (path === '/users/@me' || path === '/users/@me/guilds')) {
      const user = this.oauth.userOf(req.headers.authorization);
      if (!user) reply(401, { code: 0, message: '401: Unauthorized' });
      else if (path === '/users/@me')
        reply(200, {
          id: user.id,
          username: user.name,
          global_name: user.name,
          discriminator: '0',
        });
      else
        reply(
          200,
          (user.guilds ?? []).map((g) => ({
            ...g,
            name: `guild ${g.id}`,
            owner: false,
            features: [],
          })),
        );
    } else return false;
    return true;
  }

  private routes(): [string, RegExp, (m: RegExpExecArray, body: unknown, reply: Reply) => void][] {
    const unknownChannel = { code: 10003, message: 'Unknown Channel' };
    return [
      [
        'GET',
        /^\/gateway\/bot$/,
        (_m, _b, reply) =>
          reply(200, {
            url: `ws://127.0.0.1:${this.port}`,
            shards: 1,
            session_start_limit: {
              total: 1000,
              remaining: 1000,
              reset_after: 0,
              max_concurrency: 1,
            },
          }),
      ],
      [
        'GET',
        /^\/applications\/\d+(?:\/guilds\/\d+)?\/commands$/,
        (_m, _b, reply) => reply(200, this.commands),
      ],
      [
        'PUT',
        /^\/applications\/\d+(?:\/guilds\/\d+)?\/commands$/,
        (_m, body, reply) => {
          this.commands = (body as Record<string, unknown>[]).map((c) => ({
            id: nextId(),
            application_id: APP_ID,
            version: '1',
            type: 1,
            ...c,
          }));
          reply(200, this.commands);
        },
      ],
      [
        'POST',
        /^\/interactions\/(\d+)\/([^/]+)\/callback$/,
        (m, body, reply) => {
          const b = (body ?? {}) as { type: number; data?: Record<string, unknown> };
          this.callbacks.push({
            interactionId: m[1] ?? '',
            token: m[2] ?? '',
            type: b.type,
            data: b.data,
          });
          reply(204);
        },
      ],
      [
        'PATCH',
        /^\/webhooks\/\d+\/([^/]+)\/messages\/@original$/,
        (m, body, reply) => reply(200, this.message(CHANNEL_ID, body, false, m[1])),
      ],
      ['DELETE', /^\/webhooks\/\d+\/[^/]+\/messages\/@original$/, (_m, _b, reply) => reply(204)],
      [
        'POST',
        /^\/webhooks\/\d+\/([^/]+)$/,
        (m, body, reply) => reply(200, this.message(CHANNEL_ID, body, false, m[1])),
      ],
      [
        'GET',
        /^\/channels\/(\d+)$/,
        (m, _b, reply) => {
          const channel = this.channels.get(m[1] ?? '');
          reply(channel ? 200 : 404, channel ?? unknownChannel);
        },
      ],
      [
        'POST',
        /^\/channels\/(\d+)\/messages$/,
        (m, body, reply) => {
          if (!this.channels.has(m[1] ?? '') && !this.dms.has(m[1] ?? ''))
            return reply(404, unknownChannel);
          // As Discord does with enforce_nonce: a repeated nonce returns the first message.
          const { nonce, enforce_nonce } = (body ?? {}) as {
            nonce?: string;
            enforce_nonce?: boolean;
          };
          const key = `${m[1]}:${nonce}`;
          const earlier = enforce_nonce && nonce ? this.nonces.get(key) : undefined;
          if (earlier) return reply(200, this.full(earlier));
          const message = this.message(m[1] ?? '', body, true);
          if (enforce_nonce && nonce) this.nonces.set(key, message);
          reply(200, message);
          if (this.echoOwnPosts && this.channels.has(m[1] ?? ''))
            this.dispatch('MESSAGE_CREATE', { ...message, guild_id: GUILD_ID });
        },
      ],
      [
        'GET',
        /^\/users\/(\d+)$/,
        (m, _b, reply) => {
          const id = m[1] ?? '';
          const known = this.users.get(id);
          reply(200, {
            id,
            username: known?.username ?? `user-${id}`,
            discriminator: '0',
            avatar: null,
            global_name: known?.username ?? `user-${id}`,
            bot: known?.bot ?? false,
          });
        },
      ],
      [
        'POST',
        /^\/channels\/(\d+)\/messages\/(\d+)\/threads$/,
        (m, body, reply) => this.startThread(m[1] ?? '', m[2] ?? '', body, reply),
      ],
      [
        'POST',
        /^\/channels\/(\d+)\/threads$/,
        (m, body, reply) => {
          // A thread without a message: private (type 12) needs Create Private Threads.
          const b = (body ?? {}) as { name: string; type?: number; invitable?: boolean };
          if (!this.channels.has(m[1] ?? '')) return reply(404, unknownChannel);
          const type = b.type ?? 12;
          if (type === 12 && (BigInt(this.everyonePermissions) & CREATE_PRIVATE_THREADS) === 0n)
            return reply(403, { code: 50013, message: 'Missing Permissions' });
          reply(201, this.openThread(m[1] ?? '', nextId(), b.name, BOT_ID, type, b.invitable));
        },
      ],
      [
        'GET',
        /^\/guilds\/(\d+)\/members\/(\d+)$/,
        (m, _b, reply) => {
          const roles = m[1] === GUILD_ID ? this.members.get(m[2] ?? '') : undefined;
          if (!roles) return reply(404, { code: 10007, message: 'Unknown Member' });
          reply(200, {
            user: { id: m[2], username: `user-${m[2]}`, discriminator: '0', avatar: null },
            roles,
            joined_at: new Date(0).toISOString(),
            deaf: false,
            mute: false,
            flags: 0,
          });
        },
      ],
      [
        'PUT',
        /^\/channels\/(\d+)\/thread-members\/(\d+)$/,
        (m, _b, reply) => {
          if (!this.channels.has(m[1] ?? '')) return reply(404, unknownChannel);
          const members = this.threadMembers.get(m[1] ?? '') ?? [];
          this.threadMembers.set(m[1] ?? '', [...members, m[2] ?? '']);
          reply(204);
        },
      ],
      [
        'POST',
        /^\/users\/@me\/channels$/,
        (_m, body, reply) => {
          const recipient = String((body as { recipient_id?: string } | null)?.recipient_id);
          const known = [...this.dms].find(([, user]) => user === recipient)?.[0];
          const id = known ?? nextId();
          this.dms.set(id, recipient);
          reply(200, {
            id,
            type: 1,
            last_message_id: null,
            recipients: [
              { id: recipient, username: `user-${recipient}`, discriminator: '0', avatar: null },
            ],
          });
        },
      ],
      [
        'PUT',
        /^\/channels\/(\d+)\/messages\/(\d+)\/reactions\/([^/]+)\/@me$/,
        (_m, _b, reply) => reply(204),
      ],
      [
        'GET',
        /^\/channels\/(\d+)\/messages\/(\d+)$/,
        (m, _b, reply) => {
          const message = this.messages.get(m[2] ?? '');
          reply(
            message ? 200 : 404,
            message ? this.full(message) : { code: 10008, message: 'Unknown Message' },
          );
        },
      ],
    ];
  }

  /** A thread started on a message has the message's id; a second try gets Discord's 160004. */
  private startThread(parentId: string, messageId: string, body: unknown, reply: Reply): void {
    if (this.channels.has(messageId)) {
      reply(400, { code: 160004, message: 'A thread has already been created for this message' });
      return;
    }
    reply(201, this.openThread(parentId, messageId, (body as { name: string }).name, BOT_ID));
  }

  /**
   * A thread in a channel (public; private with type 12), told to the gateway as Discord does
   * (the client caches the thread from THREAD_CREATE); a member may open one too.
   */
  openThread(
    parentId: string,
    id: string = nextId(),
    name = `thread-${id}`,
    owner = '1',
    type = 11,
    invitable?: boolean,
  ) {
    const thread = {
      id,
      type,
      guild_id: GUILD_ID,
      parent_id: parentId,
      owner_id: owner,
      name,
      thread_metadata: {
        archived: false,
        auto_archive_duration: 1440,
        locked: false,
        archive_timestamp: new Date().toISOString(),
        ...(invitable !== undefined ? { invitable } : {}),
      },
      message_count: 0,
      member_count: 1,
    };
    this.channels.set(thread.id, thread);
    this.threads.push(thread);
    this.dispatch('THREAD_CREATE', { ...thread, newly_created: true });
    return thread;
  }

  /** A member writes in a channel or thread: MESSAGE_CREATE on the gateway; returns its id. */
  memberMessage(
    channelId: string,
    author: { id: string; username: string; bot?: boolean; nick?: string },
    content: string,
    guildId = GUILD_ID,
  ): string {
    const message = { id: nextId(), channel_id: channelId, content, embeds: [] };
    const { nick, ...user } = author;
    this.dispatch('MESSAGE_CREATE', {
      ...this.full(message, {
        discriminator: '0',
        avatar: null,
        global_name: author.username,
        bot: false,
        ...user,
      }),
      guild_id: guildId,
      member: {
        roles: [],
        joined_at: new Date(0).toISOString(),
        deaf: false,
        mute: false,
        flags: 0,
        nick: nick ?? null,
      },
    });
    return message.id;
  }

  private full(
    message: StoredMessage,
    author: Record<string, unknown> = {
      id: BOT_ID,
      username: 'Drill',
      discriminator: '0',
      bot: true,
      avatar: null,
    },
  ) {
    const { token: _token, ...fields } = message;
    return {
      ...fields,
      author,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      type: 0,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      pinned: false,
      guild_id: GUILD_ID,
    };
  }

  /**
   * Sends an INTERACTION_CREATE as Discord does when a member uses the bot: `type` 2 a slash
   * command, 3 a click on a message component (`data.custom_id`, the message it is on), 5 a
   * submitted modal (`data.custom_id`, `data.components`). Returns its id and token.
   */
  interaction(
    type: 2 | 3 | 5,
    data: Record<string, unknown>,
    opts: {
      member: InteractionMember;
      channelId: string;
      appPermissions?: bigint;
      message?: StoredMessage;
      /** From a DM with the bot: no guild, no member, only the user. */
      dm?: boolean;
    },
  ): { id: string; token: string } {
    const id = nextId();
    const token = `interaction-token-${id}`;
    const author = {
      id: opts.member.id,
      username: opts.member.name,
      discriminator: '0',
      avatar: null,
      global_name: opts.member.name,
    };
    this.dispatch('INTERACTION_CREATE', {
      id,
      application_id: APP_ID,
      type,
      token,
      version: 1,
      data,
      channel_id: opts.channelId,
      ...(opts.dm
        ? { user: author }
        : {
            guild_id: GUILD_ID,
            channel: this.channels.get(opts.channelId),
            member: {
              user: author,
              roles: [],
              permissions: String(opts.member.permissions),
              joined_at: new Date(0).toISOString(),
              deaf: false,
              mute: false,
              flags: 0,
            },
          }),
      ...(opts.message ? { message: this.full(opts.message) } : {}),
      app_permissions: opts.appPermissions?.toString() ?? this.everyonePermissions,
      locale: 'en-US',
      guild_locale: 'en-US',
      entitlements: [],
      authorizing_integration_owners: { '0': GUILD_ID },
      context: opts.dm ? 1 : 0,
    });
    return { id, token };
  }

  /** A member clicks the button `customId` under a message the bot posted or answered with. */
  clickButton(
    messageId: string,
    customId: string,
    member: InteractionMember,
  ): { id: string; token: string } {
    const message = this.messages.get(messageId) ?? this.answers.get(messageId);
    if (!message) throw new Error(`the fake Discord has no message ${messageId}`);
    return this.interaction(
      3,
      { custom_id: customId, component_type: 2 },
      { member, channelId: message.channel_id, message },
    );
  }

  /** A member submits the modal `customId` with text inputs `values` (by field id). */
  submitModal(
    customId: string,
    values: Record<string, string>,
    member: InteractionMember,
    channelId: string = CHANNEL_ID,
  ): { id: string; token: string } {
    let n = 0;
    const components = Object.entries(values).map(([field, value]) => ({
      type: 18,
      id: ++n,
      component: { type: 4, id: ++n, custom_id: field, value },
    }));
    return this.interaction(5, { custom_id: customId, components }, { member, channelId });
  }

  /** The message the bot last sent with an interaction's token (edited deferral or follow-up). */
  answerWith(token: string): StoredMessage | undefined {
    return [...this.answers.values()].filter((m) => m.token === token).at(-1);
  }

  /** The bot's callback to an interaction, once it has made it. */
  callbackTo(interactionId: string): Promise<InteractionCallback> {
    return this.waitFor(() => this.callbacks.find((c) => c.interactionId === interactionId));
  }

  /** A posted message; interaction answers (webhooks) are not channel messages and are not kept. */
  private message(channelId: string, body: unknown, keep: boolean, token?: string) {
    const b = (body ?? {}) as { content?: string; embeds?: unknown[]; components?: unknown[] };
    const message: StoredMessage = {
      id: nextId(),
      channel_id: channelId,
      content: b.content ?? '',
      embeds: b.embeds ?? [],
      components: b.components ?? [],
      ...(token ? { token } : {}),
    };
    if (keep) this.messages.set(message.id, message);
    else this.answers.set(message.id, message);
    return this.full(message);
  }
}

/** What GUILD_CREATE says of a server the bot (its only member listed) has joined. */
function joinedWith(bot: object) {
  return {
    members: [
      { user: bot, roles: [], joined_at: new Date(0).toISOString(), deaf: false, mute: false },
    ],
    presences: [],
    voice_states: [],
    stage_instances: [],
    guild_scheduled_events: [],
    large: false,
    unavailable: false,
    joined_at: new Date(0).toISOString(),
  };
}

/** A server of 20 text channels, 10 roles and 20 custom emojis, where only the bot is a member. */
function otherGuild(id: string, bot: object) {
  const role = (n: number) => ({
    id: n === 0 ? id : `${id}${n}`,
    name: n === 0 ? '@everyone' : `role-${n}`,
    permissions: '0',
    position: n,
    color: 0,
    hoist: false,
    managed: false,
    mentionable: false,
  });
  return {
    id,
    name: `Server ${id}`,
    owner_id: '1',
    icon: null,
    features: [],
    emojis: Array.from({ length: 20 }, (_, n) => ({
      id: `${id}${100 + n}`,
      name: `emoji_${n}`,
      roles: [],
      require_colons: true,
      managed: false,
      animated: false,
      available: true,
    })),
    stickers: [],
    roles: Array.from({ length: 10 }, (_, n) => role(n)),
    channels: FakeDiscord.otherGuildChannels(id).map((channel, n) => ({
      id: channel,
      type: 0,
      guild_id: id,
      name: `channel-${n}`,
      position: n,
      topic: null,
      permission_overwrites: [],
    })),
    threads: [],
    ...joinedWith(bot),
    member_count: 50,
    preferred_locale: 'ko',
  };
}
