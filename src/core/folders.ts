import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The folder and its missing parents, one level at a time: Node 20's recursive mkdirSync spins
 * for ever under /proc, where a single mkdir fails at once with a reason to report.
 */
export function makeFolders(dir: string): void {
  if (existsSync(dir)) return;
  const parent = dirname(dir);
  if (parent !== dir) makeFolders(parent);
  mkdirSync(dir);
}
