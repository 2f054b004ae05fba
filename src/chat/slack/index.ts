import type { Server } from 'node:http';
import { App, LogLevel, type Logger as SlackLogger } from '@slack/bolt';
import { commands, parseTextOptions, runCommand } from '../../../commands/index.ts';
import type { Logger } from '../../log.ts';
import { channelLocale, ensureChannel } from '../../practice/channels.ts';
import type { PracticeDeps } from '../../practice/deps.ts';
import { deleteReply, editReply, recordReply } from '../../practice/replies.ts';
import { recordReaction } from '../../practice/votes.ts';
import type { ChannelAddress } from '../port.ts';
import { emojiFromSlack, SlackPort } from './port.ts';

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

/** Workspace admins and owners, and the users in ADMIN_USER_IDS, may change schedules. */
async function canManage(app: App, userId: string, admins: string[]): Promise<boolean> {
  if (admins.includes(userId)) return true;
  const info = await app.client.users.info({ user: userId }).catch(() => null);
  return Boolean(info?.user?.is_admin || info?.user?.is_owner);
}

/** Display names by user id, looked up once (users:read); the id stands in when that fails. */
function nameLookup(app: App): (userId: string) => Promise<string> {
  const names = new Map<string, string>();
  return async (userId) => {
    const known = names.get(userId);
    if (known) return known;
    const info = await app.client.users.info({ user: userId }).catch(() => null);
    const name =
      info?.user?.profile?.display_name || info?.user?.real_name || info?.user?.name || userId;
    names.set(userId, name);
    return name;
  };
}

/** Listeners by kind: acknowledge first, then store, then answer; every failure is logged. */
function register(deps: PracticeDeps, app: App, opts: SlackOptions): void {
  const nameOf = nameLookup(app);
  for (const command of commands) {
    app.command(`/${command.name}`, async ({ command: body, ack, respond }) => {
      await ack();
      const address: ChannelAddress = {
        platform: 'slack',
        workspace: body.team_id,
        channel: body.channel_id,
      };
      const reply = await runCommand(command.name, parseTextOptions(command, body.text ?? ''), {
        deps,
        address,
        threadRef: null,
        member: {
          id: body.user_id,
          name: body.user_name,
          canManage:
            command.name === 'schedule' &&
            (await canManage(app, body.user_id, opts.adminUserIds ?? [])),
        },
        locale: channelLocale(ensureChannel(deps, address)),
      });
      await respond({
        response_type: reply.ephemeral ? 'ephemeral' : 'in_channel',
        text: reply.text,
      });
    });
  }

  app.event('message', async ({ event, context }) => {
    const e = event as unknown as Record<string, unknown>;
    const address: ChannelAddress = {
      platform: 'slack',
      workspace: context.teamId ?? '',
      channel: String(e.channel),
    };
    if (e.subtype === 'message_changed') {
      const m = e.message as { ts: string; text?: string };
      editReply(deps, address, m.ts, m.text ?? '');
      return;
    }
    if (e.subtype === 'message_deleted') {
      deleteReply(deps, address, String(e.deleted_ts));
      return;
    }
    if (e.subtype !== undefined && e.subtype !== 'thread_broadcast' && e.subtype !== 'bot_message')
      return;
    const thread = e.thread_ts as string | undefined;
    if (!thread || thread === e.ts) return;
    const isBot = e.bot_id !== undefined || e.subtype === 'bot_message';
    const member = String(e.user ?? e.bot_id ?? '');
    recordReply(deps, {
      address,
      threadRef: thread,
      messageRef: String(e.ts),
      member,
      memberName: isBot ? member : await nameOf(member),
      isBot,
      text: String(e.text ?? ''),
      at: Math.round(Number(e.ts) * 1000),
    });
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
      recordReaction(deps, {
        address: {
          platform: 'slack',
          workspace: context.teamId ?? '',
          channel: event.item.channel,
        },
        messageRef: event.item.ts,
        member: event.user,
        isBot: false,
        emoji: emojiFromSlack(event.reaction),
        added,
      });
    };
  app.event('reaction_added', onReaction(true));
  app.event('reaction_removed', onReaction(false));

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
  });
  deps.ports.slack = new SlackPort(app.client);
  register(deps, app, opts);
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
