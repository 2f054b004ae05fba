import { stringify } from 'csv-stringify/sync';
import { and, asc, count, desc, eq, gte, inArray, isNotNull, notLike, type SQL } from 'drizzle-orm';
import { coverageByReply } from '../coach/feedback.ts';
import { channelLocale, channelTimezone, ensureChannel } from '../core/channels.ts';
import { type PracticeDeps, portFor } from '../core/deps.ts';
import { HIDDEN_REF } from '../core/hidden.ts';
import { t } from '../core/i18n/index.ts';
import type { ChannelAddress } from '../core/port.ts';
import { GRADES, type Grade, VOTE } from '../core/reactions.ts';
import { localDate } from '../core/zone.ts';
import type { Store } from '../db/store.ts';
import { countedOnly } from '../db/where.ts';

/** Which drops an export takes: one channel (the platform's channel id) and/or a start. */
export interface HistoryFilter {
  /** A channels row id (what `/export` knows). */
  channelId?: number;
  /** The platform's channel id (what a person knows), any platform. */
  channel?: string;
  /** Only drops posted at or after this instant. */
  since?: number;
  /** Only the latest this many drops (still oldest first). */
  last?: number;
  /** Only this member's answers, and only the drops they answered (of those chosen). */
  member?: string;
  /** Only each drop's this many most voted answers (a page; an export takes them all). */
  top?: number;
}

export interface AnswerRecord {
  member: string;
  memberName: string;
  answeredAt: number;
  text: string;
  /** 👍 from other members. */
  votes: number;
  /** The member's own ✅ 🤔 ❌ on the reveal, the latest one. */
  selfGrade: Grade | null;
  /** The answer coach's latest judgement of it (key points covered of all), if asked for. */
  points: { covered: number; total: number } | null;
}

export interface DropRecord {
  dropId: number;
  platform: string;
  workspace: string;
  channel: string;
  /** The scheduled instant (ISO), or null for a drop made with /ask. */
  slot: string | null;
  postedAt: number;
  revealedAt: number | null;
  questionId: string;
  bank: string;
  section: string;
  question: string;
  answers: AnswerRecord[];
}

/** Ids per `IN (...)`, under both stores' limits on bound values. */
const CHUNK = 500;

/** Answers the reveal has posted or that were never hidden: a hidden answer waits for its reveal. */
const shown = (store: Store) => notLike(store.tables.replies.messageRef, `${HIDDEN_REF}%`);

function chunks<T>(list: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += CHUNK) out.push(list.slice(i, i + CHUNK));
  return out;
}

/**
 * Each drop's `top` counted answers with the most 👍 (then the earliest), their counts put in
 * `voteCounts`: one query a drop, through the (drop, member) and reply indexes.
 */
async function mostVoted(
  store: Store,
  dropIds: number[],
  top: number,
  voteCounts: Map<number, number>,
) {
  const { replies, votes } = store.tables;
  const out = new Map<number, (typeof replies.$inferSelect)[]>();
  for (const dropId of dropIds) {
    const n = count(votes.id);
    const rows = await store.db
      .select({ reply: replies, n })
      .from(replies)
      .leftJoin(votes, and(eq(votes.replyId, replies.id), eq(votes.emoji, VOTE)))
      .where(and(eq(replies.dropId, dropId), countedOnly(replies), shown(store)))
      .groupBy(replies.id)
      .orderBy(desc(n), asc(replies.createdAt), asc(replies.id))
      .limit(top);
    for (const r of rows) voteCounts.set(r.reply.id, r.n);
    out.set(
      dropId,
      rows.map((r) => r.reply),
    );
  }
  return out;
}

/** The counted answers of these drops (replies.counted: each member's first reply before the reveal). */
async function countedReplies(store: Store, dropIds: number[], member?: string) {
  const { replies } = store.tables;
  const out = new Map<number, (typeof replies.$inferSelect)[]>();
  for (const ids of chunks(dropIds)) {
    const rows = await store.db
      .select()
      .from(replies)
      .where(
        and(
          inArray(replies.dropId, ids),
          countedOnly(replies),
          shown(store),
          member === undefined ? undefined : eq(replies.member, member),
        ),
      )
      .orderBy(asc(replies.createdAt), asc(replies.id));
    for (const r of rows) out.set(r.dropId, [...(out.get(r.dropId) ?? []), r]);
  }
  return out;
}

/**
 * Every posted drop matching the filter, oldest first, with its question and its counted
 * answers (member, time, 👍 received, the member's self-grade).
 */
/** The platform channel ids the database knows (what `--channel` may name), in order. */
export async function knownChannels(store: Store): Promise<string[]> {
  const { channels } = store.tables;
  const rows = await store.db
    .selectDistinct({ channel: channels.channel })
    .from(channels)
    .orderBy(asc(channels.channel));
  return rows.map((r) => r.channel);
}

export async function loadHistory(store: Store, filter: HistoryFilter = {}): Promise<DropRecord[]> {
  const { db, tables } = store;
  const { drops, channels, questions, votes } = tables;
  const where: SQL[] = [eq(drops.status, 'posted'), isNotNull(drops.postedAt)];
  if (filter.channelId !== undefined) where.push(eq(drops.channelId, filter.channelId));
  if (filter.channel !== undefined) where.push(eq(channels.channel, filter.channel));
  if (filter.since !== undefined) where.push(gte(drops.postedAt, filter.since));
  const query = db
    .select({ drop: drops, channel: channels, question: questions })
    .from(drops)
    .innerJoin(channels, eq(channels.id, drops.channelId))
    .innerJoin(questions, eq(questions.id, drops.questionId))
    .where(and(...where));
  const rows =
    filter.last === undefined
      ? await query.orderBy(asc(drops.postedAt), asc(drops.id))
      : (await query.orderBy(desc(drops.postedAt), desc(drops.id)).limit(filter.last)).reverse();
  const dropIds = rows.map((r) => r.drop.id);
  const voteCounts = new Map<number, number>();
  const answers =
    filter.top === undefined
      ? await countedReplies(store, dropIds, filter.member)
      : await mostVoted(store, dropIds, filter.top, voteCounts);
  const replyIds = filter.top === undefined ? [...answers.values()].flat().map((r) => r.id) : [];
  for (const ids of chunks(replyIds)) {
    for (const v of await db
      .select({ reply: votes.replyId, n: count() })
      .from(votes)
      .where(and(inArray(votes.replyId, ids), eq(votes.emoji, VOTE)))
      .groupBy(votes.replyId))
      if (v.reply !== null) voteCounts.set(v.reply, v.n);
  }
  const coverage = await coverageByReply(store, replyIds);
  const grades = new Map<string, Grade>();
  for (const ids of chunks(dropIds)) {
    for (const g of await db
      .select({ drop: votes.dropId, voter: votes.voter, emoji: votes.emoji })
      .from(votes)
      .where(
        and(
          inArray(votes.dropId, ids),
          eq(votes.target, 'reveal'),
          filter.member === undefined ? undefined : eq(votes.voter, filter.member),
        ),
      )
      .orderBy(asc(votes.createdAt), asc(votes.id))) {
      const grade = GRADES[g.emoji as keyof typeof GRADES];
      if (grade) grades.set(`${g.drop}\u0000${g.voter}`, grade);
    }
  }
  const chosen = filter.member === undefined ? rows : rows.filter((r) => answers.has(r.drop.id));
  return chosen.map(({ drop, channel, question }) => ({
    dropId: drop.id,
    platform: channel.platform,
    workspace: channel.workspace,
    channel: channel.channel,
    slot: drop.slot.startsWith('manual:') ? null : drop.slot,
    postedAt: drop.postedAt as number,
    revealedAt: drop.revealedAt,
    questionId: question.id,
    bank: question.bank,
    section: question.section,
    question: question.prompt,
    answers: (answers.get(drop.id) ?? []).map((r) => ({
      member: r.member,
      memberName: r.memberName,
      answeredAt: r.createdAt,
      text: r.text,
      votes: voteCounts.get(r.id) ?? 0,
      selfGrade: grades.get(`${drop.id}\u0000${r.member}`) ?? null,
      points: coverage.get(r.id) ?? null,
    })),
  }));
}

export const CSV_COLUMNS = [
  'platform',
  'workspace',
  'channel',
  'drop_id',
  'scheduled_for',
  'posted_at',
  'revealed_at',
  'question_id',
  'bank',
  'section',
  'question',
  'member_id',
  'member_name',
  'answered_at',
  'answer',
  'votes',
  'self_grade',
  'points_covered',
  'points_total',
] as const;

const iso = (ms: number | null) => (ms === null ? '' : new Date(ms).toISOString());

/**
 * A cell a spreadsheet would run as a formula (=, +, @, or - before a non-space: "=HYPERLINK(…)")
 * gets a leading apostrophe, which spreadsheets show as text; a "- bullet" stays as written.
 */
export function spreadsheetSafe(text: string): string {
  return /^(?:[=+@\t\r]|-(?=\S))/.test(text) ? `'${text}` : text;
}

/**
 * One row per counted answer (a drop nobody answered is one row with the answer columns empty),
 * a header row first, UTF-8 with a byte order mark so spreadsheet programs read Korean right.
 */
export function historyCsv(drops: DropRecord[]): Buffer {
  const rows: string[][] = [];
  for (const d of drops) {
    const base = [
      d.platform,
      d.workspace,
      d.channel,
      String(d.dropId),
      d.slot ?? '',
      iso(d.postedAt),
      iso(d.revealedAt),
      d.questionId,
      d.bank,
      d.section,
      d.question,
    ];
    if (d.answers.length === 0) rows.push([...base, '', '', '', '', '', '', '', '']);
    for (const a of d.answers)
      rows.push([
        ...base,
        a.member,
        a.memberName,
        iso(a.answeredAt),
        a.text,
        String(a.votes),
        a.selfGrade ?? '',
        a.points ? String(a.points.covered) : '',
        a.points ? String(a.points.total) : '',
      ]);
  }
  const text = stringify(
    rows.map((r) => r.map(spreadsheetSafe)),
    { header: true, columns: [...CSV_COLUMNS], bom: true, record_delimiter: 'windows' },
  );
  return Buffer.from(text, 'utf8');
}

/** The same drops as JSON: times as ISO instants, answers nested under their drop. */
export function historyJson(drops: DropRecord[]): string {
  return JSON.stringify(
    {
      drops: drops.map((d) => ({
        ...d,
        postedAt: iso(d.postedAt),
        revealedAt: d.revealedAt === null ? null : iso(d.revealedAt),
        answers: d.answers.map((a) => ({ ...a, answeredAt: iso(a.answeredAt) })),
      })),
    },
    null,
    2,
  );
}

/**
 * `/export`: the channel's whole history as CSV, sent to the channel as a file. Returns what
 * it held; nothing is sent when the channel has no drop yet.
 */
export async function sendChannelExport(
  deps: PracticeDeps,
  address: ChannelAddress,
): Promise<{ drops: number; answers: number }> {
  const channel = await ensureChannel(deps, address);
  const drops = await loadHistory(deps.store, { channelId: channel.id });
  const answers = drops.reduce((n, d) => n + d.answers.length, 0);
  if (drops.length === 0) return { drops: 0, answers };
  const today = localDate(deps.clock.now(), channelTimezone(deps, channel));
  const safe = address.channel.replace(/[^\w.-]/g, '_');
  await portFor(deps, address).uploadFile(address, null, {
    name: `drill-history-${safe}-${today}.csv`,
    bytes: historyCsv(drops),
    title: t(channelLocale(channel), 'export.fileTitle', { date: today, drops: drops.length }),
  });
  return { drops: drops.length, answers };
}
