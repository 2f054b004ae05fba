/**
 * Leaderboards read the counts the database keeps per member and day (member_counts); they
 * must always equal a count of the replies and votes themselves, on both stores, through
 * answers, votes, removed votes and deleted answers (with the votes on them), and the
 * migration must fill them for a database that had history before.
 */
import { readFileSync } from 'node:fs';
import { and, count, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { CONSOLE_ADDRESS } from '../src/chat/console/console.ts';
import { leaderboard } from '../src/core/standings.ts';
import type { Store } from '../src/db/store.ts';
import { dropQuestion } from '../src/practice/drops.ts';
import { deleteReply, recordReply } from '../src/practice/replies.ts';
import { revealAnswer } from '../src/practice/reveal.ts';
import { recordReaction } from '../src/practice/votes.ts';
import { practiceWorld, STORES, type StoreKind, type World } from './helpers.ts';

const DAY = 86_400_000;

/** Answers and votes per member straight from replies and votes, the old way. */
async function counted(store: Store, since = 0) {
  const { replies, votes, drops } = store.tables;
  const answers = await store.db
    .select({ member: replies.member, n: count() })
    .from(replies)
    .innerJoin(drops, eq(drops.id, replies.dropId))
    .where(and(eq(replies.counted, true), sql`${replies.createdAt} >= ${since}`))
    .groupBy(replies.member);
  const voted = await store.db
    .select({ member: replies.member, n: count() })
    .from(votes)
    .innerJoin(replies, eq(replies.id, votes.replyId))
    .where(and(eq(replies.counted, true), sql`${replies.createdAt} >= ${since}`))
    .groupBy(replies.member);
  const v = new Map(voted.map((r) => [r.member, Number(r.n)]));
  return Object.fromEntries(
    answers.map((r) => [r.member, { replies: Number(r.n), votes: v.get(r.member) ?? 0 }]),
  );
}

const shown = async (world: World, period: 'week' | 'month' | 'all') =>
  Object.fromEntries(
    (await leaderboard(world.deps, CONSOLE_ADDRESS, period)).map((s) => [
      s.member,
      { replies: s.replies, votes: s.votes },
    ]),
  );

/** A few days of drops with answers and votes, a removed vote and a deleted voted answer. */
async function history(world: World) {
  const { deps, clock } = world;
  const refs: string[] = [];
  for (let day = 0; day < 4; day++) {
    const posted = await dropQuestion(deps, CONSOLE_ADDRESS);
    if (posted.kind !== 'posted') throw new Error('not posted');
    const thread = posted.drop.threadRef as string;
    for (const member of ['ana', 'ben', 'cho'].slice(0, 1 + (day % 3))) {
      clock.advance(60_000);
      const ref = `d${day}-${member}`;
      await recordReply(deps, {
        address: CONSOLE_ADDRESS,
        threadRef: thread,
        messageRef: ref,
        member,
        memberName: member.toUpperCase(),
        isBot: false,
        text: `answer of ${member}`,
      });
      // Discussion after the answer: stored, not counted.
      await recordReply(deps, {
        address: CONSOLE_ADDRESS,
        threadRef: thread,
        messageRef: `${ref}-talk`,
        member,
        memberName: member.toUpperCase(),
        isBot: false,
        text: 'and one more thing',
      });
      refs.push(ref);
    }
    await revealAnswer(deps, CONSOLE_ADDRESS, { threadRef: thread });
    const vote = (member: string, ref: string, added = true) =>
      recordReaction(deps, {
        address: CONSOLE_ADDRESS,
        messageRef: ref,
        member,
        isBot: false,
        emoji: '👍',
        added,
      });
    for (const ref of refs.filter((r) => r.startsWith(`d${day}-`))) {
      await vote('dan', ref);
      await vote('eve', ref);
    }
    if (day === 1) await vote('eve', 'd1-ana', false);
    clock.advance(DAY);
  }
  // A voted answer deleted: its answer and its votes leave the counts.
  expect(await deleteReply(deps, CONSOLE_ADDRESS, 'd2-ben')).toBe(true);
}

describe.each(STORES)('member counts on %s', (kind: StoreKind) => {
  it('equal a count of the replies and votes through answers, votes and deletes', async () => {
    const world = await practiceWorld(undefined, { store: kind });
    await history(world);
    const all = await counted(world.store);
    expect(all.ana).toEqual({ replies: 4, votes: 7 }); // one vote taken back
    expect(all.ben).toEqual({ replies: 1, votes: 2 }); // d2-ben deleted with its votes
    expect(await shown(world, 'all')).toEqual(all);
    // The week of the last day (a Thursday in Seoul): the days since Monday, in its zone.
    const mondayStart = Date.parse('2026-11-22T15:00:00Z'); // Monday 00:00 in Asia/Seoul
    expect(await shown(world, 'week')).toEqual(await counted(world.store, mondayStart));
    // No count row is left below zero.
    const { memberCounts } = world.t;
    const rows = await world.db.select().from(memberCounts);
    expect(rows.every((r) => r.answers >= 0 && r.votes >= 0)).toBe(true);
  });

  it('are filled by the migration for a database that had history before it', async () => {
    const world = await practiceWorld(undefined, { store: kind });
    await history(world);
    const before = await shown(world, 'all');
    // As before the migration: no counts at all; then the migration's own fill statements.
    await world.db.delete(world.t.memberCounts);
    expect(await shown(world, 'all')).toEqual({});
    const file = new URL(`../drizzle/${kind}/0007_member_counts.sql`, import.meta.url);
    const fills = readFileSync(file, 'utf8')
      .split('--> statement-breakpoint')
      .map((s) => s.trim())
      .filter((s) => /^INSERT INTO/.test(s));
    expect(fills).toHaveLength(2);
    for (const statement of fills)
      await world.store.transaction(async (tx) => {
        await (tx.dialect === 'sqlite'
          ? tx.lite.run(sql.raw(statement))
          : tx.pg.execute(sql.raw(statement)));
      });
    expect(await shown(world, 'all')).toEqual(before);
  });
});
