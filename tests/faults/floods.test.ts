import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHANNEL_ID } from '../fakes/discord.ts';
import { command, setup, threadMessage } from '../fakes/discord-harness.ts';
import { npmStart, readDatabase, tempDir } from '../helpers.ts';

describe('floods', () => {
  it('holds a member to the /ask cooldown and a channel to its hourly cap, saying when', async () => {
    const { fake, world } = await setup();
    const ask = (userId: string) => command(fake, 'ask', {}, { userId }).answer();
    const posts = () =>
      fake.requestsTo('POST', new RegExp(`^/channels/${CHANNEL_ID}/messages$`)).length;

    expect(await ask('500')).toMatch(/^Posted a question/);
    expect(await ask('500')).toBe(
      'You posted a question a moment ago; you can post the next one in 30 s.',
    );
    world.clock.advance(31_000);
    expect(await ask('500')).toMatch(/^Posted a question/);
    // Four more members: six in the hour, the channel's cap.
    for (const member of ['501', '502', '503', '504']) {
      world.clock.advance(60_000);
      expect(await ask(member)).toMatch(/^Posted a question/);
    }
    expect(await ask('505')).toBe(
      'This channel has had 6 practice questions in the last hour; the next one can be posted in 56 min.',
    );
    expect(posts()).toBe(6);
    // An hour after the first, one more fits.
    world.clock.set(Date.parse('2026-11-23T01:00:01Z'));
    expect(await ask('505')).toMatch(/^Posted a question/);
    expect(posts()).toBe(7);
    expect(await world.db.select().from(world.t.drops)).toHaveLength(7);
  });

  it('refuses a schedule that posts more often than SCHEDULE_MIN_INTERVAL, with the reason', async () => {
    const { fake } = await setup();
    const set = (cron: string) =>
      command(fake, 'schedule', { action: 'set', cron, timezone: 'UTC' }, { admin: true }).answer();
    expect(await set('* * * * *')).toBe(
      'The schedule was not changed: it would post 1 min apart; drops must be at least 1 h apart.',
    );
    expect(await set('0,30 9 * * 1-5')).toMatch(/30 min apart/);
    expect(await set('0 * * * *')).toMatch(/^Scheduled:/);
  });

  it('keeps a stored answer to 4,000 characters', async () => {
    const { fake, world } = await setup();
    await command(fake, 'ask').answer();
    threadMessage(fake, fake.threads[0]?.id as string, '601', '가'.repeat(5000));
    const [stored] = await fake.waitFor(async () => {
      const rows = await world.db.select().from(world.t.replies);
      return rows.length > 0 && rows;
    });
    expect(stored?.text).toHaveLength(4000);
    expect(stored?.text.endsWith('…')).toBe(true);
  });

  it('lets the console (one local person) ask freely, and refuses an over-long line unsaved', async () => {
    const db = join(tempDir(), 'drill.db');
    const long = 'x'.repeat(50_000);
    const r = await npmStart(
      `${'/ask\n'.repeat(8)}${long}\nshort\n/schedule set cron:"* * * * *" timezone:UTC\n`,
      {
        DATABASE_PATH: db,
        DEFAULT_LOCALE: 'ko',
      },
    );
    expect(r.code).toBe(0);
    expect(r.out.match(/주제의 질문을 올렸습니다/g)).toHaveLength(8);
    expect(r.out).toContain('이 줄은 50000자입니다. 최대 4000자까지 받을 수 있습니다.');
    expect(r.out).not.toContain(long);
    expect(r.out).toContain('질문 사이는 적어도 1시간 떨어져야 합니다');
    expect(
      await readDatabase(db, (store) =>
        store.db.select({ text: store.tables.replies.text }).from(store.tables.replies),
      ),
    ).toEqual([{ text: 'short' }]);
  });
});
