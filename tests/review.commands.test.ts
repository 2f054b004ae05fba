import { and, count, eq, isNotNull } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { runButton, runCommand, runForm } from '../commands/index.ts';
import { CHART_FILE } from '../commands/me.ts';
import { answerOnScreen } from '../commands/mock.ts';
import { learnerOf } from '../commands/review.ts';
import type { CommandContext, CommandReply } from '../commands/types.ts';
import { weeksPng, weeksSvg } from '../src/charts/weeks.ts';
import { CONSOLE_ADDRESS } from '../src/chat/console/console.ts';
import { DISCORD } from '../src/chat/discord/render.ts';
import { type Renderer, renderReply } from '../src/chat/render.ts';
import { SLACK } from '../src/chat/slack/render.ts';
import { gradeCard } from '../src/core/cards.ts';
import { dropQuestion } from '../src/practice/drops.ts';
import { recordReply } from '../src/practice/replies.ts';
import { revealAnswer } from '../src/practice/reveal.ts';
import { recordReaction } from '../src/practice/votes.ts';
import { progressOf } from '../src/review/progress.ts';
import { replyText } from './fakes/reply-text.ts';
import { practiceWorld, STORES, type StoreKind, type World } from './helpers.ts';
import { decodePng } from './png.ts';

const here = CONSOLE_ADDRESS;
const DAY = 86_400_000;

function ctxOf(world: World, member = 'ana', locale: 'en' | 'ko' = 'en'): CommandContext {
  return {
    deps: world.deps,
    address: here,
    threadRef: null,
    member: { id: member, name: member.toUpperCase(), canManage: false },
    locale,
  };
}

const run = async (world: World, line: string, member = 'ana', locale: 'en' | 'ko' = 'en') => {
  const [name = '', ...rest] = line.split(' ');
  const { parseTextOptions, findCommand } = await import('../commands/index.ts');
  const command = findCommand(name);
  return replyText(
    await runCommand(
      name,
      command ? parseTextOptions(command, rest.join(' ')) : {},
      ctxOf(world, member, locale),
    ),
  );
};

/** A drop answered by `members`, revealed; returns the reveal's message ref. */
async function revealedDrop(world: World, members: string[], topic?: string) {
  const posted = await dropQuestion(world.deps, here, topic ? { topic } : {});
  if (posted.kind !== 'posted') throw new Error('not posted');
  const thread = posted.drop.threadRef as string;
  for (const member of members)
    await recordReply(world.deps, {
      address: here,
      threadRef: thread,
      messageRef: `r-${posted.drop.id}-${member}`,
      member,
      memberName: member.toUpperCase(),
      isBot: false,
      text: `${member}의 답변`,
    });
  await revealAnswer(world.deps, here, { threadRef: thread });
  const reveal = world.port.of('thread').at(-1)?.ref as string;
  // The reveal's first message is the one with the reactions.
  const first = world.port.of('react').at(-1)?.ref ?? reveal;
  return { posted, thread, reveal: first };
}

describe.each(STORES)('/review, /grade, /mock, /me on %s', (store: StoreKind) => {
  it('/review: a missed question comes back tomorrow, answer, show, grade, then nothing due', async () => {
    const world = await practiceWorld(undefined, { store });
    const { deps, clock, db, t } = world;
    expect(await run(world, 'review')).toContain('Your review queue is empty');
    const { posted, reveal } = await revealedDrop(world, ['ana']);
    await recordReaction(deps, {
      address: here,
      messageRef: reveal,
      member: 'ana',
      isBot: false,
      emoji: '❌',
      added: true,
    });
    const tomorrow = new Intl.DateTimeFormat('en', {
      dateStyle: 'medium',
      timeZone: 'Asia/Seoul',
    }).format(clock.now() + DAY);
    expect(await run(world, 'review')).toBe(`Nothing due for review. Next on ${tomorrow}.`);
    const koDate = new Intl.DateTimeFormat('ko', {
      dateStyle: 'medium',
      timeZone: 'Asia/Seoul',
    }).format(clock.now() + DAY);
    expect(await run(world, 'review', 'ana', 'ko')).toBe(
      `지금 복습할 질문이 없습니다. 다음 복습은 ${koDate}입니다.`,
    );

    clock.advance(DAY);
    const shown = await run(world, 'review');
    expect(shown).toContain(`── Review · ${posted.question.section} · 1 due ──`);
    expect(shown).toContain(posted.question.prompt);
    // A line now is her private answer, not a reply in the drop's thread.
    const saved = await answerOnScreen(ctxOf(world), '내 복습 답변');
    expect(replyText(saved)).toContain('Your answer is saved');
    const privately = await db.select().from(t.privateAnswers);
    expect(privately.map((a) => [a.member, a.questionId, a.source, a.text])).toEqual([
      ['ana', posted.question.id, 'review', '내 복습 답변'],
    ]);
    expect(await db.select().from(t.replies)).toHaveLength(1);
    const model = await run(world, 'review show');
    expect(model).toContain('── Model answer ──');
    expect(model).toContain('/grade ok · partly · missed');
    // Once shown, a line is no longer taken as the review's answer.
    expect(await answerOnScreen(ctxOf(world), 'late')).toBeNull();
    const graded = await run(world, 'grade ok');
    expect(graded).toMatch(
      /^Graded ✅ got it\. This question comes back on .+\.\n\nNothing due for review\. Next on .+\.$/,
    );
    const [card] = await db.select().from(t.reviewCards);
    expect(card?.reps).toBe(2);
    expect(card?.due).toBeGreaterThan(clock.now() + DAY);
    expect((await db.select().from(t.reviewLog)).map((l) => [l.source, l.rating])).toEqual([
      ['reveal', 1],
      ['review', 3],
    ]);
    // Nothing on screen now: /grade falls back to the latest reveal, as ✅ on it would.
    expect(await run(world, 'review show')).toContain('No review question is on your screen');
    expect(await run(world, 'grade partly', 'ben')).toMatch(
      /^Self-check saved for “.+”: 🤔 partly\.$/,
    );
    expect(
      await db
        .select()
        .from(t.votes)
        .where(and(eq(t.votes.voter, 'ben'), eq(t.votes.emoji, '🤔'))),
    ).toHaveLength(1);
    expect((await db.select().from(t.reviewCards)).map((c) => c.member).sort()).toEqual([
      'ana',
      'ben',
    ]);
    expect(await run(world, 'review remind on')).toContain('Reminders on');
    expect(await run(world, 'review remind')).toBe('Usage: /review remind on|off');
    expect((await db.select().from(t.reviewReminders))[0]).toMatchObject({
      member: 'ana',
      enabled: true,
    });
    expect(await run(world, 'review remind off')).toBe('Reminders off.');
    expect((await db.select().from(t.reviewReminders))[0]?.enabled).toBe(false);
  });

  it('a /review left open gives way to a newer drop; a mock taken off screen by /review goes on', async () => {
    const world = await practiceWorld(undefined, { store });
    const { deps, clock, db, t } = world;
    const { reveal } = await revealedDrop(world, ['ana']);
    await recordReaction(deps, {
      address: here,
      messageRef: reveal,
      member: 'ana',
      isBot: false,
      emoji: '❌',
      added: true,
    });
    clock.advance(2 * DAY);
    expect(await run(world, 'review')).toMatch(/^── Review · /);
    // A question posted since: a plain line answers it, /grade grades its reveal.
    clock.advance(60_000);
    const posted = await dropQuestion(deps, here);
    if (posted.kind !== 'posted') throw new Error('not posted');
    expect(await answerOnScreen(ctxOf(world), 'my public answer')).toBeNull();
    clock.advance(60_000);
    await revealAnswer(deps, here, { threadRef: posted.drop.threadRef as string });
    expect(await run(world, 'grade missed')).toMatch(/^Self-check saved for “.+”: ❌ missed\.$/);
    const logs = await db.select().from(t.reviewLog).orderBy(t.reviewLog.id);
    expect(logs.map((l) => [l.source, l.dropId])).toEqual([
      ['reveal', logs[0]?.dropId],
      ['reveal', posted.drop.id],
    ]);

    // A mock, then /review takes the screen: the mock's form (or its private place) still answers.
    clock.advance(60_000);
    await run(world, 'mock');
    const [mock] = await db.select().from(t.mocks);
    if (!mock) throw new Error('no mock');
    clock.advance(3 * DAY);
    await run(world, 'review');
    const step = await runForm(`mock:answer:${mock.id}.0`, { answer: 'still mine' }, ctxOf(world));
    expect(replyText(step)).not.toBe(
      'This button no longer does anything here; use the command instead.',
    );
    const stored = await db.select().from(t.privateAnswers);
    expect(stored.map((a) => [a.source, a.mockId, a.text])).toEqual([
      ['mock', mock.id, 'still mine'],
    ]);
    // In the console (no form, no private place): a /review graded to its end, then a plain line
    // goes on with the mock.
    await run(world, 'review');
    let graded = '';
    for (let i = 0; i < 5 && !graded.includes('Nothing due'); i++)
      graded = await run(world, 'grade ok');
    expect(graded).toContain('Nothing due for review');
    expect(await answerOnScreen(ctxOf(world), 'and on')).not.toBeNull();
    const after = await db.select().from(t.privateAnswers).orderBy(t.privateAnswers.id);
    expect(after.map((a) => [a.source, a.text])).toEqual([
      ['mock', 'still mine'],
      ['mock', 'and on'],
    ]);
  });

  it('/mock with long model answers: each shown whole, page by page, labelled, under 2,000 characters', async () => {
    const long = (word: string, n = 300) => Array.from({ length: n }, () => word).join(' ');
    const followUps = Array.from({ length: 9 }, (_, i) => [
      `\t\t1-${i + 1} ${long(`why${i}`, 40)}?`,
      `\t\t\t${long(`because${i}`)}`,
    ]).flat();
    const notes = [
      '# Systems',
      `\t1. How does a database index work, ${long('really', 40)}?`,
      `\t\t${long('btree', 700)}`,
      '',
      ...followUps,
      '',
    ].join('\n');
    const world = await practiceWorld({ long: notes }, { store });
    await run(world, 'mock Systems 1');
    let last: Awaited<ReturnType<typeof answerOnScreen>> = null;
    for (let i = 0; i < 10; i++) {
      world.clock.advance(2 * 60_000); // each answer late: the late notice comes too
      last = await answerOnScreen(ctxOf(world), long('mine'));
    }
    const first = last ? replyText(last) : '';
    expect(first).toContain('How does a database index work');
    expect(first).toContain('Your answer: mine mine');
    expect(first).not.toContain('why8'); // the follow-ups come one by one, as they are graded
    expect(first.length).toBeLessThanOrEqual(2000);
    // The rest, page by page: the member's own answer whole, then the model answer, labelled,
    // every word of both, none cut.
    const bodies = [/──\n([\s\S]*?)\n\n/.exec(first)?.[1] ?? ''];
    let more = last?.buttons?.find((b) => b.id.startsWith('mock:more:'));
    while (more) {
      const page = await runButton(more.id, ctxOf(world));
      expect(replyText(page).length).toBeLessThanOrEqual(2000);
      expect(replyText(page)).toContain('continued');
      bodies.push(/──\n([\s\S]*?)(\n\n|$)/.exec(replyText(page))?.[1] ?? '');
      more = page.buttons?.find((b) => b.id.startsWith('mock:more:'));
    }
    expect(bodies.length).toBeGreaterThan(2);
    const shown = bodies.join(' ').replace(/\s+/g, ' ');
    expect(shown).toBe(`Your answer: ${long('mine')} Model answer: ${long('btree', 700)}`);
    // Someone else's click shows them nothing.
    const button = last?.buttons?.find((b) => b.id.startsWith('mock:more:'))?.id ?? '';
    expect(replyText(await runButton(button, ctxOf(world, 'ben')))).not.toContain('btree');
    // Graded, the next question's model answer comes, labelled, with its own rest.
    const second = await run(world, 'grade ok');
    expect(second).toContain('why0');
    expect(second).toContain('Your answer: mine mine');
    expect(second).toContain('The model answer goes on: Show the rest.');
    expect(second.length).toBeLessThanOrEqual(2000);
  });

  it('/mock pages fit a message once Discord or Slack escapes them: nothing cut between pages', async () => {
    // Words every port escapes: Discord backslashes `*`, `_`, backticks; Slack writes `&amp;`.
    const word = 'a_b*c`&<d>';
    const long = (n: number) => Array.from({ length: n }, () => word).join(' ');
    const world = await practiceWorld(
      { hostile: `# Systems\n\t1. Pointers?\n\t\t${long(400)}\n` },
      { store },
    );
    await run(world, 'mock Systems 1');
    const shown = (reply: CommandReply, r: Renderer, max: number) => {
      const text = renderReply(reply.blocks, r);
      expect(text.length).toBeLessThanOrEqual(max);
      return text;
    };
    let page = (await answerOnScreen(ctxOf(world), 'mine')) as CommandReply;
    const bodies: string[] = [];
    for (let i = 0; i < 20 && page; i++) {
      shown(page, DISCORD, 2000);
      shown(page, SLACK, 3000);
      bodies.push(/──\n([\s\S]*?)(\n\n|$)/.exec(replyText(page))?.[1] ?? '');
      const more = page.buttons?.find((b) => b.id.startsWith('mock:more:'));
      if (!more) break;
      page = await runButton(more.id, ctxOf(world));
    }
    expect(bodies.length).toBeGreaterThan(2);
    expect(bodies.join(' ').replace(/\s+/g, ' ')).toBe(
      `Your answer: mine Model answer: ${long(400)}`,
    );
  });

  it('/mock on the seed: 1. then its 1-1, 1-2, 1-3; model answers; grades feed the schedule', async () => {
    const world = await practiceWorld(undefined, { store, locale: 'ko' });
    const { db, t, clock } = world;
    // A topic with spaces, its last word the minutes; then too many minutes.
    expect(await run(world, 'mock 자기소개에서 파생 99', 'ana', 'ko')).toBe(
      '사용법: /mock [주제] [시간]\n시간: 60 이하로 쓰세요 (“99”)',
    );
    const first = await run(world, 'mock 자기소개에서 파생 5', 'ana', 'ko');
    const [mock] = await db.select().from(t.mocks);
    if (!mock) throw new Error('no mock');
    const questions = await Promise.all(
      mock.questions.map(
        async (id) => (await db.select().from(t.questions).where(eq(t.questions.id, id)))[0],
      ),
    );
    expect(questions.map((q) => q?.number)).toEqual(['1', '1-1', '1-2', '1-3']);
    expect(questions.slice(1).every((q) => q?.parent === questions[0]?.id)).toBe(true);
    expect(first).toContain('── 모의 면접 · 질문 1/4 · 자기소개에서 파생되어 나올 수 있는 질문 ──');
    expect(first).toContain(questions[0]?.prompt as string);
    expect(first).toContain('이 답변의 제한 시간은 5분입니다.');

    const answer = (text: string) => answerOnScreen({ ...ctxOf(world, 'ana', 'ko') }, text);
    const second = await answer('AWS EC2를 써 봤습니다');
    expect(replyText(second)).toContain('── 모의 면접 · 꼬리 질문 2/4');
    expect(replyText(second)).toContain(questions[1]?.prompt as string);
    clock.advance(6 * 60_000); // over the 5 minutes
    const third = await answer('IaaS, PaaS, SaaS');
    expect(replyText(third)).toContain('제한 시간이 지난 뒤 답변했지만 저장했습니다.');
    expect(replyText(third)).toContain(questions[2]?.prompt as string);
    await answer('네, 써 봤습니다');
    const end = replyText(await answer('도커도 씁니다'));
    expect(end).toContain('모범 답안 · 하나씩 채점하세요');
    expect(end).toContain(`모범 답안:\n${questions[0]?.answer?.split('\n')[0]}`);
    expect(end).toContain('내 답변: AWS EC2를 써 봤습니다');
    expect(end).toContain(`질문 1/4 채점: ${questions[0]?.prompt}`);
    expect((await db.select().from(t.privateAnswers)).map((a) => a.text)).toEqual([
      'AWS EC2를 써 봤습니다',
      'IaaS, PaaS, SaaS',
      '네, 써 봤습니다',
      '도커도 씁니다',
    ]);
    expect(await db.select().from(t.replies)).toEqual([]); // private: in no thread
    // After the model answers a line is not an answer any more; grades go one by one.
    expect(await answer('more')).toBeNull();
    expect(await run(world, 'grade ok', 'ana', 'ko')).toContain('질문 2/4 채점');
    await run(world, 'grade missed', 'ana', 'ko');
    await run(world, 'grade partly', 'ana', 'ko');
    expect(await run(world, 'grade missed', 'ana', 'ko')).toContain(
      '모의 면접 끝: ✅ 1개 · 🤔 1개 · ❌ 2개.',
    );
    const cards = await db.select().from(t.reviewCards);
    expect(cards).toHaveLength(4);
    expect((await db.select().from(t.reviewLog)).every((l) => l.source === 'mock')).toBe(true);
    expect((await db.select().from(t.mocks))[0]?.finishedAt).toBe(clock.now());
    // The two misses are due tomorrow.
    clock.advance(DAY);
    expect(await run(world, 'review', 'ana', 'ko')).toContain('2개 남음');
    expect(await run(world, 'mock 없는주제', 'ana', 'ko')).toContain('“없는주제”');
  });

  it('/me: answers, votes, streak, sections weakest first, due this week; numbers match the database', async () => {
    const world = await practiceWorld(undefined, { store });
    const { deps, clock, db, t } = world;
    clock.set('2026-11-23T01:00:00Z'); // Monday 10:00 in Seoul
    const day1 = await revealedDrop(world, ['ana', 'ben']);
    await recordReaction(deps, {
      address: here,
      messageRef: `r-${day1.posted.drop.id}-ana`,
      member: 'ben',
      isBot: false,
      emoji: '👍',
      added: true,
    });
    await recordReaction(deps, {
      address: here,
      messageRef: day1.reveal,
      member: 'ana',
      isBot: false,
      emoji: '❌',
      added: true,
    });
    // A second message of hers in that thread is discussion, not a counted answer.
    await recordReply(deps, {
      address: here,
      threadRef: day1.thread,
      messageRef: 'ana-discussion',
      member: 'ana',
      memberName: 'ANA',
      isBot: false,
      text: 'also…',
    });
    clock.advance(DAY);
    const day2 = await revealedDrop(world, ['ana']);
    await recordReaction(deps, {
      address: here,
      messageRef: day2.reveal,
      member: 'ana',
      isBot: false,
      emoji: '✅',
      added: true,
    });
    const text = await run(world, 'me');

    // The same numbers, straight from the tables.
    const [answers] = await db
      .select({ n: count() })
      .from(t.replies)
      .where(and(eq(t.replies.member, 'ana'), eq(t.replies.counted, true)));
    const [votes] = await db
      .select({ n: count() })
      .from(t.votes)
      .innerJoin(t.replies, eq(t.replies.id, t.votes.replyId))
      .where(and(eq(t.replies.member, 'ana'), isNotNull(t.votes.replyId)));
    const weekEnd = Date.parse('2026-11-29T15:00:00Z'); // Monday 00:00 in Seoul, next week
    const due = (
      await db.select().from(t.reviewCards).where(eq(t.reviewCards.member, 'ana'))
    ).filter((c) => c.due < weekEnd);
    expect(answers?.n).toBe(2);
    expect(votes?.n).toBe(1);
    expect(due).toHaveLength(2); // ❌ comes back tomorrow, a first ✅ in three days: both this week
    expect(text).toContain(
      `Answers: ${answers?.n} · 👍 received: ${votes?.n} · streak: 2 in a row`,
    );
    expect(text).toContain(`Reviews due this week: ${due.length}`);
    const sectionOf = async (id: string | null) =>
      (
        await db
          .select()
          .from(t.questions)
          .where(eq(t.questions.id, id as string))
      )[0]?.section;
    const missedSection = await sectionOf(day1.posted.question.id);
    const okSection = await sectionOf(day2.posted.question.id);
    const lines = text.split('\n');
    const missedAt = lines.findIndex((l) => l.startsWith(`- ${missedSection}: 1 ❌`));
    expect(missedAt).toBeGreaterThan(lines.indexOf('Grades by section, weakest first:'));
    if (okSection !== missedSection) {
      expect(
        lines.findIndex((l) => l.startsWith(`- ${okSection}: 0 ❌ · 0 🤔 · 1 ✅`)),
      ).toBeGreaterThan(missedAt);
    }
    expect(text).toContain('- 2026-11-23: 2 answers · 1 ✅ 0 🤔 1 ❌');
    expect(lines.filter((l) => /^- \d{4}-\d\d-\d\d: /.test(l))).toHaveLength(8);
    // Ben: one answer, no grades.
    const ben = await run(world, 'me', 'ben');
    expect(ben).toContain('Answers: 1 · 👍 received: 0');
    expect(ben).toContain('No grades yet');
  });

  it('/me chart: the weeks drawn are the database’s weekly counts; a valid PNG, the same for the same data', async () => {
    const world = await practiceWorld(undefined, { store });
    const { deps, clock, db, t } = world;
    const grade = async (drop: { reveal: string }, member: string, emoji: string) =>
      recordReaction(deps, {
        address: here,
        messageRef: drop.reveal,
        member,
        isBot: false,
        emoji,
        added: true,
      });
    clock.set('2026-09-28T01:00:00Z'); // Monday 10:00 in Seoul, a week before the chart's eight
    await grade(await revealedDrop(world, ['ana']), 'ana', '✅');
    clock.set('2026-10-05T01:00:00Z'); // the chart's first week
    await grade(await revealedDrop(world, ['ana', 'ben']), 'ana', '❌');
    clock.set('2026-10-21T14:00:00Z'); // Wednesday 23:00 in Seoul
    const later = await revealedDrop(world, ['ana']);
    await grade(later, 'ana', '✅');
    await gradeCard(deps, {
      platform: 'console',
      member: 'ana',
      questionId: later.posted.question.id,
      grade: 'partly',
      source: 'review',
    });
    clock.set('2026-11-23T01:00:00Z'); // this week: an answer, and Ben's grade only
    await grade(await revealedDrop(world, ['ana', 'ben']), 'ben', '✅');

    // The weeks straight from the tables, each time put in its Monday in Seoul (UTC+9).
    const mondayOf = (at: number) => {
      const local = new Date(at + 9 * 3_600_000);
      return new Date(local.getTime() - ((local.getUTCDay() + 6) % 7) * DAY)
        .toISOString()
        .slice(0, 10);
    };
    const expected = new Map<
      string,
      { answers: number; ok: number; partly: number; missed: number }
    >();
    const week = (at: number) => {
      const key = mondayOf(at);
      if (!expected.has(key)) expected.set(key, { answers: 0, ok: 0, partly: 0, missed: 0 });
      return expected.get(key) as { answers: number; ok: number; partly: number; missed: number };
    };
    for (const r of await db
      .select()
      .from(t.replies)
      .where(and(eq(t.replies.member, 'ana'), eq(t.replies.counted, true))))
      week(r.createdAt).answers++;
    for (const l of await db
      .select({ at: t.reviewLog.reviewedAt, rating: t.reviewLog.rating })
      .from(t.reviewLog)
      .innerJoin(t.reviewCards, eq(t.reviewCards.id, t.reviewLog.cardId))
      .where(eq(t.reviewCards.member, 'ana')))
      week(l.at)[(['missed', 'partly', 'ok'] as const)[l.rating - 1] ?? 'ok']++;
    expect(expected.get('2026-09-28')).toEqual({ answers: 1, ok: 1, partly: 0, missed: 0 });
    expect(expected.get('2026-10-19')).toEqual({ answers: 1, ok: 1, partly: 1, missed: 0 });

    const ctx = ctxOf(world);
    const reply = await runCommand('me', {}, ctx);
    expect(reply.ephemeral).toBe(true);
    const [file] = reply.files ?? [];
    expect(file?.name).toBe(CHART_FILE);
    expect(file?.title).toBe('Answers and grades, week by week');
    const { width, height } = decodePng(file?.bytes as Uint8Array);
    expect(width).toBeGreaterThan(height);

    // What the chart draws: the member's eight weeks, from the same figures /me had.
    const labels = {
      title: 'Answers and grades, week by week',
      answers: 'answers',
      ok: 'got it',
      partly: 'partly',
      missed: 'missed',
    };
    const { weeks } = await progressOf(deps, here, learnerOf(ctx));
    const svg = await weeksSvg(weeks, labels);
    const drawn = new Map<string, Record<string, number>>();
    for (const m of svg.matchAll(/aria-label="week: (\d\d\/\d\d); n: (\d+); kind: ([a-z ]+)/g)) {
      const kind = { answers: 'answers', 'got it': 'ok', partly: 'partly', missed: 'missed' }[
        m[3] as string
      ] as string;
      drawn.set(m[1] as string, { ...drawn.get(m[1] as string), [kind]: Number(m[2]) });
    }
    const mondays = Array.from({ length: 8 }, (_, i) =>
      new Date(Date.parse('2026-10-05T00:00:00Z') + i * 7 * DAY).toISOString().slice(0, 10),
    );
    expect([...drawn.keys()]).toEqual(mondays.map((d) => d.slice(5).replace('-', '/')));
    for (const monday of mondays)
      expect(drawn.get(monday.slice(5).replace('-', '/'))).toEqual(
        expected.get(monday) ?? { answers: 0, ok: 0, partly: 0, missed: 0 },
      );
    expect(drawn.get('11/23')).toEqual({ answers: 1, ok: 0, partly: 0, missed: 0 });
    // The picture sent is that chart: rendering is deterministic.
    expect(Buffer.from(await weeksPng(weeks, labels)).equals(Buffer.from(file?.bytes ?? []))).toBe(
      true,
    );

    // Nothing in the last weeks: the numbers alone, no picture.
    expect((await runCommand('me', {}, ctxOf(world, 'cat'))).files).toBeUndefined();
  });
});
