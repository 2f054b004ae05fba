// After `npm install` / `npm ci` (package.json's postinstall): where better-sqlite3 was compiled
// from source (no prebuilt binary could be downloaded), the compiler's intermediate files stay in
// its folder, about 15 MB next to the 2 MB addon that is loaded. They go, and only once the addon
// is seen to open a database: `npm rebuild better-sqlite3` makes them again. In a production
// install (`--omit=dev`, NODE_ENV=production, or `--production` for `npm prune --omit=dev`)
// SQLite's C source goes too (deps/ and src/, about 10 MB): nothing compiles there, and a
// production install is made again by installing, not rebuilt in place.
// `node scripts/postinstall.mjs [--production] [project folder]`.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const root = args.find((a) => !a.startsWith('--')) ?? fileURLToPath(new URL('..', import.meta.url));
const production =
  args.includes('--production') ||
  (process.env.npm_config_omit ?? '').split(/[\s,]+/).includes('dev') ||
  process.env.NODE_ENV === 'production';

let pkg;
try {
  pkg = dirname(createRequire(join(root, 'package.json')).resolve('better-sqlite3/package.json'));
} catch {
  process.exit(0); // not installed: nothing to tidy
}
const release = join(pkg, 'build', 'Release');
if (!existsSync(join(release, 'better_sqlite3.node'))) process.exit(0); // a prebuilt layout

// The addon must work before anything it was made from goes; a child process, so a crash in a
// broken addon cannot take this script with it.
const check = spawnSync(
  process.execPath,
  [
    '-e',
    "const D = require(process.argv[1]); const db = new D(':memory:'); db.prepare('select 1').get(); db.close();",
    pkg,
  ],
  { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' },
);
if (check.status !== 0) {
  process.stderr.write(`drill postinstall: better-sqlite3 does not load; its build files stay\n`);
  process.exit(0);
}

const gone = [
  join(release, 'obj'),
  join(release, 'obj.target'),
  join(release, '.deps'),
  join(release, 'sqlite3.a'),
  join(release, 'test_extension.node'),
];
if (production) gone.push(join(pkg, 'deps'), join(pkg, 'src'));
for (const path of gone) rmSync(path, { recursive: true, force: true });
