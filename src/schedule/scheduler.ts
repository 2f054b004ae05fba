import { and, eq, inArray, isNotNull, isNull, lt, lte, max, notLike, or, sql } from 'drizzle-orm';
import cron, { type ScheduledTask } from 'node-cron';
import { addressOf, type ChannelRow, channelById, channelTimezone } from '../core/channels.ts';
import type { PracticeDeps } from '../core/deps.ts';
import { UserError } from '../core/errors.ts';
import type { Platform } from '../core/port.ts';
import { preparedQuery } from '../db/prepared.ts';
import { dueNudges, sendNudge } from '../nudges/nudges.ts';
import {
  claimSlot,
  type DropRow,
  dropQuestion,
  isUnrecorded,
  postClaimedDrop,
  recordUnrecordedPosts,
} from '../practice/drops.ts';
import { revealAnswer } from '../practice/reveal.ts';
import { channelsWithRecentDrops, postDigestIfDue } from '../review/digest.ts';
import { sendDueReminders } from '../review/remind.ts';
import { NEVER, nextDueOf } from './due.ts';
import {
  type CronRule,
  nextSlots,
  parseCron,
  parseReveal,
  previousSlot,
  type RevealRule,
  revealTime,
  slotsBetween,
} from './rule.ts';
import { isHoliday } from './skips.ts';

/** A channel's next slot, unless its schedule was saved again meanwhile (`next_due_at` moved). */
const setNextDue = preparedQuery((db, { channels }) =>
  db
    .update(channels)
    .set({ nextDueAt: sql`${sql.placeholder('next')}` })
    .where(
      and(eq(channels.id, sql.placeholder('id')), eq(channels.nextDueAt, sql.placeholder('was'))),
    ),
);

const setNextDueFromNull = preparedQuery((db, { channels }) =>
  db
    .update(channels)
    .set({ nextDueAt: sql`${sql.placeholder('next')}` })
    .where(and(eq(channels.id, sql.placeholder('id')), isNull(channels.nextDueAt))),
);

/** One of each queue in turn, so a workspace with many channels does not keep the others waiting. */
function roundRobin<T>(queues: T[][]): T[] {
  const out: T[] = [];
  const longest = Math.max(0, ...queues.map((q) => q.length));
  for (let i = 0; i < longest; i++)
    for (const queue of queues) if (i < queue.length) out.push(queue[i] as T);
  return out;
}

/** At most `width` tasks at once; the others wait their turn in order. */
class Limiter {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly width: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    // A finished task hands its place straight to the next in line.
    if (this.active >= this.width) await new Promise<void>((r) => this.waiting.push(r));
    else this.active++;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}

export interface SchedulerOptions {
  /** A slot missed while down is still posted on start when it is at most this old. */
  catchupWindowMs: number;
  /** A claim not posted after this long is taken as cut off (a crash) and retried. */
  claimTimeoutMs: number;
  /** Run the node-cron minute tasks; off where a test moves the clock by hand. */
  timers: boolean;
  /** Never write more missed records than this for one channel at once. */
  maxMissedRecords?: number;
}

interface Entry {
  channel: ChannelRow;
  rule: CronRule;
  zone: string;
  reveal: RevealRule | null;
}

/**
 * Posts each channel's scheduled drops. Every slot is claimed in the database before it is
 * posted, so restarts and a second running copy never post one twice.
 *
 * Slots come from each channel's own rule (src/schedule/rule.ts), so DST gaps and overlaps are
 * decided in one place. node-cron wakes the scheduler at every minute in each time zone in use
 * (one task per zone, plus UTC for reveals and cut-off claims): a task per channel would cost
 * about 8 KB each, 80 MB for 10,000 channels, and a minute tick also catches what a timer for
 * one rule cannot (a local time skipped by spring-forward, a machine that slept). Nothing is held
 * per channel: each one's next slot is in the database (channels.next_due_at, src/schedule/due.ts)
 * and a tick reads the channels due by now, so a schedule saved by any running copy counts at once.
 */
export class Scheduler {
  /** One minute task per time zone in use. */
  private readonly tasks = new Map<string, ScheduledTask>();
  /** Ticks still running: a tick waits for the work it started, never for an earlier tick's. */
  private readonly running = new Set<Promise<void>>();
  /** Channels with work in flight: a later tick leaves them to it and serves the others. */
  private readonly busy = new Set<number>();
  /** How many channels of each platform are being served at once, across ticks. */
  private readonly limiters = new Map<string, Limiter>();
  private stopped = false;

  constructor(
    private readonly deps: PracticeDeps,
    private readonly opts: SchedulerOptions,
  ) {}

  /**
   * Starts the minute tasks and handles what is due: each channel's next slot is kept in the
   * database (`next_due_at`, indexed), so a start reads only the channels due by now (missed
   * while down, or never computed: these catch up from their last slot), whatever the number
   * of scheduled channels.
   */
  async start(): Promise<void> {
    if (this.opts.timers) {
      const { channels } = this.deps.store.tables;
      const zones = await this.deps.store.db
        .selectDistinct({ zone: channels.timezone })
        .from(channels)
        .where(isNotNull(channels.cron));
      for (const { zone } of zones) this.watch(zone ?? this.deps.defaults.timezone);
      this.watch('UTC');
    }
    await this.track(this.runDue(true));
  }

  /** After `/schedule` changed a channel here (saved with its next slot): watch its zone. */
  async reload(channelId: number): Promise<void> {
    const row = await channelById(this.deps, channelId);
    if (row?.cron && !row.paused && this.served(row) && this.opts.timers && !this.stopped)
      this.watch(channelTimezone(this.deps, row));
  }

  /** How many scheduled, running channels this copy serves (a count; nothing is held per channel). */
  async scheduled(): Promise<number> {
    const { channels } = this.deps.store.tables;
    const rows = await this.deps.store.db
      .select({
        platform: channels.platform,
        workspace: channels.workspace,
        channel: channels.channel,
      })
      .from(channels)
      .where(and(isNotNull(channels.cron), eq(channels.paused, false)));
    return rows.filter((r) => this.served(r as ChannelRow)).length;
  }

  /** Only channels of platforms this process is connected to: another copy may serve the rest. */
  private served(row: ChannelRow): boolean {
    const port = this.deps.ports[row.platform as keyof PracticeDeps['ports']];
    return port !== undefined && (port.serves?.(addressOf(row)) ?? true);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const task of this.tasks.values()) await task.destroy();
    this.tasks.clear();
    await Promise.all(this.running);
    // Posts made but not yet recorded get one more try before the process goes.
    await recordUnrecordedPosts(this.deps);
  }

  /**
   * Handles everything due now and resolves when the work it started is done. A channel whose
   * earlier work is still in flight (a hung request, a long rate limit) is left to it, so one
   * stuck channel never holds back another channel's next drop.
   */
  tick(): Promise<void> {
    return this.track(this.runDue(false));
  }

  private track(run: Promise<void>): Promise<void> {
    this.running.add(run);
    void run.finally(() => this.running.delete(run));
    return run;
  }

  private entryOf(row: ChannelRow): Entry | null {
    try {
      return {
        channel: row,
        rule: parseCron(row.cron ?? ''),
        zone: channelTimezone(this.deps, row),
        reveal: row.reveal ? parseReveal(row.reveal) : null,
      };
    } catch (err) {
      this.deps.log.error(
        { err, channel: row.id },
        'stored schedule is not valid; channel skipped',
      );
      return null;
    }
  }

  private watch(zone: string): void {
    if (this.tasks.has(zone)) return;
    this.tasks.set(
      zone,
      cron.schedule('* * * * *', () => void this.tick(), { timezone: zone, name: zone }),
    );
  }

  /**
   * One due channel: its slots up to now in order (or, on start and for a channel never
   * computed, the catch-up: the latest slot run, those before it recorded as missed), then its
   * next slot written, unless its schedule was saved again meanwhile.
   */
  private async advance(row: ChannelRow, now: number, catchingUp: boolean): Promise<void> {
    const entry = row.paused ? null : this.entryOf(row);
    let next: number | null = NEVER;
    if (entry && (catchingUp || row.nextDueAt === null)) {
      await this.catchUp(entry, now, await this.lastSlot(row.id));
      next = nextSlots(entry.rule, entry.zone, now, 1)[0] ?? NEVER;
    } else if (entry) {
      next = row.nextDueAt;
      while (next !== null && next <= now && !this.stopped) {
        await this.runSlot(entry, next, now);
        next = nextSlots(entry.rule, entry.zone, next, 1)[0] ?? NEVER;
      }
    }
    // Prepared: one of a drop's statements, run for every due channel each minute.
    if (row.nextDueAt === null) await setNextDueFromNull(this.deps.store, { id: row.id, next });
    else await setNextDue(this.deps.store, { id: row.id, next, was: row.nextDueAt });
  }

  /**
   * Channels whose next slot was never stored (a database from before next_due_at, or a schedule
   * written without it): those with nothing to catch up get it stored in bulk, each rule in each
   * zone worked out once; those with slots missed since their last are returned, to catch up.
   */
  private async computeFresh(rows: ChannelRow[], now: number): Promise<ChannelRow[]> {
    if (rows.length === 0) return [];
    const { db, tables } = this.deps.store;
    const { channels, drops } = tables;
    const many = rows.length > 100;
    const lastSlots = new Map(
      many
        ? (
            await db
              .select({ channel: drops.channelId, slot: max(drops.slot) })
              .from(drops)
              .where(notLike(drops.slot, 'manual:%'))
              .groupBy(drops.channelId)
          ).map((r) => [r.channel, r.slot])
        : await Promise.all(rows.map(async (r) => [r.id, await this.lastSlot(r.id)] as const)),
    );
    const memo = new Map<string, { next: number; latest: number | null }>();
    const stored: { id: number; next: number }[] = [];
    const behind: ChannelRow[] = [];
    for (const row of rows) {
      const entry = row.paused ? null : this.entryOf(row);
      if (!entry) {
        stored.push({ id: row.id, next: NEVER });
        continue;
      }
      const key = `${row.cron}\u0000${entry.zone}`;
      let slots = memo.get(key);
      if (!slots) {
        slots = {
          next: nextSlots(entry.rule, entry.zone, now, 1)[0] ?? NEVER,
          latest: previousSlot(entry.rule, entry.zone, now),
        };
        memo.set(key, slots);
      }
      const last = lastSlots.get(row.id);
      const since = Math.max(row.scheduleSince ?? row.createdAt, last ? Date.parse(last) : 0);
      if (slots.latest !== null && slots.latest > since) behind.push(row);
      else stored.push({ id: row.id, next: slots.next });
    }
    for (let i = 0; i < stored.length; i += 500) {
      const chunk = stored.slice(i, i + 500);
      await db
        .update(channels)
        .set({
          nextDueAt: sql`case ${channels.id} ${sql.join(
            chunk.map((c) => sql`when ${c.id} then cast(${c.next} as bigint)`),
            sql` `,
          )} end`,
        })
        .where(
          and(
            inArray(
              channels.id,
              chunk.map((c) => c.id),
            ),
            isNull(channels.nextDueAt),
          ),
        );
    }
    return behind;
  }

  /** The channel's latest recorded scheduled slot (ISO), posted, missed or skipped. */
  private async lastSlot(channelId: number): Promise<string | null> {
    const { drops } = this.deps.store.tables;
    const [row] = await this.deps.store.db
      .select({ slot: max(drops.slot) })
      .from(drops)
      .where(and(eq(drops.channelId, channelId), notLike(drops.slot, 'manual:%')));
    return row?.slot ?? null;
  }

  /** Slots that passed while the bot was down: the latest is posted if recent, the rest recorded as missed. */
  private async catchUp(entry: Entry, now: number, last: string | null): Promise<void> {
    const { channel } = entry;
    const since = Math.max(channel.scheduleSince ?? channel.createdAt, last ? Date.parse(last) : 0);
    const latest = previousSlot(entry.rule, entry.zone, now);
    if (latest === null || latest <= since) return;
    const limit = this.opts.maxMissedRecords ?? 10_000;
    for (const slot of slotsBetween(entry.rule, entry.zone, since, latest - 1, limit)) {
      await this.recordMissed(entry, slot);
    }
    await this.runSlot(entry, latest, now);
  }

  /** A slot that passed unposted: skipped on a holiday, else missed. */
  private async recordMissed(entry: Entry, slot: number): Promise<void> {
    const holiday = await isHoliday(this.deps, entry.channel.id, slot, entry.zone);
    await this.recordSlot(entry.channel, slot, holiday ? 'skipped' : 'missed');
  }

  private async recordSlot(
    channel: ChannelRow,
    slot: number,
    status: 'missed' | 'skipped',
  ): Promise<void> {
    await claimSlot(this.deps, channel, {
      slot: new Date(slot).toISOString(),
      questionId: null,
      round: channel.bagRound,
      status,
    });
  }

  /**
   * Every channel's due slots, side by side: a channel's own slots in order, channels at once
   * up to each platform's width, so a slow, rate-limited or failing channel holds up no other.
   */
  private async runDue(catchingUp: boolean): Promise<void> {
    const now = this.deps.clock.now();
    const { channels } = this.deps.store.tables;
    const due = await this.deps.store.db
      .select()
      .from(channels)
      .where(
        and(isNotNull(channels.cron), or(isNull(channels.nextDueAt), lte(channels.nextDueAt, now))),
      );
    const mine = due.filter((row) => this.served(row));
    const fresh = mine.filter((row) => row.nextDueAt === null);
    await this.fanOut(
      [
        ...(await this.computeFresh(fresh, now)),
        ...mine.filter((row) => row.nextDueAt !== null),
      ].map((row) => ({ channel: row, run: () => this.advance(row, now, catchingUp) })),
    );
    // A store that refuses writes (a full disk) fails these steps; the next tick tries again.
    await this.guarded('retrying cut-off claims', () => this.retryCutOffClaims(now));
    await this.guarded('nudging', () => this.nudgeDue(now));
    await this.guarded('revealing due drops', () => this.revealDue(now));
    await this.guarded('weekly digests', () => this.digestsDue(now));
    await this.guarded('review reminders', async () => {
      await sendDueReminders(this.deps, (address) => {
        const port = this.deps.ports[address.platform];
        return port !== undefined && (port.serves?.(address) ?? true);
      });
    });
  }

  /** Each scheduled channel whose week of drops is over gets its digest (once: claimed). */
  private async digestsDue(now: number): Promise<void> {
    const recent = [...(await channelsWithRecentDrops(this.deps, now))];
    const { channels } = this.deps.store.tables;
    for (let i = 0; i < recent.length; i += 500) {
      const rows = await this.deps.store.db
        .select()
        .from(channels)
        .where(
          and(
            inArray(channels.id, recent.slice(i, i + 500)),
            isNotNull(channels.cron),
            eq(channels.paused, false),
            eq(channels.digest, true),
          ),
        );
      for (const row of rows.filter((r) => this.served(r))) {
        const next = row.nextDueAt === null ? nextDueOf(this.deps, row, now) : row.nextDueAt;
        try {
          await postDigestIfDue(this.deps, row, next === NEVER ? null : next, now);
        } catch (err) {
          this.deps.log.error({ err, channel: row.id }, 'weekly digest failed');
        }
      }
    }
  }

  /** Nudges that fell due: each claimed in the database, so sent at most once anywhere. */
  private async nudgeDue(now: number): Promise<void> {
    const due = (await dueNudges(this.deps, now)).filter((d) => this.served(d.channel));
    await this.fanOut(
      due.map(({ drop, channel }) => ({
        channel,
        run: async () => {
          try {
            await sendNudge(this.deps, drop, channel);
          } catch (err) {
            this.deps.log.error({ err, channel: channel.id, drop: drop.id }, 'nudge failed');
          }
        },
      })),
    );
  }

  /** Runs the work of many channels, each platform's at the pace its port declares. */
  private async fanOut(work: { channel: ChannelRow; run: () => Promise<void> }[]): Promise<void> {
    // One task per free channel (its pieces in order), grouped by platform and workspace.
    const byChannel = new Map<number, { channel: ChannelRow; runs: (() => Promise<void>)[] }>();
    for (const { channel, run } of work) {
      if (this.busy.has(channel.id)) continue;
      const item = byChannel.get(channel.id) ?? { channel, runs: [] };
      byChannel.set(channel.id, item);
      item.runs.push(run);
    }
    const byPlatform = new Map<
      string,
      Map<string, { channel: ChannelRow; runs: (() => Promise<void>)[] }[]>
    >();
    for (const item of byChannel.values()) {
      this.busy.add(item.channel.id);
      const workspaces = byPlatform.get(item.channel.platform) ?? new Map();
      byPlatform.set(item.channel.platform, workspaces);
      const queue = workspaces.get(item.channel.workspace) ?? [];
      workspaces.set(item.channel.workspace, queue);
      queue.push(item);
    }
    const started: Promise<void>[] = [];
    for (const [platform, workspaces] of byPlatform) {
      const limiter = this.limiterFor(platform as Platform);
      for (const { channel, runs } of roundRobin([...workspaces.values()])) {
        started.push(
          limiter
            .run(async () => {
              for (const run of runs) await run();
            })
            // One channel's failure (a store that refuses a write) is logged and stops only it.
            .catch((err) =>
              this.deps.log.error({ err, channel: channel.id }, 'scheduler: channel work failed'),
            )
            .finally(() => this.busy.delete(channel.id)),
        );
      }
    }
    await Promise.all(started);
  }

  private limiterFor(platform: Platform): Limiter {
    let limiter = this.limiters.get(platform);
    if (!limiter) {
      limiter = new Limiter(this.deps.ports[platform]?.pace?.width ?? 1);
      this.limiters.set(platform, limiter);
    }
    return limiter;
  }

  private async guarded(what: string, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (err) {
      this.deps.log.error({ err }, `scheduler: ${what} failed`);
    }
  }

  private async runSlot(entry: Entry, slot: number, now: number): Promise<void> {
    const { channel } = entry;
    const iso = new Date(slot).toISOString();
    try {
      if (now - slot > this.opts.catchupWindowMs) {
        await this.recordMissed(entry, slot);
        return;
      }
      // A holiday (`/schedule skip date:`) posts nothing; the slot is kept as skipped.
      if (await isHoliday(this.deps, channel.id, slot, entry.zone)) {
        await this.recordSlot(channel, slot, 'skipped');
        this.deps.log.info({ channel: channel.id, slot: iso }, 'scheduled drop skipped: holiday');
        return;
      }
      const result = await dropQuestion(this.deps, addressOf(channel), {
        // The row is read again, as it is now, in the drop's transaction.
        channel,
        slot: iso,
        mention: channel.mention,
        revealDueAt: entry.reveal ? revealTime(slot, entry.reveal, entry.zone) : null,
      });
      if (result.kind === 'posted') {
        this.deps.log.info(
          { channel: channel.id, slot: iso, question: result.question.id },
          'scheduled drop posted',
        );
      }
    } catch (err) {
      if (err instanceof UserError) {
        this.deps.log.warn(
          { channel: channel.id, slot: iso, reason: err.key },
          'scheduled drop not posted',
        );
      } else {
        this.deps.log.error({ err, channel: channel.id, slot: iso }, 'scheduled drop failed');
      }
    }
  }

  /**
   * Claims taken but never posted (the process died in between) are posted once, or recorded as
   * missed when too old. A cut-off `/ask` is not posted later out of the blue: it is marked failed.
   */
  private async retryCutOffClaims(now: number): Promise<void> {
    // Posts that reached the platform but were not recorded are recorded, never posted again.
    await recordUnrecordedPosts(this.deps);
    const { channels, drops } = this.deps.store.tables;
    const stale = (
      await this.deps.store.db
        .select({ drop: drops, channel: channels })
        .from(drops)
        .innerJoin(channels, eq(channels.id, drops.channelId))
        .where(
          and(eq(drops.status, 'claimed'), lt(drops.claimedAt, now - this.opts.claimTimeoutMs)),
        )
    ).filter((r) => this.served(r.channel) && !isUnrecorded(this.deps, r.drop.id));
    await this.fanOut(
      stale.map(({ drop, channel }) => ({
        channel,
        run: () => this.retryClaim(drop, channel, now),
      })),
    );
  }

  private async retryClaim(drop: DropRow, channel: ChannelRow, now: number): Promise<void> {
    const { db, tables } = this.deps.store;
    const { drops } = tables;
    // The claim is re-taken atomically: of several copies that see it, one gets a row back.
    const taken = await db
      .update(drops)
      .set({ claimedAt: now })
      .where(
        and(
          eq(drops.id, drop.id),
          eq(drops.status, 'claimed'),
          eq(drops.claimedAt, drop.claimedAt),
        ),
      )
      .returning({ id: drops.id });
    if (taken.length === 0) return; // another copy took it over
    const slot = Date.parse(drop.slot);
    if (Number.isNaN(slot) || now - slot > this.opts.catchupWindowMs) {
      const status = Number.isNaN(slot) ? 'failed' : 'missed';
      await db.update(drops).set({ status }).where(eq(drops.id, drop.id));
      return;
    }
    try {
      await postClaimedDrop(
        this.deps,
        channel,
        { ...drop, claimedAt: now },
        { mention: channel.mention },
      );
      this.deps.log.info({ channel: channel.id, slot: drop.slot }, 'cut-off drop posted');
    } catch (err) {
      this.deps.log.error(
        { err, channel: channel.id, slot: drop.slot },
        'retrying a cut-off drop failed',
      );
    }
  }

  private async revealDue(now: number): Promise<void> {
    const { channels, drops } = this.deps.store.tables;
    const due = await this.deps.store.db
      .select({ id: drops.id, channel: channels })
      .from(drops)
      .innerJoin(channels, eq(channels.id, drops.channelId))
      .where(
        and(lte(drops.revealDueAt, now), isNull(drops.revealedAt), eq(drops.status, 'posted')),
      );
    await this.fanOut(
      due
        .filter((d) => this.served(d.channel))
        .map(({ id, channel }) => ({
          channel,
          run: async () => {
            try {
              await revealAnswer(this.deps, addressOf(channel), { dropId: id });
            } catch (err) {
              this.deps.log.error(
                { err, channel: channel.id, drop: id },
                'scheduled reveal failed',
              );
            }
          },
        })),
    );
  }
}
