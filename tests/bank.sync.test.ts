import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { syncContent } from '../src/bank/sync.ts';
import { openDatabase } from '../src/db/connection.ts';
import { questions } from '../src/db/schema.ts';
import { seedText, tempDir } from './helpers.ts';

const NOTES = `# Databases
\t1. What is an index?
\t\tA sorted structure that finds rows without a full scan.
\t2. What is a transaction?
\t\tA unit of work that commits or rolls back as a whole.
`;

function setup() {
  const dir = tempDir();
  const content = join(dir, 'content');
  const conn = openDatabase(join(dir, 'data', 'drill.db'));
  const write = (name: string, text: string | Buffer) => {
    mkdirSync(content, { recursive: true });
    writeFileSync(join(content, name), text);
  };
  const sync = (now = 1000) => syncContent(conn.db, [content], now);
  const rows = () => conn.db.select().from(questions).orderBy(questions.position).all();
  return { dir, content, conn, write, sync, rows };
}

describe('bank sync', () => {
  it('creates the database folder, applies migrations and uses WAL and foreign keys', () => {
    const { conn } = setup();
    expect(conn.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(conn.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(Number(conn.sqlite.pragma('busy_timeout', { simple: true }))).toBeGreaterThan(0);
    conn.close();
  });

  it('inserts new questions, updates a changed answer in place and retires a vanished one', () => {
    const { write, sync, rows, conn } = setup();
    write('db.txt', NOTES);
    expect(sync()).toMatchObject({ inserted: 2, updated: 0, retired: 0, unchanged: 0 });
    const [index, tx] = rows();
    expect(index?.prompt).toBe('What is an index?');

    write(
      'db.txt',
      `${NOTES.replace('finds rows without a full scan', 'finds rows fast')}\t3. What is MVCC?\n\t\tReaders see a snapshot.\n`,
    );
    expect(sync(2000)).toMatchObject({ inserted: 1, updated: 1, retired: 0, unchanged: 1 });
    const changed = conn.db
      .select()
      .from(questions)
      .where(eq(questions.id, index?.id ?? ''))
      .get();
    expect(changed?.answer).toBe('A sorted structure that finds rows fast.');
    expect(changed?.updatedAt).toBe(2000);

    write('db.txt', NOTES.split('\t2.')[0] ?? '');
    expect(sync(3000)).toMatchObject({ inserted: 0, updated: 1, retired: 2 });
    const gone = conn.db
      .select()
      .from(questions)
      .where(eq(questions.id, tx?.id ?? ''))
      .get();
    expect(gone?.retired).toBe(true);
    expect(rows()).toHaveLength(3);

    // A question that comes back is the same question, active again.
    write('db.txt', NOTES);
    expect(sync(4000)).toMatchObject({ inserted: 0, updated: 1, retired: 0, unchanged: 1 });
    expect(
      conn.db
        .select()
        .from(questions)
        .where(eq(questions.id, tx?.id ?? ''))
        .get()?.retired,
    ).toBe(false);
    conn.close();
  });

  it('changes nothing when synced twice with the same notes', () => {
    const { write, sync, rows, conn } = setup();
    write('seed.txt', seedText());
    expect(sync().inserted).toBe(37);
    const before = rows();
    expect(sync(9999)).toMatchObject({ inserted: 0, updated: 0, retired: 0, unchanged: 37 });
    expect(rows()).toEqual(before);
    conn.close();
  });

  it('keeps the last good bank when its file breaks, and says where', () => {
    const { write, sync, rows, conn } = setup();
    write('db.txt', NOTES);
    write('seed.txt', seedText());
    sync();
    const before = rows();
    write('db.txt', Buffer.from([0xde, 0xad, 0x00, 0xbe, 0xef]));
    write('seed.txt', seedText().replace('배스 낚시', '등산'));
    const result = sync(2000);
    expect(result.kept).toHaveLength(1);
    expect(result.kept[0]?.bank).toBe('db');
    expect(result.kept[0]?.problems[0]).toMatchObject({ line: 1, level: 'error' });
    expect(result.kept[0]?.problems[0]?.file).toMatch(/db\.txt$/);
    expect(result).toMatchObject({ updated: 1, retired: 0 });
    const after = rows();
    expect(after.filter((r) => r.bank === 'db')).toEqual(before.filter((r) => r.bank === 'db'));
    expect(after.find((r) => r.prompt === '취미 / 특기')?.answer).toBe('등산');
    conn.close();
  });

  it('retires the questions of a bank whose file was removed', () => {
    const { write, sync, content, conn, rows } = setup();
    write('db.txt', NOTES);
    write('seed.txt', seedText());
    sync();
    rmSync(join(content, 'db.txt'));
    expect(sync(2000)).toMatchObject({ retired: 2, unchanged: 37 });
    expect(
      rows()
        .filter((r) => r.retired)
        .map((r) => r.bank),
    ).toEqual(['db', 'db']);
    conn.close();
  });
});

describe('bank sync of a notes folder', () => {
  it('stores Markdown questions with their body and format, banks named by path, skips empty files', () => {
    const { content, write, sync, rows, conn } = setup();
    write('README.md', '# About\n\nNothing to ask here.\n');
    mkdirSync(join(content, 'js'), { recursive: true });
    write(
      join('js', 'quiz.md'),
      '## Quiz\n\n#### 1. What is the output?\n\n```js\nlog(1 < 2)\n```\n\n<details><summary>Answer</summary>\n\ntrue\n\n</details>\n\n#### 2. What is the output?\n\n```js\nlog(2 < 1)\n```\n\n<details><summary>Answer</summary>\n\nfalse\n\n</details>\n',
    );
    const result = sync();
    expect(result.inserted).toBe(2);
    expect(result.kept).toEqual([]);
    expect(
      rows().map((r) => ({
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
    conn.close();
  });
});
