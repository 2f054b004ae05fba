/**
 * The web dashboard (issue 30) in a real Chromium against the real server: sign-in through the
 * fake Discord and the fake Slack (their OAuth endpoints), the pages, the manage forms running
 * the commands, and the refusals. One browser for the file; screenshots under tests/artifacts/.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { parse } from 'csv-parse/sync';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../commands/index.ts';
import { syncContent } from '../src/bank/sync.ts';
import { startDiscord } from '../src/chat/discord/index.ts';
import { ensureChannel } from '../src/core/channels.ts';
import { manualClock } from '../src/core/clock.ts';
import type { PracticeDeps } from '../src/core/deps.ts';
import { createLogger } from '../src/core/log.ts';
import type { ChannelAddress } from '../src/core/port.ts';
import { openStore } from '../src/db/open.ts';
import type { Store } from '../src/db/store.ts';
import { storeReply } from '../src/practice/intake.ts';
import { discordProvider, slackProvider } from '../src/web/oauth.ts';
import { startWeb, type WebServer } from '../src/web/server.ts';
import { APP_ID, FakeDiscord, GUILD_ID, STAFF_ROLE } from './fakes/discord.ts';
import { RecordingPort } from './fakes/recorder.ts';
import { FakeSlack, TEAM_ID } from './fakes/slack.ts';

const ARTIFACTS = new URL('./artifacts/web/', import.meta.url).pathname;
const TTL = 86_400_000;
const DISCORD: ChannelAddress = { platform: 'discord', workspace: GUILD_ID, channel: '700' };
const OTHER: ChannelAddress = { platform: 'discord', workspace: '999', channel: '701' };
const SLACK: ChannelAddress = { platform: 'slack', workspace: TEAM_ID, channel: 'C0STUDY' };
const MANAGE_CHANNELS = String(1 << 4);
/** Members of the fake guild: 500 and 505 hold Manage Channels by a role; 505 is denied it in
 * channel 700 by an overwrite, 506 (no role) is given it there. */
const OVERWRITES = [
  { id: '505', type: 1 as const, allow: 0n, deny: 1n << 4n },
  { id: '506', type: 1 as const, allow: 1n << 4n, deny: 0n },
];

const NOTES = `# Web

## What is a closure?
A function together with the variables it **captured**: REVEALED-CLOSURE-ANSWER.

## What is event delegation?
One listener on a parent handles its children's events: SECRET-DELEGATION-ANSWER.

# Links

## Where is the MDN reference?
https://developer.mozilla.org/
`;

let dir: string;
let store: Store;
let deps: PracticeDeps;
let web: WebServer;
let browser: Browser;
let discord: FakeDiscord;
let slack: FakeSlack;
let bot: Awaited<ReturnType<typeof startDiscord>>;
const clock = manualClock('2026-12-01T00:00:00Z');
const changed: number[] = [];
let channelId: number;
let otherId: number;

const as = (address: ChannelAddress, id: string, canManage = false) => ({
  deps,
  address,
  threadRef: null,
  member: { id, name: `name-${id}`, canManage },
  locale: 'en' as const,
});

async function axe(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  const { violations } = await new AxeBuilder({ page }).analyze();
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'drill-web-'));
  mkdirSync(join(dir, 'content'));
  writeFileSync(join(dir, 'content', 'web.md'), NOTES);
  store = await openStore(join(dir, 'drill.db'));
  await syncContent(store, [join(dir, 'content')], clock.now());
  deps = {
    store,
    clock,
    random: () => 0,
    ports: { slack: new RecordingPort('slack') },
    defaults: { locale: 'en', timezone: 'UTC' },
    log: createLogger({ level: 'silent' }),
    scheduleChanged: (id) => {
      changed.push(id);
    },
  };
  discord = new FakeDiscord();
  discord.addChannel('700', 'web-study', OVERWRITES);
  discord.rolePermissions.set(STAFF_ROLE, 1n << 4n);
  for (const [id, roles] of [
    ['500', [STAFF_ROLE]],
    ['501', []],
    ['502', []],
    ['505', [STAFF_ROLE]],
    ['506', []],
  ] as const)
    discord.members.set(id, [...roles]);
  slack = new FakeSlack();
  await Promise.all([discord.start(), slack.start()]);
  // The real discord.js client: drops go to the fake, and it says who manages a channel.
  bot = await startDiscord(deps, {
    token: 'test-token',
    applicationId: APP_ID,
    guildId: GUILD_ID,
    apiUrl: discord.apiUrl,
    waitGuildTimeoutMs: 1000,
    rest: { retries: 1, timeout: 3000 },
  });
  slack.admins.add('U0ADMIN');
  // A revealed drop with a counted answer, then an open one whose answer stays hidden.
  channelId = (await ensureChannel(deps, DISCORD)).id;
  otherId = (await ensureChannel(deps, OTHER)).id;
  await ensureChannel(deps, SLACK);
  await runCommand('ask', { topic: 'Web' }, as(DISCORD, '500'));
  const [first] = await store.db.select().from(store.tables.drops);
  await storeReply(deps, {
    address: DISCORD,
    threadRef: first?.threadRef ?? '',
    messageRef: 'r1',
    member: '500',
    memberName: 'Mina <b>',
    isBot: false,
    text: 'A function and its <script>scope</script>',
  });
  clock.advance(60_000);
  await runCommand('answer', {}, as(DISCORD, '500'));
  clock.advance(60_000);
  await runCommand('ask', { topic: 'Web' }, as(DISCORD, '500'));
  await runCommand(
    'suggest',
    { section: 'Web', question: 'What is a web worker?', answer: 'A script on its own thread.' },
    as(DISCORD, '501'),
  );

  web = await startWeb(deps, {
    port: 0,
    host: '127.0.0.1',
    publicUrl: 'http://127.0.0.1:0',
    secret: 'test-secret-test-secret',
    sessionTtlMs: TTL,
    providers: [],
    apis: {
      discord: { apiUrl: discord.apiUrl },
      slack: { apiUrl: slack.apiUrl, botToken: 'xoxb-test', adminUserIds: [] },
    },
    health: async () => ({ store: true, discord: true }),
  });
  await web.stop();
  // Again on a known port, now that the redirect address can name it.
  const settings = (oauthUrl: string, apiUrl: string) => ({
    clientId: 'client-1',
    clientSecret: 'client-secret-1',
    oauthUrl,
    apiUrl,
  });
  web = await startWeb(deps, {
    port: web.port,
    host: '127.0.0.1',
    publicUrl: `http://127.0.0.1:${web.port}`,
    contentDirs: [join(dir, 'content')],
    secret: 'test-secret-test-secret',
    sessionTtlMs: TTL,
    providers: [
      discordProvider(
        settings(`${discord.apiUrl.replace(/\/api$/, '')}/oauth2/authorize`, discord.apiUrl),
      ),
      slackProvider(
        settings(slack.apiUrl.replace(/\/api\/$/, '/openid/connect/authorize'), slack.apiUrl),
      ),
    ],
    apis: {
      discord: { apiUrl: discord.apiUrl },
      slack: { apiUrl: slack.apiUrl, botToken: 'xoxb-test', adminUserIds: [] },
    },
    health: async () => ({ store: true, discord: true }),
  });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH,
    env: { ...process.env, FONTCONFIG_FILE: process.env.DRILL_FONTCONFIG ?? '' },
  });
});

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await bot?.stop();
  await discord?.stop();
  await slack?.stop();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function signInDiscord(id: string, permissions: string): Promise<Page> {
  discord.oauth.user = { id, name: `User ${id}`, guilds: [{ id: GUILD_ID, permissions }] };
  const page = await (await browser.newContext({ locale: 'en-US' })).newPage();
  await page.goto(web.url);
  await page.getByRole('link', { name: 'Sign in with Discord' }).click();
  await page.getByRole('heading', { name: 'Your channels' }).waitFor();
  return page;
}

describe('the web dashboard in a real browser', () => {
  it('signs in through the fake Discord (PKCE, state) and shows the channel, hiding the unrevealed answer', async () => {
    const page = await signInDiscord('500', MANAGE_CHANNELS);
    const verifier = discord.oauth.tokenRequests.at(-1)?.get('code_verifier');
    expect(verifier?.length).toBeGreaterThan(40);
    // The store keeps the platform's token sealed: no row holds it as issued.
    const rows = JSON.stringify(await store.db.select().from(store.tables.webSessions));
    expect(discord.oauth.issued.length).toBeGreaterThan(0);
    for (const token of discord.oauth.issued) expect(rows).not.toContain(token);
    await axe(page, 'home');
    await page.getByRole('link', { name: /#700/ }).click();
    await page.getByRole('heading', { name: 'Past drops' }).waitFor();
    const source = await page.content();
    expect(source).toContain('REVEALED-CLOSURE-ANSWER');
    // Notes Markdown is rendered for the page, not shown in chat writing.
    expect(source).toContain('<strong>captured</strong>');
    expect(source).not.toContain('**captured**');
    expect(source).toContain('What is event delegation?');
    expect(source).not.toContain('SECRET-DELEGATION-ANSWER');
    // Members' text is data: escaped, never markup.
    expect(source).toContain('&lt;script&gt;scope&lt;/script&gt;');
    expect(await page.locator('script').count()).toBe(0);
    await expect.poll(() => page.getByRole('cell', { name: 'Mina <b>' }).count()).toBe(1);
    await axe(page, 'channel');
    await page.getByRole('link', { name: 'Me', exact: true }).click();
    await page.locator('svg[role=img]').waitFor();
    // /me's chart: a bar per grade and week, a point per week (the same SVG the PNG is made from).
    expect(await page.locator('svg circle').count()).toBeGreaterThanOrEqual(8);
    await axe(page, 'me');
    await page.getByRole('link', { name: 'Bank', exact: true }).click();
    await page.getByRole('heading', { name: 'Warnings from bank check' }).waitFor();
    expect(await page.locator('li.warn').first().textContent()).toContain('web.md');
    expect(await page.content()).not.toContain('SECRET-DELEGATION-ANSWER');
    await axe(page, 'bank');
    await page.getByLabel('Search questions and answers').fill('CAPTURED');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('status').filter({ hasText: '1 question' }).waitFor();
    expect(await page.getByRole('heading', { name: 'What is a closure?' }).count()).toBe(1);
    // Another server's channel: the platform does not list it for this person.
    const other = await page.goto(`${web.url}/c/${otherId}`);
    expect(other?.status()).toBe(403);
    // Signed out, the back button asks the server again: no cached page shows the channel.
    await page.goto(`${web.url}/c/${channelId}`);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.goBack();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await page.content()).not.toContain('REVEALED-CLOSURE-ANSWER');
    await page.context().close();
  });

  it('takes a Discord manager as /settings does: the channel overwrites count', async () => {
    const manage = `${web.url}/c/${channelId}/manage`;
    // Manage Channels in the guild (what /users/@me/guilds reports), denied in this channel.
    const denied = await signInDiscord('505', MANAGE_CHANNELS);
    await denied.goto(`${web.url}/c/${channelId}`);
    await denied.getByRole('heading', { name: 'Past drops' }).waitFor();
    expect(await denied.getByRole('link', { name: 'Manage', exact: true }).count()).toBe(0);
    expect((await denied.goto(manage))?.status()).toBe(403);
    const csrf = await denied.locator('input[name=csrf]').first().inputValue();
    const crafted = await denied.request.post(`${manage}/pause`, {
      form: { csrf, action: 'pause' },
    });
    expect(crafted.status()).toBe(403);
    await denied.context().close();
    // No guild permission, given Manage Channels in this channel by an overwrite.
    const allowed = await signInDiscord('506', '0');
    await allowed.goto(`${web.url}/c/${channelId}`);
    await allowed.getByRole('link', { name: 'Manage', exact: true }).click();
    await allowed.getByRole('heading', { name: 'Suggestion queue' }).waitFor();
    await allowed.context().close();
  });

  it('lets a manager change the schedule, approve a suggestion and download the history', async () => {
    const page = await signInDiscord('500', MANAGE_CHANNELS);
    await page.goto(`${web.url}/c/${channelId}/manage`);
    await axe(page, 'manage');
    // What was typed is data in the answer: shown as written, never as markup or a mention.
    await page.getByLabel('Cron').fill('30 7 * * *');
    await page.getByLabel('Time zone').fill('**x** `y` <b>&</b> <@123> @everyone');
    await page.getByRole('button', { name: 'Save' }).first().click();
    const hostile = page.getByRole('status').filter({ hasText: 'unknown time zone' });
    await hostile.waitFor();
    expect(await hostile.textContent()).toContain('“**x** `y` <b>&</b> <@123> @everyone”');
    expect(await hostile.locator('b, strong, code').count()).toBe(0);
    // A wrong zone: the reason, and what was typed stays in the form to fix.
    await page.getByLabel('Cron').fill('30 7 * * *');
    await page.getByLabel('Time zone').fill('Asia/Seul');
    await page.getByRole('button', { name: 'Save' }).first().click();
    await page.getByRole('status').filter({ hasText: 'unknown time zone' }).waitFor();
    expect(await page.getByLabel('Cron').inputValue()).toBe('30 7 * * *');
    expect(await page.getByLabel('Time zone').inputValue()).toBe('Asia/Seul');
    await page.getByLabel('Time zone').fill('Asia/Seoul');
    await page.getByRole('button', { name: 'Save' }).first().click();
    const saved = page.getByRole('status').filter({ hasText: 'Scheduled' });
    await saved.waitFor();
    expect(changed).toContain(channelId);
    // Post, redirect, get: the answer shows once, in the page's HTML (the rule as code, not in
    // backticks); a reload sends nothing again.
    expect(new URL(page.url()).pathname).toBe(`/c/${channelId}/manage`);
    expect(await saved.innerHTML()).toContain('<code>30 7 * * *</code>');
    expect(await saved.textContent()).not.toContain('`');
    await page.reload();
    await page.getByRole('heading', { name: 'Suggestion queue' }).waitFor();
    expect(await page.getByRole('status').count()).toBe(0);
    await page.getByRole('link', { name: 'Channel', exact: true }).click();
    // 2026-12-01 00:02 UTC is 09:02 in Seoul: the next drop is tomorrow at 07:30 there.
    await expect
      .poll(() => page.locator('ul.next time').first().getAttribute('datetime'))
      .toBe('2026-12-01T22:30:00.000Z');
    await page.goto(`${web.url}/c/${channelId}/manage`);
    const sent = await page
      .locator('form[action$="/skip"]')
      .evaluate((f) => Object.fromEntries(new FormData(f as HTMLFormElement)) as never);
    await page.getByRole('button', { name: 'Skip the next drop' }).click();
    await page.getByRole('status').filter({ hasText: 'will be skipped' }).waitFor();
    // The same form again (a double click, a resend) skips no second drop.
    const again = await page.request.post(`${web.url}/c/${channelId}/manage/skip`, { form: sent });
    expect(await again.text()).toContain('will be skipped');
    await page.getByRole('link', { name: 'Channel', exact: true }).click();
    await page.locator('ul.next li').filter({ hasText: 'skipped' }).first().waitFor();
    expect(await page.locator('ul.next li').filter({ hasText: 'skipped' }).count()).toBe(1);

    await page.goto(`${web.url}/c/${channelId}/manage`);
    await page.getByRole('button', { name: /^Approve #/ }).click();
    await page.getByRole('status').waitFor();
    expect(await page.getByRole('status').textContent()).toMatch(/suggested/);
    const before = discord.messages.size;
    clock.advance(3_600_000);
    await runCommand('ask', { topic: 'Web' }, as(DISCORD, '502'));
    await runCommand('ask', { topic: 'Web' }, as(DISCORD, '503'));
    await runCommand('ask', { topic: 'Web' }, as(DISCORD, '504'));
    const asked = [...discord.messages.values()].slice(before).map((m) => JSON.stringify(m));
    expect(asked.some((m) => m.includes('What is a web worker?'))).toBe(true);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download CSV' }).click(),
    ]);
    const rows = parse(readFileSync((await download.path()) as string), {
      bom: true,
      columns: true,
    });
    expect(
      (rows as Record<string, string>[]).some((r) =>
        Object.values(r).includes('What is a closure?'),
      ),
    ).toBe(true);
    const json = await page.request.get(`${web.url}/c/${channelId}/export.json`);
    expect(JSON.stringify(await json.json())).toContain('What is a closure?');

    // Pause and resume, managers added and removed: the commands' rules, checked per request.
    const manage = `${web.url}/c/${channelId}/manage`;
    await page.goto(manage);
    await page.getByRole('button', { name: 'Pause the schedule' }).click();
    await page.getByRole('status').filter({ hasText: 'Paused.' }).waitFor();
    await page.getByRole('button', { name: 'Resume the schedule' }).click();
    await page.getByRole('status').filter({ hasText: 'Resumed.' }).waitFor();
    await page.getByLabel('Member (their id or mention)').fill('<@502>');
    await page.getByRole('button', { name: 'Add manager' }).click();
    await page.getByRole('status').filter({ hasText: '502' }).waitFor();
    const added = await signInDiscord('502', '0');
    expect((await added.goto(manage))?.status()).toBe(200);
    // Deciding suggestions is the platform's managers' (as /approve has it): no queue to click.
    await added.getByText('Only people who can manage this channel can decide').waitFor();
    await page.getByLabel('Member (their id or mention)').fill('502');
    await page.getByRole('button', { name: 'Remove manager' }).click();
    await page.getByRole('status').filter({ hasText: '502' }).waitFor();
    expect((await added.goto(manage))?.status()).toBe(403);
    await added.context().close();

    // The channel in Korean: the page speaks the channel's language.
    await page.goto(`${web.url}/c/${channelId}/manage`);
    await page.getByLabel('Setting').selectOption('language');
    await page.getByLabel('Value').fill('ko');
    await page.getByRole('button', { name: 'Save' }).nth(1).click();
    await page.getByRole('status').waitFor();
    await page.goto(`${web.url}/c/${channelId}`);
    expect(await page.locator('html').getAttribute('lang')).toBe('ko');
    await page.getByRole('heading', { name: '지난 출제' }).waitFor();
    await axe(page, 'channel-ko');
    await page.context().close();
  });

  it('refuses a non-manager, a forged or expired cookie and a form without its token', async () => {
    const page = await signInDiscord('501', '0');
    await page.goto(`${web.url}/c/${channelId}`);
    expect(await page.getByRole('link', { name: /관리|Manage/ }).count()).toBe(0);
    expect((await page.goto(`${web.url}/c/${channelId}/manage`))?.status()).toBe(403);
    const csrf = await page.locator('input[name=csrf]').first().inputValue();
    const crafted = await page.request.post(`${web.url}/c/${channelId}/manage/schedule`, {
      form: { csrf, cron: '0 0 * * *' },
    });
    expect(crafted.status()).toBe(403);
    const noToken = await page.request.post(`${web.url}/signout`, { form: {} });
    expect(noToken.status()).toBe(403);

    const context = page.context();
    const [cookie] = await context.cookies();
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    await context.clearCookies();
    await context.addCookies([
      { ...(cookie as NonNullable<typeof cookie>), value: `${cookie?.value.split('.')[0]}.forged` },
    ]);
    await page.goto(web.url);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await context.clearCookies();
    await context.addCookies([cookie as NonNullable<typeof cookie>]);
    await page.goto(web.url);
    await page.getByRole('heading', { name: 'Your channels' }).waitFor();
    clock.advance(TTL + 1);
    await page.goto(web.url);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await context.close();
  });

  it('signs in through the fake Slack (OpenID Connect) and sees that workspace only', async () => {
    slack.oauth.user = { id: 'U0ADMIN', name: 'Slack Admin', team: TEAM_ID };
    const page = await (await browser.newContext()).newPage();
    // An id_token that answers another sign-in (its nonce) signs nobody in.
    slack.oauth.forgeNonce = true;
    await page.goto(web.url);
    await page.getByRole('link', { name: 'Sign in with Slack' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'the answer was not for this sign-in' })
      .waitFor();
    slack.oauth.forgeNonce = false;
    // The reason is the page's own words: text put in the address is not shown.
    await page.goto(
      `${web.url}?failed=${encodeURIComponent('Your account is closed, see evil.example')}`,
    );
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await page.content()).not.toContain('evil.example');
    await page.goto(web.url);
    await page.getByRole('link', { name: 'Sign in with Slack' }).click();
    await page.getByRole('heading', { name: 'Your channels' }).waitFor();
    expect(await page.getByRole('link', { name: /#C0STUDY/ }).count()).toBe(1);
    expect(await page.getByRole('link', { name: /#700/ }).count()).toBe(0);
    await page.getByRole('link', { name: /#C0STUDY/ }).click();
    await page.getByRole('link', { name: 'Manage', exact: true }).click();
    await page.getByRole('heading', { name: 'Suggestion queue' }).waitFor();
    expect((await page.goto(`${web.url}/c/${channelId}`))?.status()).toBe(403);
    await page.context().close();
  });
});
