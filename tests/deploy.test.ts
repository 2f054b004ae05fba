import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/core/config.ts';
import { ROOT } from './helpers.ts';

describe('README sections named by the set-up files', () => {
  it('exist: compose.yaml and .env.example point to headings the README has', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const headings = [...readme.matchAll(/^#+ (.+)$/gm)].map((m) => m[1]?.trim());
    for (const file of [join('deploy', 'compose.yaml'), '.env.example']) {
      const text = readFileSync(join(ROOT, file), 'utf8');
      const named = [...text.matchAll(/README[,:] "?([^"\n)]+)/g)].map((m) => m[1]?.trim());
      expect(named.length, file).toBeGreaterThan(0);
      for (const section of named) expect(headings, `${file}: ${section}`).toContain(section);
    }
  });
});

describe('deploy/compose.yaml', () => {
  const compose = readFileSync(join(ROOT, 'deploy', 'compose.yaml'), 'utf8');
  /** Compose's own `${VAR}` substitution, written so it is not read as a template. */
  const fromEnv = (name: string) => `$${'{'}${name}}`;

  it('runs PostgreSQL and two Drill processes on it, shards 0 and 1 of 2', () => {
    expect(compose).toMatch(/^ {2}db:\n {4}image: postgres:18$/m);
    const processes = [...compose.matchAll(/^ {2}(drill-\d):\n((?: {4}.*\n)+)/gm)];
    expect(processes.map((m) => m[1])).toEqual(['drill-0', 'drill-1']);
    processes.forEach((m, shard) => {
      const env = Object.fromEntries(
        [...(m[2] as string).matchAll(/^ {6}(\w+): "?([^"\n]+)"?$/gm)].map((e) => [e[1], e[2]]),
      );
      // What each process would run with, through the same validation as `npm start`.
      const config = loadConfig({ ...env, DATABASE_URL: 'postgres://drill:x@db:5432/drill' });
      expect(env.DATABASE_URL).toBe(
        `postgres://drill:${fromEnv('POSTGRES_PASSWORD')}@db:5432/drill`,
      );
      expect([config.DISCORD_SHARDS, config.DISCORD_SHARD_COUNT]).toEqual([[shard], '2']);
    });
  });

  it('keeps secrets out of the file: the password and tokens come from .env', () => {
    expect(compose).toContain(`POSTGRES_PASSWORD: ${fromEnv('POSTGRES_PASSWORD:?')}`.slice(0, -1));
    expect(compose).not.toMatch(/TOKEN\s*[:=]/);
    expect(compose).toContain('env_file: ../.env');
  });
});
