import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { syncContent } from '../src/bank/sync.ts';
import { CONSOLE_ADDRESS } from '../src/chat/console/console.ts';
import { ensureChannel } from '../src/core/channels.ts';
import { createSession, sign } from '../src/core/web-sessions.ts';
import { openSqlite } from '../src/db/sqlite.ts';
import { startWeb } from '../src/web/server.ts';
import { headlessDeps } from '../tests/fakes/deps.ts';
import { FakeDiscord } from '../tests/fakes/discord.ts';
import { rssOf, settled, startBot } from './fanout.ts';
import { type Figure, percentile, round } from './figures.ts';
import { fillReplies } from './leaderboard.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RUNS = 50;
const DAY = 86_400_000;
const SECRET = 'bench-web-secret';

/**
 * The dashboard's channel and me pages in a channel with 1,000,000 counted replies (1,000
 * members, 1,000 drops), over HTTP from the real server; and `npm start` with the dashboard on,
 * idle.
 */
export async function benchWeb(dir: string): Promise<Figure[]> {
  const store = openSqlite(join(dir, 'web.db'));
  const now = Date.now();
  const deps = headlessDeps(store, { clock: { now: () => now } });
  await syncContent(store, [join(ROOT, 'content')], now);
  const [question] = store.sqlite.prepare('select id from questions limit 1').all() as {
    id: string;
  }[];
  const channel = await ensureChannel(deps, CONSOLE_ADDRESS);
  const built = performance.now();
  fillReplies(store, channel.id, now, question?.id ?? null);
  store.sqlite.exec('analyze');
  // The fill's own writes go into the database file here, as part of building it, not during
  // the timed pages (the checkpoint timer would copy the fill's last 16 MB a second later).
  store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  const buildS = (performance.now() - built) / 1000;
  const web = await startWeb(deps, {
    port: 0,
    host: '127.0.0.1',
    publicUrl: 'http://127.0.0.1',
    secret: SECRET,
    sessionTtlMs: DAY,
    providers: [],
    apis: { consoleOwner: 'u7' },
    consoleMember: { id: 'u7', name: 'member 7' },
    health: async () => ({ store: true }),
  });
  const figures: Figure[] = [];
  try {
    const session = await createSession(
      store,
      SECRET,
      {
        platform: 'console',
        member: 'u7',
        name: 'member 7',
        workspace: 'local',
        token: '',
        locale: 'en',
      },
      now,
      DAY,
    );
    const cookie = `drill_session=${sign(SECRET, session.id)}`;
    const timed = async (path: string, shows: string) => {
      const times: number[] = [];
      let failed: string | undefined;
      for (let i = 0; i < RUNS + 5; i++) {
        const t = performance.now();
        const res = await fetch(`${web.url}/c/${channel.id}${path}`, { headers: { cookie } });
        const text = await res.text();
        if (i >= 5) times.push(performance.now() - t);
        if (res.status !== 200 || !text.includes(shows))
          failed = `GET ${path || '/'} answered ${res.status} without ${shows}`;
      }
      return { times, failed };
    };
    const channelPage = await timed('', 'member 0');
    const mePage = await timed('/me', '<svg');
    const p99 = Math.max(percentile(channelPage.times, 99), percentile(mePage.times, 99));
    figures.push({
      name: 'web_page_p99_ms',
      value: round(p99),
      unit: 'ms',
      target: 50,
      note: `the worse of the channel page (p50 ${round(percentile(channelPage.times, 50))}, p99 ${round(percentile(channelPage.times, 99))} ms) and the me page (p50 ${round(percentile(mePage.times, 50))}, p99 ${round(percentile(mePage.times, 99))} ms) over HTTP; 1,000,000 counted replies (loaded in ${round(buildS, 1)} s), ${RUNS} runs each`,
      failed: channelPage.failed ?? mePage.failed,
    });
  } finally {
    await web.stop();
    await store.close();
  }

  spawnSync(process.execPath, ['scripts/start.mjs', '--build-only'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  const fake = new FakeDiscord();
  await fake.start();
  const { bot, stop } = await startBot(fake, join(dir, 'web-idle.db'), undefined, {
    WEB_PORT: '0',
    WEB_HOST: '127.0.0.1',
  });
  try {
    await settled(bot);
    figures.push({
      name: 'web_idle_rss_mb',
      value: round(rssOf(bot) / 1024 / 1024, 1),
      unit: 'MB',
      target: 110,
      note: 'npm start connected to the fake Discord with the dashboard on (WEB_PORT), idle: the bot node process',
    });
  } finally {
    await stop();
    await fake.stop();
  }
  return figures;
}
