import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The layout of DESIGN.md, checked over the import lines: no import cycle, and every arrow
 * points down (chat → commands → features → bank, charts → core, db). Type-only imports count.
 */

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Lowest first; a file may import its own layer's folder and any layer below. The coach (judging
 * an answer against the notes) is below the features that show its figures; the scheduler and
 * /settings are above the features they run on time and configure.
 */
const LAYERS: string[][] = [
  ['src/core', 'src/db'],
  ['src/bank', 'src/charts'],
  ['src/coach'],
  [
    'src/practice',
    'src/review',
    'src/mock',
    'src/suggestions',
    'src/history',
    'src/nudges',
    'src/deploy',
  ],
  ['src/schedule', 'src/settings'],
  ['commands'],
  ['src/chat'],
  ['src/web'],
  ['src/main.ts'],
  ['src/cli.ts'],
];

/**
 * Features beside each other import only what is below them, except along these arrows
 * (a shared piece belongs in src/core instead). They must not form a loop either. Empty since
 * what features shared moved to src/core (issue 28): keep it so.
 */
const FEATURE_ARROWS: Record<string, string[]> = {};

/**
 * Imports that point up and are still to go; a listed arrow that no longer exists fails too, so
 * the list only shrinks. Empty since the domain returns structured messages and each port
 * renders them (issue 28, "rendering behind the port").
 */
const KNOWN_UPWARD = new Set<string>([]);

/** Packages only one place may import: platform SDKs in their adapter, drivers in src/db. */
const PACKAGE_HOMES: Record<string, string> = {
  'discord.js': 'src/chat/discord',
  '@slack/bolt': 'src/chat/slack',
  'better-sqlite3': 'src/db',
  pg: 'src/db',
  'drizzle-orm/better-sqlite3': 'src/db',
  'drizzle-orm/node-postgres': 'src/db',
};

type Graph = Map<string, { files: string[]; packages: string[] }>;

const IMPORT =
  /(?:^|[\n;])\s*(?:import|export)\s(?:[^;'"]*?\sfrom\s*)?['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

function importGraph(): Graph {
  const graph: Graph = new Map();
  for (const file of [...sourceFiles('src'), ...sourceFiles('commands')]) {
    const text = readFileSync(join(ROOT, file), 'utf8');
    const files: string[] = [];
    const packages: string[] = [];
    for (const m of text.matchAll(IMPORT)) {
      const spec = (m[1] ?? m[2]) as string;
      if (spec.startsWith('.')) files.push(posix.normalize(posix.join(posix.dirname(file), spec)));
      else packages.push(spec);
    }
    graph.set(file, { files, packages });
  }
  return graph;
}

/** The folder (or top-level file) a file belongs to, as LAYERS names it. */
function unitOf(file: string): string | undefined {
  return LAYERS.flat().find((unit) => file === unit || file.startsWith(`${unit}/`));
}

function layerOf(unit: string): number {
  return LAYERS.findIndex((layer) => layer.includes(unit));
}

/** Every loop of imports, each as its files (Tarjan's strongly connected components). */
function cycles(edges: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v) as number);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop() as string;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (edges.get(v) ?? []).includes(v)) found.push(component.sort());
    }
  };
  for (const v of edges.keys()) if (!index.has(v)) visit(v);
  return found;
}

/** Why an import from `from` to `to` breaks the layout, or null when it may be. */
function wrongArrow(from: string, to: string): string | null {
  const a = unitOf(from);
  const b = unitOf(to);
  if (!a) return `${from} is in no layer`;
  if (!b) return `${to} is in no layer`;
  if (a === b) return null;
  const [la, lb] = [layerOf(a), layerOf(b)];
  if (lb > la) return `${from} -> ${to} points up`;
  if (lb === la && la > 0 && !FEATURE_ARROWS[a]?.includes(b))
    return `${from} -> ${to} crosses between neighbours`;
  return null;
}

describe('the layout', () => {
  const graph = importGraph();

  it('has no import cycle, type-only imports included', () => {
    const edges = new Map([...graph].map(([file, { files }]) => [file, files]));
    expect(cycles(edges)).toEqual([]);
  });

  it('points every import down, apart from the listed ones still to go', () => {
    const wrong: string[] = [];
    const used = new Set<string>();
    for (const [file, { files }] of graph) {
      for (const to of files) {
        const why = wrongArrow(file, to);
        if (!why) continue;
        if (KNOWN_UPWARD.has(`${file} -> ${to}`)) used.add(`${file} -> ${to}`);
        else wrong.push(why);
      }
    }
    expect(wrong).toEqual([]);
    expect([...KNOWN_UPWARD].filter((arrow) => !used.has(arrow))).toEqual([]);
  });

  it('keeps the arrows between features free of loops', () => {
    expect(cycles(new Map(Object.entries(FEATURE_ARROWS)))).toEqual([]);
  });

  it('keeps platform SDKs in their adapters and database drivers in src/db', () => {
    const wrong: string[] = [];
    for (const [file, { packages }] of graph) {
      for (const pkg of packages) {
        const home = PACKAGE_HOMES[pkg];
        if (home && !file.startsWith(`${home}/`)) wrong.push(`${file} imports ${pkg}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('keeps commands and adapters off storage: no src/db import, no row type, no query builder', () => {
    const wrong: string[] = [];
    for (const [file, { files, packages }] of graph) {
      if (!file.startsWith('commands/') && !file.startsWith('src/chat/')) continue;
      for (const to of files) if (to.startsWith('src/db/')) wrong.push(`${file} imports ${to}`);
      for (const pkg of packages)
        if (pkg.startsWith('drizzle-orm')) wrong.push(`${file} imports ${pkg}`);
      const text = readFileSync(join(ROOT, file), 'utf8');
      for (const row of text.match(/\b[A-Z]\w*Row\b/g) ?? []) wrong.push(`${file} names ${row}`);
    }
    expect(wrong).toEqual([]);
  });

  it('catches a loop, an upward import and a crossing between features', () => {
    const loop = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['a.ts']],
    ]);
    expect(cycles(loop)).toEqual([['a.ts', 'b.ts', 'c.ts']]);
    expect(wrongArrow('src/core/deps.ts', 'src/practice/drops.ts')).toMatch(/points up/);
    expect(wrongArrow('src/practice/votes.ts', 'src/review/session.ts')).toMatch(/neighbours/);
    expect(wrongArrow('src/chat/slack/index.ts', 'commands/index.ts')).toBeNull();
    expect(wrongArrow('src/schedule/scheduler.ts', 'src/practice/drops.ts')).toBeNull();
    expect(wrongArrow('src/review/digest.ts', 'src/coach/feedback.ts')).toBeNull();
    expect(wrongArrow('src/mock/mock.ts', 'src/review/session.ts')).toMatch(/neighbours/);
    expect(wrongArrow('src/practice/drops.ts', 'src/schedule/scheduler.ts')).toMatch(/points up/);
    expect(wrongArrow('src/newfolder/x.ts', 'src/core/deps.ts')).toMatch(/no layer/);
  });
});
