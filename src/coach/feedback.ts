import { and, asc, desc, eq, gte, inArray, isNotNull, lt, type SQL } from 'drizzle-orm';
import { channelLocale, channelTimezone, ensureChannel } from '../core/channels.ts';
import type { PracticeDeps } from '../core/deps.ts';
import type { ChannelAddress } from '../core/port.ts';
import { addDays, localDate, startOfLocalDay } from '../core/zone.ts';
import type { ChannelRow, DropRow, QuestionRow, Store } from '../db/store.ts';
import { countedOnly } from '../db/where.ts';
import { features } from './features.ts';
import { type Judgement, judge, type PointResult } from './judge.ts';
import { coachModelOf } from './model.ts';

/**
 * The coach's feedback on a member's answer, stored with the answer it judged. Before the
 * reveal it tells counts and sections only; after it (and in /review and /mock, where the
 * member sees the model answer) the points themselves. What is shown is decided by the caller
 * from `revealed`: nothing here renders.
 */

/** Why the language model's note is missing: it failed, repeated the hidden answer, or the day's budget is spent. */
export type ModelNote = 'unavailable' | 'withheld' | 'budget';

export interface Feedback {
  prompt: string;
  judgement: Judgement;
  /** The language model's critique, where the channel turned it on and it gave one. */
  critique?: string;
  modelNote?: ModelNote;
  /** The model answer had been shown when the answer was judged. */
  revealed: boolean;
  /** In /mock: the notes' follow-up that best matches what the answer missed. */
  followUp?: string;
}

export type DropFeedback =
  | { kind: 'off' }
  | { kind: 'noDrop' }
  | { kind: 'noAnswer'; prompt: string }
  | ({ kind: 'feedback' } & Feedback);

/** The channel's newest posted drop (the console has no threads). */
async function latestPosted(deps: PracticeDeps, channelId: number): Promise<DropRow | undefined> {
  const { drops } = deps.store.tables;
  const [row] = await deps.store.db
    .select()
    .from(drops)
    .where(and(eq(drops.channelId, channelId), eq(drops.status, 'posted')))
    .orderBy(desc(drops.postedAt), desc(drops.id))
    .limit(1);
  return row;
}

async function dropFor(
  deps: PracticeDeps,
  channel: ChannelRow,
  where: { dropId?: number; threadRef: string | null },
): Promise<DropRow | undefined> {
  const { drops } = deps.store.tables;
  const by =
    where.dropId !== undefined
      ? eq(drops.id, where.dropId)
      : where.threadRef !== null
        ? eq(drops.threadRef, where.threadRef)
        : undefined;
  if (!by) return latestPosted(deps, channel.id);
  const [row] = await deps.store.db
    .select()
    .from(drops)
    .where(and(eq(drops.channelId, channel.id), by))
    .limit(1);
  // A /feedback in the channel itself (not a drop's thread) is about the newest drop.
  return row ?? (where.dropId === undefined ? latestPosted(deps, channel.id) : undefined);
}

async function question(deps: PracticeDeps, id: string | null): Promise<QuestionRow | undefined> {
  if (!id) return undefined;
  const { questions } = deps.store.tables;
  const [row] = await deps.store.db.select().from(questions).where(eq(questions.id, id)).limit(1);
  return row;
}

type ModelStatus = 'ok' | 'timeout' | 'error' | 'withheld' | 'budget';

/** Language-model requests made for a channel since its local midnight. */
async function usedToday(deps: PracticeDeps, channel: ChannelRow): Promise<number> {
  const zone = channelTimezone(deps, channel);
  const since = startOfLocalDay(localDate(deps.clock.now(), zone), zone);
  const { coachFeedback } = deps.store.tables;
  const rows = await deps.store.db
    .select({ status: coachFeedback.modelStatus })
    .from(coachFeedback)
    .where(and(eq(coachFeedback.channelId, channel.id), gte(coachFeedback.createdAt, since)));
  // A refusal for the budget made no request.
  return rows.filter((r) => r.status !== null && r.status !== 'budget').length;
}

/**
 * The language model's critique, when the host configured one and the channel turned it on,
 * for an answer worth one (not empty or copied), within the channel's daily budget. Never
 * throws: a failure leaves the offline result with a note. The key and the answer are never
 * logged; the outcome is.
 */
async function critiqueFor(
  deps: PracticeDeps,
  channel: ChannelRow,
  q: QuestionRow,
  answer: string,
  judgement: Judgement,
  revealed: boolean,
): Promise<{
  stored: { critique: string | null; modelStatus: ModelStatus | null };
  shown: { critique?: string; modelNote?: ModelNote };
}> {
  const model = coachModelOf(deps);
  const none = { stored: { critique: null, modelStatus: null }, shown: {} };
  if (!model || !channel.coachModel || judgement.verdict !== 'answered') return none;
  if ((await usedToday(deps, channel)) >= model.config.dailyBudget)
    return { stored: { critique: null, modelStatus: 'budget' }, shown: { modelNote: 'budget' } };
  const outcome = await model.critique({
    prompt: q.prompt,
    modelAnswer: q.answer,
    answer,
    judgement,
    revealed,
    language: channelLocale(channel),
  });
  deps.log.info(
    {
      channel: channel.id,
      outcome: outcome.kind,
      status: 'status' in outcome ? outcome.status : null,
    },
    'coach: language model asked',
  );
  if (outcome.kind === 'ok')
    return {
      stored: { critique: outcome.text, modelStatus: 'ok' },
      shown: { critique: outcome.text },
    };
  const note: ModelNote = outcome.kind === 'withheld' ? 'withheld' : 'unavailable';
  return { stored: { critique: null, modelStatus: outcome.kind }, shown: { modelNote: note } };
}

/** Whether members of the channel may ask the coach (`/settings coach`). */
export function coachOn(channel: ChannelRow): boolean {
  return channel.coach;
}

/**
 * Feedback on the member's counted answer to a drop: the one a button names, else the drop of
 * the thread, else the channel's newest.
 */
export async function feedbackOnDrop(
  deps: PracticeDeps,
  address: ChannelAddress,
  opts: { member: string; threadRef: string | null; dropId?: number },
): Promise<DropFeedback> {
  const channel = await ensureChannel(deps, address);
  if (!coachOn(channel)) return { kind: 'off' };
  const drop = await dropFor(deps, channel, opts);
  if (!drop) return { kind: 'noDrop' };
  const q = await question(deps, drop.questionId);
  if (!q) return { kind: 'noDrop' };
  const { replies } = deps.store.tables;
  const [reply] = await deps.store.db
    .select()
    .from(replies)
    .where(and(eq(replies.dropId, drop.id), eq(replies.member, opts.member), countedOnly(replies)))
    .limit(1);
  if (!reply) return { kind: 'noAnswer', prompt: q.prompt };
  const revealed = drop.revealedAt !== null;
  const judged = await judgeAndKeep(deps, channel, q, {
    platform: address.platform,
    member: opts.member,
    text: reply.text,
    replyId: reply.id,
    privateAnswerId: null,
    revealed,
  });
  return { kind: 'feedback', prompt: q.prompt, revealed, ...judged };
}

/**
 * Judges an answer, asks the channel's language model where it is on, and stores the judgement
 * with the answer it judged: what both kinds of feedback share.
 */
async function judgeAndKeep(
  deps: PracticeDeps,
  channel: ChannelRow,
  q: QuestionRow,
  answer: {
    platform: string;
    member: string;
    text: string;
    replyId: number | null;
    privateAnswerId: number | null;
    revealed: boolean;
  },
): Promise<Pick<Feedback, 'judgement' | 'critique' | 'modelNote'>> {
  const { text, revealed, ...ids } = answer;
  const judgement = judge(q, text);
  const model = await critiqueFor(deps, channel, q, text, judgement, revealed);
  await store(deps, {
    ...model.stored,
    ...ids,
    channelId: channel.id,
    questionId: q.id,
    answer: text,
    judgement,
    revealed,
  });
  return { judgement, ...model.shown };
}

/**
 * Feedback on a member's latest /review or /mock answer to a question (quoting the notes once
 * the model answer is on their screen); in /mock also the follow-up to ask next.
 */
export async function feedbackOnPrivate(
  deps: PracticeDeps,
  address: ChannelAddress,
  opts: { member: string; questionId: string; source: 'review' | 'mock'; revealed: boolean },
): Promise<DropFeedback> {
  const channel = await ensureChannel(deps, address);
  if (!coachOn(channel)) return { kind: 'off' };
  const q = await question(deps, opts.questionId);
  if (!q) return { kind: 'noDrop' };
  const { privateAnswers } = deps.store.tables;
  const [answer] = await deps.store.db
    .select()
    .from(privateAnswers)
    .where(
      and(
        eq(privateAnswers.platform, address.platform),
        eq(privateAnswers.member, opts.member),
        eq(privateAnswers.questionId, q.id),
        eq(privateAnswers.source, opts.source),
      ),
    )
    .orderBy(desc(privateAnswers.createdAt), desc(privateAnswers.id))
    .limit(1);
  if (!answer) return { kind: 'noAnswer', prompt: q.prompt };
  const judged = await judgeAndKeep(deps, channel, q, {
    platform: address.platform,
    member: opts.member,
    text: answer.text,
    replyId: null,
    privateAnswerId: answer.id,
    revealed: opts.revealed,
  });
  const followUp =
    opts.source === 'mock' ? await nextFollowUp(deps, q.id, judged.judgement.points) : undefined;
  return {
    kind: 'feedback',
    prompt: q.prompt,
    revealed: opts.revealed,
    ...judged,
    ...(followUp ? { followUp } : {}),
  };
}

/**
 * The notes' follow-up of a question that best matches what the answer missed (by the words
 * they share); with nothing missed, the first follow-up; none when the notes have none.
 */
export async function nextFollowUp(
  deps: PracticeDeps,
  questionId: string,
  points: PointResult[],
): Promise<string | undefined> {
  const { questions } = deps.store.tables;
  const followUps = await deps.store.db
    .select()
    .from(questions)
    .where(and(eq(questions.parent, questionId), eq(questions.retired, false)))
    .orderBy(asc(questions.position));
  if (followUps.length === 0) return undefined;
  const missed = new Set(
    points.filter((p) => p.status !== 'covered').flatMap((p) => [...features(p.point.text).set]),
  );
  let best = followUps[0];
  let bestShared = 0;
  for (const f of followUps) {
    const own = features(`${f.prompt}\n${f.answer}`).set;
    let shared = 0;
    for (const x of own) if (missed.has(x)) shared++;
    if (shared > bestShared) {
      bestShared = shared;
      best = f;
    }
  }
  return best?.prompt;
}

async function store(
  deps: PracticeDeps,
  row: {
    platform: string;
    member: string;
    channelId: number | null;
    questionId: string;
    replyId: number | null;
    privateAnswerId: number | null;
    answer: string;
    judgement: Judgement;
    revealed: boolean;
    critique?: string | null;
    modelStatus?: ModelStatus | null;
  },
): Promise<void> {
  const { coachFeedback } = deps.store.tables;
  const { judgement, ...rest } = row;
  await deps.store.db
    .insert(coachFeedback)
    .values({
      ...rest,
      verdict: judgement.verdict,
      covered: judgement.covered,
      total: judgement.total,
      createdAt: deps.clock.now(),
    })
    .returning({ id: coachFeedback.id });
}

export interface Coverage {
  /** Answers judged (the latest judgement of each). */
  answers: number;
  /** Key points covered per judged answer, on average. */
  pointsPerAnswer: number;
  /** Share of key points covered, 0–1. */
  share: number;
}

/** The latest judgement of each answer, in time order. */
export function latestPerAnswer<
  R extends { replyId: number | null; privateAnswerId: number | null; id: number },
>(rows: R[]): R[] {
  const byAnswer = new Map<string, R>();
  for (const r of rows)
    byAnswer.set(r.replyId !== null ? `r${r.replyId}` : `p${r.privateAnswerId ?? `x${r.id}`}`, r);
  return [...byAnswer.values()];
}

export function coverageOf(
  rows: {
    replyId: number | null;
    privateAnswerId: number | null;
    id: number;
    covered: number;
    total: number;
  }[],
): Coverage {
  const latest = latestPerAnswer(rows);
  const covered = latest.reduce((n, r) => n + r.covered, 0);
  const total = latest.reduce((n, r) => n + r.total, 0);
  return {
    answers: latest.length,
    pointsPerAnswer: latest.length === 0 ? 0 : covered / latest.length,
    share: total === 0 ? 0 : covered / total,
  };
}

/**
 * A coverage line's figures, as the catalogue's `coach.coverage` (/me) and `digest.coverage` (the
 * weekly digest) show them: points per answer to one decimal, the share in whole percent.
 */
export function coverageFigures(c: Coverage): { points: string; share: number; answers: number } {
  return {
    points: c.pointsPerAnswer.toFixed(1),
    share: Math.round(c.share * 100),
    answers: c.answers,
  };
}

/** Judgements matching `where` made in [from, to), oldest first. */
async function judgedBetween(deps: PracticeDeps, where: SQL | undefined, from: number, to: number) {
  const { coachFeedback } = deps.store.tables;
  return deps.store.db
    .select()
    .from(coachFeedback)
    .where(and(where, gte(coachFeedback.createdAt, from), lt(coachFeedback.createdAt, to)))
    .orderBy(asc(coachFeedback.createdAt), asc(coachFeedback.id));
}

/** A channel's coverage over a span (the weekly digest): drops' answers judged in it. */
export async function channelCoverage(
  deps: PracticeDeps,
  channelId: number,
  from: number,
  to: number,
): Promise<Coverage> {
  const { coachFeedback } = deps.store.tables;
  const where = and(eq(coachFeedback.channelId, channelId), isNotNull(coachFeedback.replyId));
  return coverageOf(await judgedBetween(deps, where, from, to));
}

/** The judgement stored for each reply (its latest), for the history export. */
export async function coverageByReply(
  store: Store,
  replyIds: number[],
): Promise<Map<number, { covered: number; total: number }>> {
  const out = new Map<number, { covered: number; total: number }>();
  const { coachFeedback } = store.tables;
  // Ids per `IN (...)`, under both stores' limits on bound values.
  for (let i = 0; i < replyIds.length; i += 500) {
    const rows = await store.db
      .select()
      .from(coachFeedback)
      .where(inArray(coachFeedback.replyId, replyIds.slice(i, i + 500)))
      .orderBy(asc(coachFeedback.createdAt), asc(coachFeedback.id));
    for (const r of rows)
      if (r.replyId !== null) out.set(r.replyId, { covered: r.covered, total: r.total });
  }
  return out;
}

/**
 * Key points covered per judged answer in each of the given weeks (Mondays, `YYYY-MM-DD`, in
 * `zone`), null for a week with none judged; and the same over all of them.
 */
export async function coverageByWeek(
  deps: PracticeDeps,
  who: { platform: string; member: string },
  weeks: string[],
  zone: string,
): Promise<{ weeks: (number | null)[]; all: Coverage }> {
  const first = weeks[0];
  if (first === undefined) return { weeks: [], all: coverageOf([]) };
  const starts = weeks.map((w) => startOfLocalDay(w, zone));
  const end = startOfLocalDay(addDays(weeks[weeks.length - 1] as string, 7), zone);
  const { coachFeedback } = deps.store.tables;
  const mine = and(eq(coachFeedback.platform, who.platform), eq(coachFeedback.member, who.member));
  const rows = await judgedBetween(deps, mine, starts[0] as number, end);
  const latest = latestPerAnswer(rows);
  const perWeek = starts.map((start, i) => {
    const stop = starts[i + 1] ?? end;
    const inWeek = latest.filter((r) => r.createdAt >= start && r.createdAt < stop);
    return inWeek.length === 0 ? null : coverageOf(inWeek).pointsPerAnswer;
  });
  return { weeks: perWeek, all: coverageOf(latest) };
}
