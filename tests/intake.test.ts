/**
 * Replies of a burst are stored together, and each sender still hears about their own: all
 * are kept, each caller gets its row, and one reply that fails costs no other its place.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { CONSOLE_ADDRESS } from '../src/chat/console/console.ts';
import { dropQuestion } from '../src/practice/drops.ts';
import { storeReply } from '../src/practice/intake.ts';
import { deleteReply, type ReplyRow } from '../src/practice/replies.ts';
import { revealAnswer } from '../src/practice/reveal.ts';
import { practiceWorld, STORES, type StoreKind } from './helpers.ts';

/** A world with a drop posted in the console, and a member's reply to it as the intake stores it. */
async function postedDrop(kind: StoreKind) {
  const world = await practiceWorld(undefined, { store: kind });
  const posted = await dropQuestion(world.deps, CONSOLE_ADDRESS);
  if (posted.kind !== 'posted') throw new Error('not posted');
  const reply = (ref: string, member: string) =>
    storeReply(world.deps, {
      address: CONSOLE_ADDRESS,
      threadRef: posted.drop.threadRef as string,
      messageRef: ref,
      member,
      memberName: member,
      isBot: false,
      text: `${ref} answer`,
    });
  return { world, posted, reply };
}

describe.each(STORES)('the reply intake on %s', (kind: StoreKind) => {
  it('stores a burst whole, and a failing reply alone', async () => {
    const world = await practiceWorld(undefined, { store: kind });
    const posted = await dropQuestion(world.deps, CONSOLE_ADDRESS);
    if (posted.kind !== 'posted') throw new Error('not posted');
    // What PostgreSQL's array syntax would misread if it were not escaped: quotes, backslashes,
    // braces, commas, the word NULL, an empty text.
    const said = (i: number) => (i === 20 ? '' : `answer ${i}: "a", \\ {b} NULL\n답변`);
    const reply = (i: number, text: unknown = said(i)) =>
      storeReply(world.deps, {
        address: CONSOLE_ADDRESS,
        threadRef: posted.drop.threadRef as string,
        messageRef: `m${i}`,
        member: `u${i % 5}`,
        memberName: `member ${i % 5}`,
        isBot: false,
        text: text as string,
      });
    // 150 at once: more than one batch; the tenth is broken (its text is not text).
    const results = await Promise.allSettled(
      Array.from({ length: 150 }, (_, i) => reply(i, i === 10 ? null : undefined)),
    );
    const failed = results.flatMap((r, i) => (r.status === 'rejected' ? [i] : []));
    expect(failed).toEqual([10]);
    const rows = results.flatMap((r) => (r.status === 'fulfilled' && r.value ? [r.value] : []));
    expect(rows.map((r) => r.messageRef)).toEqual(
      Array.from({ length: 150 }, (_, i) => `m${i}`).filter((m) => m !== 'm10'),
    );
    const stored = await world.db.select().from(world.t.replies);
    expect(stored).toHaveLength(149);
    // Each caller's row is the row as stored, column for column.
    const byRef = (a: { messageRef: string }, b: { messageRef: string }) =>
      a.messageRef.localeCompare(b.messageRef);
    expect([...rows].sort(byRef)).toEqual([...stored].sort(byRef));
    expect(stored.find((r) => r.messageRef === 'm21')?.text).toBe(said(21));
    expect(stored.find((r) => r.messageRef === 'm20')?.text).toBe('');
    // Each member's first message is their answer, whatever batch it fell in.
    expect(
      stored
        .filter((r) => r.counted)
        .map((r) => r.messageRef)
        .sort(),
    ).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
  });

  it('stores a burst that meets messages stored before it, counting each answer once', async () => {
    const { world, reply } = await postedDrop(kind);
    const first = await Promise.all(['a', 'b', 'c'].map((m) => reply(`${m}1`, m)));
    // Delivered again among new members' answers and later messages: the batch meets stored rows.
    const second = await Promise.all([
      reply('a1', 'a'),
      reply('d1', 'd'),
      reply('b1', 'b'),
      reply('a2', 'a'),
      reply('e1', 'e'),
      reply('d2', 'd'),
    ]);
    expect(second.map((r) => `${r?.messageRef}${r?.counted ? '*' : ''}`)).toEqual([
      'a1*',
      'd1*',
      'b1*',
      'a2',
      'e1*',
      'd2',
    ]);
    // The redelivered ones are the rows stored the first time.
    expect(second[0]?.id).toBe(first[0]?.id);
    expect(second[2]?.id).toBe(first[1]?.id);
    const { replies, memberCounts } = world.t;
    expect(await world.db.select().from(replies)).toHaveLength(7);
    const counts = await world.db
      .select({ member: memberCounts.member, answers: memberCounts.answers })
      .from(memberCounts)
      .where(eq(memberCounts.day, ''));
    expect(counts.sort((x, y) => x.member.localeCompare(y.member))).toEqual(
      ['a', 'b', 'c', 'd', 'e'].map((member) => ({ member, answers: 1 })),
    );
  });

  it('reads the drop again when it changed between bursts: no answer after the reveal, one after a deletion', async () => {
    const { world, posted, reply } = await postedDrop(kind);
    const seen = (rows: (ReplyRow | null)[]) =>
      rows.map((r) => `${r?.messageRef}${r?.counted ? '*' : ''}`);
    expect(seen(await Promise.all([reply('a1', 'a'), reply('b1', 'b')]))).toEqual(['a1*', 'b1*']);
    // a deletes their answer: their next message is their answer again.
    expect(await deleteReply(world.deps, CONSOLE_ADDRESS, 'a1')).toBe(true);
    world.clock.advance(60_000);
    expect(seen(await Promise.all([reply('a2', 'a'), reply('b2', 'b')]))).toEqual(['a2*', 'b2']);
    // After the reveal nothing is an answer, from a member who had none either.
    await revealAnswer(world.deps, CONSOLE_ADDRESS, { dropId: posted.drop.id });
    world.clock.advance(60_000);
    expect(seen(await Promise.all([reply('c1', 'c'), reply('a3', 'a')]))).toEqual(['c1', 'a3']);
    const { memberCounts } = world.t;
    const counts = await world.db
      .select({ member: memberCounts.member, answers: memberCounts.answers })
      .from(memberCounts)
      .where(eq(memberCounts.day, ''));
    expect(counts.sort((x, y) => x.member.localeCompare(y.member))).toEqual([
      { member: 'a', answers: 1 },
      { member: 'b', answers: 1 },
    ]);
  });
});
