import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCommand } from '../../commands/index.ts';
import { CONSOLE_ADDRESS } from '../../src/chat/console/console.ts';
import { openDatabase } from '../../src/db/connection.ts';
import { drops } from '../../src/db/schema.ts';
import { spawnWorker } from '../fakes/worker.ts';
import { practiceWorld } from '../helpers.ts';

describe('kill -9 between claiming a slot and posting it', () => {
  it('leaves one drop after a restart: not zero, not two', async () => {
    const world = practiceWorld();
    const start = Date.parse('2027-01-04T23:00:00Z');
    world.clock.set(start);
    await runCommand(
      'schedule',
      { action: 'set', cron: '0 9 * * *', timezone: 'Asia/Seoul' },
      {
        deps: world.deps,
        address: CONSOLE_ADDRESS,
        threadRef: null,
        member: { id: 'admin', name: 'Admin', canManage: true },
        locale: 'en',
      },
    );
    const db = join(world.dir, 'drill.db');
    world.conn.close();
    const slot = Date.parse('2027-01-05T00:00:00Z');

    const doomed = spawnWorker('tests/fakes/scheduler-worker.ts', [db], { DRILL_HANG_POSTS: '1' });
    await doomed.command(`start ${start}`);
    const posting = doomed.next((l) => l === 'posting');
    doomed.send(`tick ${slot}`);
    await posting;
    doomed.child.kill('SIGKILL');
    expect(await doomed.exited).toBeNull();

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
