// `npm start`: the compiled bot on plain node, in this one process. The build (tsc) runs first
// only when a source file is newer than the last build, so a fresh clone needs no extra step.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const stamp = join(root, 'dist', '.built');
const inputs = ['src', 'commands', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'];

function newest(path) {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let latest = 0;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

const builtAt = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
if (inputs.some((input) => newest(join(root, input)) > builtAt)) {
  const tsc = join(root, 'node_modules', '.bin', 'tsc');
  const built = spawnSync(tsc, ['-p', 'tsconfig.build.json'], {
    cwd: root,
    stdio: ['ignore', 2, 2],
  });
  if (built.status !== 0) {
    process.stderr.write('drill: the build (tsc -p tsconfig.build.json) failed; see above\n');
    process.exit(1);
  }
  writeFileSync(stamp, new Date().toISOString());
}

// `--build-only`: the test suite builds once before its processes start the bot side by side.
if (process.argv.includes('--build-only')) process.exit(0);

const { main } = await import(pathToFileURL(join(root, 'dist', 'src', 'main.js')).href);
await main();
