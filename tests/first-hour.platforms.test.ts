import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BOT_PERMISSIONS, CHANNEL_ID } from './fakes/discord.ts';
import { command, setup } from './fakes/discord-harness.ts';
import { httpSetup } from './fakes/slack-harness.ts';
import { consoleSession, practiceWorld, ROOT } from './helpers.ts';

/** Issue 29: a suggestion's text as the member wrote it, on Slack and in the console. */
const TINY = { tiny: '# 네트워크\n\t1. TCP란?\n\t\t연결 지향 프로토콜입니다.\n' };

describe('/drill suggest on Slack', () => {
  it('splits at the member’s | only, not at the | inside a mention, a group or a link', async () => {
    const { world, slash } = await httpSetup(TINY);
    const text =
      'Web <@U7|minji> | What does <https://example.com/dns|this page> say? | Ask <!subteam^S1|@infra> | both';
    expect((await slash('/suggest', text, 'U7')).text).toContain('Suggestion #1');
    const [row] = await world.db.select().from(world.t.suggestions);
    expect(row).toMatchObject({
      section: 'Web <@U7|minji>',
      prompt: 'What does <https://example.com/dns|this page> say?',
      answer: 'Ask <!subteam^S1|@infra> | both',
    });
  });
});

describe('bidi controls in the console', () => {
  it('leave a suggestion’s topic and prompt, and a member’s name, before Drill shows them', async () => {
    const world = await practiceWorld(TINY, { locale: 'en' });
    const out = (
      await consoleSession(world, [
        '/suggest Net\u202Ework | What is \u2066DNS\u2069? | Names to addresses',
        '/approve 1',
        '/ask Network',
        '/as \u202Eeve',
        'names',
        '/leaderboard',
      ])
    ).output();
    expect(out).toContain('Practice question · Network');
    expect(out).toContain('What is DNS?');
    expect(out).toMatch(/1\. eve ·/);
    expect(out).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    const [row] = await world.db.select().from(world.t.suggestions);
    expect(row).toMatchObject({ section: 'Network', prompt: 'What is DNS?' });
  });
});

describe('an approved suggestion in a channel that chose its banks', () => {
  it('is said to be out of reach at approval, with a button that adds “suggested”', async () => {
    const world = await practiceWorld(TINY, { locale: 'en' });
    const out = (
      await consoleSession(world, [
        '/settings banks tiny',
        '/suggest Net | What is DNS? | Names to addresses',
        '/approve 1',
        '/topics',
        '/press suggestions:draw',
        '/topics',
      ])
    ).output();
    expect(out).toContain(
      'Suggestion #1 is now in the bank “suggested”.\nThis channel draws only from tiny, so it will not ask it',
    );
    expect(out).toContain(
      '[Add “suggested” to this channel’s banks] → /settings banks tiny,suggested',
    );
    // The proposer is not told it is in this group's bank: where the banks include it.
    expect(out).toContain(
      'Your suggestion #1 “What is DNS?” was approved: it is in the bank “suggested”, and it will be asked in the channels whose banks include it (this one’s do not yet).',
    );
    expect(out).not.toContain('it is now in this group’s bank');
    const [before, after] = out.split('/settings banks tiny,suggested');
    expect(before).not.toMatch(/suggested: Net/);
    expect(after).toContain('Saved: banks');
    expect(after).toMatch(/suggested: Net/);
  });
});

describe('a Discord permission error names what the command at hand lacks', () => {
  it('/export without Attach Files says Attach Files; /ask with every permission keeps the list', async () => {
    const { fake } = await setup();
    expect(await command(fake, 'ask').answer()).toContain('Posted a question');
    fake.failNext('POST', new RegExp(`^/channels/${CHANNEL_ID}/messages$`), 403, {
      code: 50013,
      message: 'Missing Permissions',
    });
    // The bot's permissions here (the interaction's app_permissions) have no Attach Files.
    expect(await command(fake, 'export', {}, { admin: true }).answer()).toBe(
      'Could not post in this channel: the bot lacks a permission in this channel; it needs Attach Files',
    );
    const all = BOT_PERMISSIONS | (1n << 15n);
    fake.failNext('POST', new RegExp(`^/channels/${CHANNEL_ID}/messages$`), 403, {
      code: 50013,
      message: 'Missing Permissions',
    });
    const text = await command(fake, 'export', {}, { admin: true, appPermissions: all }).answer();
    expect(text).toContain('it needs View Channel, Send Messages');
  });
});

describe('slack-manifest.yaml', () => {
  it('turns on the App Home Messages tab, writable, so /drill mock in the DM takes answers', () => {
    const manifest = readFileSync(join(ROOT, 'slack-manifest.yaml'), 'utf8');
    const home = /\n {2}app_home:\n((?: {4}.*\n)+)/.exec(manifest)?.[1] ?? '';
    expect(home).toContain('messages_tab_enabled: true');
    expect(home).toContain('messages_tab_read_only_enabled: false');
  });
});
