import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { runCommand } from '../commands/index.ts';
import { CONSOLE_ADDRESS, ConsolePort } from '../src/chat/console/console.ts';
import { runCli } from '../src/cli.ts';
import type { ChannelAddress } from '../src/core/port.ts';
import { CSV_COLUMNS, historyCsv, loadHistory } from '../src/history/export.ts';
import { dropQuestion } from '../src/practice/drops.ts';
import { recordReply } from '../src/practice/replies.ts';
import { revealAnswer } from '../src/practice/reveal.ts';
import { recordReaction } from '../src/practice/votes.ts';
import { CHANNEL_ID, GUILD_ID } from './fakes/discord.ts';
import { command, setup as discordSetup } from './fakes/discord-harness.ts';
import { plainReply, replyText } from './fakes/reply-text.ts';
import { CHANNEL, TEAM_ID } from './fakes/slack.ts';
import { httpSetup } from './fakes/slack-harness.ts';
import { practiceWorld, STORES, type StoreKind, tempDir, type World } from './helpers.ts';

/** Answers that break naive CSV: Korean, commas, quotes, line breaks, a formula, a bullet. */
const HARD = [
  '클로저는 "함수와 그 함수가 선언된 렉시컬 환경"의 조합입니다, 즉\n외부 변수를 기억합니다.',
  'a, b, "c"\r\nd',
  '=HYPERLINK("http://evil.example","click")',
  '- 첫째\n- 둘째',
];

const here = CONSOLE_ADDRESS;

/** Two drops in a channel: the first answered (with extras that must not count), the second not. */
async function history(world: World, address: ChannelAddress = here) {
  const { deps, clock } = world;
  const first = await dropQuestion(deps, address);
  if (first.kind !== 'posted') throw new Error('not posted');
  const thread = first.drop.threadRef as string;
  const reply = (member: string, ref: string, text: string) => {
    clock.advance(60_000);
    return recordReply(deps, {
      address,
      threadRef: thread,
      messageRef: ref,
      member,
      memberName: member === 'kim' ? '김민지' : member,
      isBot: false,
      text,
    });
  };
  await reply('kim', 'r1', HARD[0] as string);
  await reply('lee', 'r2', HARD[1] as string);
  await reply('park', 'r3', HARD[2] as string);
  await reply('choi', 'r4', HARD[3] as string);
  await reply('kim', 'r5', 'a second message: discussion, not an answer');
  const vote = (member: string, messageRef: string, emoji = '👍') =>
    recordReaction(deps, { address, messageRef, member, isBot: false, emoji, added: true });
  await vote('lee', 'r1');
  await vote('park', 'r1');
  await vote('kim', 'r2');
  const revealed = await revealAnswer(deps, address, {});
  if (revealed.kind !== 'revealed') throw new Error('not revealed');
  const revealRef = revealed.drop.revealRef as string;
  await vote('kim', revealRef, '🤔');
  await vote('kim', revealRef, '✅'); // the latest grade is the one kept
  await vote('lee', revealRef, '❌');
  await reply('jung', 'r6', 'after the reveal: not counted');
  clock.advance(86_400_000);
  const second = await dropQuestion(deps, address);
  if (second.kind !== 'posted') throw new Error('not posted');
  return { first: first.drop, second: second.drop, question: first.question };
}

describe.each(STORES)('history export on %s', (store: StoreKind) => {
  it('round-trips through a CSV parser: header, BOM, Korean, commas, quotes and line breaks', async () => {
    const world = await practiceWorld(undefined, { store });
    const { first, second, question } = await history(world);
    const bytes = historyCsv(await loadHistory(world.store));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(bytes, { bom: true, columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0] ?? {})).toEqual([...CSV_COLUMNS]);
    expect(rows.map((r) => [r.drop_id, r.member_id, r.member_name, r.answer])).toEqual([
      [String(first.id), 'kim', '김민지', HARD[0]],
      [String(first.id), 'lee', 'lee', HARD[1]],
      // A formula is kept as text for spreadsheets; a bullet list stays as written.
      [String(first.id), 'park', 'park', `'${HARD[2]}`],
      [String(first.id), 'choi', 'choi', HARD[3]],
      [String(second.id), '', '', ''],
    ]);
    expect(rows.map((r) => [r.votes, r.self_grade])).toEqual([
      ['2', 'ok'],
      ['1', 'missed'],
      ['0', ''],
      ['0', ''],
      ['', ''],
    ]);
    const row = rows[0] as Record<string, string>;
    expect(row.question).toBe(question.prompt);
    expect(row.section).toBe(question.section);
    expect(row.platform).toBe('console');
    expect(row.channel).toBe('terminal');
    expect(row.scheduled_for).toBe('');
    expect(row.posted_at).toBe(new Date(first.postedAt as number).toISOString());
    expect(row.answered_at).toBe('2026-11-23T00:01:00.000Z');
  });

  it('drill history export writes CSV or JSON for one channel since a date', async () => {
    const world = await practiceWorld(undefined, { store });
    const { first, second } = await history(world);
    await dropQuestion(world.deps, { platform: 'slack', workspace: 'T1', channel: 'C9' }).catch(
      () => {},
    );
    const env = store === 'sqlite' ? 'DATABASE_PATH' : 'DATABASE_URL';
    const before = process.env[env];
    process.env[env] = world.target;
    try {
      const out: string[] = [];
      const err: string[] = [];
      const io = { out: (t: string) => out.push(t), err: (t: string) => err.push(t) };
      const file = join(tempDir(), 'h.csv');
      expect(await runCli(['history', 'export', '--format', 'csv', '--out', file], io)).toBe(0);
      expect(err.join('\n')).toBe(`2 drop(s), 4 answer(s) written to ${file}`);
      const rows = parse(readFileSync(file), { bom: true, columns: true }) as Record<
        string,
        string
      >[];
      expect(rows).toHaveLength(5);

      const since = new Date(second.postedAt as number).toISOString().slice(0, 10);
      expect(
        await runCli(
          ['history', 'export', '--format', 'json', '--channel', 'terminal', '--since', since],
          io,
        ),
      ).toBe(0);
      const json = JSON.parse(out.join('')) as { drops: { dropId: number; answers: unknown[] }[] };
      expect(json.drops.map((d) => [d.dropId, d.answers.length])).toEqual([[second.id, 0]]);
      out.length = 0;
      expect(await runCli(['history', 'export', '--format', 'json'], io)).toBe(0);
      const all = JSON.parse(out.join('')) as {
        drops: { dropId: number; answers: { memberName: string; text: string }[] }[];
      };
      expect(all.drops.map((d) => d.dropId)).toEqual([first.id, second.id]);
      expect(all.drops[0]?.answers[0]).toMatchObject({ memberName: '김민지', text: HARD[0] });
      // A channel the database does not know is an error naming the ones it does, not empty CSV.
      out.length = 0;
      expect(await runCli(['history', 'export', '--channel', 'NOPE'], io)).toBe(1);
      expect(out).toEqual([]);
      expect(err.at(-1)).toMatch(/^no channel "NOPE" in .+; its channels: .*terminal/);
      expect(err.at(-1)).not.toContain('drill-test@'); // no password
      // SQLite's is a path, shown as it is; PostgreSQL's an address without its password.
      if (store === 'sqlite') expect(err.at(-1)).toContain(` in ${world.target}; `);
      else expect(err.at(-1)).toMatch(/ in postgres(ql)?:\/\/[^…]+; /);
      expect(await runCli(['history', 'export', '--format', 'xml'], io)).toBe(2);
      expect(await runCli(['history', 'export', '--since', '2026-02-30'], io)).toBe(2);
    } finally {
      if (before === undefined) delete process.env[env];
      else process.env[env] = before;
    }
  });

  it('/export sends the channel’s CSV to managers only', async () => {
    const world = await practiceWorld(undefined, { store, locale: 'ko' });
    const run = (canManage: boolean) =>
      runCommand(
        'export',
        {},
        {
          deps: world.deps,
          address: here,
          threadRef: null,
          member: { id: 'm', name: 'M', canManage },
          locale: 'ko',
        },
      );
    expect(replyText(await run(true))).toBe(
      '이 채널에는 아직 올라온 질문이 없어 내보낼 기록이 없습니다.',
    );
    await history(world);
    expect(replyText(await run(false))).toBe(
      '채널을 관리할 수 있는 사람만 기록을 내보낼 수 있습니다.',
    );
    expect(world.port.of('upload')).toHaveLength(0);
    expect(plainReply(await run(true))).toEqual({
      text: '기록을 CSV 파일로 보냈습니다: 질문 2개, 답변 4개.',
      ephemeral: true,
    });
    const [upload] = world.port.of('upload');
    expect(upload?.file?.name).toBe('drill-history-terminal-2026-11-24.csv');
    expect(upload?.file?.title).toBe('2026-11-24까지의 Drill 기록 (질문 2개)');
    const rows = parse(Buffer.from(upload?.file?.bytes ?? []), { bom: true, columns: true });
    expect(rows).toHaveLength(5);
  });
});

describe('file uploads on each platform', () => {
  it('the console writes the file under its folder and prints the path', async () => {
    const dir = tempDir();
    let printed = '';
    const port = new ConsolePort({ write: (t: string) => (printed += t) }, join(dir, 'exports'));
    await port.uploadFile(here, null, {
      name: '../기록.csv',
      bytes: Buffer.from('\uFEFFa,b\r\n'),
      title: 'History',
    });
    const path = join(dir, 'exports', '기록.csv');
    expect(readFileSync(path, 'utf8')).toBe('\uFEFFa,b\r\n');
    expect(printed).toBe(`History: ${path}\n`);
    // A second export of that name keeps the first.
    await port.uploadFile(here, null, {
      name: '기록.csv',
      bytes: Buffer.from('c'),
      title: 'Again',
    });
    await port.uploadFile(here, null, { name: '기록.csv', bytes: Buffer.from('d'), title: 'More' });
    expect(readFileSync(path, 'utf8')).toBe('\uFEFFa,b\r\n');
    expect(readFileSync(join(dir, 'exports', '기록-2.csv'), 'utf8')).toBe('c');
    expect(readFileSync(join(dir, 'exports', '기록-3.csv'), 'utf8')).toBe('d');
    expect(printed).toContain(`More: ${join(dir, 'exports', '기록-3.csv')}`);
  });

  it('Discord: /export posts the CSV as a multipart attachment', async () => {
    const { fake, world } = await discordSetup();
    const address = { platform: 'discord' as const, workspace: GUILD_ID, channel: CHANNEL_ID };
    await history(world, address);
    const denied = command(fake, 'export', {}, { admin: false });
    expect(await denied.answer()).toBe(
      'Only people who can manage this channel can export its history.',
    );
    const run = command(fake, 'export', {}, { admin: true });
    expect(await run.answer()).toBe('Sent the history as a CSV file: 2 questions, 4 answers.');
    const posts = fake.requests.filter(
      (r) => r.method === 'POST' && r.path === `/channels/${CHANNEL_ID}/messages` && r.files,
    );
    expect(posts).toHaveLength(1);
    const [post] = posts;
    expect(post?.body).toMatchObject({
      content: 'Drill history up to 2026-11-24 (2 questions)',
      allowed_mentions: { parse: [] },
    });
    expect(post?.files?.map((f) => f.name)).toEqual([`drill-history-${CHANNEL_ID}-2026-11-24.csv`]);
    const rows = parse(post?.files?.[0]?.bytes ?? '', { bom: true, columns: true }) as Record<
      string,
      string
    >[];
    expect(rows.map((r) => r.answer)).toEqual([HARD[0], HARD[1], `'${HARD[2]}`, HARD[3], '']);
  });

  it('Slack: /export shares the CSV through files.uploadV2’s three calls', async () => {
    const { fake, world, slash } = await httpSetup();
    fake.admins.add('U1');
    const address = { platform: 'slack' as const, workspace: TEAM_ID, channel: CHANNEL };
    await history(world, address);
    expect((await slash('/export', '', 'U2')).text).toBe(
      'Only people who can manage this channel can export its history.',
    );
    expect((await slash('/export', '', 'U1')).text).toBe(
      'Sent the history as a CSV file: 2 questions, 4 answers.',
    );
    expect(fake.callsOf('files.getUploadURLExternal').map((c) => c.args.filename)).toEqual([
      `drill-history-${CHANNEL}-2026-11-24.csv`,
    ]);
    const [shared] = fake.sharedFiles();
    expect(shared).toMatchObject({
      channel: CHANNEL,
      title: 'Drill history up to 2026-11-24 (2 questions)',
      filename: `drill-history-${CHANNEL}-2026-11-24.csv`,
    });
    expect(shared?.thread).toBeUndefined();
    const rows = parse(shared?.bytes ?? '', { bom: true, columns: true }) as Record<
      string,
      string
    >[];
    expect(rows.map((r) => r.member_name)).toEqual(['김민지', 'lee', 'park', 'choi', '']);
  });
});
