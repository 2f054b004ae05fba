import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, extname, join, relative, sep } from 'node:path';
import { decodeNotes, NotesDecodeError } from './decode.ts';
import { type ParsedBank, parseNotes } from './parse.ts';

const BANK_EXTENSIONS = new Set(['.txt', '.md', '.markdown']);

/**
 * A bank is named by its path: the file name without extension, and inside a folder of notes
 * (`content/<repo>/…`) the path from that folder, so a cloned notes repository keeps its layout.
 */
export function bankNameOf(file: string, root?: string): string {
  const rel = root ? relative(root, file) : basename(file);
  return rel
    .slice(0, rel.length - extname(rel).length)
    .split(sep)
    .join('/')
    .normalize('NFC');
}

/** Path shown to people in problems and sources: relative to the working directory when inside it. */
function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel.startsWith('..') ? file : rel;
}

/** Bump when the parser reads the same notes differently, so stored banks are parsed again. */
const PARSER_VERSION = '6';

export interface LoadedBank extends ParsedBank {
  /** Hash of the file's bytes and the parser version; empty when the file could not be read. */
  hash: string;
}

/**
 * Reads and parses one notes file; a file that cannot be read becomes a bank with one error.
 * `skipIfHash` returns the bank without parsing it (no questions) when the file still has that hash.
 */
export function loadBankFile(
  file: string,
  skipIfHash?: string,
  bank = bankNameOf(file),
): LoadedBank & { unchanged?: true } {
  const shown = displayPath(file);
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

/**
 * Every `.txt` and `.md` file in a folder and its subfolders (not hidden ones), in path order.
 * Symbolic links are followed (`ln -s ~/notes content/notes`), each folder read once.
 */
export function listBankFiles(dir: string, seen = new Set<string>([realpathSync(dir)])): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const path = join(dir, e.name);
    let isDir = e.isDirectory();
    let isFile = e.isFile();
    if (e.isSymbolicLink()) {
      try {
        const target = statSync(path);
        isDir = target.isDirectory();
        isFile = target.isFile();
      } catch {
        continue; // a dangling link
      }
    }
    if (isDir) {
      const real = realpathSync(path);
      if (seen.has(real)) continue;
      seen.add(real);
      out.push(...listBankFiles(path, seen));
    } else if (isFile && BANK_EXTENSIONS.has(extname(e.name).toLowerCase())) out.push(path);
  }
  return out.sort();
}

const NO_QUESTIONS = /^no questions found/;

/**
 * A file in a folder with no question in it (a README, a licence) is skipped, in one line. An
 * empty file, or a bank that had questions before, stays an error: its last good version serves.
 */
function skipIfEmpty(bank: LoadedBank & { unchanged?: true }): LoadedBank & { skipped?: true } {
  const errors = bank.problems.filter((p) => p.level === 'error');
  if (bank.questions.length > 0 || bank.unchanged || errors.length === 0) return bank;
  if (!errors.every((p) => NO_QUESTIONS.test(p.message))) return bank;
  return {
    ...bank,
    skipped: true,
    problems: [
      { file: bank.file, line: 1, level: 'warning', message: 'no questions found: skipped' },
    ],
  };
}

/**
 * Loads files and folders (each folder's bank files); two files naming one bank are an error.
 * `knownHashes` (bank name to hash) lets unchanged files skip parsing.
 */
export function loadBanks(
  paths: string[],
  knownHashes: Map<string, string> = new Map(),
): (LoadedBank & { unchanged?: true; skipped?: true })[] {
  const files = paths.flatMap((p) => {
    try {
      return statSync(p).isDirectory()
        ? listBankFiles(p).map((file) => ({ file, name: bankNameOf(file, p), inFolder: true }))
        : [{ file: p, name: bankNameOf(p), inFolder: false }];
    } catch {
      return [{ file: p, name: bankNameOf(p), inFolder: false }];
    }
  });
  const seen = new Map<string, string>();
  return files.map(({ file, name, inFolder }) => {
    const loaded = loadBankFile(file, knownHashes.get(name), name);
    const parsed = inFolder && !knownHashes.has(name) ? skipIfEmpty(loaded) : loaded;
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
