import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join, relative } from 'node:path';
import { decodeNotes, NotesDecodeError } from './decode.ts';
import { type ParsedBank, parseNotes } from './parse.ts';

const BANK_EXTENSIONS = new Set(['.txt', '.md']);

export function bankNameOf(file: string): string {
  return basename(file, extname(file)).normalize('NFC');
}

/** Path shown to people in problems and sources: relative to the working directory when inside it. */
function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel.startsWith('..') ? file : rel;
}

/** Bump when the parser reads the same notes differently, so stored banks are parsed again. */
const PARSER_VERSION = '1';

export interface LoadedBank extends ParsedBank {
  /** Hash of the file's bytes and the parser version; empty when the file could not be read. */
  hash: string;
}

/**
 * Reads and parses one notes file; a file that cannot be read becomes a bank with one error.
 * `skipIfHash` returns the bank without parsing it (no questions) when the file still has that hash.
 */
export function loadBankFile(file: string, skipIfHash?: string): LoadedBank & { unchanged?: true } {
  const shown = displayPath(file);
  const bank = bankNameOf(file);
  try {
    const bytes = readFileSync(file);
    const hash = createHash('sha256').update(PARSER_VERSION).update(bytes).digest('hex');
    if (hash === skipIfHash) {
      return {
        bank,
        file: shown,
        hash,
        layout: '',
        sections: [],
        questions: [],
        problems: [],
        unchanged: true,
      };
    }
    return { ...parseNotes(decodeNotes(bytes), { bank, file: shown }), hash };
  } catch (err) {
    const line = err instanceof NotesDecodeError ? err.line : 1;
    const message =
      err instanceof NotesDecodeError
        ? err.message
        : `cannot read file: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`;
    return {
      bank,
      file: shown,
      hash: '',
      layout: '',
      sections: [],
      questions: [],
      problems: [{ file: shown, line, level: 'error', message }],
    };
  }
}

/** Every `.txt` and `.md` file directly in a folder, in name order. */
export function listBankFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && BANK_EXTENSIONS.has(extname(e.name).toLowerCase()))
    .map((e) => join(dir, e.name))
    .sort();
}

/**
 * Loads files and folders (each folder's bank files); two files naming one bank are an error.
 * `knownHashes` (bank name to hash) lets unchanged files skip parsing.
 */
export function loadBanks(
  paths: string[],
  knownHashes: Map<string, string> = new Map(),
): (LoadedBank & { unchanged?: true })[] {
  const files = paths.flatMap((p) => {
    try {
      return statSync(p).isDirectory() ? listBankFiles(p) : [p];
    } catch {
      return [p];
    }
  });
  const seen = new Map<string, string>();
  return files.map((file) => {
    const parsed = loadBankFile(file, knownHashes.get(bankNameOf(file)));
    const first = seen.get(parsed.bank);
    if (first !== undefined) {
      parsed.problems.unshift({
        file: parsed.file,
        line: 1,
        level: 'error',
        message: `bank "${parsed.bank}" is already defined by ${first}: rename one of the files`,
      });
    } else {
      seen.set(parsed.bank, parsed.file);
    }
    return parsed;
  });
}

export function hasErrors(bank: ParsedBank): boolean {
  return bank.problems.some((p) => p.level === 'error');
}
