import { describe, expect, it } from 'vitest';
import { gradeCard } from '../src/core/cards.ts';
import { click, command, type Seen, setup } from './fakes/discord-harness.ts';
import { DAY, seen } from './fakes/review-bank.ts';

/** Issue 29: /review in a channel draws that channel's questions first, and says when not. */
const BANKS = {
  cloud: '# Cloud\n\t1. What is EC2?\n\t\tVirtual servers.\n',
  korean:
    '# 클라우드\n\t1. 가상 머신이란 무엇인가요?\n\t\t하드웨어를 소프트웨어로 나눈 컴퓨터입니다.\n',
};

describe('/review on Discord in a Korean channel', () => {
  it('offers the channel’s own due question first; another bank’s comes after, named; all takes any', async () => {
    const { fake, world } = await setup(BANKS, { locale: 'ko' });
    const questions = await world.db.select().from(world.t.questions);
    const english = questions.find((q) => q.bank === 'cloud');
    const korean = questions.find((q) => q.bank === 'korean');
    // The English card (from a mock somewhere else) is the more overdue one.
    for (const q of [english, korean]) {
      await gradeCard(world.deps, {
        platform: 'discord',
        member: '500',
        questionId: q?.id as string,
        grade: 'missed',
        source: 'mock',
      });
      world.clock.advance(DAY);
    }
    const first = await seen(fake, command(fake, 'review'));
    expect(first.content).toContain(korean?.prompt as string);
    expect(first.content).not.toContain('What is EC2?');
    const graded = (await click(
      fake,
      first.messageId as string,
      `review:grade:ok:${korean?.id}`,
    ).answer()) as Seen;
    expect(graded.content).toContain(
      '이 채널의 문제 은행에서 복습할 문제가 없어, 이 채널이 쓰지 않는 “cloud”의 문제를 보여 드립니다.',
    );
    expect(graded.content).toContain('What is EC2?');

    // `/review all`: the most overdue of every bank, with no preference for the channel's.
    await gradeCard(world.deps, {
      platform: 'discord',
      member: '500',
      questionId: korean?.id as string,
      grade: 'missed',
      source: 'review',
    });
    world.clock.advance(2 * DAY);
    const all = await seen(fake, command(fake, 'review', { action: 'all' }));
    expect(all.content).toContain('What is EC2?');
    const here = await seen(fake, command(fake, 'review'));
    expect(here.content).toContain(korean?.prompt as string);
  });
});
