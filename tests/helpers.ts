import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

export const SEED_PATH = new URL('../content/interview-cmp-ko.txt', import.meta.url);
export const seedText = (): string => readFileSync(SEED_PATH, 'utf8');

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh folder for one test, removed after it. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'drill-test-'));
  made.push(dir);
  return dir;
}
