import { existsSync, copyFileSync } from 'node:fs';
import { openSqlite } from '../src/db/sqlite.ts';
import { benchLeaderboard } from '../bench/leaderboard.ts';
// Builds once into /tmp/lb-built.db (kept), then measures on a copy.
const built = '/tmp/lb-built.db';
if (!existsSync(built)) {
  const s = openSqlite(built);
  console.log(await benchLeaderboard(s));
  s.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  await s.close();
} else {
  const { measureLeaderboard } = await import('../bench/leaderboard.ts');
  const s = openSqlite(built);
  console.log(await measureLeaderboard(s));
  await s.close();
}
