import { and, count, eq, inArray, isNull, notInArray } from 'drizzle-orm';
import { questionInserter } from '../db/bulk.ts';
import type { QuestionRow, Store } from '../db/store.ts';
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

type Row = QuestionRow;
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
    owner: null,
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

function differs(a: Row, b: QuestionRow): boolean {
  for (const k of COMPARED) if (a[k] !== b[k]) return true;
  return JSON.stringify(a.references) !== JSON.stringify(b.references);
}

/** Ids per `IN (...)` when retiring, well under SQLite's and PostgreSQL's variable limits. */
const CHUNK = 500;

/**
 * Brings the questions table in line with the banks, in one transaction: new questions are
 * inserted, changed ones updated in place (same id, so history stays), vanished ones retired,
 * never deleted. A bank whose file has errors keeps its last good version; a bank whose file
 * is unchanged since its last sync is left alone. Banks no longer among `banks` are retired.
 */
export async function syncBanks(
  store: Store,
  banks: BankInput[],
  now: number,
): Promise<SyncResult> {
  const result: SyncResult = { inserted: 0, updated: 0, retired: 0, unchanged: 0, kept: [] };
  // One sync at a time: two processes starting together on one PostgreSQL do not race.
  await store.transaction(
    async (txStore) => {
      const { db: tx, tables } = txStore;
      const { questions, banks: bankTable } = tables;
      // One statement compiled once for every new row (src/db/bulk.ts): on SQLite it runs
      // synchronously, each row's values given in column order.
      const insert = questionInserter(txStore);
      // A workspace's own questions (approved suggestions) are not the notes' to retire.
      const fromNotes = (name: string) => and(eq(questions.bank, name), isNull(questions.owner));
      for (const bank of banks) {
        if (bank.skipped) continue;
        if (bank.unchanged) {
          const [counted] = await tx
            .select({ n: count() })
            .from(questions)
            .where(and(fromNotes(bank.bank), eq(questions.retired, false)));
          result.unchanged += counted?.n ?? 0;
          continue;
        }
        if (hasErrors(bank)) {
          result.kept.push({ bank: bank.bank, problems: bank.problems });
          continue;
        }
        const existing = new Map(
          (await tx.select().from(questions).where(fromNotes(bank.bank))).map((r) => [r.id, r]),
        );
        for (const [position, q] of bank.questions.entries()) {
          const row = toRow(q, position, now);
          const old = existing.get(q.id);
          existing.delete(q.id);
          if (!old) {
            const done = insert(row);
            if (done) await done; // PostgreSQL's round trip
            result.inserted++;
          } else if (differs(row, old)) {
            await tx.update(questions).set(row).where(eq(questions.id, q.id));
            result.updated++;
          } else result.unchanged++;
        }
        const vanished = [...existing.values()].filter((r) => !r.retired).map((r) => r.id);
        result.retired += vanished.length;
        for (let i = 0; i < vanished.length; i += CHUNK) {
          await tx
            .update(questions)
            .set({ retired: true, updatedAt: now })
            .where(inArray(questions.id, vanished.slice(i, i + CHUNK)));
        }
        if ('hash' in bank && bank.hash) {
          const row = {
            name: bank.bank,
            file: bank.file,
            contentHash: bank.hash,
            questionCount: bank.questions.length,
            syncedAt: now,
          };
          await tx
            .insert(bankTable)
            .values(row)
            .onConflictDoUpdate({ target: bankTable.name, set: row });
        }
      }
      const present = banks.filter((b) => !b.skipped).map((b) => b.bank);
      const retired = await tx
        .update(questions)
        .set({ retired: true, updatedAt: now })
        .where(
          and(
            eq(questions.retired, false),
            isNull(questions.owner),
            notInArray(questions.bank, present),
          ),
        )
        .returning({ id: questions.id });
      result.retired += retired.length;
      await tx.delete(bankTable).where(notInArray(bankTable.name, present));
    },
    { lock: 'bank-sync' },
  );
  // Pool sizes kept by this process (src/db/memo.ts) are counted again.
  if (result.inserted + result.updated + result.retired > 0) store.memo.forget('questions');
  return result;
}

/** Loads the banks in `paths`, parsing only files that changed since their last good sync. */
export async function syncContent(store: Store, paths: string[], now: number): Promise<SyncResult> {
  const { banks: bankTable } = store.tables;
  const known = new Map(
    (
      await store.db.select({ name: bankTable.name, hash: bankTable.contentHash }).from(bankTable)
    ).map((b) => [b.name, b.hash]),
  );
  return syncBanks(store, loadBanks(paths, known), now);
}
