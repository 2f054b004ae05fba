/**
 * Why the store refused a write, in terms a member can act on. The domain sees these kinds, never
 * a driver's error class; anything that is not a storage failure is `null`.
 */
export type StoreFailure = 'full' | 'readonly' | 'busy' | 'corrupt' | 'io';

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
  '57P01': 'io', // admin_shutdown
  '57P03': 'io', // cannot_connect_now
  '08006': 'io', // connection_failure
  ECONNREFUSED: 'io',
  ECONNRESET: 'io',
  ETIMEDOUT: 'io',
  EPIPE: 'io',
};

export function storeFailure(err: unknown): StoreFailure | null {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') {
    // node-postgres reports a connection lost mid-query without a code.
    const message = (err as Error | null)?.message ?? '';
    return /Connection terminated|connection timeout/i.test(message) ? 'io' : null;
  }
  if (POSTGRES[code]) return POSTGRES[code];
  // Extended codes (SQLITE_IOERR_WRITE, SQLITE_READONLY_DBMOVED) share their primary's meaning.
  const primary = code.match(/^SQLITE_[A-Z]+/)?.[0];
  return (primary && SQLITE[primary]) || null;
}

/** Why the database could not be opened at start-up, for one line naming the fix. */
export class DatabaseOpenError extends Error {
  constructor(
    readonly kind: 'corrupt' | 'readonly' | 'cannotOpen' | 'full' | 'newer',
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
  const failure = storeFailure(err);
  if (failure === 'full') return new DatabaseOpenError('full', where, detail);
  if (failure === 'readonly') return new DatabaseOpenError('readonly', where, detail);
  if (failure === 'corrupt') return new DatabaseOpenError('corrupt', where, detail);
  return new DatabaseOpenError('cannotOpen', where, detail);
}
