import { describe, expect, it } from 'vitest';
import { runCommand } from '../commands/index.ts';
import type { CommandContext } from '../commands/types.ts';
import { CONSOLE_ADDRESS } from '../src/chat/console/console.ts';
import { listBanks, textLanguage } from '../src/core/banks.ts';
import { ensureChannel } from '../src/core/channels.ts';
import type { ChannelAddress } from '../src/core/port.ts';
import { leaderboard } from '../src/core/standings.ts';
import { recordReply } from '../src/practice/replies.ts';
import { replyText } from './fakes/reply-text.ts';
import { practiceWorld, STORES, type StoreKind, testScheduler, type World } from './helpers.ts';

const EN =
  '# Networking\n\t1. What does TCP promise?\n\t\tOrdered, reliable delivery.\n\t2. What is a 409?\n\t\tA conflict with the current state.\n';
const KO =
  '# 네트워크\n\t1. TCP는 무엇을 보장하나요?\n\t\t순서와 신뢰성 있는 전달을 보장합니다.\n\t2. 409 응답은 언제 쓰나요?\n\t\t현재 상태와 충돌할 때 씁니다.\n';
const BANKS = { english: EN, korean: KO };

const other: ChannelAddress = { ...CONSOLE_ADDRESS, channel: 'other' };

function as(
  world: World,
  id: string,
  canManage: boolean,
  address: ChannelAddress = CONSOLE_ADDRESS,
  threadRef: string | null = null,
): CommandContext {
  return {
    deps: world.deps,
    address,
    threadRef,
    member: { id, name: id.toUpperCase(), canManage },
    locale: 'en',
  };
}

/** Runs a command as that member, in the channel's language as the adapters do. */
async function run(
  world: World,
  line: string,
  who: { id: string; admin?: boolean; address?: ChannelAddress },
) {
  const [name = '', ...rest] = line.slice(1).split(' ');
  const address = who.address ?? CONSOLE_ADDRESS;
  const { channelLocale } = await import('../src/core/channels.ts');
  const locale = channelLocale(await ensureChannel(world.deps, address));
  const { findCommand, parseTextOptions } = await import('../commands/index.ts');
  const command = findCommand(name);
  const ctx = { ...as(world, who.id, who.admin ?? false, address), locale };
  return replyText(
    await runCommand(name, command ? parseTextOptions(command, rest.join(' ')) : {}, ctx),
  );
}

const dropped = (world: World) => world.port.of('drop').map((r) => r.message?.body ?? '');

describe('bank language', () => {
  it('reads Korean notes full of English terms as Korean, and English notes as English', () => {
    expect(
      textLanguage('REST API란 무엇인가요? HTTP 메서드(GET, POST, PUT, DELETE)로 자원을 다룹니다.'),
    ).toBe('ko');
    expect(textLanguage('When would you return 409 instead of 400? 예: a conflict')).toBe('en');
    expect(textLanguage('')).toBe('en');
  });
});

describe.each(STORES)('on %s', (store: StoreKind) => {
  describe('/settings per channel', () => {
    it('digest and nudge are the managers’; nudge-me is each member’s own', async () => {
      const world = await practiceWorld(BANKS, { store });
      const row = () => ensureChannel(world.deps, CONSOLE_ADDRESS);
      expect(await run(world, '/settings digest off', { id: 'ben' })).toMatch(
        /^Only this channel’s managers/,
      );
      expect(await run(world, '/settings digest off', { id: 'ana', admin: true })).toBe(
        'Saved: digest off.',
      );
      expect((await row()).digest).toBe(false);
      expect(await run(world, '/settings digest maybe', { id: 'ana', admin: true })).toBe(
        'Not changed. Usage: /settings digest on|off',
      );
      // No reveal is scheduled yet, so the reminder says what else it needs.
      expect(await run(world, '/settings nudge 2h', { id: 'ana', admin: true })).toBe(
        'Members who answered lately but not yet today are reminded 2 h before each reveal.\nReminders come before a scheduled reveal: set one with /schedule set … reveal:+8h for them to be sent.',
      );
      expect((await row()).nudgeHours).toBe(2);
      expect(await run(world, '/settings nudge 99', { id: 'ana', admin: true })).toBe(
        '“99” is out of range: use 1 to 72 hours, or off.',
      );
      expect((await row()).nudgeHours).toBe(2);
      expect(await run(world, '/settings nudge-me off', { id: 'ben' })).toBe(
        'You will not be named in reminders in this workspace.',
      );
      expect(await run(world, '/settings', { id: 'ben' })).toContain('- nudge-me: off');
      expect(await run(world, '/settings', { id: 'ana' })).toContain('- nudge-me: on');
      expect(await run(world, '/settings nudge off', { id: 'ana', admin: true })).toBe(
        'No more reminders before reveals.',
      );
      expect((await row()).nudgeHours).toBe(null);
    });

    it('a new channel gets DEFAULT_LOCALE and its banks; managers change them, anyone looks', async () => {
      const world = await practiceWorld(BANKS, { store, locale: 'ko' });
      expect((await listBanks(world.deps)).map((b) => [b.name, b.language])).toEqual([
        ['english', 'en'],
        ['korean', 'ko'],
      ]);
      const shown = await run(world, '/settings', { id: 'ana' });
      expect(shown.split('\n')).toEqual([
        '이 채널의 설정:',
        '- language: ko',
        '- banks: korean (따로 정하기 전까지는 ko로 쓰인 질문 은행)',
        '- answers: open',
        '- reveal: anyone',
        '- managers: 이 플랫폼의 채널 관리 권한이 있는 사람',
        '- digest: on',
        '- nudge: off',
        '- nudge-me: on',
        '- coach: on',
        '- coach-model: 이 호스트에 언어 모델 없음',
        '관리자는 /settings <항목> <값>으로 바꿀 수 있습니다. 예: /settings language ko, /settings managers add @이름. nudge-me는 누구나 자기 것을 바꿀 수 있습니다.',
      ]);
      // A Korean channel gets only Korean questions, from /ask and the schedule alike.
      for (let i = 0; i < 4; i++) await run(world, '/ask', { id: 'ana' });
      expect(dropped(world).every((b) => /[가-힣]/.test(b))).toBe(true);

      // Anyone may look; only managers change.
      expect(await run(world, '/settings language en', { id: 'ana' })).toBe(
        '이 채널의 관리자만 설정을 바꿀 수 있습니다. 관리자가 누구인지는 /settings로 볼 수 있습니다.',
      );
      expect(await run(world, '/settings language en', { id: 'boss', admin: true })).toBe(
        'Saved: language en.',
      );
      // The language switches the catalogue and, banks unset, the banks.
      expect(await run(world, '/answer', { id: 'ana' })).toBe('The model answer is above.');
      await run(world, '/ask', { id: 'ana' });
      expect(dropped(world).at(-1)).toMatch(/TCP promise|409/);
      expect(world.port.of('drop').at(-1)?.message?.title).toMatch(/^Practice question · /);

      expect(await run(world, '/settings banks nope', { id: 'boss', admin: true })).toBe(
        'Not changed: there is no bank “nope”. Banks: english, korean, suggested',
      );
      expect(await run(world, '/settings banks KOREAN', { id: 'boss', admin: true })).toBe(
        'Saved: banks korean.',
      );
      await run(world, '/ask', { id: 'ana' });
      expect(dropped(world).at(-1)).toMatch(/[가-힣]/);
      expect(await run(world, '/settings banks all', { id: 'boss', admin: true })).toBe(
        'Saved: banks all.',
      );
      expect(await run(world, '/settings banks', { id: 'ana' })).toBe(
        'banks: all banks\nUsage: /settings banks <name>[,<name>…]|all',
      );
      expect(await run(world, '/settings answers hidden', { id: 'boss', admin: true })).toBe(
        'Saved: answers hidden.',
      );
      expect(await run(world, '/settings answers maybe', { id: 'boss', admin: true })).toBe(
        'Not changed. Usage: /settings answers open|hidden',
      );

      // Another channel keeps its own settings.
      expect(await run(world, '/settings', { id: 'ana', address: other })).toContain(
        '- language: ko',
      );
      const row = await ensureChannel(world.deps, CONSOLE_ADDRESS);
      expect([row.locale, row.banks, row.answers, row.revealBy]).toEqual([
        'en',
        '["*"]',
        'hidden',
        'anyone',
      ]);
    });

    it('managers add and remove members, stored per channel', async () => {
      const world = await practiceWorld(BANKS, { store });
      expect(await run(world, '/settings reveal managers', { id: 'console:bob' })).toMatch(
        /^Only this channel’s managers/,
      );
      expect(await run(world, '/settings managers add bob', { id: 'boss', admin: true })).toBe(
        'bob is now a manager of this channel.',
      );
      expect(await run(world, '/settings managers add @bob', { id: 'boss', admin: true })).toBe(
        'bob already is a manager of this channel.',
      );
      expect(await run(world, '/settings reveal managers', { id: 'console:bob' })).toBe(
        'Saved: reveal managers.',
      );
      expect(await run(world, '/settings', { id: 'ana' })).toContain(
        '- managers: the channel’s admins on this platform, and bob',
      );
      // Not a manager in the other channel, nor of its schedule there.
      expect(
        await run(world, '/settings language ko', { id: 'console:bob', address: other }),
      ).toMatch(/^Only this channel’s managers/);
      expect(
        await run(world, '/schedule set cron:"0 9 * * 1-5"', { id: 'console:bob', address: other }),
      ).toBe('Only people who can manage this channel can change its schedule.');
      expect(await run(world, '/schedule set cron:"0 9 * * 1-5"', { id: 'console:bob' })).toMatch(
        /^Scheduled: /,
      );
      expect(await run(world, '/settings managers remove bob', { id: 'console:bob' })).toBe(
        'bob is no longer a manager of this channel.',
      );
      expect(await run(world, '/settings managers remove bob', { id: 'boss', admin: true })).toBe(
        'bob was not added as a manager here (the platform’s own admins always are).',
      );
      expect(await run(world, '/settings reveal anyone', { id: 'console:bob' })).toMatch(
        /^Only this channel’s managers/,
      );
      expect(await run(world, '/settings managers add', { id: 'boss', admin: true })).toBe(
        'Not changed. Usage: /settings managers add|remove <member>',
      );
    });
  });

  describe('reveals always come', () => {
    it('a new /ask reveals the open one first, in its own thread', async () => {
      const world = await practiceWorld(BANKS, { store });
      await run(world, '/ask', { id: 'ana' });
      await run(world, '/ask', { id: 'ana' });
      const [first, second] = world.port.of('drop');
      const kinds = world.port.records.map((r) =>
        r.kind === 'drop' ? `drop ${r.threadRef}` : `${r.kind} ${r.threadRef ?? ''}`,
      );
      // The reveal (and its three self-check reactions) comes between the two drops.
      expect(kinds.slice(0, 3)).toEqual([
        `drop ${first?.threadRef}`,
        `thread ${first?.threadRef}`,
        'react ',
      ]);
      expect(kinds.at(-1)).toBe(`drop ${second?.threadRef}`);
      expect(world.port.of('thread')[0]?.message?.title).toBe('Model answer · What is a 409?');
      // The console's /answer reveals the latest unrevealed one.
      expect(await run(world, '/answer', { id: 'ana' })).toBe('The model answer is above.');
      expect(world.port.of('thread').at(-1)?.threadRef).toBe(second?.threadRef);
    });

    it('with reveal managers, others get a clear refusal; managers reveal', async () => {
      const world = await practiceWorld(BANKS, { store });
      await run(world, '/settings reveal managers', { id: 'boss', admin: true });
      await run(world, '/ask', { id: 'ana' });
      expect(await run(world, '/answer', { id: 'ana' })).toBe(
        'In this channel only managers reveal answers. The model answer comes at its reveal time, or just before the next question.',
      );
      expect(await run(world, '/ask', { id: 'ana' })).toBe(
        'The last question is still open, and in this channel only managers reveal answers: a manager’s /answer closes it, then /ask posts the next.',
      );
      expect(world.port.of('thread')).toHaveLength(0);
      expect(world.port.of('drop')).toHaveLength(1);
      await run(world, '/settings language ko', { id: 'boss', admin: true });
      expect(await run(world, '/answer', { id: 'ana' })).toBe(
        '이 채널에서는 관리자만 답안을 공개할 수 있습니다. 모범 답안은 공개 시각에, 또는 다음 질문 직전에 올라옵니다.',
      );
      expect(await run(world, '/answer', { id: 'boss', admin: true })).toBe(
        '모범 답안은 위에 있습니다.',
      );
      expect(await run(world, '/ask', { id: 'ana' })).toMatch(/주제의 질문을 올렸습니다/);
    });

    it('a weekday schedule without reveal: reveals just before the next drop; streaks span the weekend', async () => {
      const world = await practiceWorld(BANKS, { store });
      const { deps, clock, port } = world;
      clock.set('2026-11-18T00:00:00Z'); // Wed 09:00 KST
      expect(
        await run(world, '/schedule set cron:"0 9 * * 1-5" timezone:Asia/Seoul', {
          id: 'boss',
          admin: true,
        }),
      ).toMatch(/^Scheduled: /);
      const s = testScheduler(world);
      await s.start();
      // Thu, Fri, (Sat, Sun: no drops), Mon, Tue at 09:00 KST = 00:00 UTC.
      const days = [
        '2026-11-19',
        '2026-11-20',
        '2026-11-21',
        '2026-11-22',
        '2026-11-23',
        '2026-11-24',
      ];
      const answer = async (member: string, n: number) => {
        const drop = port.of('drop').at(-1);
        await recordReply(deps, {
          address: CONSOLE_ADDRESS,
          threadRef: drop?.threadRef as string,
          messageRef: `${member}-${n}`,
          member,
          memberName: member,
          isBot: false,
          text: 'my answer',
        });
      };
      for (const [n, day] of days.entries()) {
        clock.set(`${day}T00:00:00Z`);
        await s.tick();
        clock.advance(3_600_000);
        await s.tick();
        await answer('ana', n); // every drop
        if (day !== '2026-11-23') await answer('ben', n); // not Monday's
      }
      await s.stop();
      const drops = port.of('drop');
      expect(drops).toHaveLength(4); // no weekend drops
      // Each drop but the last was revealed in its thread, before the next drop was posted.
      for (const [i, drop] of drops.slice(0, -1).entries()) {
        const revealAt = port.records.findIndex(
          (r) => r.kind === 'thread' && r.threadRef === drop.threadRef,
        );
        expect(revealAt).toBeGreaterThan(port.records.indexOf(drop));
        expect(revealAt).toBeLessThan(port.records.indexOf(drops[i + 1] as (typeof drops)[0]));
      }
      expect(port.of('thread').some((r) => r.threadRef === drops.at(-1)?.threadRef)).toBe(false);
      // Weekend messages went to Friday's thread, still open: discussion, not a second answer.
      const board = await leaderboard(deps, CONSOLE_ADDRESS, 'all');
      expect(board.map((r) => [r.member, r.replies, r.streak])).toEqual([
        ['ana', 4, 4],
        ['ben', 3, 1],
      ]);
    });
  });
});
