import { openSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import pino, { type Logger } from 'pino';
import type PinoPretty from 'pino-pretty';
import { makeFolders } from './folders.ts';

export type { Logger };

interface Sink {
  write(chunk: string): unknown;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * What must never be written, found by its shape rather than its value: interaction and webhook
 * tokens inside Discord URLs, Slack response URLs and socket tickets, and `token`-like fields
 * (verification tokens in Slack envelopes, interaction tokens in Discord payloads), whether the
 * line holds them as JSON or as JSON inside a JSON string.
 */
const SHAPES: [RegExp, string][] = [
  [/(\/(?:webhooks|interactions)\/\d+\/)[^/\s"'\\?]+/g, '$1[redacted]'],
  [/https?:\/\/hooks\.slack\.com\/[^\s"'\\]+/g, '[redacted url]'],
  [/([?&](?:ticket|token)=)[^&\s"'\\]+/g, '$1[redacted]'],
  [
    /((?:\\*")(?:token|response_url|trigger_id|app_token|bot_token)(?:\\*")\s*:\s*\\*")[^"\\]+/g,
    '$1[redacted]',
  ],
];

/** Cuts every known secret value, and everything shaped like a secret, out of a text. */
export function redactor(secrets: string[] = []): (text: string) => string {
  const known = secrets.filter((s) => s.length >= 4);
  const pattern = known.length > 0 ? new RegExp(known.map(escapeRegExp).join('|'), 'g') : null;
  return (text) => {
    let out = pattern ? text.replace(pattern, '[redacted]') : text;
    for (const [shape, replacement] of SHAPES) out = out.replace(shape, replacement);
    return out;
  };
}

/**
 * pino-pretty is loaded only for a terminal that shows it, and only where it is installed: it is a
 * development dependency (pino's own advice), so a production install writes JSON lines.
 */
function prettyStream(): Sink | null {
  let pretty: typeof PinoPretty;
  try {
    pretty = createRequire(import.meta.url)('pino-pretty') as typeof PinoPretty;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND') return null;
    throw err;
  }
  return pretty({ destination: 2, sync: true, colorize: true });
}

/** A log file, appended to, its folder made as needed; null when it cannot be opened. */
export function fileSink(path: string): Sink | null {
  try {
    makeFolders(dirname(path));
    return pino.destination({ fd: openSync(path, 'a'), sync: true });
  } catch {
    return null;
  }
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
  const redact = redactor(opts.secrets);
  const out: Sink =
    opts.sink ?? ((opts.pretty ?? process.stderr.isTTY) ? prettyStream() : null) ?? process.stderr;
  const sink: Sink = {
    write: (line) => out.write(redact(line)),
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
