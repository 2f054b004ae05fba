import { and, eq, like, sql } from 'drizzle-orm';
import { withoutBidiControls } from '../core/bidi.ts';
import { channelTimezone, ensureChannel } from '../core/channels.ts';
import type { PracticeDeps } from '../core/deps.ts';
import { UserError } from '../core/errors.ts';
import { answersHidden, HIDDEN_REF } from '../core/hidden.ts';
import { type Locale, t } from '../core/i18n/index.ts';
import type { ChannelAddress, ChatPort, OutMessage } from '../core/port.ts';
import { clipText } from '../core/split.ts';
import { localDate } from '../core/zone.ts';
import { preparedQuery } from '../db/prepared.ts';
import { type DropRow, dropById } from './lookup.ts';
import { answerNumber, MAX_REPLY, type ReplyRow } from './replies.ts';

/*
 * Hidden answers (a channel's `answers hidden`): members answer privately, through a form or the
 * console, and nothing is shown until the reveal posts every answer in the thread, then the model
 * answer. A hidden answer is a reply whose message reference is `hidden:<member>` until the reveal
 * gives it the posted message's: from then on votes on that message count for it.
 */

/** The drop a member may answer privately: this channel's, posted, hidden answers, not revealed. */
async function openHiddenDrop(
  deps: PracticeDeps,
  address: ChannelAddress,
  dropId: number,
): Promise<DropRow & { zone: string }> {
  const channel = await ensureChannel(deps, address);
  const drop = Number.isSafeInteger(dropId) ? await dropById(deps, dropId) : undefined;
  if (!drop || drop.channelId !== channel.id || drop.status !== 'posted')
    throw new UserError('hidden.noDrop');
  if (drop.revealedAt !== null) throw new UserError('hidden.closed');
  if (!answersHidden(channel)) throw new UserError('hidden.notHidden');
  return { ...drop, zone: channelTimezone(deps, channel) };
}

/** The member's hidden answer to a drop, while it is still hidden. */
export async function hiddenAnswerOf(
  deps: PracticeDeps,
  dropId: number,
  member: string,
): Promise<ReplyRow | undefined> {
  const { replies } = deps.store.tables;
  const [row] = await deps.store.db
    .select()
    .from(replies)
    .where(and(eq(replies.dropId, dropId), eq(replies.messageRef, `${HIDDEN_REF}${member}`)))
    .limit(1);
  return row;
}

/** What the member wrote so far, to fill the form with (checks the drop takes answers). */
export async function hiddenDraft(
  deps: PracticeDeps,
  address: ChannelAddress,
  dropId: number,
  member: string,
): Promise<string> {
  await openHiddenDrop(deps, address, dropId);
  return (await hiddenAnswerOf(deps, dropId, member))?.text ?? '';
}

/**
 * Stores a member's hidden answer to an open drop, or replaces the one they gave before (the
 * latest text counts). Like any reply it is the member's counted answer when it is their first
 * before the reveal. An answer that meets the reveal is either posted by it or refused here.
 */
export async function saveHiddenAnswer(
  deps: PracticeDeps,
  answer: {
    address: ChannelAddress;
    dropId: number;
    member: string;
    memberName: string;
    text: string;
  },
): Promise<{ replaced: boolean }> {
  const drop = await openHiddenDrop(deps, answer.address, answer.dropId);
  const { db, tables } = deps.store;
  const { replies } = tables;
  const messageRef = `${HIDDEN_REF}${answer.member}`;
  const text = clipText(answer.text.trim(), MAX_REPLY);
  if (text === '') throw new UserError('hidden.empty');
  const mine = and(eq(replies.dropId, drop.id), eq(replies.messageRef, messageRef));
  const replace = () =>
    db
      .update(replies)
      .set({ text, memberName: withoutBidiControls(answer.memberName), editedAt: deps.clock.now() })
      .where(mine)
      .returning({ id: replies.id });
  let replaced = (await replace()).length > 0;
  if (!replaced) {
    const row = {
      dropId: drop.id,
      member: answer.member,
      memberName: withoutBidiControls(answer.memberName),
      messageRef,
      text,
      createdAt: deps.clock.now(),
      day: localDate(deps.clock.now(), drop.zone),
    };
    // Counted unless the member already has an answer (the unique index on counted answers
    // decides, as for thread replies); a second save at the same moment replaces instead.
    let inserted = false;
    for (const counted of [true, false]) {
      const rows = await db
        .insert(replies)
        .values({ ...row, counted })
        .onConflictDoNothing()
        .returning({ id: replies.id });
      if (rows.length > 0) {
        inserted = true;
        break;
      }
    }
    if (!inserted) replaced = (await replace()).length > 0;
  }
  // The reveal claims the drop first and reads the hidden answers after: an answer saved before
  // the claim is posted by it. One that met the claim is taken back, unless the reveal took it.
  const now = await dropById(deps, drop.id);
  if (now?.revealedAt !== null) {
    const taken = await db.delete(replies).where(mine).returning({ id: replies.id });
    if (taken.length > 0) throw new UserError('hidden.closed');
  }
  return { replaced };
}

/**
 * At the reveal, before the model answer: every hidden answer of the drop as a message in its
 * thread, in the order they were first given, each naming its member (as text: no ping) and its
 * number for `/vote`. Each posted message becomes the answer's reference, so votes on it count;
 * one already posted (a reveal tried again) is not posted twice.
 */
export async function postHiddenAnswers(
  deps: PracticeDeps,
  address: ChannelAddress,
  drop: DropRow,
  port: ChatPort,
  locale: Locale,
): Promise<number> {
  if (!drop.threadRef) return 0;
  const { db, tables } = deps.store;
  const { replies } = tables;
  const hidden = await hiddenOf(deps.store, { dropId: drop.id });
  for (const row of hidden) {
    // Numbered as `/vote` numbers answers; a member who had answered in the thread already
    // posts theirs as talk.
    const n = row.counted ? await answerNumber(deps, row) : null;
    const name = clipText(row.memberName, 100);
    const title =
      n === null
        ? t(locale, 'hidden.postedTalk', { name })
        : t(locale, 'hidden.postedTitle', { n, name });
    const message: OutMessage = {
      title,
      body: '',
      blocks: [{ kind: 'notes', text: row.text, format: 'text', fit: 'clip' }],
    };
    const ref = await port.postInThread(address, drop.threadRef, message);
    await db.update(replies).set({ messageRef: ref }).where(eq(replies.id, row.id));
  }
  return hidden.length;
}

/** Every reveal asks, hidden answers or not (a channel may have stopped hiding them since). */
const hiddenOf = preparedQuery((db, { replies }) =>
  db
    .select()
    .from(replies)
    .where(
      and(
        eq(replies.dropId, sql.placeholder('dropId')),
        like(replies.messageRef, `${HIDDEN_REF}%`),
      ),
    )
    .orderBy(replies.id),
);
