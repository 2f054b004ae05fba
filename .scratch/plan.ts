import { openSqlite } from '../src/db/sqlite.ts';
import { and, eq, inArray, sql } from 'drizzle-orm';
const s = openSqlite('/tmp/plan.db');
const { replies } = s.tables;
for (const cond of [eq(replies.counted, true), sql`${replies.counted}`]) {
  const q = s.db.select({ member: replies.member, drop: replies.dropId }).from(replies).where(and(inArray(replies.dropId, [1,2,3]), inArray(replies.member, ['a','b']), cond)).toSQL();
  console.log(q.sql);
  console.log(s.sqlite.prepare('explain query plan ' + q.sql).all(...q.params.map(p => typeof p === 'boolean' ? Number(p) : p)));
}
