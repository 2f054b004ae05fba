import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CONSOLE_ADDRESS } from '../src/chat/console/console.ts';
import { ensureChannel } from '../src/core/channels.ts';
import { claimSlot } from '../src/practice/drops.ts';
import { checkTimeZone, nextSlots, parseCron, ScheduleInputError } from '../src/schedule/rule.ts';
import { replyText } from './fakes/reply-text.ts';
import { waitFor } from './fakes/wait.ts';
import { spawnWorker } from './fakes/worker.ts';
import {
  openTestStore,
  practiceWorld,
  ROOT,
  STORES,
  type StoreKind,
  scheduleCommand,
  testScheduler,
  type World,
} from './helpers.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const here = CONSOLE_ADDRESS;
const iso = (ms: number) => new Date(ms).toISOString();
const slotsOf = (cron: string, zone: string, from: string, count: number) =>
  nextSlots(parseCron(cron), zone, Date.parse(from), count).map(iso);

const schedule = scheduleCommand;

const scheduler = testScheduler;

const posted = (world: World) => world.port.of('drop').length;
const rows = (world: World) => world.db.select().from(world.t.drops).orderBy(world.t.drops.slot);

describe.each(STORES)('on %s', (store: StoreKind) => {
  describe('slots through daylight saving', () => {
    it('weekday 09:00 in New York stays 09:00 local across the March and November changes', () => {
      expect(slotsOf('0 9 * * 1-5', 'America/New_York', '2027-03-11T00:00:00Z', 4)).toEqual([
        '2027-03-11T14:00:00.000Z',
        '2027-03-12T14:00:00.000Z',
        '2027-03-15T13:00:00.000Z', // EDT from Sunday the 14th
        '2027-03-16T13:00:00.000Z',
      ]);
      expect(slotsOf('0 9 * * 1-5', 'America/New_York', '2027-11-04T00:00:00Z', 4)).toEqual([
        '2027-11-04T13:00:00.000Z',
        '2027-11-05T13:00:00.000Z',
        '2027-11-08T14:00:00.000Z', // EST from Sunday the 7th
        '2027-11-09T14:00:00.000Z',
      ]);
    });

    it('follows Europe/London and keeps Asia/Seoul (no DST) at one UTC hour', () => {
      expect(slotsOf('0 9 * * *', 'Europe/London', '2027-03-27T00:00:00Z', 2)).toEqual([
        '2027-03-27T09:00:00.000Z',
        '2027-03-28T08:00:00.000Z',
      ]);
      expect(slotsOf('0 9 * * *', 'Europe/London', '2027-10-30T00:00:00Z', 2)).toEqual([
        '2027-10-30T08:00:00.000Z',
        '2027-10-31T09:00:00.000Z',
      ]);
      const seoul = slotsOf('0 9 * * *', 'Asia/Seoul', '2027-03-01T00:00:00Z', 300);
      expect(seoul.every((s) => s.endsWith('T00:00:00.000Z'))).toBe(true);
      expect(new Set(seoul).size).toBe(300);
    });

    it('posts a 02:30 daily slot at 03:30 on the spring-forward day, and once on the fall-back day', () => {
      expect(slotsOf('30 2 * * *', 'America/New_York', '2027-03-13T00:00:00Z', 3)).toEqual([
        '2027-03-13T07:30:00.000Z', // 02:30 EST
        '2027-03-14T07:30:00.000Z', // 02:30 does not exist: 03:30 EDT
        '2027-03-15T06:30:00.000Z', // 02:30 EDT
      ]);
      expect(slotsOf('30 1 * * *', 'America/New_York', '2027-11-06T12:00:00Z', 2)).toEqual([
        '2027-11-07T05:30:00.000Z', // 01:30 happens twice: the first (EDT) only
        '2027-11-08T06:30:00.000Z',
      ]);
    });

    it('the scheduler posts at those instants and not a minute before', async () => {
      const world = await practiceWorld(undefined, { store });
      world.clock.set('2027-03-10T00:00:00Z');
      expect(
        replyText(
          await schedule(world, {
            action: 'set',
            cron: '30 2 * * *',
            timezone: 'America/New_York',
          }),
        ),
      ).toMatch(/^Scheduled: /);
      const s = scheduler(world);
      await s.start();
      for (const slot of slotsOf('30 2 * * *', 'America/New_York', '2027-03-10T00:00:00Z', 7)) {
        world.clock.set(Date.parse(slot) - 60_000);
        const before = posted(world);
        await s.tick();
        expect(posted(world)).toBe(before);
        world.clock.set(slot);
        await s.tick();
        await s.tick();
        expect(posted(world)).toBe(before + 1);
      }
      expect((await rows(world)).map((r) => r.slot)).toContain('2027-03-14T07:30:00.000Z');
      await s.stop();
    });
  });

  describe('restarts and copies', () => {
    it('posts a claim cut off before its post exactly once after a restart', async () => {
      const world = await practiceWorld(undefined, { store });
      world.clock.set('2027-01-04T00:00:00Z');
      await schedule(world, { action: 'set', cron: '0 9 * * *', timezone: 'Asia/Seoul' });
      // The first copy claims the 09:00 slot, then dies with its post in flight.
      const hang = new Promise<never>(() => {});
      const realPost = world.port.postDrop.bind(world.port);
      world.port.postDrop = () => hang;
      const first = scheduler(world);
      await first.start();
      world.clock.set('2027-01-05T00:00:00Z');
      void first.tick();
      await waitFor(async () => (await rows(world)).length > 0);
      expect((await rows(world)).map((r) => [r.slot, r.status])).toEqual([
        ['2027-01-05T00:00:00.000Z', 'claimed'],
      ]);

      // Restarted a few seconds later: the claim is too fresh to be called cut off yet.
      world.port.postDrop = realPost;
      world.clock.set('2027-01-05T00:00:05Z');
      const second = scheduler(world);
      await second.start();
      expect(posted(world)).toBe(0);
      world.clock.set('2027-01-05T00:01:10Z');
      await second.tick();
      await second.tick();
      expect(posted(world)).toBe(1);
      expect((await rows(world)).map((r) => r.status)).toEqual(['posted']);
      await second.stop();
    });

    it('two copies in two processes on one database post each of 50 slots once', async () => {
      const world = await practiceWorld(undefined, { store });
      const start = Date.parse('2027-02-01T00:00:00Z');
      world.clock.set(start);
      // Every 10 minutes, to run 50 slots quickly: below the default minimum interval.
      world.deps.limits = { scheduleMinIntervalMs: 600_000 };
      await schedule(world, { action: 'set', cron: '*/10 * * * *', timezone: 'UTC' });
      const dbPath = world.target;
      await world.store.close();

      const workers = [0, 1].map(() => spawnWorker('tests/fakes/scheduler-worker.ts', [dbPath]));
      try {
        await Promise.all(workers.map((w) => w.command(`start ${start}`)));
        for (let i = 1; i <= 50; i++) {
          const now = start + i * 600_000;
          await Promise.all(workers.map((w) => w.command(`tick ${now}`)));
        }
      } finally {
        for (const w of workers) w.child.stdin.end();
        await Promise.all(workers.map((w) => w.exited));
      }
      const posts = workers.flatMap((w) => w.lines).filter((l) => l.startsWith('posted')).length;
      const check = await openTestStore(dbPath);
      const all = await check.db.select().from(check.tables.drops);
      expect(posts).toBe(50);
      expect(all).toHaveLength(50);
      expect(all.every((d) => d.status === 'posted')).toBe(true);
      expect(new Set(all.map((d) => d.slot)).size).toBe(50);
    });

    it('posts the latest missed slot when down for an hour', async () => {
      const world = await practiceWorld(undefined, { store });
      world.clock.set('2027-01-04T00:00:00Z');
      await schedule(world, { action: 'set', cron: '0 9 * * *', timezone: 'Asia/Seoul' });
      world.clock.set('2027-01-05T01:00:00Z'); // 10:00 KST, the 09:00 slot an hour ago
      const s = scheduler(world);
      await s.start();
      expect(posted(world)).toBe(1);
      expect((await rows(world)).map((r) => [r.slot, r.status])).toEqual([
        ['2027-01-05T00:00:00.000Z', 'posted'],
      ]);
      await s.stop();
    });

    it('records one missed slot per day when down for three days, and posts nothing old', async () => {
      const world = await practiceWorld(undefined, { store });
      world.clock.set('2027-01-04T00:00:00Z');
      await schedule(world, { action: 'set', cron: '0 9 * * *', timezone: 'Asia/Seoul' });
      world.clock.set(Date.parse('2027-01-04T00:00:00Z') + 3 * DAY + 5 * HOUR); // 14:00 KST
      const s = scheduler(world);
      await s.start();
      expect(posted(world)).toBe(0);
      expect((await rows(world)).map((r) => [r.slot, r.status])).toEqual([
        ['2027-01-05T00:00:00.000Z', 'missed'],
        ['2027-01-06T00:00:00.000Z', 'missed'],
        ['2027-01-07T00:00:00.000Z', 'missed'],
      ]);
      world.clock.set('2027-01-08T00:00:00Z');
      await s.tick();
      expect(posted(world)).toBe(1);
      await s.stop();
    });
  });

  describe('what a copy serves', () => {
    it('leaves channels of platforms it is not connected to alone', async () => {
      const world = await practiceWorld(undefined, { store });
      world.clock.set('2027-01-04T00:00:00Z');
      const discord = { platform: 'discord' as const, workspace: 'g', channel: 'c' };
      await ensureChannel(world.deps, discord);
      await world.db
        .update(world.t.channels)
        .set({ cron: '0 9 * * *', timezone: 'Asia/Seoul', scheduleSince: 0 });
      const s = scheduler(world);
      await s.start();
      world.clock.set('2027-01-05T00:00:00Z');
      await s.tick();
      expect(await s.scheduled()).toBe(0);
      expect(await rows(world)).toEqual([]);
      await s.stop();
    });

    it('marks a cut-off /ask failed instead of posting it out of the blue later', async () => {
      const world = await practiceWorld(undefined, { store });
      const channel = await ensureChannel(world.deps, here);
      await claimSlot(world.deps, channel, { slot: 'manual:cut-off', questionId: null, round: 1 });
      world.clock.advance(5 * 60_000);
      const s = scheduler(world);
      await s.start();
      expect(posted(world)).toBe(0);
      expect((await rows(world)).map((r) => r.status)).toEqual(['failed']);
      await s.stop();
    });
  });

  describe('/schedule', () => {
    it('reveals on the rule, skips a slot on request and pauses', async () => {
      const world = await practiceWorld(undefined, { store });
      world.clock.set('2027-01-04T00:00:00Z'); // Monday 09:00 KST
      await schedule(world, {
        action: 'set',
        cron: '0 9 * * *',
        timezone: 'Asia/Seoul',
        reveal: '18:00',
      });
      const s = scheduler(world);
      await s.start();
      world.clock.set('2027-01-05T00:00:00Z');
      await s.tick();
      expect(posted(world)).toBe(1);
      world.clock.set('2027-01-05T08:59:00Z');
      await s.tick();
      expect(world.port.of('thread')).toHaveLength(0);
      world.clock.set('2027-01-05T09:00:00Z'); // 18:00 KST
      await s.tick();
      expect(world.port.of('thread')[0]?.message?.title).toMatch(/^Model answer · /);

      const skipped = await schedule(world, { action: 'skip' });
      expect(replyText(skipped)).toBe(
        'The drop of 2027-01-06 09:00 Asia/Seoul (2027-01-06T00:00:00.000Z) will be skipped.',
      );
      expect(replyText(await schedule(world, { action: 'show' }))).toContain(
        '(2027-01-06T00:00:00.000Z) · reveal 2027-01-06 18:00 (2027-01-06T09:00:00.000Z) · skipped',
      );
      world.clock.set('2027-01-06T00:00:00Z');
      await s.tick();
      expect(posted(world)).toBe(1);

      await schedule(world, { action: 'pause' });
      world.clock.set('2027-01-07T00:00:00Z');
      await s.tick();
      expect(posted(world)).toBe(1);
      await schedule(world, { action: 'resume' });
      world.clock.set('2027-01-08T00:00:00Z');
      await s.tick();
      expect(posted(world)).toBe(2);
      await schedule(world, { action: 'off' });
      world.clock.set('2027-01-09T00:00:00Z');
      await s.tick();
      expect(posted(world)).toBe(2);
      const statuses = (await rows(world)).map((r) => [r.slot.slice(0, 10), r.status]);
      expect(statuses).toEqual([
        ['2027-01-05', 'posted'],
        ['2027-01-06', 'skipped'],
        ['2027-01-08', 'posted'],
      ]);
      await s.stop();
    });

    it('shows the next three drops and reveals in local time and UTC', async () => {
      const world = await practiceWorld(undefined, { store });
      world.clock.set('2027-03-12T12:00:00Z');
      await schedule(world, {
        action: 'set',
        cron: '0 9 * * 1-5',
        timezone: 'America/New_York',
        reveal: '+8h',
        mention: '@study',
      });
      expect(replyText(await schedule(world, { action: 'show' }, false))).toBe(
        [
          'Schedule: `0 9 * * 1-5` in America/New_York, reveal +8h, pinging @study',
          'Next drops:',
          '- 2027-03-12 09:00 America/New_York (2027-03-12T14:00:00.000Z) · reveal 2027-03-12 17:00 (2027-03-12T22:00:00.000Z)',
          '- 2027-03-15 09:00 America/New_York (2027-03-15T13:00:00.000Z) · reveal 2027-03-15 17:00 (2027-03-15T21:00:00.000Z)',
          '- 2027-03-16 09:00 America/New_York (2027-03-16T13:00:00.000Z) · reveal 2027-03-16 17:00 (2027-03-16T21:00:00.000Z)',
        ].join('\n'),
      );
    });

    it('refuses bad input with the part to fix and keeps the old schedule', async () => {
      const world = await practiceWorld(undefined, { store });
      await schedule(world, { action: 'set', cron: '0 9 * * *', timezone: 'Asia/Seoul' });
      const cases: [Record<string, string>, string][] = [
        [
          { action: 'set', cron: '0 25 * * *' },
          'cron “0 25 * * *”: the hour field “25” is not valid; it takes 0–23',
        ],
        [{ action: 'set', cron: '0 9 * *' }, 'cron “0 9 * *” has 4 fields; write 5'],
        [
          { action: 'set', cron: '0 9 * * *', timezone: 'KST' },
          'time zone “KST” is an abbreviation; use a zone name such as Asia/Seoul',
        ],
        [
          { action: 'set', cron: '0 9 * * *', timezone: '+09:00' },
          'time zone “+09:00” is an offset, which ignores daylight saving; use a zone name such as Asia/Seoul',
        ],
        [
          { action: 'set', cron: '0 9 * * *', timezone: 'Mars/Olympus' },
          'unknown time zone “Mars/Olympus”',
        ],
        [{ action: 'set', cron: '0 9 * * *', reveal: 'later' }, 'reveal “later”: use HH:MM'],
      ];
      for (const [args, message] of cases) {
        const r = await schedule(world, args);
        expect(replyText(r)).toContain('The schedule was not changed: ');
        expect(replyText(r)).toContain(message);
        expect(r.ephemeral).toBe(true);
      }
      expect(replyText(await schedule(world, { action: 'set' }))).toMatch(/set needs a cron/);
      expect(replyText(await schedule(world, { action: 'set', cron: '0 8 * * *' }, false))).toBe(
        'Only people who can manage this channel can change its schedule.',
      );
      const channel = await ensureChannel(world.deps, here);
      expect([channel.cron, channel.timezone]).toEqual(['0 9 * * *', 'Asia/Seoul']);
    });

    it('takes its options from a line of text, with the cron quoted or not', async () => {
      const { parseTextOptions, findCommand } = await import('../commands/index.ts');
      const cmd = findCommand('schedule');
      if (!cmd) throw new Error('no schedule command');
      expect(
        parseTextOptions(cmd, 'set cron:"0 9 * * 1-5" timezone:Asia/Seoul reveal:+8h'),
      ).toEqual({
        action: 'set',
        cron: '0 9 * * 1-5',
        timezone: 'Asia/Seoul',
        reveal: '+8h',
      });
      expect(parseTextOptions(cmd, 'set 0 9 * * 1-5 Asia/Seoul 18:00')).toEqual({
        action: 'set',
        cron: '0 9 * * 1-5',
        timezone: 'Asia/Seoul',
        reveal: '18:00',
      });
      expect(parseTextOptions(cmd, 'set cron:“30 8 * * *” mention:@team')).toEqual({
        action: 'set',
        cron: '30 8 * * *',
        mention: '@team',
      });
    });

    it('canonicalizes zone names and checks them on their own', () => {
      expect(checkTimeZone('asia/seoul')).toBe('Asia/Seoul');
      expect(() => checkTimeZone('UTC+9')).toThrow(ScheduleInputError);
      expect(checkTimeZone('UTC')).toBe('UTC');
    });
  });
});

describe('drill schedule preview', () => {
  const preview = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'schedule', 'preview', ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 20_000,
    });

  it('prints the next slots as UTC ISO instants with local times', () => {
    const r = preview(
      '--cron',
      '0 9 * * 1-5',
      '--tz',
      'America/New_York',
      '--from',
      '2027-03-12T00:00:00Z',
      '--count',
      '2',
    );
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      '2027-03-12T14:00:00.000Z  2027-03-12 09:00 America/New_York\n2027-03-15T13:00:00.000Z  2027-03-15 09:00 America/New_York\n',
    );
  });

  it('exits 2 with a message on a bad cron or zone', () => {
    const bad = preview('--cron', '61 9 * * *', '--tz', 'Asia/Seoul');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('the minute field “61” is not valid; it takes 0–59');
    const zone = preview('--cron', '0 9 * * *', '--tz', 'KST');
    expect(zone.status).toBe(2);
    expect(zone.stderr).toContain('such as Asia/Seoul');
  });
});
