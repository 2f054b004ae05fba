import { describe, expect, it } from 'vitest';
import { findCommand, parseTextOptions, runCommand } from '../commands/index.ts';
import { CONSOLE_ADDRESS } from '../src/chat/console/console.ts';
import { ensureChannel } from '../src/core/channels.ts';
import { leaderboard } from '../src/core/standings.ts';
import { latestDrop } from '../src/practice/lookup.ts';
import { recordReply } from '../src/practice/replies.ts';
import { parseSkipDate } from '../src/schedule/skips.ts';
import { plainReply, replyText } from './fakes/reply-text.ts';
import {
  practiceWorld,
  STORES,
  type StoreKind,
  scheduleCommand as schedule,
  testScheduler,
  type World,
} from './helpers.ts';

const posted = (world: World) => world.port.of('drop').length;
const statuses = async (world: World) =>
  (await world.db.select().from(world.t.drops).orderBy(world.t.drops.slot)).map((r) => [
    r.slot,
    r.status,
  ]);

describe('holiday dates', () => {
  it('are read as YYYY-MM-DD (or with dots or slashes) and must exist', () => {
    expect(parseSkipDate('2026-12-25')).toBe('2026-12-25');
    expect(parseSkipDate(' 2026.1.1. ')).toBe('2026-01-01');
    expect(parseSkipDate('2026/3/1')).toBe('2026-03-01');
    for (const bad of ['2027-02-29', '2026-13-01', '12/25', '내일', '2026-12-25T00:00'])
      expect(() => parseSkipDate(bad)).toThrow('skip.badDate');
  });
});

describe.each(STORES)('/schedule skip date: on %s', (store: StoreKind) => {
  it('posts nothing on a holiday in the channel’s zone, lists it, and posts again once unskipped', async () => {
    const world = await practiceWorld(undefined, { store });
    world.clock.set('2027-01-04T12:00:00Z');
    // 21:00 in New York is 02:00 UTC the next day: the holiday is the New York date.
    await schedule(world, { action: 'set', cron: '0 21 * * *', timezone: 'America/New_York' });
    const added = await schedule(world, { action: 'skip', date: '2027-01-05' });
    expect(plainReply(added)).toEqual({
      text: 'No question will be posted on 2027-01-05 (America/New_York).',
      ephemeral: false,
    });
    expect((await schedule(world, { action: 'skip', date: '2027-01-07' })).ephemeral).toBe(false);
    expect(replyText(await schedule(world, { action: 'skip', date: '2027-01-05' }))).toBe(
      '2027-01-05 is already a holiday: no question is posted that day.',
    );
    const shown = replyText(await schedule(world, { action: 'show' }, false));
    expect(shown).toContain(
      '- 2027-01-05 21:00 America/New_York (2027-01-06T02:00:00.000Z) · holiday',
    );
    expect(shown).not.toContain('(2027-01-04T02:00:00.000Z) · holiday');
    expect(shown).toContain('Holidays (no drop): 2027-01-05, 2027-01-07');

    const s = testScheduler(world);
    await s.start();
    world.clock.set('2027-01-05T02:00:00Z'); // 2027-01-04 21:00 in New York: posted
    await s.tick();
    expect(posted(world)).toBe(1);
    world.clock.set('2027-01-06T02:00:00Z'); // the holiday
    await s.tick();
    await s.tick();
    expect(posted(world)).toBe(1);

    // 2027-01-07 is taken back before its day: posted as scheduled.
    expect(replyText(await schedule(world, { action: 'unskip', date: '2027-01-07' }))).toBe(
      '2027-01-07 is no longer a holiday: its drop will be posted as scheduled.',
    );
    expect(replyText(await schedule(world, { action: 'unskip', date: '2027-01-07' }))).toBe(
      // Still 2027-01-05 in New York: that holiday is today.
      '2027-01-07 is not a holiday here. Holidays: 2027-01-05',
    );
    world.clock.set('2027-01-07T02:00:00Z');
    await s.tick();
    world.clock.set('2027-01-08T02:00:00Z');
    await s.tick();
    expect(posted(world)).toBe(3);
    expect(await statuses(world)).toEqual([
      ['2027-01-05T02:00:00.000Z', 'posted'],
      ['2027-01-06T02:00:00.000Z', 'skipped'],
      ['2027-01-07T02:00:00.000Z', 'posted'],
      ['2027-01-08T02:00:00.000Z', 'posted'],
    ]);
    // A past holiday is no longer listed.
    expect(replyText(await schedule(world, { action: 'show' }))).not.toContain('Holidays');
    await s.stop();
  });

  it('records a holiday that passed while the bot was down as skipped, not missed, and does not post it on start', async () => {
    const world = await practiceWorld(undefined, { store });
    world.clock.set('2027-01-04T00:00:00Z');
    await schedule(world, { action: 'set', cron: '0 9 * * *', timezone: 'Asia/Seoul' });
    await schedule(world, { action: 'skip', date: '2027-01-05' });
    await schedule(world, { action: 'skip', date: '2027-01-07' });
    // Down from before the 5th until an hour after the 7th's slot: the 7th would be caught up.
    world.clock.set('2027-01-07T01:00:00Z');
    const s = testScheduler(world);
    await s.start();
    expect(posted(world)).toBe(0);
    expect(await statuses(world)).toEqual([
      ['2027-01-05T00:00:00.000Z', 'skipped'],
      ['2027-01-06T00:00:00.000Z', 'missed'],
      ['2027-01-07T00:00:00.000Z', 'skipped'],
    ]);
    await s.stop();
  });

  it('refuses a past or impossible date and members who cannot manage the channel', async () => {
    const world = await practiceWorld(undefined, { store, locale: 'ko' });
    world.clock.set('2027-01-04T16:00:00Z'); // 2027-01-05 01:00 in Seoul
    await schedule(world, { action: 'set', cron: '0 9 * * *', timezone: 'Asia/Seoul' });
    const ko = async (args: Record<string, string>, canManage = true) =>
      replyText(
        await runCommand('schedule', args, {
          deps: world.deps,
          address: CONSOLE_ADDRESS,
          threadRef: null,
          member: { id: 'me', name: 'Me', canManage },
          locale: 'ko',
        }),
      );
    expect(await ko({ action: 'skip', date: '2027-01-04' })).toBe(
      '2027-01-04은(는) 이 채널 시간대로 이미 지난 날짜입니다.',
    );
    expect(await ko({ action: 'skip', date: '2027-02-30' })).toBe(
      '“2027-02-30”은(는) 날짜가 아닙니다. 2026-12-25처럼 YYYY-MM-DD로 적어 주세요.',
    );
    expect(await ko({ action: 'unskip' })).toBe(
      '어느 날짜인가요? /schedule unskip date:YYYY-MM-DD',
    );
    expect(await ko({ action: 'skip', date: '2027-01-05' }, false)).toBe(
      '채널을 관리할 수 있는 사람만 일정을 바꿀 수 있습니다.',
    );
    // Today in Seoul is still ahead of its 09:00 slot: it can be skipped.
    expect(await ko({ action: 'skip', date: '2027.1.5' })).toBe(
      '2027-01-05(Asia/Seoul)에는 질문을 올리지 않습니다.',
    );
    expect(await world.db.select().from(world.t.scheduleSkips)).toHaveLength(1);
  });

  it('keeps streaks: a holiday makes no drop and breaks no one’s run of answers', async () => {
    const world = await practiceWorld(undefined, { store });
    world.clock.set('2027-01-04T00:00:00Z');
    await schedule(world, { action: 'set', cron: '0 9 * * *', timezone: 'Asia/Seoul' });
    await schedule(world, { action: 'skip', date: '2027-01-07' });
    const s = testScheduler(world);
    await s.start();
    for (const day of ['05', '06', '07', '08']) {
      world.clock.set(`2027-01-${day}T00:00:00Z`);
      await s.tick();
      const drop = await latestDrop(
        world.deps,
        (await ensureChannel(world.deps, CONSOLE_ADDRESS)).id,
      );
      if (day === '07') {
        expect(drop?.slot).toBe('2027-01-06T00:00:00.000Z'); // nothing new on the holiday
        continue;
      }
      world.clock.set(`2027-01-${day}T01:00:00Z`);
      await recordReply(world.deps, {
        address: CONSOLE_ADDRESS,
        threadRef: drop?.threadRef as string,
        messageRef: `r${day}`,
        member: 'kim',
        memberName: 'Kim',
        isBot: false,
        text: 'answer',
      });
    }
    const [row] = await leaderboard(world.deps, CONSOLE_ADDRESS, 'all');
    expect(row).toMatchObject({ member: 'kim', replies: 3, streak: 3 });
    expect(await statuses(world)).toEqual([
      ['2027-01-05T00:00:00.000Z', 'posted'],
      ['2027-01-06T00:00:00.000Z', 'posted'],
      ['2027-01-07T00:00:00.000Z', 'skipped'],
      ['2027-01-08T00:00:00.000Z', 'posted'],
    ]);
    await s.stop();
  });

  it('takes the date from a line of text, as Slack and the console give it', async () => {
    const world = await practiceWorld(undefined, { store });
    world.clock.set('2027-01-04T00:00:00Z');
    await schedule(world, { action: 'set', cron: '0 9 * * *', timezone: 'Asia/Seoul' });
    const command = findCommand('schedule');
    if (!command) throw new Error('no /schedule');
    const raw = parseTextOptions(command, 'skip date:2027-01-06');
    expect(raw).toEqual({ action: 'skip', date: '2027-01-06' });
    const reply = await runCommand('schedule', raw, {
      deps: world.deps,
      address: CONSOLE_ADDRESS,
      threadRef: null,
      member: { id: 'me', name: 'Me', canManage: true },
      locale: 'en',
    });
    expect(replyText(reply)).toBe('No question will be posted on 2027-01-06 (Asia/Seoul).');
    // The date written in order, without its name: a holiday too (not the next slot skipped).
    const ctx = {
      deps: world.deps,
      address: CONSOLE_ADDRESS,
      threadRef: null,
      member: { id: 'me', name: 'Me', canManage: true },
      locale: 'en' as const,
    };
    const line = (text: string) => runCommand('schedule', parseTextOptions(command, text), ctx);
    expect(replyText(await line('skip 2027-01-07'))).toBe(
      'No question will be posted on 2027-01-07 (Asia/Seoul).',
    );
    expect(replyText(await line('unskip 2027-01-07'))).toBe(
      '2027-01-07 is no longer a holiday: its drop will be posted as scheduled.',
    );
    expect(replyText(await line('skip tomorrow'))).toContain('“tomorrow” is not a date');
    expect(await world.db.select().from(world.t.drops)).toHaveLength(0);
  });

  it('reads a named option after a topic with spaces (`topic:a b minutes:5`)', () => {
    const mock = findCommand('mock');
    if (!mock) throw new Error('no /mock');
    expect(parseTextOptions(mock, 'topic:자기 PR minutes:5')).toEqual({
      topic: '자기 PR',
      minutes: '5',
    });
    expect(parseTextOptions(mock, '자기 PR 5')).toEqual({ topic: '자기 PR 5' });
    expect(parseTextOptions(mock, 'minutes:3 topic:지원 동기')).toEqual({
      minutes: '3',
      topic: '지원 동기',
    });
  });
});
