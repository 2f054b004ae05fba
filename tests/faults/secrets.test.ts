import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.ts';
import { npmStart, tempDir } from '../helpers.ts';

describe('secrets', () => {
  it('never appear in the output or logs of a full console session', async () => {
    const secrets = {
      SLACK_SIGNING_SECRET: 'sign-5f1e0c9a7d3b2e8f',
      SLACK_APP_TOKEN: 'xapp-1-A0000-9999-abcdef0123456789',
    };
    const r = await npmStart(
      '/help\n/ask\nmy answer\n/answer\n/vote 1\n/grade ok\n/leaderboard all\n/schedule set cron:"0 9 * * *" timezone:KST\n/schedule set cron:"0 9 * * *" timezone:Asia/Seoul\n/schedule show\n/nope\n',
      {
        DATABASE_PATH: join(tempDir(), 'drill.db'),
        DEFAULT_LOCALE: 'en',
        LOG_LEVEL: 'trace',
        ...secrets,
      },
    );
    expect(r.code).toBe(0);
    expect(r.err).toContain('"msg":"configuration"');
    expect(r.err).toContain('"SLACK_SIGNING_SECRET":"[set]"');
    for (const value of Object.values(secrets)) {
      expect(r.out).not.toContain(value);
      expect(r.err).not.toContain(value);
    }
  });

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
