import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONSOLE_ADDRESS } from '../../src/chat/console/console.ts';
import { openDatabase } from '../../src/db/connection.ts';
import { replies, votes } from '../../src/db/schema.ts';
import { dropQuestion } from '../../src/practice/drops.ts';
import { spawnWorker } from '../fakes/worker.ts';
import { practiceWorld } from '../helpers.ts';

describe('two processes writing into one database file at once', () => {
  it('loses no reply or vote and lets no SQLITE_BUSY escape', async () => {
    const world = practiceWorld();
    const drop = await dropQuestion(world.deps, CONSOLE_ADDRESS);
    if (drop.kind !== 'posted' || !drop.drop.threadRef) throw new Error('no drop');
    const db = join(world.dir, 'drill.db');
    world.conn.close();

    const workers = ['a', 'b'].map((prefix) =>
      spawnWorker('tests/fakes/reply-worker.ts', [
        db,
        drop.drop.threadRef as string,
        prefix,
        '1500',
      ]),
    );
    const codes = await Promise.all(workers.map((w) => w.exited));
    for (const w of workers) {
      expect(w.stderr()).not.toMatch(/SQLITE_BUSY|database is locked/);
      expect(w.lines).toEqual(['done 1500 1500']);
    }
    expect(codes).toEqual([0, 0]);
    const conn = openDatabase(db);
    expect(conn.db.select().from(replies).all()).toHaveLength(3000);
    expect(conn.db.select().from(votes).all()).toHaveLength(3000);
    expect(conn.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    conn.close();
  });
});
