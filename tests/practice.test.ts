import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { generateNotes } from '../bench/bank.ts';
import { runCommand } from '../commands/index.ts';
import type { CommandContext } from '../commands/types.ts';
import { CONSOLE_ADDRESS } from '../src/chat/console/console.ts';
import { ensureChannel } from '../src/core/channels.ts';
import { PlatformError } from '../src/core/port.ts';
import { splitText } from '../src/core/split.ts';
import { leaderboard } from '../src/core/standings.ts';
import { dropQuestion } from '../src/practice/drops.ts';
import {
  answerNumber,
  deleteReply,
  editReply,
  recordReply,
  replyByNumber,
} from '../src/practice/replies.ts';
import { revealAnswer } from '../src/practice/reveal.ts';
import { recordReaction } from '../src/practice/votes.ts';
import { replyText } from './fakes/reply-text.ts';
import { practiceWorld, STORES, type StoreKind, type World } from './helpers.ts';

const here = CONSOLE_ADDRESS;

function ctxOf(world: World, threadRef: string | null = null): CommandContext {
  return {
    deps: world.deps,
    address: here,
    threadRef,
    member: { id: 'u1', name: 'Ana', canManage: false },
    locale: 'en',
  };
}

describe.each(STORES)('on %s', (store: StoreKind) => {
  describe('a full practice day', () => {
    it('drops, stores replies with edits and deletes, reveals, counts only fair votes', async () => {
      const world = await practiceWorld(undefined, { store });
      const { deps, port, clock, db, t } = world;
      const posted = await dropQuestion(deps, here);
      if (posted.kind !== 'posted') throw new Error('not posted');
      const drop = posted.drop;
      expect(port.of('drop')).toHaveLength(1);
      const dropMsg = port.of('drop')[0]?.message;
      expect(dropMsg?.title).toContain(posted.question.section);
      expect(dropMsg?.body).toContain(posted.question.prompt);
      expect(drop.status).toBe('posted');
      const thread = drop.threadRef as string;

      const reply = (member: string, ref: string, text: string, isBot = false) =>
        recordReply(deps, {
          address: here,
          threadRef: thread,
          messageRef: ref,
          member,
          memberName: member.toUpperCase(),
          isBot,
          text,
        });
      clock.advance(60_000);
      const number = async (r: ReturnType<typeof reply>) => {
        const row = await r;
        return row ? answerNumber(deps, row) : null;
      };
      expect(await number(reply('ana', 'r1', '첫 번째 답변'))).toBe(1);
      expect(await number(reply('ben', 'r2', 'second answer'))).toBe(2);
      expect(await number(reply('cho', 'r3', '세 번째'))).toBe(3);
      expect(await reply('bot', 'r4', 'I am a bot', true)).toBeNull();
      expect(await number(reply('ana', 'r1', '첫 번째 답변'))).toBe(1); // a redelivered message is stored once
      expect(await db.select().from(t.replies)).toHaveLength(3);
      expect(
        await recordReply(deps, {
          address: here,
          threadRef: 'not-a-drop',
          messageRef: 'x',
          member: 'ana',
          memberName: 'A',
          isBot: false,
          text: 'hi',
        }),
      ).toBeNull();

      expect(await editReply(deps, here, 'r2', 'second answer, improved')).toBe(true);
      expect(await deleteReply(deps, here, 'r3')).toBe(true);
      expect(await editReply(deps, here, 'unknown', 'x')).toBe(false);
      const stored = await db.select().from(t.replies).orderBy(t.replies.id);
      expect(stored.map((r) => [r.member, r.text])).toEqual([
        ['ana', '첫 번째 답변'],
        ['ben', 'second answer, improved'],
      ]);
      expect(stored[1]?.editedAt).toBe(clock.now());

      const revealed = await revealAnswer(deps, here, { threadRef: thread });
      expect(revealed.kind).toBe('revealed');
      const threadPosts = port.of('thread');
      // The console has no threads: its reveal names the question it answers.
      expect(threadPosts[0]?.message?.title).toBe(`Model answer · ${posted.question.prompt}`);
      expect(threadPosts[0]?.message?.body).toBe(posted.question.answer || '—');
      expect(port.of('react').map((r) => r.emoji)).toEqual(['✅', '🤔', '❌']);
      expect(port.of('react').every((r) => r.ref === threadPosts[0]?.ref)).toBe(true);

      const react = (member: string, ref: string, emoji: string, added = true, isBot = false) =>
        recordReaction(deps, { address: here, messageRef: ref, member, isBot, emoji, added });
      expect(await react('ben', 'r1', '👍')).toMatchObject({ kind: 'vote', counted: true });
      expect(await react('cho', 'r1', '👍🏽')).toMatchObject({ kind: 'vote', counted: true });
      expect(await react('ben', 'r1', '👍')).toMatchObject({ kind: 'vote', counted: false }); // once per member
      expect(await react('ana', 'r1', '👍')).toEqual({ kind: 'self' });
      expect(await react('bot', 'r2', '👍', true, true)).toEqual({ kind: 'ignored' });
      expect(await react('ana', 'r2', '👍')).toMatchObject({ kind: 'vote', counted: true });
      expect(await react('ana', 'r2', '👍', false)).toMatchObject({ kind: 'vote', counted: true }); // removed
      expect(await react('ana', 'r2', '🎉')).toEqual({ kind: 'ignored' });
      expect(await react('ana', threadPosts[0]?.ref as string, '✅')).toMatchObject({
        kind: 'grade',
        grade: 'ok',
      });
      expect(await react('ben', threadPosts[0]?.ref as string, '❌')).toMatchObject({
        kind: 'grade',
        grade: 'missed',
      });

      const allVotes = await db.select().from(t.votes).orderBy(t.votes.id);
      expect(allVotes.filter((v) => v.target.startsWith('reply:'))).toHaveLength(2);
      expect(allVotes.filter((v) => v.target === 'reveal').map((v) => [v.voter, v.emoji])).toEqual([
        ['ana', '✅'],
        ['ben', '❌'],
      ]);

      const board = await leaderboard(deps, here, 'week');
      expect(board).toEqual([
        { member: 'ana', name: 'ANA', replies: 1, votes: 2, streak: 1 },
        { member: 'ben', name: 'BEN', replies: 1, votes: 0, streak: 1 },
      ]);
      const text = await runCommand('leaderboard', {}, ctxOf(world));
      expect(replyText(text).split('\n')).toEqual([
        'Leaderboard · this week',
        '1. ANA · 1 answer · 2 👍 · 1 in a row',
        '2. BEN · 1 answer · 0 👍 · 1 in a row',
      ]);
    });

    it('counts one answer per member: the first before the reveal; the rest is discussion', async () => {
      const world = await practiceWorld(undefined, { store });
      const { deps, clock, db, t } = world;
      const posted = await dropQuestion(deps, here);
      if (posted.kind !== 'posted') throw new Error('not posted');
      const thread = posted.drop.threadRef as string;
      const say = (member: string, ref: string, text: string, at?: number) =>
        recordReply(deps, {
          address: here,
          threadRef: thread,
          messageRef: ref,
          member,
          memberName: member.toUpperCase(),
          isBot: false,
          text,
          ...(at !== undefined ? { at } : {}),
        });
      clock.advance(60_000);
      const first = await say('ana', 'a1', '내 답변');
      expect(first?.counted).toBe(true);
      const second = await say('ana', 'a2', 'and one more thing');
      expect(second?.counted).toBe(false);
      expect(second && (await answerNumber(deps, second))).toBe(1); // her answer is #1
      expect((await say('ben', 'b1', 'ben answers'))?.counted).toBe(true);
      // Two messages of one member at once: exactly one is the answer.
      const both = await Promise.all([say('cho', 'c1', 'x'), say('cho', 'c2', 'y')]);
      expect(both.filter((r) => r?.counted)).toHaveLength(1);
      expect(await editReply(deps, here, 'a1', '내 답변, 고침')).toBe(true);
      expect((await replyByNumber(deps, posted.drop.id, 1))?.text).toBe('내 답변, 고침');
      expect((await replyByNumber(deps, posted.drop.id, 2))?.member).toBe('ben');
      const beforeReveal = clock.now();

      clock.advance(60_000);
      await revealAnswer(deps, here, { threadRef: thread });
      const late = await say('dan', 'd1', 'now that I saw it: the answer');
      expect(late?.counted).toBe(false);
      expect(late && (await answerNumber(deps, late))).toBeNull();
      // Written before the reveal, delivered after it: still an answer.
      expect((await say('eve', 'e1', 'slow network', beforeReveal))?.counted).toBe(true);
      // An answer edited after the reveal keeps the text it had at the reveal.
      expect(await editReply(deps, here, 'a1', 'copied from the model answer')).toBe(true);
      expect((await replyByNumber(deps, posted.drop.id, 1))?.text).toBe('내 답변, 고침');
      // A redelivered answer is the same row, still counted.
      expect((await say('ana', 'a1', '내 답변'))?.id).toBe(first?.id);

      const react = (member: string, ref: string) =>
        recordReaction(deps, {
          address: here,
          messageRef: ref,
          member,
          isBot: false,
          emoji: '👍',
          added: true,
        });
      expect(await react('ben', 'a2')).toEqual({ kind: 'uncounted' });
      expect(await react('ben', 'd1')).toEqual({ kind: 'uncounted' });
      expect(await react('ben', 'a1')).toMatchObject({ kind: 'vote', counted: true });
      expect(await react('ana', 'd1')).toEqual({ kind: 'uncounted' });
      expect((await db.select().from(t.votes)).map((v) => v.voter)).toEqual(['ben']);

      const board = await leaderboard(deps, here, 'week');
      expect(board.map((s) => [s.member, s.replies, s.votes])).toEqual([
        ['ana', 1, 1],
        ['ben', 1, 0],
        ['cho', 1, 0],
        ['eve', 1, 0],
      ]);
      expect(await db.select().from(t.replies)).toHaveLength(7);
    });

    it('counts periods from local Monday and the 1st in the channel time zone', async () => {
      const world = await practiceWorld(undefined, { store });
      const { deps, clock } = world;
      // One drop a day, Fri to Mon (Seoul); each answered in its own thread.
      const threads: string[] = [];
      for (const day of ['20', '21', '22', '22T15:10:00Z']) {
        clock.set(day.includes('T') ? `2026-11-${day}` : `2026-11-${day}T01:00:00Z`);
        const posted = await dropQuestion(deps, here);
        if (posted.kind !== 'posted') throw new Error('not posted');
        threads.push(posted.drop.threadRef as string);
      }
      const at = (n: number, iso: string) =>
        recordReply(deps, {
          address: here,
          threadRef: threads[n] as string,
          messageRef: `r${n}`,
          member: 'm',
          memberName: 'M',
          isBot: false,
          text: 'x',
          at: Date.parse(iso),
        });
      await at(0, '2026-11-20T14:00:00Z'); // Fri 23:00 KST
      await at(1, '2026-11-21T14:59:00Z'); // Sat 23:59 KST
      // Mon 2026-11-23 00:30 in Seoul is Sun 15:30 UTC: a reply then is this week, in Seoul.
      await at(3, '2026-11-22T15:30:00Z');
      clock.set('2026-11-23T03:00:00Z'); // Mon 12:00 KST
      const board = async (period: 'week' | 'month' | 'all') => leaderboard(deps, here, period);
      expect((await board('week'))[0]).toMatchObject({ replies: 1, streak: 1 }); // no Sunday
      await at(2, '2026-11-22T03:00:00Z'); // Sun 12:00 KST
      expect((await board('week'))[0]).toMatchObject({ replies: 1, streak: 4 });
      expect((await board('month'))[0]).toMatchObject({ replies: 4 });
      clock.set('2026-12-01T03:00:00Z');
      expect(await board('month')).toEqual([]);
      expect((await board('all'))[0]).toMatchObject({ replies: 4 });
    });
  });

  describe('the bag', () => {
    // 60 questions in six sections, on both stores: every draw of a bag down to its last
    // question (where random probes miss and the draw falls back to the whole bag); the bench
    // draws from big banks.
    const size = 60;
    it(`never repeats a question before all ${size} have been asked, then refills and says so`, async () => {
      const world = await practiceWorld({ big: generateNotes(size, 10) }, { store });
      const { deps, port, db, t } = world;
      const seen = new Set<string>();
      for (let i = 0; i < size; i++) {
        const r = await dropQuestion(deps, here);
        if (r.kind !== 'posted') throw new Error('not posted');
        expect(seen.has(r.question.id)).toBe(false);
        expect(r.refilled).toBe(false);
        seen.add(r.question.id);
        if (r.question.parent) {
          const parentDropped = await db
            .select()
            .from(t.drops)
            .where(eq(t.drops.questionId, r.question.parent));
          expect(parentDropped.length).toBeGreaterThan(0);
        }
      }
      expect(seen.size).toBe(size);
      const again = await dropQuestion(deps, here);
      if (again.kind !== 'posted') throw new Error('not posted');
      expect(again.refilled).toBe(true);
      expect(port.of('drop').at(-1)?.message?.footer).toContain('the bag is refilled');
      expect((await db.select().from(t.channels))[0]?.bagRound).toBe(2);
    });

    it('keeps bags per channel, skips retired questions and follows topics by prefix', async () => {
      const world = await practiceWorld(
        { a: '# Alpha\n\t1. a1\n\t\tx\n\t2. a2\n\t\ty\n# Beta\n\t1. b1\n\t\tz\n' },
        { store },
      );
      const { deps } = world;
      const other = { ...here, channel: 'other' };
      const r1 = await dropQuestion(deps, here, { topic: 'BET' });
      expect(r1.kind === 'posted' && r1.question.prompt).toBe('b1');
      const r2 = await dropQuestion(deps, other, { topic: 'beta' });
      expect(r2.kind === 'posted' && r2.question.prompt).toBe('b1');
      const r3 = await dropQuestion(deps, here, { topic: 'b' });
      expect(r3.kind === 'posted' && r3.refilled).toBe(true);
      await expect(dropQuestion(deps, here, { topic: 'gamma' })).rejects.toMatchObject({
        key: 'ask.unknownTopic',
        vars: { topic: 'gamma', topics: 'Alpha, Beta' },
      });
    });
  });

  describe('messages that fit the platform', () => {
    it('splits Korean text at word boundaries and never cuts a URL', () => {
      const korean = '클라우드 서비스는 사용자에게 유연성을 제공합니다. '.repeat(200);
      const chunks = splitText(korean, 300);
      expect(chunks.length).toBeGreaterThan(1);
      for (const c of chunks) {
        expect(c.length).toBeLessThanOrEqual(300);
        expect(korean).toContain(c);
      }
      expect(chunks.join(' ').replace(/\s+/g, ' ')).toBe(korean.trim().replace(/\s+/g, ' '));

      const url = `https://example.com/${'가'.repeat(150)}?q=${'x'.repeat(100)}`;
      const withUrls = `참고 자료입니다 ${url} 그리고 ${url} 끝`;
      for (const c of splitText(withUrls, 300)) {
        expect(c.length).toBeLessThanOrEqual(300);
        for (const word of c.split(/\s+/)) if (word.startsWith('http')) expect(word).toBe(url);
      }
    });

    it('never splits inside a surrogate pair, even for one huge word', () => {
      const emoji = '😀'.repeat(100);
      const chunks = splitText(emoji, 33);
      expect(chunks.join('')).toBe(emoji);
      for (const c of chunks) expect(c.length).toBeLessThanOrEqual(33);
      expect(chunks.every((c) => !/[\uD800-\uDBFF]$/.test(c))).toBe(true);
    });

    it('reveals a long answer, notes and references as several messages within the limit', async () => {
      const long = Array.from(
        { length: 60 },
        (_, i) => `\t\t${i}번째 줄: 클라우드 관리 플랫폼은 다양한 서비스를 표준화합니다.`,
      ).join('\n');
      const notes = `# S\n\t1. 긴 질문\n${long}\n\t\t=====\n${long}\n\t\t참고\n\t\t\thttps://example.com/${'a'.repeat(300)}\n`;
      const world = await practiceWorld({ s: notes }, { maxChars: 500, store });
      const posted = await dropQuestion(world.deps, here);
      if (posted.kind !== 'posted') throw new Error('not posted');
      await revealAnswer(world.deps, here);
      const parts = world.port.of('thread').map((r) => r.message);
      expect(parts.length).toBeGreaterThan(4);
      for (const m of parts) {
        const size = (m?.title ?? '').length + (m?.body ?? '').length + (m?.footer ?? '').length;
        expect(size).toBeLessThanOrEqual(500);
      }
      expect(parts[0]?.footer).toContain('/grade ok · /grade partly · /grade missed');
      expect(parts.map((m) => m?.title)).toContain('Notes');
      expect(parts.at(-1)?.title).toBe('References');
      expect(parts.at(-1)?.body).toBe(`- 참고: https://example.com/${'a'.repeat(300)}`);
      const answerText = parts
        .filter((m) => m?.title?.startsWith('Model answer'))
        .map((m) => m?.body)
        .join('\n');
      expect(answerText).toBe(posted.question.answer);
    });
  });

  describe('commands', () => {
    it('/answer twice gives a link to the reveal, not a second copy', async () => {
      const world = await practiceWorld(undefined, { store });
      await runCommand('ask', {}, ctxOf(world));
      const first = await runCommand('answer', {}, ctxOf(world));
      expect([replyText(first), first.ephemeral]).toEqual(['The model answer is above.', true]);
      const postsAfterFirst = world.port.records.length;
      const thread = world.port.of('drop')[0]?.threadRef ?? null;
      const revealRef = world.port.of('thread')[0]?.ref;
      const second = await runCommand('answer', {}, ctxOf(world, thread));
      expect(replyText(second)).toBe(`Already revealed: https://chat.example/${revealRef}`);
      expect(world.port.records.length).toBe(postsAfterFirst);
      const third = await runCommand('answer', {}, ctxOf(world));
      expect(replyText(third)).toBe(replyText(second));
      expect(world.port.records.length).toBe(postsAfterFirst);
    });

    it('two /answer at once post the reveal once', async () => {
      const world = await practiceWorld(undefined, { store });
      await runCommand('ask', {}, ctxOf(world));
      const results = await Promise.all([
        revealAnswer(world.deps, here),
        revealAnswer(world.deps, here),
      ]);
      expect(results.map((r) => r.kind).sort()).toEqual(['already', 'revealed']);
      expect(
        world.port.of('thread').filter((r) => r.message?.title?.startsWith('Model answer ·')),
      ).toHaveLength(1);
    });

    it('answers bad input with help, never a stack trace', async () => {
      const world = await practiceWorld(undefined, { store });
      const ctx = ctxOf(world);
      expect(replyText(await runCommand('asc', {}, ctx))).toBe(
        'Unknown command “asc”. Commands: /ask, /answer, /grade, /feedback, /leaderboard, /topics, /schedule, /settings, /review, /me, /mock, /export, /suggest, /suggestions, /approve, /reject, /help',
      );
      expect(replyText(await runCommand('answer', {}, ctx))).toBe(
        'No question is open in this channel. /ask posts one.',
      );
      const badPeriod = await runCommand('leaderboard', { period: 'year' }, ctx);
      expect(replyText(badPeriod)).toMatch(/^Usage: \/leaderboard \[week\|month\|all\]\nperiod: /);
      const badTopic = await runCommand('ask', { topic: 42 }, ctx);
      expect(replyText(badTopic)).toMatch(/^Usage: \/ask \[topic\]\ntopic: /);
      const extra = await runCommand('answer', { now: 'yes' }, ctx);
      expect(replyText(extra)).toMatch(/^Usage: \/answer\n/);
      const unknownTopic = await runCommand('ask', { topic: 'zzz' }, ctx);
      expect(replyText(unknownTopic)).toMatch(/^No topic starts with “zzz”\. Topics: 자기소개, /);
      expect(world.port.of('drop')).toHaveLength(0);
    });

    it('answers in the channel locale', async () => {
      const world = await practiceWorld(undefined, { locale: 'ko', store });
      const ctx = { ...ctxOf(world), locale: 'ko' as const };
      expect(replyText(await runCommand('answer', {}, ctx))).toBe(
        '이 채널에 열린 질문이 없습니다. /ask로 질문을 올리세요.',
      );
      await runCommand('ask', {}, ctx);
      expect(world.port.of('drop')[0]?.message?.title).toMatch(/^연습 질문 · /);
    });

    it('reports a platform refusal to the person and records it on the channel', async () => {
      const world = await practiceWorld(undefined, { store });
      world.port.failWith = new PlatformError('50013', 'platform.missingPermissions', {
        permissions: 'Send Messages',
      });
      const reply = await runCommand('ask', {}, ctxOf(world));
      expect(replyText(reply)).toBe(
        'Could not post in this channel: the bot lacks a permission in this channel; it needs Send Messages',
      );
      const channel = await ensureChannel(world.deps, here);
      expect(channel.lastError).toBe(
        'the bot lacks a permission in this channel; it needs Send Messages',
      );
      expect((await world.db.select().from(world.t.drops))[0]?.status).toBe('failed');
      world.port.failWith = null;
      await runCommand('ask', {}, ctxOf(world));
      expect((await ensureChannel(world.deps, here)).lastError).toBeNull();
    });
  });
});
