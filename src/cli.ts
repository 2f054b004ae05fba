import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { hasErrors, loadBanks } from './bank/load.ts';
import { bankToMarkdown } from './bank/markdown.ts';
import type { ParsedBank } from './bank/parse.ts';

const USAGE = `usage: drill <command>

  start                                  run the bot (same as npm start)
  bank check [paths...] [--points]       check notes files (default: $CONTENT_DIR or content/);
                                         --points lists each answer's key points (the coach's)
  bank export <path> --format json|md    print a parsed bank
  bank export suggested [--workspace <platform:workspace>]
                                         approved /suggest questions, in the notes outline
  schedule preview --cron "<expr>" --tz <zone> [--from <ISO instant>] [--count N]
                                         the next slots of a schedule, UTC and local
  history export [--format csv|json] [--channel <id>] [--since YYYY-MM-DD] [--out <file>]
                                         every drop with its question and counted answers
                                         (member, time, 👍, self-grade); CSV in UTF-8 with a BOM
  db copy --to postgres://… [--from <file>]
                                         copy the SQLite history (DATABASE_PATH) into an
                                         empty PostgreSQL database and check the row counts
  help                                   this text`;

export class UsageError extends Error {}

interface Io {
  out(text: string): void;
  err(text: string): void;
}

/** One line per file (the layout the parser saw and what it found), then one per section. */
function fileSummary(bank: ReturnType<typeof loadBanks>[number]): string {
  if (bank.skipped) return `${bank.file}: skipped: no questions`;
  if (bank.questions.length === 0) return `${bank.file}: not read`;
  const asked = bank.questions.filter((q) => q.kind === 'question');
  const answered = asked.filter((q) => q.answer.trim() !== '').length;
  const followUps = bank.questions.filter((q) => q.parent !== null).length;
  const warnings = bank.problems.filter((p) => p.level === 'warning').length;
  const parts = (bank.parts ?? []).map(
    (p) =>
      `  ${p.section}: ${p.layout}: ${p.questions} question(s), ${p.answered} answered, ${p.followUps} follow-up(s)`,
  );
  return [
    `${bank.file}: ${bank.layout}: ${bank.sections.length} section(s), ${asked.length} question(s), ${answered} answered, ${followUps} follow-up(s), ${warnings} warning(s)`,
    ...parts,
  ].join('\n');
}

async function bankCheck(args: string[], io: Io): Promise<number> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: { points: { type: 'boolean', default: false } },
  });
  // With no path, the folder the bot reads: CONTENT_DIR (as in src/core/config.ts), else content/.
  const banks = loadBanks(
    positionals.length > 0 ? positionals : [process.env.CONTENT_DIR || 'content'],
  );
  let errors = 0;
  let warnings = 0;
  for (const bank of banks) {
    for (const p of bank.problems) {
      io.out(`${p.file}:${p.line}: ${p.level}: ${p.message}`);
      if (p.level === 'error') errors++;
      else warnings++;
    }
  }
  for (const bank of banks) io.out(fileSummary(bank));
  if (values.points) {
    const { printPoints } = await import('./coach/cli.ts');
    printPoints(banks, io.out);
  }
  const read = banks.filter((b) => !b.skipped);
  const sections = read.reduce((n, b) => n + b.sections.length, 0);
  const questions = read.reduce(
    (n, b) => n + b.questions.filter((q) => q.kind === 'question').length,
    0,
  );
  io.out(
    `${read.length} bank(s), ${sections} section(s), ${questions} question(s); ${errors} error(s), ${warnings} warning(s)`,
  );
  if (banks.length === 0) io.err('no .txt or .md notes found');
  return errors > 0 ? 1 : 0;
}

function exportJson(parsed: ParsedBank): string {
  // Every field of a question but its bank, which the document names once.
  const questions = parsed.questions.map(({ bank: _bank, ...question }) => question);
  return JSON.stringify({ bank: parsed.bank, questions }, null, 2);
}

function bankExport(args: string[], io: Io): number {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: { format: { type: 'string', default: 'json' } },
  });
  if (positionals.length !== 1) throw new UsageError('bank export takes one notes file');
  if (values.format !== 'json' && values.format !== 'md')
    throw new UsageError(`unknown format "${values.format}": use json or md`);
  const [bank] = loadBanks(positionals);
  if (!bank) throw new UsageError('bank export takes one notes file');
  for (const p of bank.problems) io.err(`${p.file}:${p.line}: ${p.level}: ${p.message}`);
  if (hasErrors(bank) && bank.questions.length === 0) return 1;
  io.out(values.format === 'json' ? exportJson(bank) : bankToMarkdown(bank));
  return hasErrors(bank) ? 1 : 0;
}

/** Runs one CLI command; returns the exit code. */
export async function runCli(argv: string[], io: Io): Promise<number> {
  const [command, sub, ...rest] = argv;
  try {
    if (command === 'bank' && sub === 'check') return await bankCheck(rest, io);
    // `suggested` is the database's bank of approved suggestions, unless a file has that name.
    if (
      command === 'bank' &&
      sub === 'export' &&
      rest[0] === 'suggested' &&
      !existsSync('suggested')
    ) {
      const { exportSuggested } = await import('./suggestions/suggestions.ts');
      return await exportSuggested(rest.slice(1), io, (m) => new UsageError(m));
    }
    if (command === 'bank' && sub === 'export') return bankExport(rest, io);
    if (command === 'schedule' && sub === 'preview') {
      const { schedulePreview } = await import('./schedule/preview.ts');
      return schedulePreview(rest, io);
    }
    if (command === 'history' && sub === 'export') {
      const { historyExport } = await import('./history/cli.ts');
      return await historyExport(rest, io, (m) => new UsageError(m));
    }
    if (command === 'db' && sub === 'copy') {
      const { dbCopy } = await import('./db/copy-cli.ts');
      return await dbCopy(rest, io, (m) => new UsageError(m));
    }
    if (command === 'start') {
      const { main } = await import('./main.ts');
      await main();
      return 0;
    }
    if (command === 'help' || command === '--help' || command === '-h' || command === undefined) {
      io.out(USAGE);
      return command === undefined ? 2 : 0;
    }
    throw new UsageError(`unknown command "${argv.join(' ')}"`);
  } catch (err) {
    if (
      err instanceof UsageError ||
      (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    ) {
      io.err(`drill: ${(err as Error).message}\n\n${USAGE}`);
      return 2;
    }
    throw err;
  }
}

/** The command line of this process, its output on stdout and stderr, its code as the exit code. */
export async function runFromProcess(): Promise<void> {
  const code = await runCli(process.argv.slice(2), {
    out: (t) => process.stdout.write(`${t}\n`),
    err: (t) => process.stderr.write(`${t}\n`),
  });
  if (process.argv[2] !== 'start') process.exitCode = code;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runFromProcess();
}
