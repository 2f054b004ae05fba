import type { Server } from 'node:http';
import { App, LogLevel, type Logger as SlackLogger, webApi } from '@slack/bolt';
import { channelLocale, ensureChannel } from '../../core/channels.ts';
import type { PracticeDeps } from '../../core/deps.ts';
import { asNotSaved, NotSavedError } from '../../core/errors.ts';
import { t } from '../../core/i18n/index.ts';
import type { Logger } from '../../core/log.ts';
import { forgetBot, renameMember } from '../../core/members.ts';
import type { ChannelAddress } from '../../core/port.ts';
import { storeReply } from '../../practice/intake.ts';
import { deleteReply, editReply } from '../../practice/replies.ts';
import { recordReaction } from '../../practice/votes.ts';
import { slackManages } from '../../settings/managers.ts';
import { registerDrillCommand } from './commands.ts';
import { SlackDirectory } from './directory.ts';
import { registerInteractions } from './interactions.ts';
import { emojiFromSlack, SlackPort } from './port.ts';
import { onDirectMessage, privatePlace } from './private.ts';
import { escapeMrkdwn } from './text.ts';

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
    debug: (...msg) => child.debug(msg.map(String).join(' ')),
    info: (...msg) => child.info(msg.map(String).join(' ')),
    warn: (...msg) => child.warn(msg.map(String).join(' ')),
    error: (...msg) => child.error(msg.map(String).join(' ')),
    setLevel: () => {},
    getLevel: () => LogLevel.INFO,
    setName: () => {},
  };
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

/** Tells one member, in the thread, that what they did was not stored; seen only by them. */
async function tellNotSaved(
  deps: PracticeDeps,
  app: App,
  address: ChannelAddress,
  where: { user: string; threadTs?: string },
  key: 'reply.notSaved' | 'vote.notSaved',
  err: unknown,
): Promise<void> {
  const notSaved = asNotSaved(err);
  if (!(notSaved instanceof NotSavedError)) throw err;
  deps.log.error({ err, channel: address }, `slack: ${key}`);
  const locale = channelLocale(await ensureChannel(deps, address));
  // The member is named with Slack's own mention, which shows their name; an ephemeral
  // message notifies no one else.
  const text = escapeMrkdwn(t(locale, key, { name: '{name}', reason: notSaved.reason(locale) }));
  await app.client.chat.postEphemeral({
    channel: address.channel,
    user: where.user,
    ...(where.threadTs ? { thread_ts: where.threadTs } : {}),
    text: text.replace('{name}', `<@${where.user}>`),
  });
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
    const learnt = user.isBot
      ? forgetBot(deps, 'slack', userId)
      : renameMember(deps, 'slack', userId, user.name);
    learnt.catch((err) => deps.log.error({ err }, 'slack: recording what users.info said failed'));
  });
  registerDrillCommand(deps, app, (userId) => canManage(app, userId, opts.adminUserIds ?? []));

  app.event('message', async ({ event, context }) => {
    const e = event as unknown as Record<string, unknown>;
    if (e.channel_type === 'im') return onDirectMessage(deps, e);
    const address: ChannelAddress = {
      platform: 'slack',
      workspace: context.teamId ?? '',
      channel: String(e.channel),
    };
    if (e.subtype === 'message_changed') {
      const m = e.message as { ts: string; text?: string; user?: string; thread_ts?: string };
      try {
        await editReply(deps, address, m.ts, m.text ?? '');
      } catch (err) {
        if (!m.user) throw err;
        await tellNotSaved(
          deps,
          app,
          address,
          { user: m.user, ...(m.thread_ts ? { threadTs: m.thread_ts } : {}) },
          'reply.notSaved',
          err,
        );
      }
      return;
    }
    if (e.subtype === 'message_deleted') {
      await deleteReply(deps, address, String(e.deleted_ts));
      return;
    }
    if (e.subtype !== undefined && e.subtype !== 'thread_broadcast' && e.subtype !== 'bot_message')
      return;
    const thread = e.thread_ts as string | undefined;
    if (!thread || thread === e.ts) return;
    const member = String(e.user ?? e.bot_id ?? '');
    const bot = e.bot_id !== undefined || e.subtype === 'bot_message' || !e.user;
    const user = (bot ? undefined : directory.peek(member)) ?? { name: member, isBot: bot };
    try {
      await storeReply(deps, {
        address,
        threadRef: thread,
        messageRef: String(e.ts),
        member,
        memberName: user.name,
        isBot: user.isBot,
        text: String(e.text ?? ''),
        at: Math.round(Number(e.ts) * 1000),
      });
      if (!bot) directory.learn(member);
    } catch (err) {
      await tellNotSaved(
        deps,
        app,
        address,
        { user: member, threadTs: thread },
        'reply.notSaved',
        err,
      );
    }
  });

  const onReaction =
    (added: boolean) =>
    async ({
      event,
      context,
    }: {
      event: {
        user: string;
        reaction: string;
        item: { type: string; channel?: string; ts?: string };
      };
      context: { teamId?: string; botUserId?: string };
    }) => {
      if (event.item.type !== 'message' || !event.item.channel || !event.item.ts) return;
      if (event.user === context.botUserId) return;
      const address: ChannelAddress = {
        platform: 'slack',
        workspace: context.teamId ?? '',
        channel: event.item.channel,
      };
      // Reaction events carry no bot_id: whether the reactor is a bot comes from users.info,
      // after the fact when the reactor is new (its votes are then taken back).
      const user = directory.peek(event.user) ?? { name: event.user, isBot: false };
      if (user.isBot) return;
      try {
        const result = await recordReaction(deps, {
          address,
          messageRef: event.item.ts,
          member: event.user,
          isBot: user.isBot,
          emoji: emojiFromSlack(event.reaction),
          added,
        });
        directory.learn(event.user);
        if (result.kind === 'uncounted' && added) {
          // Slack can tell the voter alone why their 👍 did not count.
          const locale = channelLocale(await ensureChannel(deps, address));
          await app.client.chat.postEphemeral({
            channel: address.channel,
            user: event.user,
            text: escapeMrkdwn(t(locale, 'vote.uncounted')),
          });
        }
      } catch (err) {
        await tellNotSaved(deps, app, address, { user: event.user }, 'vote.notSaved', err);
      }
    };
  app.event('reaction_added', onReaction(true));
  app.event('reaction_removed', onReaction(false));

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
  const app = new App({
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
  deps.ports.slack = new SlackPort(
    new webApi.WebClient(opts.botToken, { ...clientOptions, rejectRateLimitedCalls: true }),
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
