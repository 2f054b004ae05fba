import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { CardSnapshot } from './schema.ts';

/**
 * The PostgreSQL twin of schema.ts: the same tables, columns and indexes, so rows read from one
 * store can be written to the other. Times are epoch milliseconds (bigint read as numbers).
 */

const ms = (name: string) => bigint(name, { mode: 'number' });

export const questions = pgTable(
  'questions',
  {
    id: text('id').primaryKey(),
    bank: text('bank').notNull(),
    section: text('section').notNull(),
    number: text('number'),
    prompt: text('prompt').notNull(),
    /** Shown with the prompt in the drop: a code snippet or options between question and answer. */
    body: text('body').notNull().default(''),
    /** `markdown` for questions from `.md` notes, rendered per platform; `text` is shown as written. */
    format: text('format', { enum: ['text', 'markdown'] })
      .notNull()
      .default('text'),
    answer: text('answer').notNull(),
    notes: text('notes').notNull(),
    references: jsonb('references').$type<{ url: string; label: string | null }[]>().notNull(),
    parent: text('parent'),
    kind: text('kind', { enum: ['question', 'group'] }).notNull(),
    position: integer('position').notNull(),
    sourceFile: text('source_file').notNull(),
    sourceLine: integer('source_line').notNull(),
    retired: boolean('retired').notNull().default(false),
    updatedAt: ms('updated_at').notNull(),
    /**
     * The workspace (`platform:workspace`) whose own bank this is (approved /suggest questions);
     * null for questions from the notes, which every channel may draw.
     */
    owner: text('owner'),
  },
  (t) => [
    index('questions_bank').on(t.bank),
    index('questions_section').on(t.section),
    // A draw's pool, in id order, read from the index alone: one range per owner (the notes',
    // a workspace's own), its banks and sections checked on the index entries.
    index('questions_pool').on(t.owner, t.retired, t.kind, t.id, t.bank, t.section),
  ],
);

export const banks = pgTable('banks', {
  name: text('name').primaryKey(),
  file: text('file').notNull(),
  contentHash: text('content_hash').notNull(),
  questionCount: integer('question_count').notNull(),
  syncedAt: ms('synced_at').notNull(),
});

export const channels = pgTable(
  'channels',
  {
    id: serial('id').primaryKey(),
    platform: text('platform').notNull(),
    workspace: text('workspace').notNull().default(''),
    channel: text('channel').notNull(),
    locale: text('locale').notNull(),
    cron: text('cron'),
    timezone: text('timezone'),
    reveal: text('reveal'),
    mention: text('mention'),
    paused: boolean('paused').notNull().default(false),
    scheduleSince: ms('schedule_since'),
    bagRound: integer('bag_round').notNull().default(1),
    lastError: text('last_error'),
    lastErrorAt: ms('last_error_at'),
    /** `hidden`: members answer privately and every answer is posted at the reveal. */
    answers: text('answers', { enum: ['open', 'hidden'] })
      .notNull()
      .default('open'),
    /** Who may reveal before it is due: `anyone`, or only the channel's managers. */
    revealBy: text('reveal_by', { enum: ['anyone', 'managers'] })
      .notNull()
      .default('anyone'),
    /** JSON array of bank names; null = the banks written in the channel's language. */
    banks: text('banks'),
    createdAt: ms('created_at').notNull(),
    /** `/settings nudge`: hours before a drop's reveal to remind who has not answered; null = off. */
    nudgeHours: integer('nudge_hours'),
    digest: boolean('digest').notNull().default(true),
    /** `/settings coach`: members may ask the answer coach for feedback (on unless turned off). */
    /** `/settings coach-model`: the optional language model's critique (answers leave the server). */
    coachModel: boolean('coach_model').notNull().default(false),
    coach: boolean('coach').notNull().default(true),
    digestWeek: text('digest_week'),
    /**
     * The next slot of the schedule not yet handled, written when the schedule is saved and when
     * the scheduler handles a slot; null until computed (the scheduler catches up from the last
     * slot, as on a first start); NEVER (src/schedule/due.ts) when paused or never due again.
     */
    nextDueAt: ms('next_due_at'),
  },
  (t) => [
    uniqueIndex('channels_address').on(t.platform, t.workspace, t.channel),
    // The scheduled channels due by now: a start and each minute read only these.
    index('channels_next_due').on(t.nextDueAt).where(sql`${t.cron} is not null`),
  ],
);

export const drops = pgTable(
  'drops',
  {
    id: serial('id').primaryKey(),
    channelId: integer('channel_id')
      .notNull()
      .references(() => channels.id),
    questionId: text('question_id').references(() => questions.id),
    slot: text('slot').notNull(),
    status: text('status', {
      enum: ['claimed', 'posted', 'skipped', 'missed', 'failed'],
    }).notNull(),
    round: integer('round').notNull().default(1),
    messageRef: text('message_ref'),
    threadRef: text('thread_ref'),
    revealDueAt: ms('reveal_due_at'),
    revealedAt: ms('revealed_at'),
    revealRef: text('reveal_ref'),
    error: text('error'),
    createdAt: ms('created_at').notNull(),
    claimedAt: ms('claimed_at').notNull(),
    postedAt: ms('posted_at'),
    /** The member whose /ask made a manual drop (flood limits); null for scheduled drops. */
    askedBy: text('asked_by'),
    /** When the drop's nudge was claimed (a conditional update): at most one per drop. */
    nudgedAt: ms('nudged_at'),
    /** The drop's place among its channel's posted drops (1, 2, …), set by the database when posted. */
    seq: integer('seq'),
  },
  (t) => [
    uniqueIndex('drops_slot').on(t.channelId, t.slot),
    index('drops_thread').on(t.threadRef),
    index('drops_question').on(t.channelId, t.questionId, t.round),
    index('drops_reveal').on(t.revealRef),
    index('drops_open').on(t.channelId, t.revealedAt),
    index('drops_status').on(t.status, t.claimedAt),
    index('drops_reveal_due').on(t.revealDueAt),
    // The channel's latest posted drop, and a member's run of answers back from it (streaks).
    index('drops_seq').on(t.channelId, t.seq),
    index('drops_asked_by').on(t.askedBy, t.createdAt),
  ],
);

export const replies = pgTable(
  'replies',
  {
    id: serial('id').primaryKey(),
    dropId: integer('drop_id')
      .notNull()
      .references(() => drops.id),
    member: text('member').notNull(),
    memberName: text('member_name').notNull(),
    messageRef: text('message_ref').notNull(),
    text: text('text').notNull(),
    createdAt: ms('created_at').notNull(),
    editedAt: ms('edited_at'),
    /** The member's answer to the drop: their first reply before the reveal; the rest is talk. */
    counted: boolean('counted').notNull().default(false),
    /** The local date (YYYY-MM-DD, the channel's zone) it was written: its leaderboard day. */
    day: text('day'),
  },
  (t) => [
    uniqueIndex('replies_message').on(t.dropId, t.messageRef),
    uniqueIndex('replies_counted').on(t.dropId, t.member).where(sql`counted`),
    index('replies_ref').on(t.messageRef),
    index('replies_time').on(t.createdAt),
    // A member's replies, for a name learnt later and a member found to be a bot: without it each
    // rename scans every reply stored.
    index('replies_member').on(t.member),
  ],
);

export const votes = pgTable(
  'votes',
  {
    id: serial('id').primaryKey(),
    dropId: integer('drop_id')
      .notNull()
      .references(() => drops.id),
    voter: text('voter').notNull(),
    target: text('target').notNull(),
    replyId: integer('reply_id').references(() => replies.id, { onDelete: 'cascade' }),
    emoji: text('emoji').notNull(),
    createdAt: ms('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('votes_once').on(t.dropId, t.voter, t.target, t.emoji),
    index('votes_reply').on(t.replyId),
    index('votes_target').on(t.target),
  ],
);

/**
 * Counted answers and votes received per member of a channel, per local day of the answer
 * (`day`, the reply's) and in all (`day` = ''). Kept by triggers on replies and votes (see the
 * migration member_counts_triggers), so leaderboards and /me read a row per member and day,
 * whatever the length of the history.
 */
export const memberCounts = pgTable(
  'member_counts',
  {
    channelId: integer('channel_id')
      .notNull()
      .references(() => channels.id),
    day: text('day').notNull(),
    member: text('member').notNull(),
    /** The member's name as of their latest counted answer. */
    name: text('name').notNull(),
    answers: integer('answers').notNull().default(0),
    votes: integer('votes').notNull().default(0),
    /**
     * All-time rows only: the seq of the member's latest answered drop and the run of drops in a
     * row they answered up to it (kept by the same triggers; see migration member_streaks).
     */
    streakSeq: integer('streak_seq'),
    streak: integer('streak').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.channelId, t.day, t.member] }),
    // One member's days (/me, the dashboard's me page), whatever the channel's size.
    index('member_counts_member').on(t.channelId, t.member, t.day),
  ],
);

/** Members a channel's managers made managers there, besides the platform's own admins. */
export const channelManagers = pgTable(
  'channel_managers',
  {
    id: serial('id').primaryKey(),
    channelId: integer('channel_id')
      .notNull()
      .references(() => channels.id),
    member: text('member').notNull(),
    addedBy: text('added_by').notNull(),
    createdAt: ms('created_at').notNull(),
  },
  (t) => [uniqueIndex('channel_managers_member').on(t.channelId, t.member)],
);

/** `/schedule skip date:`: local dates (in the channel's zone) on which no drop is posted. */
export const scheduleSkips = pgTable(
  'schedule_skips',
  {
    id: serial('id').primaryKey(),
    channelId: integer('channel_id')
      .notNull()
      .references(() => channels.id),
    /** YYYY-MM-DD in the channel's time zone. */
    date: text('date').notNull(),
    addedBy: text('added_by').notNull(),
    createdAt: ms('created_at').notNull(),
  },
  (t) => [uniqueIndex('schedule_skips_date').on(t.channelId, t.date)],
);

/** `/settings nudge-me off`: members of a workspace who are never named in nudges. */
export const nudgeOptOuts = pgTable(
  'nudge_opt_outs',
  {
    id: serial('id').primaryKey(),
    platform: text('platform').notNull(),
    workspace: text('workspace').notNull(),
    member: text('member').notNull(),
    createdAt: ms('created_at').notNull(),
  },
  (t) => [uniqueIndex('nudge_opt_outs_member').on(t.platform, t.workspace, t.member)],
);

/** `/suggest`: questions members propose; an approved one becomes a question of the bank `suggested`. */
export const suggestions = pgTable(
  'suggestions',
  {
    id: serial('id').primaryKey(),
    /** The channel it was proposed in; its workspace owns the approved question. */
    channelId: integer('channel_id')
      .notNull()
      .references(() => channels.id),
    member: text('member').notNull(),
    memberName: text('member_name').notNull(),
    section: text('section').notNull(),
    prompt: text('prompt').notNull(),
    answer: text('answer').notNull(),
    status: text('status', { enum: ['pending', 'approved', 'rejected'] }).notNull(),
    reason: text('reason'),
    decidedBy: text('decided_by'),
    decidedAt: ms('decided_at'),
    questionId: text('question_id').references(() => questions.id),
    createdAt: ms('created_at').notNull(),
  },
  (t) => [
    index('suggestions_channel').on(t.channelId, t.status),
    index('suggestions_member').on(t.member, t.status),
  ],
);
export const reviewCards = pgTable(
  'review_cards',
  {
    id: serial('id').primaryKey(),
    platform: text('platform').notNull(),
    member: text('member').notNull(),
    questionId: text('question_id')
      .notNull()
      .references(() => questions.id),
    due: ms('due').notNull(),
    stability: doublePrecision('stability').notNull(),
    difficulty: doublePrecision('difficulty').notNull(),
    scheduledDays: integer('scheduled_days').notNull(),
    learningSteps: integer('learning_steps').notNull(),
    reps: integer('reps').notNull(),
    lapses: integer('lapses').notNull(),
    state: integer('state').notNull(),
    lastReview: ms('last_review'),
    createdAt: ms('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('review_cards_once').on(t.platform, t.member, t.questionId),
    index('review_cards_due').on(t.platform, t.member, t.due),
  ],
);

export const reviewLog = pgTable(
  'review_log',
  {
    id: serial('id').primaryKey(),
    cardId: integer('card_id')
      .notNull()
      .references(() => reviewCards.id, { onDelete: 'cascade' }),
    rating: integer('rating').notNull(),
    source: text('source', { enum: ['reveal', 'review', 'mock'] }).notNull(),
    dropId: integer('drop_id'),
    before: jsonb('before').$type<CardSnapshot | null>(),
    due: ms('due').notNull(),
    reviewedAt: ms('reviewed_at').notNull(),
  },
  (t) => [
    index('review_log_card').on(t.cardId, t.id),
    index('review_log_time').on(t.reviewedAt),
    index('review_log_drop').on(t.dropId),
  ],
);

export const privateAnswers = pgTable(
  'private_answers',
  {
    id: serial('id').primaryKey(),
    platform: text('platform').notNull(),
    member: text('member').notNull(),
    questionId: text('question_id')
      .notNull()
      .references(() => questions.id),
    source: text('source', { enum: ['review', 'mock'] }).notNull(),
    mockId: integer('mock_id'),
    text: text('text').notNull(),
    createdAt: ms('created_at').notNull(),
  },
  (t) => [
    index('private_answers_member').on(t.platform, t.member, t.createdAt),
    index('private_answers_mock').on(t.mockId),
  ],
);

export const reviewScreens = pgTable(
  'review_screens',
  {
    id: serial('id').primaryKey(),
    platform: text('platform').notNull(),
    member: text('member').notNull(),
    kind: text('kind', { enum: ['review', 'mock'] }).notNull(),
    questionId: text('question_id').notNull(),
    mockId: integer('mock_id'),
    revealed: boolean('revealed').notNull().default(false),
    shownAt: ms('shown_at').notNull(),
  },
  (t) => [uniqueIndex('review_screens_member').on(t.platform, t.member)],
);

export const mocks = pgTable(
  'mocks',
  {
    id: serial('id').primaryKey(),
    platform: text('platform').notNull(),
    workspace: text('workspace').notNull().default(''),
    channel: text('channel').notNull(),
    member: text('member').notNull(),
    questions: jsonb('questions').$type<string[]>().notNull(),
    step: integer('step').notNull().default(0),
    minutes: integer('minutes'),
    threadRef: text('thread_ref'),
    startedAt: ms('started_at').notNull(),
    stepAt: ms('step_at').notNull(),
    finishedAt: ms('finished_at'),
  },
  (t) => [index('mocks_member').on(t.platform, t.member, t.finishedAt)],
);

export const reviewReminders = pgTable(
  'review_reminders',
  {
    id: serial('id').primaryKey(),
    platform: text('platform').notNull(),
    workspace: text('workspace').notNull().default(''),
    member: text('member').notNull(),
    channelId: integer('channel_id')
      .notNull()
      .references(() => channels.id),
    enabled: boolean('enabled').notNull(),
    sentOn: text('sent_on'),
  },
  (t) => [uniqueIndex('review_reminders_member').on(t.platform, t.member)],
);

/**
 * Facts every process on the database must agree on, by key: `discord.shard_count`, the total
 * of Discord shards the running processes split (value), last confirmed at `updated_at` by a
 * running process.
 */
export const deployment = pgTable('deployment', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: ms('updated_at').notNull(),
});

/**
 * The answer coach's feedback (src/coach/): each judgement with the answer it judged (a drop's
 * reply, or a /review or /mock answer), so /me, the digest and the export show coverage over time.
 */
export const coachFeedback = pgTable(
  'coach_feedback',
  {
    id: serial('id').primaryKey(),
    platform: text('platform').notNull(),
    member: text('member').notNull(),
    channelId: integer('channel_id').references(() => channels.id),
    questionId: text('question_id')
      .notNull()
      .references(() => questions.id),
    // No foreign keys to the answer: a deleted reply's feedback stays, with the text it judged.
    replyId: integer('reply_id'),
    privateAnswerId: integer('private_answer_id'),
    /** The answer's text as judged (a reply edited later keeps what was judged). */
    answer: text('answer').notNull(),
    verdict: text('verdict', {
      enum: ['answered', 'empty', 'offTopic', 'copiedQuestion', 'copiedAnswer'],
    }).notNull(),
    covered: integer('covered').notNull(),
    total: integer('total').notNull(),
    /** The language model's critique, when it gave one; `modelStatus` says how the call went. */
    critique: text('critique'),
    modelStatus: text('model_status', { enum: ['ok', 'timeout', 'error', 'withheld', 'budget'] }),
    /** Whether the model answer was shown by then (before it, nothing of it is quoted). */
    revealed: boolean('revealed').notNull(),
    createdAt: ms('created_at').notNull(),
  },
  (t) => [
    index('coach_feedback_member').on(t.platform, t.member, t.createdAt),
    index('coach_feedback_channel').on(t.channelId, t.createdAt),
    index('coach_feedback_reply').on(t.replyId),
  ],
);

/** Web dashboard sign-ins (see schema.ts). */
export const webSessions = pgTable(
  'web_sessions',
  {
    id: text('id').primaryKey(),
    platform: text('platform').notNull(),
    member: text('member').notNull(),
    name: text('name').notNull(),
    workspace: text('workspace').notNull(),
    token: text('token').notNull(),
    csrf: text('csrf').notNull(),
    locale: text('locale').notNull(),
    createdAt: ms('created_at').notNull(),
    expiresAt: ms('expires_at').notNull(),
  },
  (t) => [index('web_sessions_expires').on(t.expiresAt)],
);
