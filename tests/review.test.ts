import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { CONSOLE_ADDRESS } from '../src/chat/console/console.ts';
import { dueCount, gradeCard, nextDue, nextDueAt } from '../src/core/cards.ts';
import { dropQuestion } from '../src/practice/drops.ts';
import { recordReply } from '../src/practice/replies.ts';
import { revealAnswer } from '../src/practice/reveal.ts';
import { recordReaction } from '../src/practice/votes.ts';
import { practiceWorld, STORES, type StoreKind } from './helpers.ts';

const here = CONSOLE_ADDRESS;
const DAY = 86_400_000;
const ana = { platform: 'console' as const, member: 'ana' };

describe.each(STORES)('review cards on %s', (store: StoreKind) => {
  it('a missed question comes back the next day; Good several times moves it out', async () => {
    const world = await practiceWorld(undefined, { store });
    const { deps, clock, db, t } = world;
    const [q1, q2] = await db.select().from(t.questions).orderBy(t.questions.position).limit(2);
    if (!q1 || !q2) throw new Error('seed has questions');
    expect(await nextDue(deps, ana)).toBeUndefined();
    expect(await nextDueAt(deps, ana)).toBeNull();

    const start = clock.now();
    await gradeCard(deps, { ...ana, questionId: q1.id, grade: 'missed', source: 'review' });
    expect(await nextDue(deps, ana)).toBeUndefined(); // not again today
    expect(await nextDueAt(deps, ana)).toBe(start + DAY);
    clock.advance(DAY);
    expect((await nextDue(deps, ana))?.question.id).toBe(q1.id); // back the next day

    // Good, each time it falls due: the gaps grow and it leaves the next weeks.
    const gaps: number[] = [];
    for (let i = 0; i < 4; i++) {
      const due = await nextDue(deps, ana);
      expect(due?.question.id).toBe(q1.id);
      const card = await gradeCard(deps, {
        ...ana,
        questionId: q1.id,
        grade: 'ok',
        source: 'review',
      });
      gaps.push((card.due - clock.now()) / DAY);
      expect(await nextDue(deps, ana)).toBeUndefined();
      clock.set(card.due);
    }
    expect(gaps.every((g, i) => i === 0 || g > (gaps[i - 1] as number))).toBe(true);
    expect(gaps.at(-1)).toBeGreaterThanOrEqual(7);
    const [card] = await db.select().from(t.reviewCards);
    expect(card).toMatchObject({ reps: 5, lapses: 0, state: 2 });
    expect(await db.select().from(t.reviewLog)).toHaveLength(5);

    // Two cards: the most overdue comes first; a retired question never comes back.
    await gradeCard(deps, { ...ana, questionId: q2.id, grade: 'missed', source: 'review' });
    clock.advance(40 * DAY);
    expect((await nextDue(deps, ana))?.question.id).toBe(q1.id);
    expect(await dueCount(deps, ana, clock.now())).toBe(2);
    await db.update(t.questions).set({ retired: true }).where(eq(t.questions.id, q1.id));
    expect((await nextDue(deps, ana))?.question.id).toBe(q2.id);
    expect(await dueCount(deps, ana, clock.now())).toBe(1);
    // Another member's queue is their own.
    expect(await nextDue(deps, { platform: 'console', member: 'ben' })).toBeUndefined();
    expect(start).toBeLessThan(clock.now());
  });

  it('a self-grade on a reveal makes or moves the card; an answer without one makes none', async () => {
    const world = await practiceWorld(undefined, { store });
    const { deps, clock, db, t, port } = world;
    const posted = await dropQuestion(deps, here);
    if (posted.kind !== 'posted') throw new Error('not posted');
    const thread = posted.drop.threadRef as string;
    for (const member of ['ana', 'ben'])
      await recordReply(deps, {
        address: here,
        threadRef: thread,
        messageRef: `r-${member}`,
        member,
        memberName: member,
        isBot: false,
        text: '답변',
      });
    await revealAnswer(deps, here, { threadRef: thread });
    const reveal = port.of('thread')[0]?.ref as string;
    const react = (member: string, emoji: string, added = true) =>
      recordReaction(deps, {
        address: here,
        messageRef: reveal,
        member,
        isBot: false,
        emoji,
        added,
      });

    await react('ana', '✅');
    let cards = await db.select().from(t.reviewCards);
    expect(cards.map((c) => [c.member, c.questionId])).toEqual([['ana', posted.question.id]]);
    const goodDue = cards[0]?.due as number;
    expect(goodDue).toBeGreaterThan(clock.now() + DAY); // a first Good is days away

    // Changing her mind to ❌ replaces the grade: one review, due tomorrow.
    await react('ana', '❌');
    cards = await db.select().from(t.reviewCards);
    expect(cards).toHaveLength(1);
    expect(cards[0]?.due).toBe(clock.now() + DAY);
    const log = await db.select().from(t.reviewLog);
    expect(log.map((l) => [l.rating, l.source, l.dropId])).toEqual([[1, 'reveal', posted.drop.id]]);
    // Taking the ✅ off changes nothing now (❌ is the grade that counts); taking ❌ off undoes it.
    await react('ana', '✅', false);
    expect(await db.select().from(t.reviewLog)).toHaveLength(1);
    await react('ana', '❌', false);
    expect(await db.select().from(t.reviewCards)).toEqual([]);
    expect(await db.select().from(t.reviewLog)).toEqual([]);
    // Ben answered and never graded: no card. A bot's grade is ignored.
    await recordReaction(deps, {
      address: here,
      messageRef: reveal,
      member: 'bot',
      isBot: true,
      emoji: '✅',
      added: true,
    });
    expect(await db.select().from(t.reviewCards)).toEqual([]);
    // 🤔 is Hard: sooner than Good.
    await react('ben', '🤔');
    const [hard] = await db.select().from(t.reviewCards);
    expect(hard?.member).toBe('ben');
    expect(hard?.due).toBeLessThan(goodDue);
    expect((await db.select().from(t.reviewLog))[0]?.rating).toBe(2);
  });
});
