import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { createLogger } from '../../src/core/log.ts';
import { APP_ID, FakeDiscord, GUILD_ID } from '../fakes/discord.ts';
import { command } from '../fakes/discord-harness.ts';
import { CHANNEL, FakeSlack, TEAM_ID } from '../fakes/slack.ts';
import { newStoreTarget, npmStart, STORES, type StoreKind, startBot, tempDir } from '../helpers.ts';

describe('secrets', () => {
  it.each(STORES)(
    'never appear in the output or logs of a full console session (%s)',
    async (store: StoreKind) => {
      const secrets = {
        SLACK_SIGNING_SECRET: 'sign-5f1e0c9a7d3b2e8f',
        SLACK_APP_TOKEN: 'xapp-1-A0000-9999-abcdef0123456789',
      };
      const target = await newStoreTarget(store, tempDir());
      // On PostgreSQL the URL carries the server's password: it must not show either.
      const database: Record<string, string> = {
        [store === 'sqlite' ? 'DATABASE_PATH' : 'DATABASE_URL']: target,
      };
      const hidden = [...Object.values(secrets)];
      if (store === 'postgres') hidden.push(decodeURIComponent(new URL(target).password));
      const r = await npmStart(
        '/help\n/ask\nmy answer\n/answer\n/vote 1\n/grade ok\n/leaderboard all\n/schedule set cron:"0 9 * * *" timezone:KST\n/schedule set cron:"0 9 * * *" timezone:Asia/Seoul\n/schedule show\n/nope\n',
        {
          ...database,
          DEFAULT_LOCALE: 'en',
          LOG_LEVEL: 'trace',
          ...secrets,
        },
      );
      expect(r.code).toBe(0);
      expect(r.err).toContain('"msg":"configuration"');
      expect(r.err).toContain('"SLACK_SIGNING_SECRET":"[set]"');
      if (store === 'postgres') expect(r.err).toContain(':***@127.0.0.1');
      for (const value of hidden) {
        expect(r.out).not.toContain(value);
        expect(r.err).not.toContain(value);
      }
    },
  );

  it('are cut out of any log line that carries them, wherever they hide', () => {
    const lines: string[] = [];
    const log = createLogger({
      level: 'trace',
      secrets: ['xoxb-123-456-SECRET'],
      sink: { write: (l) => lines.push(l) },
    });
    log.error({ err: new Error('auth failed for token xoxb-123-456-SECRET') }, 'boom');
    log.info({ request: { url: 'https://slack.com/api/x?token=xoxb-123-456-SECRET' } }, 'call');
    log.warn('token is xoxb-123-456-SECRET');
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      expect(line).not.toContain('xoxb-123-456-SECRET');
      expect(line).toContain('[redacted]');
    }
  });
});

describe('secrets of a failing command, end to end', () => {
  const stops: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const stop of stops.splice(0).reverse()) await stop();
  });

  it('Discord: the interaction token in webhook URLs never reaches the log, at trace level', async () => {
    const fake = new FakeDiscord();
    await fake.start();
    stops.push(() => fake.stop());
    const bot = startBot({
      DISCORD_TOKEN: 'process-test-token-123',
      DISCORD_APPLICATION_ID: APP_ID,
      DISCORD_GUILD_ID: GUILD_ID,
      DISCORD_API_URL: fake.apiUrl,
      DATABASE_PATH: join(tempDir(), 'drill.db'),
      DEFAULT_LOCALE: 'en',
      LOG_LEVEL: 'trace',
    });
    stops.push(() => bot.stop());
    await fake.waitFor(() => fake.requestsTo('PUT', /\/commands$/).length === 1, 20_000);
    // Every answer to the interaction fails: discord.js reports the webhook URL it called.
    fake.failNext('PATCH', /^\/webhooks\//, 500, { message: 'boom', code: 0 }, undefined, 20);
    fake.failNext('POST', /^\/webhooks\//, 500, { message: 'boom', code: 0 }, undefined, 20);
    const { token } = command(fake, 'ask');
    await fake.waitFor(() => /discord (interaction|command) failed/.test(bot.output()), 20_000);
    await bot.stop();
    expect(bot.output()).toContain('/webhooks/');
    expect(bot.output()).toContain('[redacted]');
    expect(bot.output()).not.toContain(token);
    expect(bot.output()).not.toContain('process-test-token-123');
  });

  it('Slack: verification tokens, response URLs and socket tickets never reach the log, at debug level', async () => {
    const fake = new FakeSlack();
    await fake.start();
    stops.push(() => fake.stop());
    const bot = startBot({
      SLACK_BOT_TOKEN: 'xoxb-process-secret-1',
      SLACK_APP_TOKEN: 'xapp-process-secret-2',
      SLACK_API_URL: fake.apiUrl,
      DATABASE_PATH: join(tempDir(), 'drill.db'),
      DEFAULT_LOCALE: 'en',
      LOG_LEVEL: 'debug',
    });
    stops.push(() => bot.stop());
    await fake.waitFor(() => fake.socketConnected, 20_000);
    // The answer to the command fails, so the failure is logged with what Bolt knows.
    await fake.envelope('slash_commands', {
      token: 'verification-SECRET-7',
      team_id: TEAM_ID,
      channel_id: CHANNEL,
      user_id: 'U1',
      user_name: 'ana',
      command: '/drill',
      text: 'ask no-such-topic',
      response_url: 'http://127.0.0.1:9/hooks-SECRET-8',
      trigger_id: 'trigger-SECRET-9',
      api_app_id: 'A0DRILL',
    });
    await fake.waitFor(() => /slack handler failed|An unhandled error/.test(bot.output()), 20_000);
    await bot.stop();
    const out = bot.output();
    expect(out).toContain('[redacted]');
    for (const secret of [
      'verification-SECRET-7',
      'hooks-SECRET-8',
      'trigger-SECRET-9',
      'socket-ticket-SECRET',
      'xoxb-process-secret-1',
      'xapp-process-secret-2',
    ])
      expect(out).not.toContain(secret);
  });
});

describe('secrets inside free text (a driver’s error message), end to end', () => {
  const stops: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const stop of stops.splice(0).reverse()) await stop();
  });

  /** What a refused start-up printed, its debug log included, with the secret nowhere in it. */
  function expectRedacted(
    r: { code: number | null; out: string; err: string },
    secret: string,
    code: number,
  ) {
    expect(r.code, r.err).toBe(code);
    expect(r.err).toContain('"msg":"start-up failed"');
    expect(r.err).toContain('[redacted]');
    expect(r.out).not.toContain(secret);
    expect(r.err).not.toContain(secret);
  }

  it('a Slack token inside the error Slack’s client reports (sqlite)', async () => {
    const fake = new FakeSlack();
    await fake.start();
    stops.push(() => fake.stop());
    const token = 'xoxb-free-text-5e1a9c';
    fake.failNext('auth.test', `invalid_auth (token ${token} was revoked)`);
    expectRedacted(
      await npmStart('', {
        DATABASE_PATH: join(tempDir(), 'drill.db'),
        DEFAULT_LOCALE: 'en',
        LOG_LEVEL: 'debug',
        SLACK_BOT_TOKEN: token,
        SLACK_APP_TOKEN: 'xapp-free-text-0001',
        SLACK_API_URL: fake.apiUrl,
      }),
      token,
      1, // a platform that fails to start (not a refused token)
    );
  });

  it('the DATABASE_URL password inside PostgreSQL’s error message (postgres)', async () => {
    const admin = new pg.Client({ connectionString: inject('pgAdminUrl') });
    await admin.connect();
    const role = `drill_role_${randomUUID().slice(0, 8)}`;
    const password = `pw${randomUUID().slice(0, 8)}`;
    try {
      await admin.query(`create role ${role} login password '${password}'`);
    } finally {
      await admin.end();
    }
    // The server names the missing database, whose name holds the password, in its message.
    const url = new URL(inject('pgAdminUrl'));
    url.username = role;
    url.password = password;
    url.pathname = `/${password}_missing`;
    expectRedacted(
      await npmStart('', {
        DATABASE_URL: url.toString(),
        DEFAULT_LOCALE: 'en',
        LOG_LEVEL: 'debug',
      }),
      password,
      2,
    );
  });
});
