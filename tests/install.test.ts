import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The production install holds what the bot loads and nothing else: every package src/ and
 * commands/ load at run time is a dependency, every dependency is loaded somewhere, and the root
 * postinstall tidies better-sqlite3's build leftovers only once its addon works.
 */

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** Development dependencies the bot loads when present and does without otherwise. */
const OPTIONAL_AT_RUN_TIME = new Set(['pino-pretty']);

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Packages a file loads when it runs: value imports, dynamic imports, require(); not `import type`. */
const LOADS =
  /(?:^|[\n;])\s*(?:import|export)\s+(?!type\s)(?:[^;'"]*?\sfrom\s*)?['"]([^'".][^'"]*)['"]|\bimport\(\s*['"]([^'".][^'"]*)['"]\s*\)|\b(?:require|createRequire\([^)]*\))\(\s*['"]([^'".][^'"]*)['"]\s*\)/g;

function packageName(spec: string): string {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] as string);
}

function runtimePackages(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const file of [...sourceFiles('src'), ...sourceFiles('commands')]) {
    const text = readFileSync(join(ROOT, file), 'utf8');
    for (const m of text.matchAll(LOADS)) {
      const spec = (m[1] ?? m[2] ?? m[3]) as string;
      if (spec.startsWith('node:') || builtinModules.includes(spec)) continue;
      const name = packageName(spec);
      found.set(name, [...(found.get(name) ?? []), file]);
    }
  }
  return found;
}

describe('the production dependencies', () => {
  const loaded = runtimePackages();

  it('list every package the bot loads, and only those', () => {
    const missing = [...loaded.keys()].filter(
      (name) => !(name in pkg.dependencies) && !OPTIONAL_AT_RUN_TIME.has(name),
    );
    expect(missing.map((name) => `${name} (${loaded.get(name)?.join(', ')})`)).toEqual([]);
    expect(Object.keys(pkg.dependencies).filter((name) => !loaded.has(name))).toEqual([]);
    for (const name of OPTIONAL_AT_RUN_TIME) expect(pkg.devDependencies).toHaveProperty(name);
  });

  it('reads imports as the bot loads them', () => {
    const text = `import type { A } from 'typed-only';\nimport { b } from 'drizzle-orm/sqlite-core';\nconst c = createRequire(x)('pino-pretty');\nawait import('@scope/pkg/sub');`;
    const specs = [...text.matchAll(LOADS)].map((m) =>
      packageName((m[1] ?? m[2] ?? m[3]) as string),
    );
    expect(specs).toEqual(['drizzle-orm', 'pino-pretty', '@scope/pkg']);
  });
});

describe('scripts/postinstall.mjs', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  /** A project folder holding the real better-sqlite3 addon, with a build's leftovers beside it. */
  function project(): { root: string; sqlite: string } {
    const root = mkdtempSync(join(tmpdir(), 'drill-postinstall-'));
    dirs.push(root);
    writeFileSync(join(root, 'package.json'), '{"name":"p","version":"1.0.0"}');
    const from = join(ROOT, 'node_modules');
    const to = join(root, 'node_modules');
    for (const dep of ['bindings', 'file-uri-to-path'])
      cpSync(join(from, dep), join(to, dep), { recursive: true });
    const sqlite = join(to, 'better-sqlite3');
    for (const part of ['package.json', 'lib', 'build/Release/better_sqlite3.node'])
      cpSync(join(from, 'better-sqlite3', part), join(sqlite, part), { recursive: true });
    for (const leftover of [
      'build/Release/obj/gen',
      'build/Release/obj.target',
      'deps/sqlite3',
      'src',
    ]) {
      mkdirSync(join(sqlite, leftover), { recursive: true });
      writeFileSync(join(sqlite, leftover, 'x.c'), 'int x;');
    }
    writeFileSync(join(sqlite, 'build/Release/sqlite3.a'), 'archive');
    return { root, sqlite };
  }

  const run = (root: string, ...flags: string[]) =>
    spawnSync(process.execPath, [join(ROOT, 'scripts/postinstall.mjs'), ...flags, root], {
      encoding: 'utf8',
      env: { ...process.env, NODE_ENV: 'test', npm_config_omit: '' },
      timeout: 30_000,
    });
  const opens = (sqlite: string) =>
    spawnSync(
      process.execPath,
      ['-e', `new (require(${JSON.stringify(sqlite)}))(':memory:').prepare('select 1').get()`],
      { timeout: 30_000 },
    ).status;

  it('removes the compiler leftovers, keeps the sources outside production, and the addon works', () => {
    const { root, sqlite } = project();
    expect(run(root).status).toBe(0);
    expect(existsSync(join(sqlite, 'build/Release/obj'))).toBe(false);
    expect(existsSync(join(sqlite, 'build/Release/obj.target'))).toBe(false);
    expect(existsSync(join(sqlite, 'build/Release/sqlite3.a'))).toBe(false);
    expect(existsSync(join(sqlite, 'deps/sqlite3/x.c'))).toBe(true);
    expect(opens(sqlite)).toBe(0);
    expect(run(root, '--production').status).toBe(0);
    expect(existsSync(join(sqlite, 'deps'))).toBe(false);
    expect(existsSync(join(sqlite, 'src'))).toBe(false);
    expect(opens(sqlite)).toBe(0);
  });

  it('touches nothing when the addon does not load', () => {
    const { root, sqlite } = project();
    writeFileSync(join(sqlite, 'build/Release/better_sqlite3.node'), 'not an addon');
    const result = run(root, '--production');
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/does not load/);
    expect(existsSync(join(sqlite, 'build/Release/obj/gen/x.c'))).toBe(true);
    expect(existsSync(join(sqlite, 'deps/sqlite3/x.c'))).toBe(true);
  });
});
