/**
 * A reporter added to vitest's own: at the end of the run it prints the ten slowest tests, and
 * one line naming the tests skipped because ../shared/real-notes/ is not beside the clone.
 */
import { relative } from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';
import { REAL_NOTES_TEST, realNotesPresent } from './shared-notes.ts';

export default class Summary implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const timed: { ms: number; name: string }[] = [];
    const skipped = new Map<string, number>();
    for (const module of modules) {
      const file = relative(process.cwd(), module.moduleId);
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'skipped') skipped.set(file, (skipped.get(file) ?? 0) + 1);
        const ms = test.diagnostic()?.duration;
        if (ms !== undefined && state !== 'skipped')
          timed.push({ ms, name: `${file} › ${test.fullName}` });
      }
    }
    const out: string[] = [];
    if (timed.length > 0) {
      out.push('', 'Ten slowest tests:');
      for (const { ms, name } of timed.sort((a, b) => b.ms - a.ms).slice(0, 10))
        out.push(`  ${(ms / 1000).toFixed(1).padStart(6)} s  ${name}`);
    }
    const real = skipped.get(REAL_NOTES_TEST);
    if (real && !realNotesPresent())
      out.push(
        '',
        `Skipped ${real} tests in ${REAL_NOTES_TEST}: they read ../shared/real-notes/, which is not beside this clone (tests/fixtures/notes covers the same layouts).`,
      );
    if (out.length > 0) process.stdout.write(`${out.join('\n')}\n`);
  }
}
