import {
  getTableColumns,
  getTableName,
  is,
  Param,
  Placeholder,
  type Placeholder as PlaceholderType,
  sql,
} from 'drizzle-orm';
import type * as sqliteSchema from './schema.ts';
import type { QuestionRow, ReplyRow, Store } from './store.ts';

/**
 * Inserts questions, one statement compiled once for all of them, inside the caller's
 * transaction. On SQLite the statement is drizzle's own SQL text, run synchronously by
 * better-sqlite3 with each row's values in column order (each encoded by its column, as drizzle
 * does): no promise, no placeholder lookup through drizzle per row, which cost as much as the
 * insert itself for ten thousand rows. On PostgreSQL, a named prepared statement per row.
 * The result is a promise only where the row is not stored yet when it returns (PostgreSQL).
 */
export function questionInserter(store: Store): (row: QuestionRow) => Promise<unknown> | undefined {
  const table = store.tables.questions;
  const placeholders = Object.fromEntries(
    Object.keys(getTableColumns(table)).map((k) => [k, sql.placeholder(k)]),
  ) as Record<keyof QuestionRow, PlaceholderType>;
  if (store.dialect === 'postgres') {
    const prepared = store.db.insert(table).values(placeholders).prepare('drill_insert_question');
    return (row) => prepared.execute(row);
  }
  const query = store.lite
    .insert(table as unknown as typeof sqliteSchema.questions)
    .values(placeholders)
    .toSQL();
  const encoders = query.params.map((p) => {
    if (!is(p, Param) || !is(p.value, Placeholder)) throw new Error('unexpected insert parameter');
    const key = p.value.name as keyof QuestionRow;
    const encoder = p.encoder as { mapToDriverValue(value: unknown): unknown } | undefined;
    return {
      key,
      encode: encoder ? (v: unknown) => encoder.mapToDriverValue(v) : (v: unknown) => v,
    };
  });
  // The store's raw connection: the caller's transaction holds it, nothing else runs between.
  const statement = store.sqlite.prepare(query.sql);
  const values: unknown[] = new Array(encoders.length);
  return (row) => {
    for (let i = 0; i < encoders.length; i++) {
      const e = encoders[i] as (typeof encoders)[number];
      values[i] = e.encode(row[e.key]);
    }
    statement.run(values);
    return undefined;
  };
}

/**
 * A reply as a burst stores it: every column but the id and the time of an edit. `counted` asks
 * for it to be the member's answer.
 */
export type NewReply = Omit<ReplyRow, 'id' | 'editedAt'>;

/** What the caller read of a reply's drop and its channel to make the row. */
export interface DropAsRead {
  revealedAt: number | null;
  answers: string;
  timezone: string | null;
}

/** A reply `insertReplies` stored: its id and whether it is the member's answer. */
export interface StoredReply {
  id: number;
  dropId: number;
  messageRef: string;
  counted: boolean;
}

const REPLY_COLUMNS = [
  'dropId',
  'member',
  'memberName',
  'messageRef',
  'text',
  'createdAt',
  'counted',
  'day',
] as const satisfies readonly (keyof NewReply)[];

/**
 * Stores a burst's replies in one INSERT: one statement, one commit and one round trip for all of
 * them. A reply that conflicts with a stored row (the same message, or on SQLite a second counted
 * answer of its member) is skipped and absent from the result, for the caller to store on its own.
 * Throws when the statement fails: nothing was stored.
 *
 * On SQLite a multi-row INSERT … ON CONFLICT DO NOTHING, prepared once per number of rows; its
 * caller has just read the drops and the members' answers. On PostgreSQL one statement for any
 * number of rows, each column sent as one array (`unnest`): eight parameters and three, not eight
 * per row, one named statement prepared once per connection (src/db/pg-client.ts). There the
 * statement itself checks what the caller may have read a while ago: a row is stored only while
 * its drop and channel are as `read` says (not revealed since, the same answers setting and zone;
 * otherwise it is skipped), and it is counted only if its member has no answer in the drop yet
 * (otherwise it is stored as discussion). A batch is first tried as a plain INSERT, which costs
 * the server about a sixth less than one with ON CONFLICT (no speculative insertion: a check of
 * each unique index and a confirming WAL record per row); a batch that meets a stored row fails
 * whole, having stored nothing, and is sent again with ON CONFLICT DO NOTHING. Inside a
 * transaction, where a failed statement would end it, ON CONFLICT goes the first time.
 */
export async function insertReplies(
  store: Store,
  rows: { row: NewReply; read: DropAsRead }[],
): Promise<StoredReply[]> {
  if (store.dialect === 'postgres') {
    const { client, tables } = store;
    const values: unknown[][] = REPLY_COLUMNS.map((c) => rows.map((r) => r.row[c]));
    values.push(
      rows.map((r) => r.read.revealedAt),
      rows.map((r) => r.read.answers),
      rows.map((r) => r.read.timezone),
    );
    const insert = (skip: boolean) =>
      client.query<[number, number, string, boolean]>({
        text: pgReplyInsert(tables, skip),
        values,
        rowMode: 'array',
      });
    let result: Awaited<ReturnType<typeof insert>>;
    if (!store.inTransaction) {
      try {
        result = await insert(false);
      } catch (err) {
        if ((err as { code?: string }).code !== UNIQUE_VIOLATION) throw err;
        result = await insert(true);
      }
    } else result = await insert(true);
    return result.rows.map(([id, dropId, messageRef, counted]) => ({
      id,
      dropId,
      messageRef,
      counted,
    }));
  }
  const params: Record<string, unknown> = {};
  for (const [k, { row }] of rows.entries())
    for (const c of REPLY_COLUMNS) params[`${c}${k}`] = row[c];
  return sqliteReplyInsert(store, rows.length).execute(params);
}

/** PostgreSQL's SQLSTATE for a row a unique index refuses. */
const UNIQUE_VIOLATION = '23505';

const pgReplyTexts = new Map<boolean, string>();

/** The PostgreSQL statement, written from the tables' own names and column types. */
function pgReplyInsert(tables: Store['tables'], skipConflicts: boolean): string {
  let text = pgReplyTexts.get(skipConflicts);
  if (text) return text;
  const { replies, drops, channels } = tables;
  const q = (c: { name: string }) => `"${c.name}"`;
  const columns = REPLY_COLUMNS.map((c) => replies[c]);
  const read = [drops.revealedAt, channels.answers, channels.timezone];
  // The unnest's columns are named as the row's (u.drop_id, …) and what was read (u.r0, u.r1, u.r2).
  const names = [...columns.map(q), ...read.map((_, i) => `r${i}`)];
  const types = [...columns, ...read].map((c, i) => `$${i + 1}::${c.getSQLType()}[]`);
  const u = (c: { name: string }) => `u.${q(c)}`;
  const r = getTableName(replies);
  const param = (c: (typeof REPLY_COLUMNS)[number]) => types[REPLY_COLUMNS.indexOf(c)];
  // Both checks are one query each for the whole batch, by index, whose rows the server hashes
  // (the arrays of drop ids and members are the unnest's own): the members of the batch's drops with an
  // answer, and the batch's drops with their channels as they are now. A reveal time or zone that
  // is null on both sides is the same (-1 and '' are neither a time nor a zone).
  const selected = columns.map((c) =>
    c === replies.counted
      ? `${u(c)} and (${u(replies.dropId)}, ${u(replies.member)}) not in (select x.${q(replies.dropId)}, x.${q(replies.member)} from "${r}" x where x.${q(replies.dropId)} = any(${param('dropId')}) and x.${q(replies.member)} = any(${param('member')}) and x.${q(replies.counted)})`
      : u(c),
  );
  const asRead =
    `(${u(replies.dropId)}, coalesce(u.r0, -1), u.r1, coalesce(u.r2, '')) in (select d.${q(drops.id)}, coalesce(d.${q(drops.revealedAt)}, -1), c.${q(channels.answers)}, coalesce(c.${q(channels.timezone)}, '') ` +
    `from "${getTableName(drops)}" d join "${getTableName(channels)}" c on c.${q(channels.id)} = d.${q(drops.channelId)} where d.${q(drops.id)} = any(${param('dropId')}))`;
  text =
    `insert into "${r}" (${columns.map(q).join(', ')}) ` +
    `select ${selected.join(', ')} from unnest(${types.join(', ')}) as u(${names.join(', ')}) ` +
    `where ${asRead} ` +
    (skipConflicts ? 'on conflict do nothing ' : '') +
    `returning ${[replies.id, replies.dropId, replies.messageRef, replies.counted].map(q).join(', ')}`;
  pgReplyTexts.set(skipConflicts, text);
  return text;
}

function prepareSqliteReplyInsert(store: Store, rows: number) {
  const { replies } = store.tables;
  return store.db
    .insert(replies)
    .values(
      Array.from({ length: rows }, (_, k) =>
        Object.fromEntries(REPLY_COLUMNS.map((c) => [c, sql.placeholder(`${c}${k}`)])),
      ) as unknown as NewReply[],
    )
    .onConflictDoNothing()
    .returning({
      id: replies.id,
      dropId: replies.dropId,
      messageRef: replies.messageRef,
      counted: replies.counted,
    })
    .prepare(`drill_reply_batch_${rows}`);
}

/**
 * SQLite's reply INSERTs of a store, by number of rows: each built and prepared once. Held here
 * rather than by `preparedFor` (src/db/prepared.ts): up to 128 sizes would take half of the
 * statements that holds per store, and the hot paths' own could then go unheld.
 */
const sqliteReplyInserts = new WeakMap<
  Store['db'],
  Map<number, ReturnType<typeof prepareSqliteReplyInsert>>
>();

function sqliteReplyInsert(
  store: Store,
  rows: number,
): ReturnType<typeof prepareSqliteReplyInsert> {
  let byRows = sqliteReplyInserts.get(store.db);
  if (!byRows) {
    byRows = new Map();
    sqliteReplyInserts.set(store.db, byRows);
  }
  let insert = byRows.get(rows);
  if (!insert) {
    insert = prepareSqliteReplyInsert(store, rows);
    byRows.set(rows, insert);
  }
  return insert;
}
