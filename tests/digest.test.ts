import { describe, expect, it } from 'vitest';
import { runCommand } from '../commands/index.ts';
import { CONSOLE_ADDRESS } from '../src/chat/console/console.ts';
import { gradeCard } from '../src/core/cards.ts';
import { ensureChannel } from '../src/core/channels.ts';
import { recordReply } from '../src/practice/replies.ts';
import { recordReaction } from '../src/practice/votes.ts';
import { setDigest } from '../src/review/digest.ts';
import { sendDueReminders } from '../src/review/remind.ts';
import {
  practiceWorld,
  STORES,
  type StoreKind,
  scheduleCommand,
  testScheduler,
} from './helpers.ts';

const here = CONSOLE_ADDRESS;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe.each(STORES)('the weekly digest on %s', (store: StoreKind) => {
  it('comes once after the last drop of a hand-made week: answers, top votes with links, ❌', async () => {
    const world = await practiceWorld(undefined, { store });
    const { deps, clock, port } = world;
    const monday = Date.parse('2026-11-23T00:00:00Z'); // Monday 09:00 in Seoul
    clock.set(monday - HOUR);
    await scheduleCommand(world, {
      action: 'set',
      cron: '0 9 * * 1-5',
      timezone: 'Asia/Seoul',
      reveal: '+8h',
    });
    const s = testScheduler(world);
    await s.start();
    const posts = () => port.of('post');
    const answer = (thread: string, member: string, n: number) =>
      recordReply(deps, {
        address: here,
        threadRef: thread,
        messageRef: `r-${thread}-${member}`,
        member,
        memberName: member === 'ana' ? 'Ana <@here>' : member.toUpperCase(),
        isBot: false,
        text: `answer ${n}`,
      });
    const react = (ref: string, member: string, emoji: string) =>
      recordReaction(deps, {
        address: here,
        messageRef: ref,
        member,
        isBot: false,
        emoji,
        added: true,
      });

    const prompts: string[] = [];
    for (let day = 0; day < 5; day++) {
      clock.set(monday + day * DAY);
      await s.tick();
      const drop = port.of('drop').at(-1);
      const thread = drop?.threadRef as string;
      prompts.push(drop?.message?.body.split('\n')[0] ?? '');
      clock.advance(HOUR);
      await answer(thread, 'ana', day);
      if (day % 2 === 0) await answer(thread, 'ben', day);
      if (day === 1) await react(`r-${thread}-ana`, 'ben', '👍');
      if (day === 2) {
        await react(`r-${thread}-ben`, 'ana', '👍');
        await react(`r-${thread}-ben`, 'cho', '👍');
      }
      clock.set(monday + day * DAY + 8 * HOUR); // 17:00: the reveal
      await s.tick();
      const reveal = port.of('react').at(-1)?.ref as string;
      if (day === 3) for (const m of ['ana', 'ben']) await react(reveal, m, '❌');
      if (day === 1) await react(reveal, 'ana', '❌');
      if (day < 4) expect(posts()).toEqual([]); // more drops to come this week
    }
    // Friday's reveal was the week's last drop: the digest came with that tick, once.
    await s.tick();
    clock.advance(2 * HOUR);
    await s.tick();
    expect(posts()).toHaveLength(1);
    const digest = posts()[0]?.message;
    expect(digest?.title).toBe('Weekly digest · week of 2026-11-23');
    const body = digest?.body ?? '';
    expect(body).toContain('Who answered:\n- Ana <@here>: 5\n- BEN: 3');
    expect(body).toContain('Top-voted answers:\n- BEN · 2 👍 · ');
    expect(body).toMatch(/- Ana <@here> · 1 👍 · .+ https:\/\/chat\.example\/r-\S+-ana\n/);
    const missed = body.slice(body.indexOf('Most often graded ❌:'));
    expect(missed.split('\n').slice(1)).toHaveLength(2);
    expect(missed.split('\n')[1]).toMatch(/ \(2 ❌\)$/);
    // Next week, digest off: nothing.
    await setDigest(deps, await ensureChannel(deps, here), false);
    for (let day = 7; day < 12; day++) {
      clock.set(monday + day * DAY);
      await s.tick();
      clock.advance(8 * HOUR);
      await s.tick();
    }
    expect(posts()).toHaveLength(1);
    await s.stop();
  });

  it('without a reveal time, comes when the week has ended, counting the last drop’s answers', async () => {
    const world = await practiceWorld(undefined, { store });
    const { deps, clock, port } = world;
    const monday = Date.parse('2026-11-23T00:00:00Z'); // Monday 09:00 in Seoul
    clock.set(monday - HOUR);
    await scheduleCommand(world, { action: 'set', cron: '0 9 * * 1-5', timezone: 'Asia/Seoul' });
    const s = testScheduler(world);
    await s.start();
    for (let day = 0; day < 5; day++) {
      clock.set(monday + day * DAY);
      await s.tick();
      clock.advance(HOUR);
      await recordReply(deps, {
        address: here,
        threadRef: port.of('drop').at(-1)?.threadRef as string,
        messageRef: `r-${day}`,
        member: 'ana',
        memberName: 'Ana',
        isBot: false,
        text: `answer ${day}`,
      });
      await s.tick();
    }
    clock.set(monday + 6 * DAY + 14 * HOUR); // Sunday 23:00 in Seoul: the week is not over
    await s.tick();
    expect(port.of('post')).toHaveLength(0);
    clock.set(monday + 6 * DAY + 15 * HOUR); // Monday 00:00 in Seoul
    await s.tick();
    await s.tick();
    expect(port.of('post')).toHaveLength(1);
    expect(port.of('post')[0]?.message?.body).toContain('Who answered:\n- Ana: 5');
    await s.stop();
  });

  it('a review reminder is one direct message a day from 09:00, opt-in, only with something due', async () => {
    const world = await practiceWorld(undefined, { store, locale: 'ko' });
    const { deps, clock, db, t, port } = world;
    const [q] = await db.select().from(t.questions).limit(1);
    clock.set('2026-11-22T12:00:00Z'); // Sunday 21:00 in Seoul
    await gradeCard(deps, {
      platform: 'console',
      member: 'ana',
      questionId: q?.id as string,
      grade: 'missed',
      source: 'review',
    });
    const ctx = (member: string) => ({
      deps,
      address: here,
      threadRef: null,
      member: { id: member, name: member, canManage: false },
      locale: 'ko' as const,
    });
    await runCommand('review', { action: 'remind', value: 'on' }, ctx('ana'));
    await runCommand('review', { action: 'remind', value: 'on' }, ctx('ben')); // nothing due
    clock.set('2026-11-23T12:00:00Z'); // Monday 21:00: her card is due
    clock.set('2026-11-22T23:30:00Z'); // Monday 08:30 in Seoul: too early
    expect(await sendDueReminders(deps)).toBe(0);
    clock.set('2026-11-23T12:00:00Z'); // Monday 21:00
    expect(await sendDueReminders(deps)).toBe(1);
    expect(await sendDueReminders(deps)).toBe(0); // once a day
    expect(port.of('direct').map((d) => [d.member, d.message?.body])).toEqual([
      ['ana', '오늘 복습할 질문이 1개 있습니다. 스터디 채널에서 /review로 시작하세요.'],
    ]);
    await runCommand('review', { action: 'remind', value: 'off' }, ctx('ana'));
    clock.advance(DAY);
    expect(await sendDueReminders(deps)).toBe(0);
  });
});
