import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Public notes as people share them, beside the clone (../shared/real-notes/); read in place,
 * never copied into the project. A fresh clone has no such folder: the tests that read it are
 * skipped then, and the run's summary says so in one line (tests/setup/summary.ts).
 */
export const REAL_NOTES = fileURLToPath(new URL('../../../shared/real-notes/', import.meta.url));
export const REAL_NOTES_TEST = 'tests/bank.real-notes.test.ts';
export const realNotesPresent = (): boolean => existsSync(REAL_NOTES);
