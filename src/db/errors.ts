/**
 * Why the store refused a write, in terms a member can act on. The domain sees these kinds, never
 * a driver's error class; anything that is not a storage failure is `null`.
 */
export type StoreFailure = 'full' | 'readonly' | 'busy' | 'corrupt' | 'io' | 'unreachable';

const SQLITE: Record<string, StoreFailure> = {
  SQLITE_FULL: 'full',
  SQLITE_READONLY: 'readonly',
  SQLITE_CANTOPEN: 'io',
  SQLITE_IOERR: 'io',
  SQLITE_BUSY: 'busy',
  SQLITE_LOCKED: 'busy',
  SQLITE_CORRUPT: 'corrupt',
  SQLITE_NOTADB: 'corrupt',
};

/** PostgreSQL SQLSTATEs and the network errors of a lost server connection. */
const POSTGRES: Record<string, StoreFailure> = {
  '53100': 'full', // disk_full
  '53200': 'full', // out_of_memory
  '25006': 'readonly', // read_only_sql_transaction
  '40001': 'busy', // serialization_failure
  '40P01': 'busy', // deadlock_detected
  '55P03': 'busy', // lock_not_available
  '53300': 'busy', // too_many_connections
  XX001: 'corrupt', // data_corrupted
  XX002: 'corrupt', // index_corrupted
  '58030': 'io', // io_error
  '57P01': 'unreachable', // admin_shutdown
  '57P03': 'unreachable', // cannot_connect_now
  '08006': 'unreachable', // connection_failure
  '08001': 'unreachable', // sqlclient_unable_to_establish_sqlconnection
  ECONNREFUSED: 'unreachable',
  ECONNRESET: 'unreachable',
  ETIMEDOUT: 'unreachable',
  EPIPE: 'unreachable',
  ENOTFOUND: 'unreachable',
  EHOSTUNREACH: 'unreachable',
};

/**
 * A driver's failure as a kind, looked for through what wraps it: drizzle's query error holds
 * the driver's in `cause`, and a connection tried on several addresses fails as an
 * AggregateError of each.
 */
export function storeFailure(err: unknown, depth = 0): StoreFailure | null {
  if (err === null || typeof err !== 'object' || depth > 4) return null;
  const own = failureOf(err);
  if (own) return own;
  const inner = [
    (err as { cause?: unknown }).cause,
    ...((err as { errors?: unknown[] }).errors ?? []),
  ];
  for (const e of inner) {
    const found = storeFailure(e, depth + 1);
    if (found) return found;
  }
  return null;
}

function failureOf(err: object): StoreFailure | null {
  const code = (err as { code?: unknown }).code;
  if (typeof code !== 'string') {
    // node-postgres reports a connection lost mid-query without a code.
    const message = (err as Error).message ?? '';
    return /Connection terminated|connection timeout/i.test(message) ? 'unreachable' : null;
  }
  if (POSTGRES[code]) return POSTGRES[code];
  // Extended codes (SQLITE_IOERR_WRITE, SQLITE_READONLY_DBMOVED) share their primary's meaning.
  const primary = code.match(/^SQLITE_[A-Z]+/)?.[0];
  return (primary && SQLITE[primary]) || null;
}

/** Why the database could not be opened at start-up, for one line naming the fix. */
export class DatabaseOpenError extends Error {
  constructor(
    readonly kind:
      | 'corrupt'
      | 'readonly'
      | 'cannotOpen'
      | 'full'
      | 'newer'
      | 'auth'
      | 'unreachable'
      | 'missing',
    /** The file path, or the PostgreSQL URL without its password. */
    readonly path: string,
    readonly detail: string,
    readonly schema?: { found: number; known: number },
  ) {
    super(`${path}: ${kind} (${detail})`);
    this.name = 'DatabaseOpenError';
  }
}

/** A failure to reach or prepare the database, as what the owner has to fix. */
export function postgresOpenError(where: string, err: unknown): DatabaseOpenError {
  if (err instanceof DatabaseOpenError) return err;
  const code = (err as { code?: string }).code ?? '';
  const detail = [code, (err as Error).message].filter(Boolean).join(' ');
  // The server said who may not connect, or that the database is not there.
  if (code === '28P01' || code === '28000') return new DatabaseOpenError('auth', where, detail);
  if (code === '3D000') return new DatabaseOpenError('missing', where, detail);
  const failure = storeFailure(err);
  if (failure === 'unreachable') return new DatabaseOpenError('unreachable', where, detail);
  if (failure === 'full') return new DatabaseOpenError('full', where, detail);
  if (failure === 'readonly') return new DatabaseOpenError('readonly', where, detail);
  if (failure === 'corrupt') return new DatabaseOpenError('corrupt', where, detail);
  return new DatabaseOpenError('cannotOpen', where, detail);
}
