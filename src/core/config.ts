import { z } from 'zod';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** `90m`, `2h`, `1d` or plain minutes, in milliseconds. */
export function parseDuration(text: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$/.exec(text);
  if (!m) return null;
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] ?? 'm'] ?? 60_000;
  return Math.round(Number(m[1]) * unit);
}

const optional = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

/** A duration variable (`2h`, `90m`, `30s`), in milliseconds. */
const duration = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((v, ctx) => {
      const ms = parseDuration(v);
      if (ms === null) {
        ctx.addIssue({ code: 'custom', message: 'must be a duration such as 2h, 90m or 30s' });
        return z.NEVER;
      }
      return ms;
    });

const url = optional.refine(
  (v) => v === undefined || URL.canParse(v),
  'must be a URL such as http://127.0.0.1:3000/api',
);

/** `0,1` or `0-3`: the Discord shard ids this process connects; `auto` for all. */
export function parseShards(text: string): number[] | 'auto' | null {
  if (text.trim() === 'auto') return 'auto';
  const ids = new Set<number>();
  for (const part of text.split(',').map((p) => p.trim())) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!m) return null;
    const from = Number(m[1]);
    const to = Number(m[2] ?? m[1]);
    if (to < from || to - from > 10_000) return null;
    for (let i = from; i <= to; i++) ids.add(i);
  }
  return [...ids].sort((a, b) => a - b);
}

const schema = z.object({
  DATABASE_PATH: z.string().default('data/drill.db'),
  DATABASE_URL: optional.refine(
    (v) => v === undefined || (/^postgres(ql)?:\/\//i.test(v) && URL.canParse(v)),
    'must be a PostgreSQL URL such as postgres://drill:secret@db:5432/drill (or unset for SQLite)',
  ),
  /** PostgreSQL connections this process keeps at most (its pool). */
  DATABASE_POOL: z.coerce
    .number({ message: 'must be a whole number from 1 to 100' })
    .int('must be a whole number from 1 to 100')
    .min(1, 'must be a whole number from 1 to 100')
    .max(100, 'must be a whole number from 1 to 100')
    .default(10),
  /**
   * SQLite's commit: `normal` (WAL, no fsync per commit) survives a crash of the process;
   * `full` fsyncs each commit and also survives a crash of the machine or a power cut.
   */
  DATABASE_SYNC: z
    .enum(['normal', 'full'], { message: 'must be normal or full' })
    .default('normal'),
  CONTENT_DIR: z.string().default('content'),
  DEFAULT_LOCALE: z.enum(['ko', 'en'], { message: 'must be ko or en' }).default('ko'),
  DEFAULT_TIMEZONE: z
    .string()
    .default('Asia/Seoul')
    .refine(isTimeZone, 'must be an IANA time zone such as Asia/Seoul or America/New_York'),
  CATCHUP_WINDOW: duration('2h'),
  CLAIM_TIMEOUT: duration('60s'),
  ASK_COOLDOWN: duration('30s'),
  ASK_PER_HOUR: z.coerce
    .number({ message: 'must be a whole number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .default(6),
  SCHEDULE_MIN_INTERVAL: duration('1h'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      message: 'must be one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
  ADMIN_USER_IDS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  DISCORD_TOKEN: optional,
  DISCORD_APPLICATION_ID: optional,
  DISCORD_GUILD_ID: optional,
  DISCORD_API_URL: url,
  DISCORD_SHARDS: z
    .string()
    .default('auto')
    .transform((v, ctx) => {
      const shards = parseShards(v);
      if (shards === null) {
        ctx.addIssue({ code: 'custom', message: 'must be auto or shard ids such as 0,1 or 0-3' });
        return z.NEVER;
      }
      return shards;
    }),
  DISCORD_SHARD_COUNT: optional.refine(
    (v) => v === undefined || /^[1-9]\d*$/.test(v),
    'must be the total number of shards, such as 2',
  ),
  SLACK_BOT_TOKEN: optional,
  SLACK_APP_TOKEN: optional,
  SLACK_SIGNING_SECRET: optional,
  SLACK_API_URL: url,
  PORT: z.coerce.number({ message: 'must be a port number' }).int().min(0).max(65535).default(3000),
  // The answer coach's optional language model (src/coach/model.ts): off unless set.
  COACH_BASE_URL: optional,
  COACH_API_KEY: optional,
  COACH_MODEL: optional,
  COACH_DAILY_BUDGET: z.coerce
    .number({ message: 'must be a whole number of requests' })
    .int()
    .min(1)
    .default(50),
  /** The web dashboard's port (src/web/); unset: off, except in the console (127.0.0.1:3000). */
  WEB_PORT: optional.refine(
    (v) => v === undefined || (/^\d+$/.test(v) && Number(v) <= 65535),
    'must be a port number',
  ),
  /** Where the dashboard listens; 0.0.0.0 for a container, 127.0.0.1 for this machine only. */
  WEB_HOST: optional,
  /** The dashboard's address as people reach it (sign-in redirects; https makes cookies Secure). */
  PUBLIC_URL: url,
  /** Signs the dashboard's session cookie; unset: a new one each start (everyone signs in again). */
  WEB_SESSION_SECRET: optional,
  WEB_SESSION_TTL: duration('7d'),
  /** Discord sign-in: the application's OAuth2 client (id defaults to DISCORD_APPLICATION_ID). */
  DISCORD_CLIENT_ID: optional,
  DISCORD_CLIENT_SECRET: optional,
  DISCORD_OAUTH_URL: url,
  /** Sign in with Slack (OpenID Connect): the app's client id and secret. */
  SLACK_CLIENT_ID: optional,
  SLACK_CLIENT_SECRET: optional,
  SLACK_OAUTH_URL: url,
});

export type Config = z.output<typeof schema>;

/** The values that must never reach a log line or a message. */
export const SECRET_KEYS = [
  'DISCORD_TOKEN',
  'SLACK_BOT_TOKEN',
  'SLACK_APP_TOKEN',
  'SLACK_SIGNING_SECRET',
  'COACH_API_KEY',
  'WEB_SESSION_SECRET',
  'DISCORD_CLIENT_SECRET',
  'SLACK_CLIENT_SECRET',
] as const;

const LOOPBACK = new Set(['127.0.0.1', '::1', '[::1]', 'localhost']);

/**
 * Why a language model's base URL may not carry COACH_API_KEY, or null when it may: https
 * anywhere, plain http only to this machine (a local Ollama, llama.cpp server or vLLM).
 */
export function coachUrlProblem(text: string): string | null {
  if (!URL.canParse(text)) return 'must be a URL such as http://127.0.0.1:11434/v1';
  const url = new URL(text);
  if (url.username || url.password) return 'must not carry a user or password (use COACH_API_KEY)';
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && LOOPBACK.has(url.hostname)) return null;
  return 'must be https, or http to this machine (127.0.0.1, ::1, localhost): the key goes there';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => `${i.path.join('.') || '(environment)'}: ${i.message}`),
    );
  }
  const c = parsed.data;
  const problems: string[] = [];
  if (c.DISCORD_TOKEN && !c.DISCORD_APPLICATION_ID)
    problems.push('DISCORD_APPLICATION_ID: required when DISCORD_TOKEN is set');
  if (c.SLACK_BOT_TOKEN && !c.SLACK_APP_TOKEN && !c.SLACK_SIGNING_SECRET)
    problems.push(
      'SLACK_APP_TOKEN: set it for Socket Mode (or SLACK_SIGNING_SECRET for HTTP mode) when SLACK_BOT_TOKEN is set',
    );
  if (c.DISCORD_SHARDS !== 'auto') {
    const total = Number(c.DISCORD_SHARD_COUNT ?? 0);
    if (!total) problems.push('DISCORD_SHARD_COUNT: required when DISCORD_SHARDS lists shards');
    else if (c.DISCORD_SHARDS.some((id) => id >= total))
      problems.push(`DISCORD_SHARDS: shard ids must be below DISCORD_SHARD_COUNT (${total})`);
  }
  if (c.COACH_BASE_URL) {
    const problem = coachUrlProblem(c.COACH_BASE_URL);
    if (problem) problems.push(`COACH_BASE_URL: ${problem}`);
    if (!c.COACH_MODEL) problems.push('COACH_MODEL: required when COACH_BASE_URL is set');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return c;
}

/** The database password inside DATABASE_URL, as written in it and decoded. */
function urlPasswords(url: string | undefined): string[] {
  if (!url) return [];
  try {
    const raw = new URL(url).password;
    return raw ? [raw, decodeURIComponent(raw)] : [];
  } catch {
    return [];
  }
}

export function secretsOf(config: Config): string[] {
  return [...SECRET_KEYS.map((k) => config[k]), ...urlPasswords(config.DATABASE_URL)].filter(
    (v): v is string => !!v && v.length >= 4,
  );
}

/** The configuration as it may be logged: secrets show only whether they are set. */
export function describeConfig(config: Config): Record<string, unknown> {
  const shown: Record<string, unknown> = { ...config };
  for (const key of SECRET_KEYS) shown[key] = config[key] ? '[set]' : '[unset]';
  if (config.DATABASE_URL) {
    const url = new URL(config.DATABASE_URL);
    if (url.password) url.password = '***';
    shown.DATABASE_URL = url.toString();
  }
  return shown;
}
