/**
 * A name learnt after the answers were stored (Slack's users.info) renames that member's replies
 * and leaderboard rows on that platform only, and on SQLite finds them through the index on the
 * member instead of reading every reply stored.
 */
import { eq, fillPlaceholders } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { CONSOLE_ADDRESS } from '../src/chat/console/console.ts';
import { renameMember, renameRepliesQuery } from '../src/core/members.ts';
import { dropQuestion } from '../src/practice/drops.ts';
import { recordReply } from '../src/practice/replies.ts';
import { practiceWorld, STORES } from './helpers.ts';

describe.each(STORES)('renaming a member (%s)', (kind) => {
  it("renames the member's replies and counts on the platform, and no one else's", async () => {
    const world = await practiceWorld(undefined, { store: kind });
    const posted = await dropQuestion(world.deps, CONSOLE_ADDRESS);
    if (posted.kind !== 'posted') throw new Error('not posted');
    for (const member of ['U1', 'U2'])
      await recordReply(world.deps, {
        address: CONSOLE_ADDRESS,
        threadRef: posted.drop.threadRef as string,
        messageRef: `m-${member}`,
        member,
        memberName: member,
        isBot: false,
        text: `answer of ${member}`,
      });
    // Another platform's channels are not the console's: its U1 is someone else.
    await renameMember(world.deps, 'slack', 'U1', 'Someone else');
    await renameMember(world.deps, 'console', 'U1', '보라 **Bo**');
    const { replies, memberCounts } = world.t;
    const names = async () =>
      Object.fromEntries(
        (await world.db.select().from(replies)).map((r) => [r.member, r.memberName]),
      );
    expect(await names()).toEqual({ U1: '보라 **Bo**', U2: 'U2' });
    const counts = await world.db
      .select({ name: memberCounts.name })
      .from(memberCounts)
      .where(eq(memberCounts.member, 'U1'));
    expect(new Set(counts.map((c) => c.name))).toEqual(new Set(['보라 **Bo**']));
    await world.store.close();
  });
});

describe('renaming on SQLite', () => {
  it("reads the member's replies through replies_member, not every reply", async () => {
    const world = await practiceWorld();
    if (world.store.dialect !== 'sqlite') throw new Error('sqlite expected');
    // The statement renameMember runs, its placeholders given values.
    const query = renameRepliesQuery(world.db, world.t).toSQL();
    const params = fillPlaceholders(query.params, { name: 'Bo', member: 'U1', platform: 'slack' });
    const plan = world.store.sqlite.prepare(`EXPLAIN QUERY PLAN ${query.sql}`).all(...params) as {
      detail: string;
    }[];
    const details = plan.map((p) => p.detail).join('\n');
    expect(details).toMatch(/replies USING INDEX replies_member/);
    expect(details).not.toMatch(/SCAN replies\b/);
    await world.store.close();
  });
});
