/**
 * Each channel's next slot is kept in the database (channels.next_due_at): a start and each
 * minute read only the channels due. A schedule saved anywhere (here, or by another running
 * copy that never tells this one) is posted at its new time, once, and never at the old one.
 */
import { describe, expect, it } from 'vitest';
import { NEVER } from '../src/schedule/due.ts';
import {
  practiceWorld,
  STORES,
  type StoreKind,
  scheduleCommand,
  testScheduler,
  type World,
} from './helpers.ts';

const slots = async (world: World) =>
  (await world.db.select().from(world.t.drops).orderBy(world.t.drops.slot)).map((d) => [
    d.slot,
    d.status,
  ]);
const nextDue = async (world: World) =>
  (await world.db.select({ next: world.t.channels.nextDueAt }).from(world.t.channels))[0]?.next;

describe.each(STORES)('next slots kept in the database on %s', (kind: StoreKind) => {
  it('a schedule changed by another copy while this one runs is posted at its new time', async () => {
    const world = await practiceWorld(undefined, { store: kind });
    world.clock.set('2027-01-03T20:00:00Z'); // Monday 05:00 in Seoul
    await scheduleCommand(world, { action: 'set', cron: '0 9 * * *', timezone: 'Asia/Seoul' });
    expect(await nextDue(world)).toBe(Date.parse('2027-01-04T00:00:00Z'));
    const s = testScheduler(world);
    await s.start();
    // Another copy saves a new time: this scheduler is not told (no reload).
    world.deps.scheduleChanged = undefined;
    await scheduleCommand(world, { action: 'set', cron: '30 10 * * *', timezone: 'Asia/Seoul' });
    world.clock.set('2027-01-04T00:00:00Z'); // the old time: nothing
    await s.tick();
    expect(await slots(world)).toEqual([]);
    world.clock.set('2027-01-04T01:30:00Z'); // 10:30 in Seoul
    await s.tick();
    await s.tick();
    expect(await slots(world)).toEqual([['2027-01-04T01:30:00.000Z', 'posted']]);
    expect(world.port.of('drop')).toHaveLength(1);
    expect(await nextDue(world)).toBe(Date.parse('2027-01-05T01:30:00Z'));
    // Paused: nothing is due; resumed: the next slot after now.
    await scheduleCommand(world, { action: 'pause' });
    expect(await nextDue(world)).toBe(NEVER);
    world.clock.set('2027-01-05T01:30:00Z');
    await s.tick();
    expect(world.port.of('drop')).toHaveLength(1);
    await scheduleCommand(world, { action: 'resume' });
    expect(await nextDue(world)).toBe(Date.parse('2027-01-06T01:30:00Z'));
    await s.stop();
  });

  it('a database without next slots catches up on start as before, then stores them', async () => {
    const world = await practiceWorld(undefined, { store: kind });
    world.clock.set('2027-01-03T20:00:00Z');
    await scheduleCommand(world, { action: 'set', cron: '0 9 * * *', timezone: 'Asia/Seoul' });
    // As after the upgrade: no next slot stored; the bot was down over two slots.
    await world.db.update(world.t.channels).set({ nextDueAt: null });
    world.clock.set('2027-01-05T00:30:00Z');
    const s = testScheduler(world);
    await s.start();
    expect(await slots(world)).toEqual([
      ['2027-01-04T00:00:00.000Z', 'missed'],
      ['2027-01-05T00:00:00.000Z', 'posted'],
    ]);
    expect(await nextDue(world)).toBe(Date.parse('2027-01-06T00:00:00Z'));
    await s.stop();
  });
});
