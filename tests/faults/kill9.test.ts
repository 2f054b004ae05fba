import { describe, expect, it } from 'vitest';
import type { SqliteStore } from '../../src/db/sqlite.ts';
import { claimThenKill, spawnWorker } from '../fakes/worker.ts';
import {
  openTestStore,
  practiceWorld,
  STORES,
  type StoreKind,
  scheduleCommand,
} from '../helpers.ts';

describe.each(STORES)('kill -9 between claiming a slot and posting it (%s)', (store: StoreKind) => {
  it('leaves one drop after a restart: not zero, not two', async () => {
    const world = await practiceWorld(undefined, { store });
    const start = Date.parse('2027-01-04T23:00:00Z');
    world.clock.set(start);
    await scheduleCommand(world, { action: 'set', cron: '0 9 * * *', timezone: 'Asia/Seoul' });
    const db = world.target;
    await world.store.close();
    const slot = Date.parse('2027-01-05T00:00:00Z');

    expect(await claimThenKill(db, start, slot)).toBeNull();

    const peek = async () => {
      const check = await openTestStore(db);
      const rows = await check.db.select().from(check.tables.drops);
      const integrity =
        store === 'sqlite'
          ? (check as SqliteStore).sqlite.pragma('integrity_check', { simple: true })
          : 'ok';
      await check.close();
      return { rows, integrity };
    };
    expect((await peek()).rows.map((r) => r.status)).toEqual(['claimed']);

    const survivor = spawnWorker('tests/fakes/scheduler-worker.ts', [db]);
    const send = (cmd: string) => survivor.command(cmd);
    await send(`start ${slot + 5_000}`); // restarted 5 s later: the claim may still be in flight
    expect(survivor.lines.filter((l) => l.startsWith('posted'))).toHaveLength(0);
    await send(`tick ${slot + 61_000}`); // past CLAIM_TIMEOUT: taken as cut off, posted once
    await send(`tick ${slot + 120_000}`);
    await send(`start ${slot + 180_000}`);
    survivor.child.stdin.end();
    expect(await survivor.exited).toBe(0);
    expect(survivor.lines.filter((l) => l.startsWith('posted'))).toHaveLength(1);
    const after = await peek();
    expect(after.rows.map((r) => [r.slot, r.status])).toEqual([
      ['2027-01-05T00:00:00.000Z', 'posted'],
    ]);
    expect(after.integrity).toBe('ok');
  });

  it('two copies running on one store: each slot posted once; one killed mid-post, the other posts that slot once', async () => {
    const world = await practiceWorld(undefined, { store });
    const start = Date.parse('2027-02-01T00:00:00Z');
    world.clock.set(start);
    world.deps.limits = { scheduleMinIntervalMs: 600_000 }; // every 10 minutes, below the default
    await scheduleCommand(world, { action: 'set', cron: '*/10 * * * *', timezone: 'UTC' });
    const db = world.target;
    const slot = (i: number) => start + i * 600_000;
    const [a, b] = [0, 1].map(() => spawnWorker('tests/fakes/scheduler-worker.ts', [db]));
    if (!a || !b) throw new Error('no workers');
    const postsOf = (w: typeof a) => w.lines.filter((l) => l.startsWith('posted')).length;
    try {
      await Promise.all([a, b].map((w) => w.command(`start ${start}`)));
      for (let i = 1; i <= 5; i++)
        await Promise.all([a, b].map((w) => w.command(`tick ${slot(i)}`)));
      expect(postsOf(a) + postsOf(b)).toBe(5);

      // A claims slot 6 and dies with the post in flight; B, running all along, sees the claim.
      await a.command('hang');
      const posting = a.next((l) => l === 'posting');
      a.send(`tick ${slot(6)}`);
      await posting;
      a.child.kill('SIGKILL');
      expect(await a.exited).toBeNull();
      const before = postsOf(b);
      await b.command(`tick ${slot(6) + 5_000}`); // the claim may still be in flight: left alone
      expect(postsOf(b)).toBe(before);
      await b.command(`tick ${slot(6) + 61_000}`); // past CLAIM_TIMEOUT: cut off, posted once
      await b.command(`tick ${slot(6) + 120_000}`);
      expect(postsOf(b)).toBe(before + 1);
      for (let i = 7; i <= 8; i++) await b.command(`tick ${slot(i)}`);
      expect(postsOf(b)).toBe(before + 3);
    } finally {
      for (const w of [a, b]) w.child.stdin.end();
      await Promise.all([a, b].map((w) => w.exited));
    }
    const rows = await world.db.select().from(world.t.drops).orderBy(world.t.drops.slot);
    expect(rows.map((r) => [r.slot, r.status])).toEqual(
      [1, 2, 3, 4, 5, 6, 7, 8].map((i) => [new Date(slot(i)).toISOString(), 'posted']),
    );
  });
});
