import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connection.ts';
import { drops } from '../../src/db/schema.ts';
import { claimThenKill, spawnWorker } from '../fakes/worker.ts';
import { practiceWorld, scheduleCommand } from '../helpers.ts';

describe('kill -9 between claiming a slot and posting it', () => {
  it('leaves one drop after a restart: not zero, not two', async () => {
    const world = practiceWorld();
    const start = Date.parse('2027-01-04T23:00:00Z');
    world.clock.set(start);
    await scheduleCommand(world, { action: 'set', cron: '0 9 * * *', timezone: 'Asia/Seoul' });
    const db = join(world.dir, 'drill.db');
    world.conn.close();
    const slot = Date.parse('2027-01-05T00:00:00Z');

    expect(await claimThenKill(db, start, slot)).toBeNull();

    const peek = () => {
      const conn = openDatabase(db);
      const rows = conn.db.select().from(drops).all();
      const integrity = conn.sqlite.pragma('integrity_check', { simple: true });
      conn.close();
      return { rows, integrity };
    };
    expect(peek().rows.map((r) => r.status)).toEqual(['claimed']);

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
    const after = peek();
    expect(after.rows.map((r) => [r.slot, r.status])).toEqual([
      ['2027-01-05T00:00:00.000Z', 'posted'],
    ]);
    expect(after.integrity).toBe('ok');
  });
});
