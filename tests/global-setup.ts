import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** `npm start` runs the build when it is stale: done once here, not by test processes racing. */
export default function setup(): void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const built = spawnSync(process.execPath, ['scripts/start.mjs', '--build-only'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (built.status !== 0) throw new Error('the build failed');
}
