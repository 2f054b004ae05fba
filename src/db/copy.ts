import { asc, count, sql } from 'drizzle-orm';
import type { Store, Tables } from './store.ts';

/** Every table, parents before children, so foreign keys hold while rows arrive. */
const TABLES = [
  'questions',
  'banks',
  'channels',
  'channelManagers',
  'drops',
  'replies',
  'votes',
  'scheduleSkips',
  'nudgeOptOuts',
  'suggestions',
  'reviewCards',
  'reviewLog',
  'privateAnswers',
  'reviewScreens',
  'mocks',
  'reviewReminders',
  'coachFeedback',
] as const;
type TableName = (typeof TABLES)[number];

/** Tables whose ids come from a sequence on PostgreSQL, moved past the copied ids. */
const SERIAL: TableName[] = TABLES.filter((name) => name !== 'questions' && name !== 'banks');

/** Rows per insert: under both stores' limits on bound values (15 columns × 500). */
const BATCH = 500;

/** The table's name in SQL (channelManagers is channel_managers). */
const sqlName = (name: TableName) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

export class CopyError extends Error {}

export interface CopiedTable {
  /** The table's SQL name. */
  table: string;
  source: number;
  target: number;
}

async function counts(store: Store): Promise<Record<TableName, number>> {
  const out = {} as Record<TableName, number>;
  for (const name of TABLES) {
    const [row] = await store.db.select({ n: count() }).from(store.tables[name]);
    out[name] = row?.n ?? 0;
  }
  return out;
}

function keyOf(tables: Tables, name: TableName) {
  if (name === 'questions') return tables.questions.id;
  if (name === 'banks') return tables.banks.name;
  return tables[name].id;
}

/**
 * Copies a whole history (questions, banks, channels, drops, replies, votes) from one store to
 * another, ids included, in one transaction on the target, then checks that every table has
 * as many rows there as here. The target must be empty: a copy never merges two histories.
 */
export async function copyStore(from: Store, to: Store): Promise<CopiedTable[]> {
  const before = await counts(to);
  const filled = TABLES.filter((name) => before[name] > 0);
  if (filled.length > 0)
    throw new CopyError(
      `the target already has rows in ${filled.join(', ')}; copy into an empty database`,
    );
  await to.transaction(async (tx) => {
    const { db, tables } = tx;
    for (const name of TABLES) {
      // Read in key order, a batch at a time, so a long history is never all in memory.
      for (let offset = 0; ; offset += BATCH) {
        const rows = await from.db
          .select()
          .from(from.tables[name])
          .orderBy(asc(keyOf(from.tables, name)))
          .limit(BATCH)
          .offset(offset);
        if (rows.length === 0) break;
        await db.insert(tables[name]).values(rows as never);
        if (rows.length < BATCH) break;
      }
    }
    if (tx.dialect === 'postgres') {
      for (const name of SERIAL) {
        await tx.pg.execute(
          sql`select setval(pg_get_serial_sequence(${sqlName(name)}, 'id'), coalesce(max(id), 0) + 1, false) from ${sql.identifier(sqlName(name))}`,
        );
      }
    }
  });
  const source = await counts(from);
  const target = await counts(to);
  const result = TABLES.map((table) => ({
    table: sqlName(table),
    source: source[table],
    target: target[table],
  }));
  const off = result.filter((r) => r.source !== r.target);
  if (off.length > 0)
    throw new CopyError(
      `row counts differ after the copy: ${off.map((r) => `${r.table} ${r.source} → ${r.target}`).join(', ')}`,
    );
  return result;
}
