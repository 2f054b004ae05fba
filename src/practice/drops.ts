import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { shownTopic } from '../core/bidi.ts';
import {
  addressOf,
  type ChannelRow,
  channelLocale,
  ensureChannel,
  recordChannelError,
} from '../core/channels.ts';
import { type PracticeDeps, portFor } from '../core/deps.ts';
import { asNotSaved, UserError } from '../core/errors.ts';
import { answerButton, answersHidden } from '../core/hidden.ts';
import { t } from '../core/i18n/index.ts';
import { checkAskLimits } from '../core/limits.ts';
import type { Block } from '../core/message.ts';
import type { ChannelAddress, OutMessage } from '../core/port.ts';
import { PlatformError } from '../core/port.ts';
import { matchTopics, pickQuestion, type QuestionRow, questionById } from '../core/select.ts';
import { clipText } from '../core/split.ts';
import { preparedQuery } from '../db/prepared.ts';
import type { DropRow } from '../db/store.ts';
import { revealBeforeNext } from './reveal.ts';

export type { DropRow };

export interface DropOptions {
  /** The scheduled instant (ISO, UTC); a manual drop gets a unique slot of its own. */
  slot?: string;
  topic?: string;
  mention?: string | null;
  /** When the reveal falls due, for scheduled drops with a reveal rule. */
  revealDueAt?: number | null;
  /** The member whose /ask this is: their cooldown and the channel's hourly cap apply. */
  askedBy?: string;
  /** A drop on demand that looks as the channel's scheduled ones do (`/schedule test`). */
  asScheduled?: boolean;
  /** The channel's row at `address`, when the caller has just read it (saves reading it again). */
  channel?: ChannelRow;
}

export type DropResult =
  | { kind: 'posted'; drop: DropRow; question: QuestionRow; refilled: boolean }
  | { kind: 'taken' };

async function dropMessage(
  deps: PracticeDeps,
  channel: ChannelRow,
  question: QuestionRow,
  opts: { scheduled: boolean; refilled: boolean; mention?: string | null; dropId: number },
): Promise<OutMessage> {
  const locale = channelLocale(channel);
  const title = t(locale, opts.scheduled ? 'drop.title' : 'drop.manualTitle', {
    topic: clipText(shownTopic(question.section), 200),
  });
  const platform = portFor(deps, addressOf(channel)).platform;
  // Hidden answers: an Answer button (a form) on the platforms, a typed line in the console.
  const hidden = answersHidden(channel);
  const how = !hidden
    ? platform === 'console'
      ? 'drop.footerConsole'
      : 'drop.footer'
    : platform === 'console'
      ? 'drop.footerHiddenConsole'
      : 'drop.footerHidden';
  const footer = [t(locale, how), opts.refilled ? t(locale, 'drop.refilled') : '']
    .filter(Boolean)
    .join('\n');
  const parent = await questionById(deps, question.parent);
  // The prompt is cut to the room the message leaves, the body (code, options) to what is left
  // after it, at a line with code closed: the port knows its markup's lengths.
  const blocks: Block[] = [
    { kind: 'notes', text: question.prompt, format: question.format, fit: 'clip' },
    { kind: 'notes', text: question.body, format: question.format, fit: 'first' },
  ];
  if (parent)
    blocks.unshift({
      kind: 'notes',
      text: t(locale, parent.kind === 'group' ? 'drop.partOf' : 'drop.followUp', {
        [parent.kind === 'group' ? 'group' : 'parent']: clipText(parent.prompt, 300),
      }),
      format: 'text',
    });
  return {
    title,
    body: '',
    blocks,
    footer,
    ...(opts.mention ? { mention: opts.mention } : {}),
    ...(hidden && platform !== 'console' ? { buttons: [answerButton(locale, opts.dropId)] } : {}),
  };
}

interface Posted {
  messageRef: string;
  threadRef: string;
  postedAt: number;
}

/**
 * Drops that reached the platform but whose record could not be written (a full disk): kept in
 * memory until the store takes them, so the cut-off retry records them instead of posting again.
 */
const unrecorded = new WeakMap<PracticeDeps, Map<number, Posted>>();

async function recordPosted(
  deps: PracticeDeps,
  dropId: number,
  posted: Posted,
): Promise<DropRow | undefined> {
  const [row] = await markPosted(deps.store, { id: dropId, ...posted });
  unrecorded.get(deps)?.delete(dropId);
  return row;
}

const markPosted = preparedQuery((db, { drops }) =>
  db
    .update(drops)
    .set({
      status: 'posted',
      messageRef: sql`${sql.placeholder('messageRef')}`,
      threadRef: sql`${sql.placeholder('threadRef')}`,
      postedAt: sql`${sql.placeholder('postedAt')}`,
      error: null,
    })
    .where(eq(drops.id, sql.placeholder('id')))
    .returning(),
);

/** Whether a drop was posted by this process and is still waiting to be recorded. */
export function isUnrecorded(deps: PracticeDeps, dropId: number): boolean {
  return unrecorded.get(deps)?.has(dropId) ?? false;
}

/** Writes down the posts the store refused before; those it still refuses wait for the next try. */
export async function recordUnrecordedPosts(deps: PracticeDeps): Promise<void> {
  for (const [dropId, posted] of unrecorded.get(deps) ?? []) {
    try {
      await recordPosted(deps, dropId, posted);
      deps.log.info({ drop: dropId }, 'a posted drop was recorded late');
    } catch (err) {
      deps.log.error({ err, drop: dropId }, 'a posted drop still cannot be recorded');
      break;
    }
  }
}

/**
 * Posts a claimed drop and records where it went, after revealing the channel's open drops that
 * have no reveal time of their own (so every drop's answer comes). A drop whose post failed stays `failed`
 * with the reason, and the channel remembers the failure for `/schedule show`. A post that
 * reached the platform but could not be recorded is remembered, never posted again.
 */
export async function postClaimedDrop(
  deps: PracticeDeps,
  channel: ChannelRow,
  drop: DropRow,
  opts: {
    refilled?: boolean;
    mention?: string | null;
    question?: QuestionRow;
    /** Titled as a scheduled drop (default: by its slot). */
    scheduled?: boolean;
    /**
     * Whether an open drop waits for the reveal before this one, when the caller has just read
     * it in the claim's transaction (false saves looking again); default: look.
     */
    awaiting?: boolean;
  } = {},
): Promise<DropRow> {
  // The caller that just drew the question passes it; a retried claim reads it back.
  const { drops } = deps.store.tables;
  const question = opts.question ?? (await questionById(deps, drop.questionId));
  if (!question) throw new Error(`drop ${drop.id} has no question`);
  if (opts.awaiting ?? true) await revealBeforeNext(deps, channel, drop.id);
  const address = addressOf(channel);
  const message = await dropMessage(deps, channel, question, {
    scheduled: opts.scheduled ?? !drop.slot.startsWith('manual:'),
    refilled: opts.refilled ?? false,
    mention: opts.mention,
    dropId: drop.id,
  });
  const threadName = clipText(
    t(channelLocale(channel), 'drop.threadName', { prompt: question.prompt }),
    100,
  );
  let refs: { messageRef: string; threadRef: string };
  try {
    refs = await portFor(deps, address).postDrop(
      address,
      message,
      threadName,
      `${drop.id}:${drop.slot}`,
    );
  } catch (err) {
    const reason =
      err instanceof PlatformError
        ? err.reason(channelLocale(channel))
        : t(channelLocale(channel), 'platform.other', { detail: (err as Error).message });
    deps.log.error({ err, channel: address, drop: drop.id }, 'posting a drop failed');
    try {
      await deps.store.db
        .update(drops)
        .set({ status: 'failed', error: reason })
        .where(eq(drops.id, drop.id));
      await recordChannelError(deps, channel.id, reason);
    } catch (storeErr) {
      deps.log.error({ err: storeErr, drop: drop.id }, 'recording a failed post failed');
    }
    throw err;
  }
  const posted = { ...refs, postedAt: deps.clock.now() };
  try {
    const row = await recordPosted(deps, drop.id, posted);
    if (!row) throw new Error(`drop ${drop.id} vanished while it was posted`);
    if (channel.lastError) await recordChannelError(deps, channel.id, null);
    return row;
  } catch (err) {
    const known = unrecorded.get(deps) ?? new Map<number, Posted>();
    unrecorded.set(deps, known);
    known.set(drop.id, posted);
    deps.log.error(
      { err, channel: address, drop: drop.id },
      'a drop was posted but could not be recorded; it will be recorded, not posted again',
    );
    throw asNotSaved(err);
  }
}

/** Claims a slot by inserting its row; false when another process or an earlier run has it. */
export async function claimSlot(
  deps: PracticeDeps,
  channel: ChannelRow,
  values: {
    slot: string;
    questionId: string | null;
    round: number;
    status?: DropRow['status'];
    revealDueAt?: number | null;
    askedBy?: string | null;
  },
): Promise<DropRow | null> {
  // Awaited, the insert is read to its end (SQLite: `.all()`, never `.get()`), so a commit that
  // fails reports here.
  const [claimed] = await insertClaim(deps.store, {
    channelId: channel.id,
    questionId: values.questionId,
    slot: values.slot,
    round: values.round,
    status: values.status ?? 'claimed',
    revealDueAt: values.revealDueAt ?? null,
    askedBy: values.askedBy ?? null,
    at: deps.clock.now(),
  });
  return claimed ?? null;
}

const insertClaim = preparedQuery((db, { drops }) =>
  db
    .insert(drops)
    .values({
      channelId: sql.placeholder('channelId'),
      questionId: sql.placeholder('questionId'),
      slot: sql.placeholder('slot'),
      round: sql.placeholder('round'),
      status: sql.placeholder('status'),
      revealDueAt: sql.placeholder('revealDueAt'),
      askedBy: sql.placeholder('askedBy'),
      createdAt: sql.placeholder('at'),
      claimedAt: sql.placeholder('at'),
    })
    .onConflictDoNothing()
    .returning(),
);

/** Draws a question, claims the slot and posts it with its thread. */
export async function dropQuestion(
  deps: PracticeDeps,
  address: ChannelAddress,
  opts: DropOptions = {},
): Promise<DropResult> {
  const channel = opts.channel ?? (await ensureChannel(deps, address));
  const sections = opts.topic?.trim() ? await matchTopics(deps, channel, opts.topic) : null;
  // Drawing and claiming in one transaction, one at a time per channel: a second process
  // waits, then sees the claim (and the question it drew), so it draws another or stops. A
  // refusal (a flood limit, an empty bank) is returned, not thrown: nothing was written, and
  // the caller hears it after the transaction has ended.
  const drawn = await deps.store.transaction(
    async (store) => {
      const tx = { ...deps, store };
      try {
        // The channel as it is now (the round of its bag), and whether the slot is taken.
        const { current, taken, awaiting } = await channelAndSlot(tx, channel, opts.slot);
        if (taken) return null;
        if (opts.askedBy !== undefined && address.platform !== 'console')
          await checkAskLimits(tx, current, opts.askedBy);
        const pick = await pickQuestion(tx, current, sections);
        const claimed = await claimSlot(tx, current, {
          slot: opts.slot ?? `manual:${randomUUID()}`,
          questionId: pick.question.id,
          round: pick.round,
          revealDueAt: opts.revealDueAt ?? null,
          askedBy: opts.askedBy ?? null,
        });
        return claimed ? { pick, claimed, current, awaiting } : null;
      } catch (err) {
        if (err instanceof UserError) return { refused: err };
        throw err;
      }
    },
    { lock: `channel:${channel.id}` },
  );
  if (drawn && 'refused' in drawn) throw drawn.refused;
  if (!drawn) return { kind: 'taken' };
  const { pick, claimed, current, awaiting } = drawn;
  const drop = await postClaimedDrop(deps, current, claimed, {
    awaiting,
    ...(opts.asScheduled ? { scheduled: true } : {}),
    refilled: pick.refilled,
    mention: opts.mention,
    question: pick.question,
  });
  return { kind: 'posted', drop, question: pick.question, refilled: pick.refilled };
}

/**
 * The channel's row as it is now, whether `slot` is already claimed in it (a manual drop's fresh
 * slot cannot be taken) and whether a posted drop waits for the reveal before the next one
 * (`revealBeforeNext`), in one query.
 */
async function channelAndSlot(
  deps: PracticeDeps,
  channel: ChannelRow,
  slot: string | undefined,
): Promise<{ current: ChannelRow; taken: boolean; awaiting: boolean }> {
  const [row] =
    slot === undefined
      ? await channelNow(deps.store, { id: channel.id })
      : await channelWithSlot(deps.store, { id: channel.id, slot });
  return {
    current: row?.current ?? channel,
    taken: row !== undefined && 'taken' in row && row.taken === true,
    // No row (a channel removed meanwhile): look, as before.
    awaiting: row?.awaiting ?? true,
  };
}

/**
 * A posted drop of the channel that no reveal time will reveal, as `dropsAwaitingNext` finds
 * them (raw names: drizzle leaves a one-table select's columns unqualified). SQLite reads it
 * through drops_open (channel_id, revealed_at).
 */
const awaitingReveal = sql`exists (select 1 from drops a where a.channel_id = ${sql.placeholder('id')} and a.revealed_at is null and a.status = 'posted' and a.reveal_due_at is null)`;

const channelNow = preparedQuery((db, { channels }) =>
  db
    .select({ current: channels, awaiting: awaitingReveal.mapWith(Boolean) })
    .from(channels)
    .where(eq(channels.id, sql.placeholder('id')))
    .limit(1),
);

const channelWithSlot = preparedQuery((db, { channels }) =>
  db
    .select({
      current: channels,
      taken:
        sql`exists (select 1 from drops d where d.channel_id = ${sql.placeholder('id')} and d.slot = ${sql.placeholder('slot')})`.mapWith(
          Boolean,
        ),
      awaiting: awaitingReveal.mapWith(Boolean),
    })
    .from(channels)
    .where(eq(channels.id, sql.placeholder('id')))
    .limit(1),
);
