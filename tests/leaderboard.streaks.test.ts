/**
 * Streaks are kept by the database as answers come and go (drops.seq, member_counts.streak);
 * they must always equal the streak counted from the drops and replies themselves, on both
 * stores: through answers in order, two drops open at once answered newest first, a missed
 * drop, deleted answers (inside a run and at its end) and the latest drop still open. The
 * migration must fill them for a database that had history before.
 */
import { readFileSync } from 'node:fs';
import { and, desc, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { CONSOLE_ADDRESS } from '../src/chat/console/console.ts';
import { leaderboard } from '../src/core/standings.ts';
import { dropQuestion } from '../src/practice/drops.ts';
import { deleteReply, recordReply } from '../src/practice/replies.ts';
import { revealAnswer } from '../src/practice/reveal.ts';
import { practiceWorld, STORES, type StoreKind, type World } from './helpers.ts';

const MEMBERS = ['ana', 'ben', 'cho'];

/** Each member's streak counted the old way: back from the latest posted drop, over the replies. */
async function counted(world: World): Promise<Record<string, number>> {
  const { drops, replies } = world.t;
  const recent = await world.db
    .select({ id: drops.id, revealedAt: drops.revealedAt })
    .from(drops)
    .where(eq(drops.status, 'posted'))
    .orderBy(desc(drops.postedAt), desc(drops.id));
  const answers = await world.db
    .select({ member: replies.member, drop: replies.dropId })
    .from(replies)
    .where(eq(replies.counted, true));
  const out: Record<string, number> = {};
  for (const member of MEMBERS) {
    const answered = new Set(answers.filter((a) => a.member === member).map((a) => a.drop));
    if (answered.size === 0) continue;
    let n = 0;
    for (const [i, drop] of recent.entries()) {
      if (answered.has(drop.id)) n++;
      else if (!(i === 0 && drop.revealedAt === null)) break;
    }
    out[member] = n;
  }
  return out;
}

const shown = async (world: World) =>
  Object.fromEntries(
    (await leaderboard(world.deps, CONSOLE_ADDRESS, 'all')).map((s) => [s.member, s.streak]),
  );

/** A drop; one with a reveal time stays open when the next is posted (else it is revealed). */
async function post(world: World, revealDueAt?: number): Promise<string> {
  world.clock.advance(3_600_000);
  const posted = await dropQuestion(world.deps, CONSOLE_ADDRESS, { revealDueAt });
  if (posted.kind !== 'posted') throw new Error('not posted');
  return posted.drop.threadRef as string;
}

async function answer(world: World, thread: string, member: string): Promise<string> {
  world.clock.advance(60_000);
  const ref = `${thread}-${member}`;
  await recordReply(world.deps, {
    address: CONSOLE_ADDRESS,
    threadRef: thread,
    messageRef: ref,
    member,
    memberName: member.toUpperCase(),
    isBot: false,
    text: `answer of ${member}`,
  });
  return ref;
}

/** Steps that exercise each way a streak changes, checked against the old count after each. */
async function history(world: World, check: () => Promise<void>) {
  const reveal = (thread: string) =>
    revealAnswer(world.deps, CONSOLE_ADDRESS, { threadRef: thread });
  for (let i = 0; i < 4; i++) {
    const thread = await post(world);
    await answer(world, thread, 'ana');
    if (i !== 1) await answer(world, thread, 'ben');
    if (i >= 2) await answer(world, thread, 'cho');
    await reveal(thread);
  }
  await check(); // ana 4, ben 2 (missed the second), cho 2
  // Two drops open at once, the newer answered first: the run is counted again when the older
  // one is answered.
  const older = await post(world, world.clock.now() + 86_400_000);
  const newer = await post(world);
  await answer(world, newer, 'ana');
  await check();
  await answer(world, older, 'ana');
  await answer(world, older, 'ben');
  await check();
  await reveal(older);
  await check(); // the latest (newer) still open: ben's run is not broken yet
  await reveal(newer);
  await check(); // now it is
  // A deleted answer inside ana's run, and cho's latest.
  expect(await deleteReply(world.deps, CONSOLE_ADDRESS, `${older}-ana`)).toBe(true);
  await check();
  const last = await post(world);
  const choLast = await answer(world, last, 'cho');
  await check();
  expect(await deleteReply(world.deps, CONSOLE_ADDRESS, choLast)).toBe(true);
  await check(); // the latest drop open and unanswered: cho's earlier run shows again
}

describe.each(STORES)('streaks on %s', (kind: StoreKind) => {
  it('equal the streaks counted from the replies through every kind of change', async () => {
    const world = await practiceWorld(undefined, { store: kind });
    world.clock.set('2026-11-23T00:00:00Z');
    let checks = 0;
    await history(world, async () => {
      checks++;
      expect(await shown(world)).toEqual(await counted(world));
    });
    expect(checks).toBe(8);
    expect(await shown(world)).toEqual({ ana: 1, ben: 0, cho: 0 });
  });

  it('are filled by the migration for a database that had history before it', async () => {
    const world = await practiceWorld(undefined, { store: kind });
    world.clock.set('2026-11-23T00:00:00Z');
    await history(world, async () => {});
    const thread = await post(world);
    await answer(world, thread, 'ben');
    const before = await shown(world);
    expect(before).toEqual(await counted(world));
    // As before the migration: no places, no streaks; then the migration's own fill statements.
    const { drops, memberCounts } = world.t;
    await world.db.update(drops).set({ seq: null });
    await world.db.update(memberCounts).set({ streakSeq: null, streak: 0 });
    expect(await shown(world)).toEqual({ ana: 0, ben: 0, cho: 0 });
    const file = new URL(`../drizzle/${kind}/0012_member_streaks.sql`, import.meta.url);
    const fills = readFileSync(file, 'utf8')
      .split('--> statement-breakpoint')
      .map((s) => s.replace(/^--.*$/gm, '').trim())
      .filter((s) => /^(UPDATE|WITH)/.test(s));
    expect(fills).toHaveLength(2);
    for (const statement of fills)
      await world.store.transaction(async (tx) => {
        await (tx.dialect === 'sqlite'
          ? tx.lite.run(sql.raw(statement))
          : tx.pg.execute(sql.raw(statement)));
      });
    expect(await shown(world)).toEqual(before);
    const [latest] = await world.db
      .select({ seq: drops.seq })
      .from(drops)
      .where(and(eq(drops.status, 'posted'), eq(drops.threadRef, thread)));
    expect(latest?.seq).toBe(8);
  });
});
