import type { Server } from 'node:http';
import { App, LogLevel, type ReceiverEvent, type Logger as SlackLogger, webApi } from '@slack/bolt';
import { channelLocale, ensureChannel } from '../../core/channels.ts';
import type { PracticeDeps } from '../../core/deps.ts';
import type { Logger } from '../../core/log.ts';
import { forgetBot, renameMember } from '../../core/members.ts';
import type { ChannelAddress } from '../../core/port.ts';
import { nextTurn } from '../../core/turns.ts';
import { slackManages } from '../../settings/managers.ts';
import { registerDrillCommand } from './commands.ts';
import { SlackDirectory } from './directory.ts';
import { registerInteractions } from './interactions.ts';
import { registerMessages } from './listeners/messages.ts';
import { registerReactions } from './listeners/reactions.ts';
import { SlackPort } from './port.ts';
import { privatePlace } from './private.ts';

export interface SlackOptions {
  botToken: string;
  /** Socket Mode (no public URL needed) when set. */
  appToken?: string;
  /** HTTP mode: Slack's requests are verified with it and served on `port`. */
  signingSecret?: string;
  port?: number;
  host?: string;
  /** Web API base, e.g. https://slack-gov.com/api/ for GovSlack; also used for Socket Mode. */
  apiUrl?: string;
  adminUserIds?: string[];
  /** Web API retries and timeout; Slack's client retries for about 30 minutes by default. */
  retries?: number;
  timeoutMs?: number;
}

/** Bolt's logger, writing into ours (and so through its secret filter). */
function boltLogger(log: Logger): SlackLogger {
  const child = log.child({ platform: 'slack' });
  return {
    // Socket Mode logs every envelope it reads and sends at debug: not joined again unless kept.
    debug: (...msg) => {
      if (child.isLevelEnabled('debug')) child.debug(msg.map(String).join(' '));
    },
    info: (...msg) => child.info(msg.map(String).join(' ')),
    warn: (...msg) => child.warn(msg.map(String).join(' ')),
    error: (...msg) => child.error(msg.map(String).join(' ')),
    setLevel: () => {},
    getLevel: () => LogLevel.INFO,
    setName: () => {},
  };
}

/**
 * Bolt's App, acknowledging an Events API event as it arrives (Bolt acks those before any
 * listener anyway) and handling events a turn of the event loop at a time once a turn is full
 * (src/core/turns.ts): a socket read of a hundred Socket Mode envelopes is not handled and stored in
 * one stretch that holds timers, acks and pongs back, and no ack waits behind that work.
 */
class PacedApp extends App {
  override async processEvent(event: ReceiverEvent): Promise<void> {
    const body = event.body as { type?: unknown; event?: { type?: unknown } };
    if (body.type === 'event_callback' && body.event?.type !== 'function_executed') {
      await event.ack();
      await nextTurn();
      return super.processEvent({ ...event, ack: async () => {} });
    }
    await nextTurn();
    return super.processEvent(event);
  }
}

/**
 * Workspace admins and owners, and the users in ADMIN_USER_IDS, manage every channel; each
 * channel's managers added with `/settings managers add` come from the database.
 */
async function canManage(app: App, userId: string, admins: string[]): Promise<boolean> {
  if (slackManages(userId, undefined, admins)) return true;
  const info = await app.client.users.info({ user: userId }).catch(() => null);
  return slackManages(userId, info?.user, admins);
}

/** Listeners by kind: acknowledge first, then store, then answer; every failure is logged. */
function register(
  deps: PracticeDeps,
  app: App,
  opts: SlackOptions,
  clientOptions: webApi.WebClientOptions,
): void {
  // Replies and votes are stored from the event alone; names and bot flags follow when known.
  const directory = new SlackDirectory(opts.botToken, clientOptions, (userId, user) => {
    // The names a burst brings are written a few a turn of the event loop, not in one stretch.
    const learnt = nextTurn().then(() =>
      user.isBot
        ? forgetBot(deps, 'slack', userId)
        : renameMember(deps, 'slack', userId, user.name),
    );
    learnt.catch((err) => deps.log.error({ err }, 'slack: recording what users.info said failed'));
  });
  registerDrillCommand(deps, app, (userId) => canManage(app, userId, opts.adminUserIds ?? []));

  registerMessages(deps, app, directory);
  registerReactions(deps, app, directory);
  registerInteractions(deps, app, async (origin) => {
    // In the member's DM where their mock runs, the mock's own channel.
    const place = await privatePlace(deps, origin.user, origin.channel);
    const address: ChannelAddress = place ?? {
      platform: 'slack',
      workspace: origin.team,
      channel: origin.channel,
    };
    const known = directory.peek(origin.user);
    directory.learn(origin.user);
    return {
      deps,
      address,
      threadRef: place ? origin.channel : origin.thread,
      member: {
        id: origin.user,
        name: known?.name ?? origin.userName,
        canManage: await canManage(app, origin.user, opts.adminUserIds ?? []),
      },
      locale: channelLocale(await ensureChannel(deps, address)),
    };
  });

  app.error(async (err) => {
    deps.log.error({ err }, 'slack handler failed');
  });
}

/**
 * How long a drop's post or its look-up may wait for Slack: past it, the post is looked for and
 * sent again as when its connection closed.
 */
const DROP_TIMEOUT_MS = 30_000;

/** Connects to Slack (Socket Mode, or HTTP on `port`) and serves drops through the port. */
export async function startSlack(
  deps: PracticeDeps,
  opts: SlackOptions,
): Promise<{ app: App; server: Server | null; stop(): Promise<void> }> {
  const clientOptions = {
    ...(opts.apiUrl ? { slackApiUrl: opts.apiUrl } : {}),
    ...(opts.retries !== undefined ? { retryConfig: { retries: opts.retries } } : {}),
    ...(opts.timeoutMs !== undefined ? { timeout: opts.timeoutMs } : {}),
  };
  const socketMode = Boolean(opts.appToken);
  const app = new PacedApp({
    token: opts.botToken,
    ...(socketMode
      ? { socketMode: true, appToken: opts.appToken, installerOptions: { clientOptions } }
      : { signingSecret: opts.signingSecret }),
    clientOptions,
    logger: boltLogger(deps.log),
    // Drill keeps no conversation state in Bolt: its per-event store lookup only costs CPU.
    convoStore: false,
    // auth.test runs in init(), where a refused token is an error we can catch and report.
    deferInitialization: true,
  });
  await app.init();
  const portClient = { ...clientOptions, rejectRateLimitedCalls: true };
  deps.ports.slack = new SlackPort(
    new webApi.WebClient(opts.botToken, portClient),
    undefined,
    // A drop's post and its look-up: not retried blind, and never waited on for ever.
    new webApi.WebClient(opts.botToken, {
      ...portClient,
      retryConfig: { retries: 0 },
      timeout: opts.timeoutMs ?? DROP_TIMEOUT_MS,
    }),
  );
  register(deps, app, opts, clientOptions);
  const started = socketMode
    ? await app.start()
    : await app.start({ port: opts.port ?? 3000, ...(opts.host ? { host: opts.host } : {}) });
  const server = socketMode ? null : (started as unknown as Server);
  deps.log.info(
    { mode: socketMode ? 'socket' : 'http', port: server?.address() ?? null },
    'connected to slack',
  );
  return { app, server, stop: () => app.stop().then(() => undefined) };
}
