import { execFileSync } from 'node:child_process';
import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import type { SqliteStore } from '../../src/db/sqlite.ts';
import { CHANNEL_ID, type FakeRequest, GUILD_ID } from '../fakes/discord.ts';
import { command, react, setup, threadMessage } from '../fakes/discord-harness.ts';
import { httpSetup, reaction, threadReply } from '../fakes/slack-harness.ts';
import { STORES, type StoreKind, tempDir, testScheduler, type World } from '../helpers.ts';

/**
 * A real full disk: a small tmpfs holds the database (mounting needs root, as CI runs here).
 * The WAL is truncated first, so the next write must grow a file and meets the full disk.
 */
const mounts: string[] = [];
afterEach(() => {
  for (const dir of mounts.splice(0)) execFileSync('umount', ['-l', dir]);
});

function smallDisk(): { dir: string; fill(): void; free(): void } {
  const dir = tempDir();
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', dir]);
  mounts.push(dir);
  const filler = join(dir, 'filler');
  return {
    dir,
    fill() {
      const fd = openSync(filler, 'a');
      const chunk = Buffer.alloc(16 * 1024);
      try {
        for (;;) writeSync(fd, chunk);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
      } finally {
        closeSync(fd);
      }
    },
    free() {
      rmSync(filler, { force: true });
    },
  };
}

const isRoot = process.getuid?.() === 0;

describe.runIf(isRoot)('a full disk', () => {
  it('tells the member a reply or vote was not saved, and never posts a slot twice', async () => {
    const disk = smallDisk();
    const { fake, world } = await setup(undefined, { dbDir: disk.dir });
    const { db, t } = world;
    const { sqlite } = world.store as SqliteStore;
    const full = () => {
      sqlite.pragma('wal_checkpoint(TRUNCATE)');
      disk.fill();
    };

    // A drop with one saved answer, while there is room.
    await command(fake, 'ask').answer();
    const thread = fake.threads[0]?.id as string;
    const saved = threadMessage(fake, thread, '601', 'saved before the disk filled');
    await fake.waitFor(async () => (await db.select().from(t.replies)).length === 1);

    full();
    // A reply on the full disk: not stored, and its writer is told so in the thread.
    const lost = threadMessage(fake, thread, '602', 'written on a full disk');
    const told = await fake.waitFor(() =>
      fake.requests.find(
        (r) =>
          r.method === 'POST' &&
          r.path === `/channels/${thread}/messages` &&
          (r.body as { message_reference?: { message_id: string } }).message_reference
            ?.message_id === lost,
      ),
    );
    const body = told.body as { content: string; allowed_mentions: unknown };
    expect(body.content).toMatch(/your answer was not saved: the bot’s disk is full/);
    expect(body.allowed_mentions).toEqual({ parse: [] });
    // A vote on the saved answer: not counted, and the voter is told.
    react(fake, thread, saved, '603', '👍');
    const voteNotice = await fake.waitFor(() =>
      fake.requests.find(
        (r) =>
          r.method === 'POST' &&
          r.path === `/channels/${thread}/messages` &&
          /<@603>, your reaction was not counted/.test(
            String((r.body as { content?: string }).content),
          ),
      ),
    );
    expect((voteNotice.body as { allowed_mentions: unknown }).allowed_mentions).toEqual({
      parse: [],
    });
    // An edit of the saved answer: not stored, and its writer is told.
    fake.dispatch('MESSAGE_UPDATE', {
      id: saved,
      channel_id: thread,
      guild_id: GUILD_ID,
      content: 'edited on a full disk',
      edited_timestamp: new Date().toISOString(),
      author: { id: '601', username: 'member601', discriminator: '0', avatar: null },
    });
    await fake.waitFor(() =>
      fake.requests.find(
        (r) =>
          r.method === 'POST' &&
          r.path === `/channels/${thread}/messages` &&
          /<@601>, your answer was not saved/.test(
            String((r.body as { content?: string }).content),
          ),
      ),
    );
    // /ask on the full disk: the member is told, nothing is posted.
    const postsBefore = fake.requestsTo('POST', new RegExp(`^/channels/${CHANNEL_ID}/messages$`));
    expect(await command(fake, 'ask', {}, { userId: '604' }).answer()).toMatch(
      /^Not saved: the bot’s disk is full/,
    );
    expect(fake.requestsTo('POST', new RegExp(`^/channels/${CHANNEL_ID}/messages$`))).toHaveLength(
      postsBefore.length,
    );

    disk.free();
    // Nothing reported saved is missing; what was refused is not there either.
    expect((await db.select().from(t.replies)).map((r) => r.text)).toEqual([
      'saved before the disk filled',
    ]);
    expect(await db.select().from(t.votes)).toHaveLength(0);
  });

  it('on Slack, tells the member privately in the thread that a reply or vote was not saved', async () => {
    const disk = smallDisk();
    const { fake, world, slash, event } = await httpSetup(undefined, { dbDir: disk.dir });
    await slash('/ask');
    const thread = (await world.db.select().from(world.t.drops))[0]?.threadRef as string;
    await event(threadReply(thread, '1700000001.000100', 'U1', 'saved'));
    await fake.waitFor(async () => (await world.db.select().from(world.t.replies)).length === 1);
    (world.store as SqliteStore).sqlite.pragma('wal_checkpoint(TRUNCATE)');
    disk.fill();
    await event(threadReply(thread, '1700000001.000200', 'U2', 'lost'));
    await event(reaction(true, 'U3', '1700000001.000100', '+1'));
    const notices = await fake.waitFor(() => {
      const calls = fake.callsOf('chat.postEphemeral');
      return calls.length === 2 && calls;
    });
    // Events are handled side by side: the notices may come in either order.
    const to = (user: string) => notices.find((c) => c.args.user === user)?.args;
    expect(to('U2')?.thread_ts).toBe(thread);
    expect(String(to('U2')?.text)).toMatch(
      /^<@U2>, your answer was not saved: the bot’s disk is full/,
    );
    expect(String(to('U3')?.text)).toMatch(/^<@U3>, your reaction was not counted/);
    disk.free();
    expect((await world.db.select().from(world.t.replies)).map((r) => r.text)).toEqual(['saved']);
    expect(await world.db.select().from(world.t.votes)).toHaveLength(0);
  });

  it('records a scheduled drop that was posted as the disk filled, instead of posting it again', async () => {
    const disk = smallDisk();
    const { fake, world } = await setup(undefined, { dbDir: disk.dir });
    const { db, t } = world;
    const { sqlite } = world.store as SqliteStore;
    world.clock.set('2027-01-04T00:30:00Z');
    await command(
      fake,
      'schedule',
      { action: 'set', cron: '0 9 * * *', timezone: 'Asia/Seoul' },
      { admin: true },
    ).answer();
    const scheduler = testScheduler(world);
    await scheduler.start();

    // The disk fills the moment the drop reaches Discord: it is posted, its record fails.
    const dropPosts = () =>
      fake.requestsTo('POST', new RegExp(`^/channels/${CHANNEL_ID}/messages$`));
    fake.onRequest = (r: FakeRequest) => {
      if (r.method === 'POST' && r.path === `/channels/${CHANNEL_ID}/messages`) {
        sqlite.pragma('wal_checkpoint(TRUNCATE)');
        disk.fill();
        fake.onRequest = null;
      }
    };
    world.clock.set('2027-01-05T00:00:00Z');
    await scheduler.tick();
    expect(dropPosts()).toHaveLength(1);
    expect((await db.select().from(t.drops)).map((d) => d.status)).toEqual(['claimed']);

    // Past the claim timeout, still full: the cut-off retry does not post it again.
    world.clock.set('2027-01-05T00:02:00Z');
    await scheduler.tick();
    expect(dropPosts()).toHaveLength(1);

    // Space returns: the post is recorded where it went, and still posted once.
    disk.free();
    world.clock.set('2027-01-05T00:03:00Z');
    await scheduler.tick();
    await scheduler.tick();
    expect(dropPosts()).toHaveLength(1);
    const [drop] = await db.select().from(t.drops);
    expect(drop?.status).toBe('posted');
    expect(drop?.threadRef).toBe(fake.threads[0]?.id);
    // Its thread is known again: answers in it are stored.
    threadMessage(fake, drop?.threadRef as string, '605', 'an answer after the disk was freed');
    await fake.waitFor(async () => (await db.select().from(t.replies)).length === 1);
    await scheduler.stop();
  });
});

/**
 * A full store for every user, no mount needed. SQLite: `PRAGMA max_page_count` caps the file
 * at its size and a filler table takes the free pages, so a write that needs a page fails with
 * SQLITE_FULL (a long answer does; a small row may still fit in a page's free space, as on a
 * real disk between pages). PostgreSQL: a trigger on every table raises SQLSTATE 53100
 * (disk_full) on each row written, the error the server gives when it cannot extend a file.
 */
async function fullStore(world: World, store: StoreKind): Promise<{ free(): Promise<void> }> {
  if (store === 'sqlite') {
    const { sqlite } = world.store as SqliteStore;
    sqlite.exec('create table disk_filler (x blob)');
    const pages = sqlite.pragma('page_count', { simple: true }) as number;
    sqlite.pragma(`max_page_count = ${pages}`);
    const fill = sqlite.prepare('insert into disk_filler values (zeroblob(1024))');
    try {
      for (;;) fill.run();
    } catch (err) {
      if ((err as { code?: string }).code !== 'SQLITE_FULL') throw err;
    }
    return {
      async free() {
        sqlite.pragma('max_page_count = 1073741823');
        sqlite.exec('drop table disk_filler');
      },
    };
  }
  const admin = new pg.Client({ connectionString: world.target });
  await admin.connect();
  const each = async (sql: string) =>
    admin.query(`do $$ declare t text; begin
      for t in select tablename from pg_tables where schemaname = 'public' loop
        execute format('${sql}', t);
      end loop; end $$`);
  try {
    await admin.query(`create function disk_full() returns trigger language plpgsql as $$
      begin raise exception 'could not extend file: No space left on device'
        using errcode = '53100'; end $$`);
    await each(
      'create trigger disk_full before insert or update on %I for each row execute function disk_full()',
    );
  } finally {
    await admin.end();
  }
  return {
    async free() {
      const again = new pg.Client({ connectionString: world.target });
      await again.connect();
      try {
        await again.query(`do $$ declare t text; begin
          for t in select tablename from pg_tables where schemaname = 'public' loop
            execute format('drop trigger disk_full on %I', t);
          end loop; end $$`);
      } finally {
        await again.end();
      }
    },
  };
}

describe.each(STORES)('a full store, for every user (%s)', (store: StoreKind) => {
  it('tells the member privately that a reply (or, where no room is left at all, a vote) was not saved', async () => {
    const { fake, world, slash, event } = await httpSetup(undefined, { store });
    const { db, t } = world;
    await slash('/ask');
    const thread = (await db.select().from(t.drops))[0]?.threadRef as string;
    await event(threadReply(thread, '1700000001.000100', 'U1', 'saved'));
    await fake.waitFor(async () => (await db.select().from(t.replies)).length === 1);
    const disk = await fullStore(world, store);
    // A long answer (4,500 bytes: more than a page holds) needs room the store no longer has.
    await event(threadReply(thread, '1700000001.000200', 'U2', `lost ${'가'.repeat(1500)}`));
    if (store === 'postgres') await event(reaction(true, 'U3', '1700000001.000100', '+1'));
    const notices = await fake.waitFor(() => {
      const calls = fake.callsOf('chat.postEphemeral');
      return calls.length === (store === 'postgres' ? 2 : 1) && calls;
    });
    const to = (user: string) => notices.find((c) => c.args.user === user)?.args;
    expect(to('U2')?.thread_ts).toBe(thread);
    expect(String(to('U2')?.text)).toMatch(
      /^<@U2>, your answer was not saved: the bot’s disk is full/,
    );
    if (store === 'postgres')
      expect(String(to('U3')?.text)).toMatch(/^<@U3>, your reaction was not counted/);
    await disk.free();
    // Nothing reported saved is missing; what was refused is not there either.
    expect((await db.select().from(t.replies)).map((r) => r.text)).toEqual(['saved']);
    expect(await db.select().from(t.votes)).toHaveLength(0);
    // With room again, the next answer is stored.
    await event(threadReply(thread, '1700000001.000300', 'U4', 'after'));
    await fake.waitFor(async () => (await db.select().from(t.replies)).length === 2);
  });
});
