import {
  and,
  count,
  eq,
  getTableColumns,
  inArray,
  notInArray,
  type Placeholder,
  sql,
} from 'drizzle-orm';
import type { Db } from '../db/connection.ts';
import { banks as bankTable, questions } from '../db/schema.ts';
import { hasErrors, type LoadedBank, loadBanks } from './load.ts';
import type { ParsedBank, Problem, Question } from './parse.ts';

export interface SyncResult {
  inserted: number;
  updated: number;
  retired: number;
  unchanged: number;
  /** Banks left as they were because their file has errors. */
  kept: { bank: string; problems: Problem[] }[];
}

type Row = typeof questions.$inferInsert;
type BankInput = (ParsedBank | LoadedBank) & { unchanged?: true; skipped?: true };

function toRow(q: Question, position: number, now: number): Row {
  return {
    id: q.id,
    bank: q.bank,
    section: q.section,
    number: q.number,
    prompt: q.prompt,
    body: q.body,
    format: q.format,
    answer: q.answer,
    notes: q.notes,
    references: q.references,
    parent: q.parent,
    kind: q.kind,
    position,
    sourceFile: q.source.file,
    sourceLine: q.source.line,
    retired: false,
    updatedAt: now,
  };
}

const COMPARED = [
  'bank',
  'section',
  'number',
  'prompt',
  'body',
  'format',
  'answer',
  'notes',
  'parent',
  'kind',
  'position',
  'sourceFile',
  'sourceLine',
  'retired',
] as const;

function differs(a: Row, b: typeof questions.$inferSelect): boolean {
  for (const k of COMPARED) if (a[k] !== b[k]) return true;
  return JSON.stringify(a.references) !== JSON.stringify(b.references);
}

/** Ids per `IN (...)` when retiring, well under SQLite's variable limit. */
const CHUNK = 500;

/**
 * Brings the questions table in line with the banks, in one transaction: new questions are
 * inserted, changed ones updated in place (same id, so history stays), vanished ones retired,
 * never deleted. A bank whose file has errors keeps its last good version; a bank whose file
 * is unchanged since its last sync is left alone. Banks no longer among `banks` are retired.
 */
export function syncBanks(db: Db, banks: BankInput[], now: number): SyncResult {
  const result: SyncResult = { inserted: 0, updated: 0, retired: 0, unchanged: 0, kept: [] };
  db.transaction((tx) => {
    // One prepared statement for every new row: ten thousand questions insert in tens of ms.
    const insert = tx
      .insert(questions)
      .values(
        Object.fromEntries(
          Object.keys(getTableColumns(questions)).map((k) => [k, sql.placeholder(k)]),
        ) as Record<keyof Row, Placeholder>,
      )
      .prepare();
    for (const bank of banks) {
      if (bank.skipped) continue;
      if (bank.unchanged) {
        result.unchanged +=
          tx
            .select({ n: count() })
            .from(questions)
            .where(and(eq(questions.bank, bank.bank), eq(questions.retired, false)))
            .get()?.n ?? 0;
        continue;
      }
      if (hasErrors(bank)) {
        result.kept.push({ bank: bank.bank, problems: bank.problems });
        continue;
      }
      const existing = new Map(
        tx
          .select()
          .from(questions)
          .where(eq(questions.bank, bank.bank))
          .all()
          .map((r) => [r.id, r]),
      );
      bank.questions.forEach((q, position) => {
        const row = toRow(q, position, now);
        const old = existing.get(q.id);
        existing.delete(q.id);
        if (!old) {
          insert.run(row);
          result.inserted++;
        } else if (differs(row, old)) {
          tx.update(questions).set(row).where(eq(questions.id, q.id)).run();
          result.updated++;
        } else result.unchanged++;
      });
      const vanished = [...existing.values()].filter((r) => !r.retired).map((r) => r.id);
      result.retired += vanished.length;
      for (let i = 0; i < vanished.length; i += CHUNK) {
        tx.update(questions)
          .set({ retired: true, updatedAt: now })
          .where(inArray(questions.id, vanished.slice(i, i + CHUNK)))
          .run();
      }
      if ('hash' in bank && bank.hash) {
        const row = {
          name: bank.bank,
          file: bank.file,
          contentHash: bank.hash,
          questionCount: bank.questions.length,
          syncedAt: now,
        };
        tx.insert(bankTable)
          .values(row)
          .onConflictDoUpdate({ target: bankTable.name, set: row })
          .run();
      }
    }
    const present = banks.filter((b) => !b.skipped).map((b) => b.bank);
    result.retired += tx
      .update(questions)
      .set({ retired: true, updatedAt: now })
      .where(and(eq(questions.retired, false), notInArray(questions.bank, present)))
      .run().changes;
    tx.delete(bankTable).where(notInArray(bankTable.name, present)).run();
  });
  return result;
}

/** Loads the banks in `paths`, parsing only files that changed since their last good sync. */
export function syncContent(db: Db, paths: string[], now: number): SyncResult {
  const known = new Map(
    db
      .select({ name: bankTable.name, hash: bankTable.contentHash })
      .from(bankTable)
      .all()
      .map((b) => [b.name, b.hash]),
  );
  return syncBanks(db, loadBanks(paths, known), now);
}
