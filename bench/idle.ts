import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Figure, round } from './figures.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * The bot as `npm start` runs it (compiled, plain node) with no tokens: both adapters' modules loaded (main imports
 * them) and the console channel waiting on its input. RSS read from /proc after it settles.
 */
export async function benchIdle(dir: string): Promise<Figure[]> {
  const child = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      DRILL_ENV_FILE: '',
      DATABASE_PATH: join(dir, 'idle.db'),
      LOG_LEVEL: 'warn',
    },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the bot did not start')), 30_000);
      child.stdout.once('data', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    await new Promise((r) => setTimeout(r, 2000));
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
    return [
      {
        name: 'idle_rss_mb',
        value: round(kb / 1024),
        unit: 'MB',
        target: 100,
        note: 'console channel, both adapters loaded, compiled, plain node (as npm start runs it)',
      },
    ];
  } finally {
    child.stdin.end();
    child.kill('SIGTERM');
  }
}
