// `npm start`: the compiled bot on plain node, in this one process. The build (scripts/build.mjs:
// tsc, then the bundle) runs first only when a source is newer than the last build, so a fresh
// clone needs no extra step.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const stamp = join(root, 'dist', '.built');
const inputs = [
  'src',
  'commands',
  'scripts/build.mjs',
  'tsconfig.json',
  'tsconfig.build.json',
  'package-lock.json',
];

function newest(path) {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let latest = 0;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

const builtAt = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
if (inputs.some((input) => newest(join(root, input)) > builtAt)) {
  const { buildAll } = await import('./build.mjs');
  if (!(await buildAll())) {
    process.stderr.write('drill: the build (tsc -p tsconfig.build.json) failed; see above\n');
    process.exit(1);
  }
}

// `--build-only`: the test suite builds once before its processes start the bot side by side.
if (process.argv.includes('--build-only')) process.exit(0);

const { main } = await import(pathToFileURL(join(root, 'dist', 'bundle', 'main.mjs')).href);
await main();
