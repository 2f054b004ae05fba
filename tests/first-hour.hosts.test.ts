import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.ts';

/** Issue 29: what a host meets setting Drill up. */
describe('installing', () => {
  it('npm has no install script left unreviewed (esbuild works without its own)', () => {
    const r = spawnSync('npm', ['install-scripts', 'ls'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(`${r.stdout}${r.stderr}`).toContain('No packages with unreviewed install scripts.');
  });

  it('asks for the Node.js that reads .env (20.12), as the README says', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.engines.node).toBe('>=20.12');
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain('Node.js 20.12 or newer');
  });
});
