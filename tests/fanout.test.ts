import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { ChannelAddress, OutMessage } from '../src/core/port.ts';
import { scheduleChannel } from './fakes/deps.ts';
import { command, setup } from './fakes/discord-harness.ts';
import { RecordingPort } from './fakes/recorder.ts';
import { practiceWorld, testScheduler } from './helpers.ts';

/** A port that takes a while per post and counts how many posts are in flight at once. */
class SlowPort extends RecordingPort {
  readonly pace = { width: 5 };
  inFlight = 0;
  most = 0;
  /** Workspaces in the order their posts began. */
  readonly started: string[] = [];
  override async postDrop(channel: ChannelAddress, message: OutMessage, threadName: string) {
    this.started.push(channel.workspace);
    this.inFlight++;
    this.most = Math.max(this.most, this.inFlight);
    try {
      await new Promise((r) => setTimeout(r, 5));
      return await super.postDrop(channel, message, threadName);
    } finally {
      this.inFlight--;
    }
  }
}

describe('the scheduled fan-out', () => {
  // The behaviour at the smallest size that shows it (more channels than the port's width, one
  // big workspace and three small ones); `npm run bench` measures 1,000 channels.
  it('posts 60 channels due at one minute, each once, several at a time, workspaces in turn', async () => {
    const world = await practiceWorld();
    const port = new SlowPort('discord', 4000);
    world.deps.ports = { discord: port };
    world.clock.set('2027-01-04T00:30:00Z');
    for (let i = 0; i < 60; i++) {
      // One big workspace scheduled first, then three small ones.
      const workspace = i < 42 ? 'big' : `small${i % 3}`;
      const text = await scheduleChannel(world.deps, {
        platform: 'discord',
        workspace,
        channel: `c${i}`,
      });
      expect(text).toMatch(/^Scheduled:/);
    }
    const scheduler = testScheduler(world);
    await scheduler.start();
    world.clock.set('2027-01-05T00:00:00Z');
    await scheduler.tick();
    await scheduler.stop();
    const { drops } = world.t;
    const posted = await world.db.select({ channel: drops.channelId }).from(drops);
    expect(posted).toHaveLength(60);
    expect(new Set(posted.map((p) => p.channel)).size).toBe(60);
    expect(port.of('drop')).toHaveLength(60);
    expect(port.most).toBeGreaterThan(1);
    expect(port.most).toBeLessThanOrEqual(5);
    // Workspaces take turns: the small ones do not wait behind the big one's 42 channels.
    expect(new Set(port.started.slice(0, 4))).toEqual(
      new Set(['big', 'small0', 'small1', 'small2']),
    );
    expect(port.started.slice(0, 24).filter((w) => w === 'big')).toHaveLength(6);
  });

  it('a channel stuck at 09:00 holds back no other channel’s drop at 09:01', async () => {
    const world = await practiceWorld();
    class HangingPort extends RecordingPort {
      readonly pace = { width: 50 };
      override async postDrop(channel: ChannelAddress, message: OutMessage, threadName: string) {
        if (channel.channel === 'hung') return new Promise<never>(() => {});
        return super.postDrop(channel, message, threadName);
      }
    }
    const port = new HangingPort('discord', 4000);
    world.deps.ports = { discord: port };
    world.clock.set('2027-01-04T00:30:00Z');
    for (const [channel, cron] of [
      ['hung', '0 9 * * *'],
      ['other', '1 9 * * *'],
    ] as const) {
      await scheduleChannel(world.deps, { platform: 'discord', workspace: 'g', channel }, cron);
    }
    const scheduler = testScheduler(world);
    await scheduler.start();
    world.clock.set('2027-01-05T00:00:00Z');
    void scheduler.tick(); // 09:00 Seoul: the hung channel's post never returns
    world.clock.set('2027-01-05T00:01:00Z');
    await scheduler.tick(); // 09:01: the other channel's drop
    expect(port.of('drop').map((r) => r.channel.channel)).toEqual(['other']);
  });

  it('a hung channel and a channel told to wait 30 s hold up no other channel (real discord.js)', async () => {
    // discord.js waits for a hung request as long as its timeout: longer than this test waits.
    const {
      fake,
      world,
      channels: ids,
    } = await setup(undefined, {}, { channels: 12, rest: { retries: 0, timeout: 60_000 } });
    const [hung, limited] = ids as [string, string];
    world.clock.set('2027-01-04T00:30:00Z');
    for (const id of ids) {
      const answer = await command(
        fake,
        'schedule',
        { action: 'set', cron: '0 9 * * *', timezone: 'Asia/Seoul' },
        { admin: true, channelId: id },
      ).answer();
      expect(answer).toMatch(/^Scheduled:/);
    }
    fake.hang('POST', new RegExp(`^/channels/${hung}/messages$`));
    fake.rateLimitNextPost(limited, 30);
    const scheduler = testScheduler(world);
    await scheduler.start();
    world.clock.set('2027-01-05T00:00:00Z');
    void scheduler.tick();

    // Every other channel gets its drop and thread while those two still wait.
    const others = ids.slice(2);
    const { channels, drops } = world.t;
    const statuses = async () =>
      new Map(
        (
          await world.db
            .select({ channel: channels.channel, status: drops.status })
            .from(drops)
            .innerJoin(channels, eq(channels.id, drops.channelId))
        ).map((r) => [r.channel, r.status]),
      );
    await fake.waitFor(async () => {
      const now = await statuses();
      return others.every((id) => now.get(id) === 'posted');
    }, 15_000);
    for (const id of others) {
      const threads = new RegExp(`^/channels/${id}/messages/\\d+/threads$`);
      expect(fake.requestsTo('POST', threads)).toHaveLength(1);
    }
    const last = await statuses();
    expect(last.get(hung)).toBe('claimed');
    expect(last.get(limited)).toBe('claimed');
  });
});
