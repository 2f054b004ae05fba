import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { Logger };

interface Sink {
  write(chunk: string): unknown;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * JSON lines on stderr (stdout belongs to the console channel), pretty in a terminal.
 * Every known secret value is cut out of each line before it is written, wherever it hides:
 * an error message, a URL, a nested object.
 */
export function createLogger(opts: {
  level: string;
  secrets?: string[];
  sink?: Sink;
  pretty?: boolean;
}): Logger {
  const secrets = (opts.secrets ?? []).filter((s) => s.length >= 4);
  const pattern = secrets.length > 0 ? new RegExp(secrets.map(escapeRegExp).join('|'), 'g') : null;
  const out: Sink =
    opts.sink ??
    ((opts.pretty ?? process.stderr.isTTY)
      ? pretty({ destination: 2, sync: true, colorize: true })
      : process.stderr);
  const sink: Sink = {
    write: (line) => out.write(pattern ? line.replace(pattern, '[redacted]') : line),
  };
  return pino(
    {
      level: opts.level,
      redact: {
        paths: ['token', '*.token', 'headers.authorization', '*.headers.authorization'],
        censor: '[redacted]',
      },
    },
    sink,
  );
}
