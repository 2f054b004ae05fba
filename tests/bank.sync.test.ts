import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { loadBankFile } from '../src/bank/load.ts';
import { syncContent } from '../src/bank/sync.ts';
import { openSqlite } from '../src/db/sqlite.ts';
import {
  newStoreTarget,
  openTestStore,
  STORES,
  type StoreKind,
  seedText,
  tempDir,
} from './helpers.ts';

const NOTES = `# Databases
\t1. What is an index?
\t\tA sorted structure that finds rows without a full scan.
\t2. What is a transaction?
\t\tA unit of work that commits or rolls back as a whole.
`;

async function setup(kind: StoreKind) {
  const dir = tempDir();
  const content = join(dir, 'content');
  const store = await openTestStore(await newStoreTarget(kind, dir));
  const { db, tables } = store;
  const { questions } = tables;
  const write = (name: string, text: string | Buffer) => {
    mkdirSync(content, { recursive: true });
    writeFileSync(join(content, name), text);
  };
  const sync = (now = 1000) => syncContent(store, [content], now);
  const rows = () => db.select().from(questions).orderBy(questions.position, questions.id);
  const byId = async (id: string | undefined) =>
    (
      await db
        .select()
        .from(questions)
        .where(eq(questions.id, id ?? ''))
    )[0];
  return { dir, content, write, sync, rows, byId };
}

describe('the SQLite file', () => {
  it('creates the database folder, applies migrations and uses WAL and foreign keys', async () => {
    const store = openSqlite(join(tempDir(), 'data', 'drill.db'));
    expect(store.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(Number(store.sqlite.pragma('busy_timeout', { simple: true }))).toBeGreaterThan(0);
    await store.close();
  });
});

describe.each(STORES)('bank sync on %s', (kind: StoreKind) => {
  it('inserts new questions, updates a changed answer in place and retires a vanished one', async () => {
    const { write, sync, rows, byId } = await setup(kind);
    write('db.txt', NOTES);
    expect(await sync()).toMatchObject({ inserted: 2, updated: 0, retired: 0, unchanged: 0 });
    const [index, tx] = await rows();
    expect(index?.prompt).toBe('What is an index?');

    write(
      'db.txt',
      `${NOTES.replace('finds rows without a full scan', 'finds rows fast')}\t3. What is MVCC?\n\t\tReaders see a snapshot.\n`,
    );
    expect(await sync(2000)).toMatchObject({ inserted: 1, updated: 1, retired: 0, unchanged: 1 });
    const changed = await byId(index?.id);
    expect(changed?.answer).toBe('A sorted structure that finds rows fast.');
    expect(changed?.updatedAt).toBe(2000);

    write('db.txt', NOTES.split('\t2.')[0] ?? '');
    expect(await sync(3000)).toMatchObject({ inserted: 0, updated: 1, retired: 2 });
    const gone = await byId(tx?.id);
    expect(gone?.retired).toBe(true);
    expect(await rows()).toHaveLength(3);

    // A question that comes back is the same question, active again.
    write('db.txt', NOTES);
    expect(await sync(4000)).toMatchObject({ inserted: 0, updated: 1, retired: 0, unchanged: 1 });
    expect((await byId(tx?.id))?.retired).toBe(false);
  });

  it('stores every field of each question as parsed', async () => {
    const { content, write, sync, rows } = await setup(kind);
    write(
      'db.txt',
      `# Databases\n\t1. What is an index?\n\t\tA sorted structure.\n\t\t=====\n\t\tB-tree notes\n\t\t참고\n\t\t\thttps://example.com/idx\n\t2. Joins\n\t\t2-1. 해시 조인이란?\n\t\t\tBuild, then probe.\n`,
    );
    write(
      'quiz.md',
      '## Quiz\n\n#### 1. What is the output?\n\n```js\nlog(1 < 2)\n```\n\n<details><summary>Answer</summary>\n\ntrue\n\n</details>\n\n#### 2. What is the output?\n\n```js\nlog(2 < 1)\n```\n\n<details><summary>Answer</summary>\n\nfalse\n\n</details>\n',
    );
    expect((await sync(1234)).inserted).toBe(5);
    const expected = ['db.txt', 'quiz.md'].flatMap((f) =>
      loadBankFile(join(content, f)).questions.map((q, position) => ({
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
        updatedAt: 1234,
        owner: null,
      })),
    );
    const stored = await rows();
    expect([...stored].sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      [...expected].sort((a, b) => a.id.localeCompare(b.id)),
    );
    // Every kind of value is there to lose: a labelled reference, a follow-up, a group, a body.
    expect(stored.some((r) => r.references.some((ref) => ref.label === '참고'))).toBe(true);
    expect(stored.some((r) => r.parent !== null && r.kind === 'question')).toBe(true);
    expect(stored.some((r) => r.kind === 'group')).toBe(true);
    expect(stored.some((r) => r.body !== '' && r.format === 'markdown')).toBe(true);
    expect(stored.some((r) => r.notes !== '')).toBe(true);
  });

  it('changes nothing when synced twice with the same notes', async () => {
    const { write, sync, rows } = await setup(kind);
    write('seed.txt', seedText());
    expect((await sync()).inserted).toBe(37);
    const before = await rows();
    expect(await sync(9999)).toMatchObject({ inserted: 0, updated: 0, retired: 0, unchanged: 37 });
    expect(await rows()).toEqual(before);
  });

  it('keeps the last good bank when its file breaks, and says where', async () => {
    const { write, sync, rows } = await setup(kind);
    write('db.txt', NOTES);
    write('seed.txt', seedText());
    await sync();
    const before = await rows();
    write('db.txt', Buffer.from([0xde, 0xad, 0x00, 0xbe, 0xef]));
    write('seed.txt', seedText().replace('배스 낚시', '등산'));
    const result = await sync(2000);
    expect(result.kept).toHaveLength(1);
    expect(result.kept[0]?.bank).toBe('db');
    expect(result.kept[0]?.problems[0]).toMatchObject({ line: 1, level: 'error' });
    expect(result.kept[0]?.problems[0]?.file).toMatch(/db\.txt$/);
    expect(result).toMatchObject({ updated: 1, retired: 0 });
    const after = await rows();
    expect(after.filter((r) => r.bank === 'db')).toEqual(before.filter((r) => r.bank === 'db'));
    expect(after.find((r) => r.prompt === '취미 / 특기')?.answer).toBe('등산');
  });

  it('retires the questions of a bank whose file was removed', async () => {
    const { write, sync, content, rows } = await setup(kind);
    write('db.txt', NOTES);
    write('seed.txt', seedText());
    await sync();
    rmSync(join(content, 'db.txt'));
    expect(await sync(2000)).toMatchObject({ retired: 2, unchanged: 37 });
    expect((await rows()).filter((r) => r.retired).map((r) => r.bank)).toEqual(['db', 'db']);
  });
});

describe('bank sync of a notes folder', () => {
  it('stores Markdown questions with their body and format, banks named by path, skips empty files', async () => {
    const { content, write, sync, rows } = await setup('sqlite');
    write('README.md', '# About\n\nNothing to ask here.\n');
    mkdirSync(join(content, 'js'), { recursive: true });
    write(
      join('js', 'quiz.md'),
      '## Quiz\n\n#### 1. What is the output?\n\n```js\nlog(1 < 2)\n```\n\n<details><summary>Answer</summary>\n\ntrue\n\n</details>\n\n#### 2. What is the output?\n\n```js\nlog(2 < 1)\n```\n\n<details><summary>Answer</summary>\n\nfalse\n\n</details>\n',
    );
    const result = await sync();
    expect(result.inserted).toBe(2);
    expect(result.kept).toEqual([]);
    expect(
      (await rows()).map((r) => ({
        bank: r.bank,
        prompt: r.prompt,
        body: r.body,
        answer: r.answer,
        format: r.format,
      })),
    ).toEqual([
      {
        bank: 'js/quiz',
        prompt: 'What is the output?',
        body: '```js\nlog(1 < 2)\n```',
        answer: 'true',
        format: 'markdown',
      },
      {
        bank: 'js/quiz',
        prompt: 'What is the output?',
        body: '```js\nlog(2 < 1)\n```',
        answer: 'false',
        format: 'markdown',
      },
    ]);
  });
});
