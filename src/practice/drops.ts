import { randomUUID } from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { ChannelAddress, OutMessage } from '../chat/port.ts';
import { PlatformError } from '../chat/port.ts';
import { drops } from '../db/schema.ts';
import { t } from '../i18n/index.ts';
import {
  addressOf,
  type ChannelRow,
  channelLocale,
  ensureChannel,
  recordChannelError,
} from './channels.ts';
import { type PracticeDeps, portFor } from './deps.ts';
import { matchTopics, pickQuestion, type QuestionRow, questionById } from './select.ts';

export type DropRow = typeof drops.$inferSelect;

export interface DropOptions {
  /** The scheduled instant (ISO, UTC); a manual drop gets a unique slot of its own. */
  slot?: string;
  topic?: string;
  mention?: string | null;
  /** When the reveal falls due, for scheduled drops with a reveal rule. */
  revealDueAt?: number | null;
}

export type DropResult =
  | { kind: 'posted'; drop: DropRow; question: QuestionRow; refilled: boolean }
  | { kind: 'taken' };

/** Cuts text to `max` characters at a code point, marking the cut. */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = '';
  for (const ch of text) {
    if (out.length + ch.length > max - 1) break;
    out += ch;
  }
  return `${out}…`;
}

function dropMessage(
  deps: PracticeDeps,
  channel: ChannelRow,
  question: QuestionRow,
  opts: { scheduled: boolean; refilled: boolean; mention?: string | null },
): OutMessage {
  const locale = channelLocale(channel);
  const max = portFor(deps, addressOf(channel)).maxChars;
  const title = t(locale, opts.scheduled ? 'drop.title' : 'drop.manualTitle', {
    topic: clip(question.section, 200),
  });
  const footer = [t(locale, 'drop.footer'), opts.refilled ? t(locale, 'drop.refilled') : '']
    .filter(Boolean)
    .join('\n');
  const parent = questionById(deps, question.parent);
  const context = parent
    ? t(locale, parent.kind === 'group' ? 'drop.partOf' : 'drop.followUp', {
        [parent.kind === 'group' ? 'group' : 'parent']: clip(parent.prompt, 300),
      })
    : '';
  const room = max - title.length - footer.length - context.length - 4;
  const body = [context, clip(question.prompt, Math.max(50, room))].filter(Boolean).join('\n\n');
  return { title, body, footer, ...(opts.mention ? { mention: opts.mention } : {}) };
}

/**
 * Posts a claimed drop and records where it went. A drop whose post failed stays `failed`
 * with the reason, and the channel remembers the failure for `/schedule show`.
 */
export async function postClaimedDrop(
  deps: PracticeDeps,
  channel: ChannelRow,
  drop: DropRow,
  opts: { refilled?: boolean; mention?: string | null; question?: QuestionRow } = {},
): Promise<DropRow> {
  // The caller that just drew the question passes it; a retried claim reads it back.
  const question = opts.question ?? questionById(deps, drop.questionId);
  if (!question) throw new Error(`drop ${drop.id} has no question`);
  const address = addressOf(channel);
  const message = dropMessage(deps, channel, question, {
    scheduled: !drop.slot.startsWith('manual:'),
    refilled: opts.refilled ?? false,
    mention: opts.mention,
  });
  const threadName = clip(
    t(channelLocale(channel), 'drop.threadName', { prompt: question.prompt }),
    100,
  );
  try {
    const posted = await portFor(deps, address).postDrop(address, message, threadName);
    const row = deps.db
      .update(drops)
      .set({
        status: 'posted',
        messageRef: posted.messageRef,
        threadRef: posted.threadRef,
        postedAt: deps.clock.now(),
        error: null,
      })
      .where(eq(drops.id, drop.id))
      .returning()
      .get();
    if (channel.lastError) recordChannelError(deps, channel.id, null);
    return row;
  } catch (err) {
    const reason =
      err instanceof PlatformError
        ? err.reason(channelLocale(channel))
        : t(channelLocale(channel), 'platform.other', { detail: (err as Error).message });
    deps.db
      .update(drops)
      .set({ status: 'failed', error: reason })
      .where(eq(drops.id, drop.id))
      .run();
    recordChannelError(deps, channel.id, reason);
    deps.log.error({ err, channel: address, drop: drop.id }, 'posting a drop failed');
    throw err;
  }
}

/** Claims a slot by inserting its row; false when another process or an earlier run has it. */
export function claimSlot(
  deps: PracticeDeps,
  channel: ChannelRow,
  values: {
    slot: string;
    questionId: string | null;
    round: number;
    status?: DropRow['status'];
    revealDueAt?: number | null;
  },
): DropRow | null {
  return (
    deps.db
      .insert(drops)
      .values({
        channelId: channel.id,
        questionId: values.questionId,
        slot: values.slot,
        round: values.round,
        status: values.status ?? 'claimed',
        revealDueAt: values.revealDueAt ?? null,
        createdAt: deps.clock.now(),
        claimedAt: deps.clock.now(),
      })
      .onConflictDoNothing()
      .returning()
      .get() ?? null
  );
}

/** Draws a question, claims the slot and posts it with its thread. */
export async function dropQuestion(
  deps: PracticeDeps,
  address: ChannelAddress,
  opts: DropOptions = {},
): Promise<DropResult> {
  const channel = ensureChannel(deps, address);
  const sections = opts.topic?.trim() ? matchTopics(deps, opts.topic) : null;
  // Drawing and claiming in one write transaction: a second process waits, then sees the claim.
  const { pick, claimed } = deps.db.transaction(
    () => {
      if (opts.slot && slotTaken(deps, channel.id, opts.slot)) return { pick: null, claimed: null };
      const pick = pickQuestion(deps, channel, sections);
      const claimed = claimSlot(deps, channel, {
        slot: opts.slot ?? `manual:${randomUUID()}`,
        questionId: pick.question.id,
        round: pick.round,
        revealDueAt: opts.revealDueAt ?? null,
      });
      return { pick, claimed };
    },
    { behavior: 'immediate' },
  );
  if (!pick || !claimed) return { kind: 'taken' };
  const drop = await postClaimedDrop(deps, channel, claimed, {
    refilled: pick.refilled,
    mention: opts.mention,
    question: pick.question,
  });
  return { kind: 'posted', drop, question: pick.question, refilled: pick.refilled };
}

function slotTaken(deps: PracticeDeps, channelId: number, slot: string): boolean {
  return (
    deps.db
      .select({ id: drops.id })
      .from(drops)
      .where(and(eq(drops.channelId, channelId), eq(drops.slot, slot)))
      .get() !== undefined
  );
}

export function dropByThread(
  deps: PracticeDeps,
  channelId: number,
  threadRef: string,
): DropRow | undefined {
  return deps.db
    .select()
    .from(drops)
    .where(and(eq(drops.channelId, channelId), eq(drops.threadRef, threadRef)))
    .get();
}

/** The channel's most recent posted drop whose answer is not revealed yet. */
export function latestOpenDrop(deps: PracticeDeps, channelId: number): DropRow | undefined {
  return deps.db
    .select()
    .from(drops)
    .where(
      and(eq(drops.channelId, channelId), eq(drops.status, 'posted'), isNull(drops.revealedAt)),
    )
    .orderBy(desc(drops.postedAt), desc(drops.id))
    .limit(1)
    .get();
}

/** The channel's most recent posted drop, revealed or not. */
export function latestDrop(deps: PracticeDeps, channelId: number): DropRow | undefined {
  return deps.db
    .select()
    .from(drops)
    .where(and(eq(drops.channelId, channelId), eq(drops.status, 'posted')))
    .orderBy(desc(drops.postedAt), desc(drops.id))
    .limit(1)
    .get();
}
