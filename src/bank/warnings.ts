import { loadBanks } from './load.ts';
import type { Problem } from './types.ts';

let read: { key: string; byBank: Map<string, Problem[]> } | null = null;

/**
 * What `bank check` warns about, bank by bank, for the notes under these paths: read once per
 * process (the store was synced from the same files at start-up), on first use.
 */
export function bankWarnings(paths: string[]): Map<string, Problem[]> {
  const key = paths.join('\n');
  if (read?.key !== key) {
    const byBank = new Map<string, Problem[]>();
    for (const bank of loadBanks(paths)) {
      const problems = bank.problems.filter((p) => p.level === 'warning');
      if (problems.length) byBank.set(bank.bank, [...(byBank.get(bank.bank) ?? []), ...problems]);
    }
    read = { key, byBank };
  }
  return read.byBank;
}
