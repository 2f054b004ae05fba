import { sql } from 'drizzle-orm';
import {
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';

/** Times are epoch milliseconds (UTC), written by the injectable clock, never by SQLite. */

export const questions = sqliteTable(
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
    references: text('references', { mode: 'json' })
      .$type<{ url: string; label: string | null }[]>()
      .notNull(),
    parent: text('parent'),
    kind: text('kind', { enum: ['question', 'group'] }).notNull(),
    position: integer('position').notNull(),
    sourceFile: text('source_file').notNull(),
    sourceLine: integer('source_line').notNull(),
    retired: integer('retired', { mode: 'boolean' }).notNull().default(false),
    updatedAt: integer('updated_at').notNull(),
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

/** The last good version of each bank file, so an unchanged file is not parsed again. */
export const banks = sqliteTable('banks', {
  name: text('name').primaryKey(),
  file: text('file').notNull(),
  contentHash: text('content_hash').notNull(),
  questionCount: integer('question_count').notNull(),
  syncedAt: integer('synced_at').notNull(),
});

export const channels = sqliteTable(
  'channels',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    platform: text('platform').notNull(),
    workspace: text('workspace').notNull().default(''),
    channel: text('channel').notNull(),
    locale: text('locale').notNull(),
    cron: text('cron'),
    timezone: text('timezone'),
    reveal: text('reveal'),
    mention: text('mention'),
    paused: integer('paused', { mode: 'boolean' }).notNull().default(false),
    /** Slots before this instant are not this schedule's: set when a schedule is set or resumed. */
    scheduleSince: integer('schedule_since'),
    bagRound: integer('bag_round').notNull().default(1),
    lastError: text('last_error'),
    lastErrorAt: integer('last_error_at'),
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
    createdAt: integer('created_at').notNull(),
    /** `/settings nudge`: hours before a drop's reveal to remind who has not answered; null = off. */
    nudgeHours: integer('nudge_hours'),
    /** The weekly digest after the week's last drop (on unless turned off). */
    digest: integer('digest', { mode: 'boolean' }).notNull().default(true),
    /** `/settings coach`: members may ask the answer coach for feedback (on unless turned off). */
    /** `/settings coach-model`: the optional language model's critique (answers leave the server). */
    coachModel: integer('coach_model', { mode: 'boolean' }).notNull().default(false),
    coach: integer('coach', { mode: 'boolean' }).notNull().default(true),
    /** The local date (YYYY-MM-DD) of the Monday of the last week a digest was posted for. */
    digestWeek: text('digest_week'),
    /**
     * The next slot of the schedule not yet handled, written when the schedule is saved and when
     * the scheduler handles a slot; null until computed (the scheduler catches up from the last
     * slot, as on a first start); NEVER (src/schedule/due.ts) when paused or never due again.
     */
    nextDueAt: integer('next_due_at'),
  },
  (t) => [
    uniqueIndex('channels_address').on(t.platform, t.workspace, t.channel),
    // The scheduled channels due by now: a start and each minute read only these.
    index('channels_next_due').on(t.nextDueAt).where(sql`${t.cron} is not null`),
  ],
);

export const drops = sqliteTable(
  'drops',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    channelId: integer('channel_id')
      .notNull()
      .references(() => channels.id),
    questionId: text('question_id').references(() => questions.id),
    /** The scheduled instant as an ISO UTC string, or `manual:<id>` for /ask. */
    slot: text('slot').notNull(),
    status: text('status', {
      enum: ['claimed', 'posted', 'skipped', 'missed', 'failed'],
    }).notNull(),
    round: integer('round').notNull().default(1),
    messageRef: text('message_ref'),
    threadRef: text('thread_ref'),
    revealDueAt: integer('reveal_due_at'),
    revealedAt: integer('revealed_at'),
    revealRef: text('reveal_ref'),
    error: text('error'),
    createdAt: integer('created_at').notNull(),
    /** When the current claim was taken; a claim left unposted this long ago is retried. */
    claimedAt: integer('claimed_at').notNull(),
    postedAt: integer('posted_at'),
    /** The member whose /ask made a manual drop (flood limits); null for scheduled drops. */
    askedBy: text('asked_by'),
    /** When the drop's nudge was claimed (a conditional update): at most one per drop. */
    nudgedAt: integer('nudged_at'),
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

export const replies = sqliteTable(
  'replies',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    dropId: integer('drop_id')
      .notNull()
      .references(() => drops.id),
    member: text('member').notNull(),
    memberName: text('member_name').notNull(),
    messageRef: text('message_ref').notNull(),
    text: text('text').notNull(),
    createdAt: integer('created_at').notNull(),
    editedAt: integer('edited_at'),
    /** The member's answer to the drop: their first reply before the reveal; the rest is talk. */
    counted: integer('counted', { mode: 'boolean' }).notNull().default(false),
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

export const votes = sqliteTable(
  'votes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    dropId: integer('drop_id')
      .notNull()
      .references(() => drops.id),
    voter: text('voter').notNull(),
    /** `reveal` for a self-check on the reveal, `reply:<id>` for a vote on a reply. */
    target: text('target').notNull(),
    replyId: integer('reply_id').references(() => replies.id, { onDelete: 'cascade' }),
    emoji: text('emoji').notNull(),
    createdAt: integer('created_at').notNull(),
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
export const memberCounts = sqliteTable(
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
export const channelManagers = sqliteTable(
  'channel_managers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    channelId: integer('channel_id')
      .notNull()
      .references(() => channels.id),
    member: text('member').notNull(),
    addedBy: text('added_by').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('channel_managers_member').on(t.channelId, t.member)],
);

/** `/schedule skip date:`: local dates (in the channel's zone) on which no drop is posted. */
export const scheduleSkips = sqliteTable(
  'schedule_skips',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    channelId: integer('channel_id')
      .notNull()
      .references(() => channels.id),
    /** YYYY-MM-DD in the channel's time zone. */
    date: text('date').notNull(),
    addedBy: text('added_by').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('schedule_skips_date').on(t.channelId, t.date)],
);

/** `/settings nudge-me off`: members of a workspace who are never named in nudges. */
export const nudgeOptOuts = sqliteTable(
  'nudge_opt_outs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    platform: text('platform').notNull(),
    workspace: text('workspace').notNull(),
    member: text('member').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('nudge_opt_outs_member').on(t.platform, t.workspace, t.member)],
);

/** `/suggest`: questions members propose; an approved one becomes a question of the bank `suggested`. */
export const suggestions = sqliteTable(
  'suggestions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
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
    decidedAt: integer('decided_at'),
    questionId: text('question_id').references(() => questions.id),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    index('suggestions_channel').on(t.channelId, t.status),
    index('suggestions_member').on(t.member, t.status),
  ],
);
/** A card's FSRS state as it was before a review, so a changed self-grade can be taken back. */
export interface CardSnapshot {
  due: number;
  stability: number;
  difficulty: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  state: number;
  lastReview: number | null;
}

/** One member's spaced-repetition card for one question (FSRS state, ts-fsrs field by field). */
export const reviewCards = sqliteTable(
  'review_cards',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    platform: text('platform').notNull(),
    member: text('member').notNull(),
    questionId: text('question_id')
      .notNull()
      .references(() => questions.id),
    due: integer('due').notNull(),
    stability: real('stability').notNull(),
    difficulty: real('difficulty').notNull(),
    scheduledDays: integer('scheduled_days').notNull(),
    learningSteps: integer('learning_steps').notNull(),
    reps: integer('reps').notNull(),
    lapses: integer('lapses').notNull(),
    /** ts-fsrs State: 0 new, 1 learning, 2 review, 3 relearning. */
    state: integer('state').notNull(),
    lastReview: integer('last_review'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('review_cards_once').on(t.platform, t.member, t.questionId),
    index('review_cards_due').on(t.platform, t.member, t.due),
  ],
);

/** Every grade given: on a reveal (a self-check), in /review or at the end of a /mock. */
export const reviewLog = sqliteTable(
  'review_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    cardId: integer('card_id')
      .notNull()
      .references(() => reviewCards.id, { onDelete: 'cascade' }),
    /** ts-fsrs Rating: 1 again (❌), 2 hard (🤔), 3 good (✅). */
    rating: integer('rating').notNull(),
    source: text('source', { enum: ['reveal', 'review', 'mock'] }).notNull(),
    /** The drop whose reveal was graded (source `reveal`), so a changed self-grade replaces it. */
    dropId: integer('drop_id'),
    before: text('before', { mode: 'json' }).$type<CardSnapshot | null>(),
    /** When the card is due after this review. */
    due: integer('due').notNull(),
    reviewedAt: integer('reviewed_at').notNull(),
  },
  (t) => [
    index('review_log_card').on(t.cardId, t.id),
    index('review_log_time').on(t.reviewedAt),
    index('review_log_drop').on(t.dropId),
  ],
);

/** Answers written in /review and /mock: stored like any other answer, seen only by the member. */
export const privateAnswers = sqliteTable(
  'private_answers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    platform: text('platform').notNull(),
    member: text('member').notNull(),
    questionId: text('question_id')
      .notNull()
      .references(() => questions.id),
    source: text('source', { enum: ['review', 'mock'] }).notNull(),
    mockId: integer('mock_id'),
    text: text('text').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    index('private_answers_member').on(t.platform, t.member, t.createdAt),
    index('private_answers_mock').on(t.mockId),
  ],
);

/**
 * What a member has on screen in /review or /mock, so `/grade`, "show answer" and a plain line
 * in the console know which question they are about. One row per member.
 */
export const reviewScreens = sqliteTable(
  'review_screens',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    platform: text('platform').notNull(),
    member: text('member').notNull(),
    kind: text('kind', { enum: ['review', 'mock'] }).notNull(),
    questionId: text('question_id').notNull(),
    mockId: integer('mock_id'),
    /** The model answer is shown: a grade is what comes next. */
    revealed: integer('revealed', { mode: 'boolean' }).notNull().default(false),
    shownAt: integer('shown_at').notNull(),
  },
  (t) => [uniqueIndex('review_screens_member').on(t.platform, t.member)],
);

/** A private mock interview: a main question and its follow-ups, in order. */
export const mocks = sqliteTable(
  'mocks',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    platform: text('platform').notNull(),
    workspace: text('workspace').notNull().default(''),
    channel: text('channel').notNull(),
    member: text('member').notNull(),
    questions: text('questions', { mode: 'json' }).$type<string[]>().notNull(),
    /** Index into `questions` of the one being answered; its length when all are answered. */
    step: integer('step').notNull().default(0),
    /** Minutes allowed per answer, shown to the member; null for no limit. */
    minutes: integer('minutes'),
    /** The private thread (Discord) or DM (Slack) the mock runs in. */
    threadRef: text('thread_ref'),
    startedAt: integer('started_at').notNull(),
    stepAt: integer('step_at').notNull(),
    finishedAt: integer('finished_at'),
  },
  (t) => [index('mocks_member').on(t.platform, t.member, t.finishedAt)],
);

/** Members who asked for one direct message a day with the number of reviews due. */
export const reviewReminders = sqliteTable(
  'review_reminders',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    platform: text('platform').notNull(),
    workspace: text('workspace').notNull().default(''),
    member: text('member').notNull(),
    /** The channel the member turned it on in: its language and time zone. */
    channelId: integer('channel_id')
      .notNull()
      .references(() => channels.id),
    enabled: integer('enabled', { mode: 'boolean' }).notNull(),
    /** The local date of the last reminder sent. */
    sentOn: text('sent_on'),
  },
  (t) => [uniqueIndex('review_reminders_member').on(t.platform, t.member)],
);

/**
 * Facts every process on the database must agree on, by key: `discord.shard_count`, the total
 * of Discord shards the running processes split (value), last confirmed at `updated_at` by a
 * running process.
 */
export const deployment = sqliteTable('deployment', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/**
 * The answer coach's feedback (src/coach/): each judgement with the answer it judged (a drop's
 * reply, or a /review or /mock answer), so /me, the digest and the export show coverage over time.
 */
export const coachFeedback = sqliteTable(
  'coach_feedback',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
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
    revealed: integer('revealed', { mode: 'boolean' }).notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    index('coach_feedback_member').on(t.platform, t.member, t.createdAt),
    index('coach_feedback_channel').on(t.channelId, t.createdAt),
    index('coach_feedback_reply').on(t.replyId),
  ],
);

/**
 * Web dashboard sign-ins (src/web/): the cookie carries `id` signed; everything else stays here.
 * `token` is the platform's access token for the member (Discord's guild list, Slack's user
 * info), read again on later requests; never shown. Kept sealed (AES-256-GCM under a key from
 * WEB_SESSION_SECRET, src/core/web-sessions.ts), never as the platform gave it.
 */
export const webSessions = sqliteTable(
  'web_sessions',
  {
    id: text('id').primaryKey(),
    platform: text('platform').notNull(),
    member: text('member').notNull(),
    name: text('name').notNull(),
    /** The Slack team the member signed in to; empty elsewhere. */
    workspace: text('workspace').notNull(),
    token: text('token').notNull(),
    csrf: text('csrf').notNull(),
    locale: text('locale').notNull(),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [index('web_sessions_expires').on(t.expiresAt)],
);
