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

export function storeFailure(err: unknown): StoreFailure | null {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  // Extended codes (SQLITE_IOERR_WRITE, SQLITE_READONLY_DBMOVED) share their primary's meaning.
  const primary = code.match(/^SQLITE_[A-Z]+/)?.[0];
  return (primary && SQLITE[primary]) || null;
}
