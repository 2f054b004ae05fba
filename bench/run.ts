import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openPostgres } from '../src/db/postgres.ts';
import { openSqlite } from '../src/db/sqlite.ts';
import { startPostgres } from '../tests/fakes/postgres.ts';
import { benchBank } from './bank.ts';
import { benchCoach } from './coach.ts';
import { benchFanout } from './fanout.ts';
import type { Figure } from './figures.ts';
import { benchLeaderboard } from './leaderboard.ts';
import { benchPractice } from './practice.ts';
import { benchPgReplies, benchReplies } from './replies.ts';
import { benchMeChart, benchReview } from './review.ts';
import { benchScheduler } from './scheduler.ts';
import { benchSlack } from './slack.ts';
import { benchWeb } from './web.ts';

const dir = mkdtempSync(join(tmpdir(), 'drill-bench-'));
const started = performance.now();
const figures: Figure[] = [];
/**
 * `npm run bench -- review slack` runs only those groups (`chart`: /me's chart alone, also part of
 * `review`); no names runs them all.
 */
const only = process.argv.slice(2);
const wanted = (group: string) => only.length === 0 || only.includes(group);
/** A fresh database on the bench's own PostgreSQL server. */
async function pgStore(adminUrl: string, name: string) {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return openPostgres(url.toString());
}

const server = await startPostgres();
try {
  if (wanted('bank')) figures.push(...(await benchBank(dir)));
  if (wanted('practice')) {
    const practice = openSqlite(join(dir, 'practice.db'));
    figures.push(...(await benchPractice(dir, practice)));
    await practice.close();
    const pgPractice = await pgStore(server.url, 'bench_practice');
    figures.push(...(await benchPractice(dir, pgPractice, 'pg_')));
    await pgPractice.close();
  }
  if (wanted('scheduler')) figures.push(...(await benchScheduler(dir)));
  if (wanted('replies')) {
    const replies = openSqlite(join(dir, 'replies.db'));
    figures.push(...(await benchReplies(replies)));
    await replies.close();
    const pgReplies = await pgStore(server.url, 'bench_replies');
    figures.push(...(await benchPgReplies(pgReplies)));
    await pgReplies.close();
    const rate = (name: string) => figures.find((f) => f.name === name)?.value ?? 0;
    // A ratio of figures whose own work went wrong is no figure either.
    const broken = ['replies_per_s', 'pg_replies_per_s'].filter(
      (name) => figures.find((f) => f.name === name)?.failed,
    );
    figures.push({
      ...(broken.length > 0 ? { failed: `${broken.join(' and ')} failed` } : {}),
      name: 'pg_replies_ratio',
      value: Math.round((rate('pg_replies_per_s') / rate('replies_per_s')) * 100) / 100,
      unit: 'ratio',
      target: 0.5,
      higherIsBetter: true,
      note: 'PostgreSQL replies/s over SQLite replies/s, same run',
    });
  }
  if (wanted('leaderboard')) {
    const board = openSqlite(join(dir, 'leaderboard.db'));
    figures.push(...(await benchLeaderboard(board)));
    await board.close();
  }
  if (wanted('review') || wanted('chart')) figures.push(...(await benchMeChart()));
  if (wanted('review')) {
    const review = openSqlite(join(dir, 'review.db'));
    figures.push(...(await benchReview(review)));
    await review.close();
  }
  if (wanted('coach')) figures.push(...(await benchCoach()));
  if (wanted('fanout')) figures.push(...(await benchFanout(dir)));
  if (wanted('slack')) figures.push(...(await benchSlack(dir)));
  if (wanted('web')) figures.push(...(await benchWeb(dir)));
} finally {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}

const ok = (f: Figure) => (f.higherIsBetter ? f.value >= f.target : f.value <= f.target);
/** ok or short against the target; failed when the figure's own work went wrong. */
const verdict = (f: Figure) =>
  f.failed ? 'FAILED' : f.missing ? 'missing' : ok(f) ? 'ok' : 'short';
const rows = figures.map((f) => [
  f.name,
  f.missing ? '-' : String(f.value),
  f.unit,
  `${f.higherIsBetter ? '>=' : '<='} ${f.target}`,
  verdict(f),
  f.failed ? `${f.failed}${f.note ? `; ${f.note}` : ''}` : (f.missing ?? f.note ?? ''),
]);
const head = ['figure', 'value', 'unit', 'target', 'result', 'note'];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
const line = (cells: string[]) =>
  cells
    .map((c, i) => c.padEnd(widths[i] ?? 0))
    .join('  ')
    .trimEnd();
console.log(line(head));
console.log(line(widths.map((w) => '-'.repeat(w))));
for (const r of rows) console.log(line(r));
console.log(
  `\n${figures.length} figures in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);

// A partial run keeps the other groups' last figures in results.json.
const resultsUrl = new URL('./results.json', import.meta.url);
const kept: Figure[] =
  only.length > 0 && existsSync(resultsUrl)
    ? (JSON.parse(readFileSync(resultsUrl, 'utf8')) as { figures: Figure[] }).figures.filter(
        (f) => !figures.some((n) => n.name === f.name),
      )
    : [];
writeFileSync(
  resultsUrl,
  `${JSON.stringify(
    {
      figures: [...kept, ...figures].map(({ name, value, unit, target, failed, missing }) => ({
        name,
        value: missing ? null : value,
        unit,
        target,
        ...(failed ? { failed } : {}),
        ...(missing ? { missing } : {}),
      })),
    },
    null,
    2,
  )}\n`,
);

const failures = figures.filter((f) => f.failed);
if (failures.length > 0) {
  console.error(`\n${failures.length} figure(s) FAILED: ${failures.map((f) => f.name).join(', ')}`);
  process.exitCode = 1;
}
