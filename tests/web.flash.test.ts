/**
 * A manage form's answer rides to the page its POST redirects to in a signed cookie (flash.ts):
 * it fits a cookie whatever the reply's length and script, and only that session's page of
 * that channel reads it.
 */
import { describe, expect, it } from 'vitest';
import { line } from '../src/core/reply/line.ts';
import { packFlash, unpackFlash } from '../src/web/flash.ts';
import { replyText } from './fakes/reply-text.ts';

const SECRET = 'test-secret-test-secret';

describe('the manage page flash', () => {
  it('fits a cookie, clipping a long Korean reply, and is read back by its session and channel only', () => {
    const text = '알 수 없는 시간대입니다. '.repeat(200);
    const cookie = packFlash(SECRET, 'session-a', 7, {
      form: 'schedule',
      blocks: [line('ko', 'schedule.invalid', { reason: text })],
      values: { cron: '0 9 * * 1-5', timezone: '아시아/서울'.repeat(100) },
    });
    expect(encodeURIComponent(cookie).length).toBeLessThan(4000);
    const flash = unpackFlash(SECRET, 'session-a', 7, cookie);
    expect(flash?.form).toBe('schedule');
    expect(flash?.values.cron).toBe('0 9 * * 1-5');
    const shown = flash ? replyText({ blocks: flash.blocks, ephemeral: true }) : '';
    expect(shown.endsWith('…')).toBe(true);
    expect(shown.startsWith('일정을 바꾸지 않았습니다')).toBe(true);
    expect(unpackFlash(SECRET, 'session-b', 7, cookie)).toBeNull();
    expect(unpackFlash(SECRET, 'session-a', 8, cookie)).toBeNull();
    expect(unpackFlash('another-secret-another', 'session-a', 7, cookie)).toBeNull();
  });
});
