import { execFileSync } from 'node:child_process';
import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SqliteStore } from '../../src/db/sqlite.ts';
import { CHANNEL_ID, type FakeRequest, GUILD_ID } from '../fakes/discord.ts';
import { command, react, setup, threadMessage } from '../fakes/discord-harness.ts';
import { httpSetup, reaction, threadReply } from '../fakes/slack-harness.ts';
import { tempDir, testScheduler } from '../helpers.ts';

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
