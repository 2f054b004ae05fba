/** A Bolt app in HTTP mode on a real store (SQLite unless told), against the fake Slack; stopped after each test. */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect } from 'vitest';
import { type SlackOptions, startSlack } from '../../src/chat/slack/index.ts';
import { practiceWorld } from '../helpers.ts';
import {
  blockActions,
  CHANNEL,
  FakeSlack,
  type OpenedView,
  signedRequest,
  TEAM_ID,
  viewSubmission,
} from './slack.ts';

export const SECRET = 'test-signing-secret';
export const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

export async function httpSetup(
  banks?: Record<string, string>,
  opts: Parameters<typeof practiceWorld>[1] = {},
  slackOpts: { [K in keyof SlackOptions]?: SlackOptions[K] | undefined } = {},
) {
  const fake = new FakeSlack();
  await fake.start();
  stops.push(() => fake.stop());
  const world = await practiceWorld(banks, opts);
  const slack = await startSlack(world.deps, {
    botToken: 'xoxb-test-token',
    signingSecret: SECRET,
    port: 0,
    host: '127.0.0.1',
    apiUrl: fake.apiUrl,
    retries: 0,
    timeoutMs: 3000,
    ...slackOpts,
  });
  stops.push(slack.stop);
  const url = `http://127.0.0.1:${((slack.server as Server).address() as AddressInfo).port}/slack/events`;
  let responses = 0;
  /**
   * `/ask x` is sent as Slack sends it: Drill's one command, `/drill ask x`. Resolves to its
   * answer, unless `answered` is false (a command that opens a form).
   */
  const slash = async (command: string, text = '', user = 'U1', answered = true) => {
    const id = ++responses;
    const drill = command === '/drill' ? text : `${command.slice(1)} ${text}`.trim();
    const body = new URLSearchParams({
      token: 'x',
      team_id: TEAM_ID,
      team_domain: 'drill',
      channel_id: CHANNEL,
      channel_name: 'study',
      user_id: user,
      user_name: `name-${user}`,
      command: '/drill',
      text: drill,
      api_app_id: 'A0DRILL',
      response_url: `${fake.apiUrl}response_url/${id}`,
      trigger_id: `trigger-${id}`,
    }).toString();
    const res = await signedRequest(url, body, {
      secret: SECRET,
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(res.status).toBe(200);
    if (!answered) return { text: '', response_type: '' };
    const answer = await fake.waitFor(() => fake.callsOf(`response_url/${id}`)[0]);
    return answer.args as { text: string; response_type: string };
  };
  let eventSeq = 0;
  const event = (e: Record<string, unknown>, opts: { id?: string; retry?: number } = {}) => {
    const body = JSON.stringify({
      token: 'x',
      team_id: TEAM_ID,
      api_app_id: 'A0DRILL',
      type: 'event_callback',
      event_id: opts.id ?? `Ev${++eventSeq}`,
      event_time: Math.floor(Date.now() / 1000),
      event: e,
      authorizations: [{ team_id: TEAM_ID, user_id: 'U0BOT', is_bot: true }],
    });
    return signedRequest(url, body, {
      secret: SECRET,
      contentType: 'application/json',
      headers: opts.retry
        ? { 'x-slack-retry-num': String(opts.retry), 'x-slack-retry-reason': 'http_timeout' }
        : {},
    });
  };
  /** Posts an interactive payload (a click, a submitted modal) as Slack does: form-encoded, signed. */
  const interactive = async (payload: unknown) => {
    const res = await signedRequest(
      url,
      new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
      { secret: SECRET, contentType: 'application/x-www-form-urlencoded' },
    );
    expect(res.status).toBe(200);
  };
  /** A member clicks the button `actionId` under the message `messageTs`. */
  const click = (
    actionId: string,
    opts: { user?: string; messageTs: string; threadTs?: string; channel?: string },
  ) => interactive(blockActions(actionId, { user: opts.user ?? 'U1', ...opts }));
  /** A member submits the modal views.open opened (the latest, unless given) with these values. */
  const submit = (
    values: Record<string, string>,
    opts: { user?: string; view?: OpenedView } = {},
  ) => {
    const view = opts.view ?? fake.views.at(-1);
    if (!view) throw new Error('no modal was opened');
    return interactive(viewSubmission(view, values, opts.user ?? 'U1'));
  };
  return { fake, world, url, slash, event, click, submit };
}

export const threadReply = (thread: string, ts: string, user: string, text: string) => ({
  type: 'message',
  channel: CHANNEL,
  user,
  text,
  ts,
  thread_ts: thread,
  channel_type: 'channel',
});

/** A member writes in their DM with the app: a `message.im` event. */
export const directMessage = (channel: string, ts: string, user: string, text: string) => ({
  type: 'message',
  channel,
  user,
  text,
  ts,
  channel_type: 'im',
});

export const reaction = (added: boolean, user: string, ts: string, name: string) => ({
  type: added ? 'reaction_added' : 'reaction_removed',
  user,
  reaction: name,
  item: { type: 'message', channel: CHANNEL, ts },
  item_user: 'U1',
  event_ts: `${Date.now() / 1000}`,
});
