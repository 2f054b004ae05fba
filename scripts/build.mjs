// `npm run build`: tsc compiles src/ and commands/ to dist/ (tsconfig.build.json), then esbuild
// bundles dist/src/main.js (the bot) and dist/src/cli.js (the `drill` command line) into a few
// files in dist/bundle/, which `npm start` and `npm run drill` run. One file per part instead of
// some 900 modules: start-up skips resolving and linking each, and the process holds less.
import { spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Loaded from node_modules when used, never bundled: native addons, libraries that find their own
 * files on disk (pino's transports), resvg (loaded at the first chart only), and the
 * optional native helpers discord.js and ws try to load.
 */
const EXTERNAL = [
  'better-sqlite3',
  'pino',
  'pino-pretty',
  '@resvg/resvg-js',
  'pg-native',
  'zlib-sync',
  'bufferutil',
  'utf-8-validate',
  'erlpack',
];

/** The folder of the package that holds a resolved file, with its name and version. */
function packageOf(file) {
  let dir = dirname(file);
  for (;;) {
    try {
      const { name, version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      if (name && version) return { dir, key: `${name}@${version}` };
    } catch {}
    const up = dirname(dir);
    if (up === dir) return null;
    dir = up;
  }
}

/**
 * npm nests a copy of a package under each dependent when another version holds the top level
 * (discord.js and @discordjs/rest each get their own undici 6 because Slack's undici 7 is
 * hoisted). The same name at the same version is bundled once.
 */
const dedupe = {
  name: 'dedupe',
  setup(build) {
    const first = new Map();
    build.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.pluginData?.dedupe) return undefined;
      const found = await build.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        importer: args.importer,
        pluginData: { dedupe: true },
      });
      if (found.errors.length > 0 || found.external || !found.path.includes('node_modules')) {
        return found.errors.length > 0 ? undefined : found;
      }
      const pkg = packageOf(found.path);
      if (!pkg) return found;
      const kept = first.get(pkg.key);
      if (kept === undefined) first.set(pkg.key, pkg.dir);
      else if (kept !== pkg.dir) return { ...found, path: kept + found.path.slice(pkg.dir.length) };
      return found;
    });
  },
};

const escapeNonAscii = (text) =>
  text.replace(/(\\*)([\u0080-\uffff])/g, (_, slashes, c) => {
    // `\한` (an escaped character) is the character itself: its backslash goes with it.
    const kept = slashes.length % 2 === 1 ? slashes.slice(1) : slashes;
    return `${kept}\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });

/**
 * V8 keeps a module's source for as long as the module lives, two bytes a character when one
 * character is outside Latin-1. esbuild writes strings and names in ASCII but leaves regular
 * expressions (the Korean patterns) and comments as they are: there a non-ASCII character is
 * written as a \u escape, which means the same. Template text is left alone (a tagged
 * template's raw text would change); a file acorn cannot read is left whole.
 */
function asciiOnly(text, acorn) {
  if (!/[\u0080-\uffff]/.test(text)) return text;
  const templates = [];
  try {
    acorn.parse(text, {
      ecmaVersion: 'latest',
      sourceType: 'module',
      onToken: (token) => {
        if (token.type.label === 'template' || token.type.label === 'invalidTemplate')
          templates.push([token.start, token.end]);
      },
    });
  } catch {
    return text;
  }
  let out = '';
  let at = 0;
  for (const [start, end] of templates) {
    out += escapeNonAscii(text.slice(at, start)) + text.slice(start, end);
    at = end;
  }
  return out + escapeNonAscii(text.slice(at));
}

const bundles = join(root, 'dist', 'bundle');
const current = join(bundles, 'current');

/**
 * Each build goes to a folder of its own, named in `dist/bundle/current` (replaced in one
 * rename): a process starting meanwhile reads a whole build, and one still running an older
 * build keeps the parts it loads later (charts), until two newer builds have come.
 */
export async function bundle() {
  const [{ build }, acorn] = await Promise.all([import('esbuild'), import('acorn')]);
  const id = `${Date.now().toString(36)}-${process.pid}`;
  const out = join(bundles, id);
  const result = await build({
    absWorkingDir: root,
    entryPoints: ['dist/src/main.js', 'dist/src/cli.js'],
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outdir: out,
    outExtension: { '.js': '.mjs' },
    // Whitespace and syntax only: names stay as written, so stack traces in logs stay readable.
    minifyWhitespace: true,
    minifySyntax: true,
    keepNames: true,
    charset: 'ascii',
    external: EXTERNAL,
    plugins: [dedupe],
    // CommonJS libraries inside an ES module bundle still call require().
    banner: {
      js: "import { createRequire as __drillRequire } from 'node:module'; const require = __drillRequire(import.meta.url);",
    },
    write: false,
    logLevel: 'warning',
  });
  mkdirSync(out, { recursive: true });
  for (const file of result.outputFiles) writeFileSync(file.path, asciiOnly(file.text, acorn));
  writeFileSync(`${current}.${id}`, id);
  renameSync(`${current}.${id}`, current);
  const entries = readdirSync(bundles, { withFileTypes: true });
  // Files of a build made before builds had folders of their own.
  for (const e of entries) if (e.isFile() && e.name.endsWith('.mjs')) rmSync(join(bundles, e.name));
  const older = entries
    .filter((e) => e.isDirectory() && e.name !== id)
    .map((e) => e.name)
    .sort()
    .slice(0, -2);
  for (const name of older) rmSync(join(bundles, name), { recursive: true, force: true });
}

const stamp = join(root, 'dist', '.built');
/** What the build is made from: a change to any of them makes it stale. */
const inputs = [
  'src',
  'commands',
  'scripts/build.mjs',
  'tsconfig.json',
  'tsconfig.build.json',
  'package-lock.json',
];

/**
 * tsc, then the bundle, then the stamp the sources are compared with, dated when the build
 * began (a file saved during the build makes the next start build again); false when tsc
 * failed (it has said why on stderr).
 */
export async function buildAll() {
  const began = new Date();
  const tsc = join(root, 'node_modules', '.bin', 'tsc');
  const built = spawnSync(tsc, ['-p', 'tsconfig.build.json'], {
    cwd: root,
    stdio: ['ignore', 2, 2],
  });
  if (built.status !== 0) return false;
  await bundle();
  writeFileSync(stamp, began.toISOString());
  utimesSync(stamp, began, began);
  return true;
}

function newest(path) {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let latest = 0;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

function stale() {
  if (!existsSync(stamp) || !existsSync(current)) return true;
  const builtAt = statSync(stamp).mtimeMs;
  return inputs.some((input) => newest(join(root, input)) > builtAt);
}

const lock = join(root, 'dist', '.building');
/** A lock whose process cannot be asked (another machine's, on a shared disk) lasts this long. */
const LOCK_STALE_MS = 5 * 60_000;

/** Whether the lock was left by a build that is no longer running (stopped with Ctrl-C). */
function abandoned() {
  try {
    const pid = Number(readFileSync(lock, 'utf8'));
    if (Date.now() - statSync(lock).mtimeMs > LOCK_STALE_MS) return true;
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return err.code === 'ESRCH';
  }
}

/** One build at a time, among processes started together: the others wait for it. */
async function underLock(work) {
  mkdirSync(dirname(lock), { recursive: true });
  for (;;) {
    try {
      const fd = openSync(lock, 'wx');
      writeFileSync(fd, String(process.pid));
      closeSync(fd);
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      if (abandoned()) rmSync(lock, { force: true });
      else await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lock, { force: true });
  }
}

function failed() {
  process.stderr.write('drill: the build (tsc -p tsconfig.build.json) failed; see above\n');
  process.exit(1);
}

/**
 * Builds when a source is newer than the last build, so a fresh clone needs no extra step (and
 * waits for a build another process started); exits the process with 1 when the build fails.
 */
export async function ensureBuilt() {
  if (!stale()) return;
  // A first start (or one after an update) spends a minute or so here: say so before it.
  process.stderr.write(
    'drill: building (first start, or sources changed); this takes a minute or two…\n',
  );
  const ok = await underLock(async () => !stale() || (await buildAll()));
  if (!ok) failed();
}

/** A built entry point (`main`, `cli`) of the current build, as a URL to import. */
export const entry = (name) =>
  pathToFileURL(join(bundles, readFileSync(current, 'utf8').trim(), `${name}.mjs`)).href;

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (!(await underLock(buildAll))) failed();
}
