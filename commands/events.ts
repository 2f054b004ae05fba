import { channelLocale, ensureChannel } from '../src/core/channels.ts';
import type { PracticeDeps } from '../src/core/deps.ts';
import { asNotSaved, NotSavedError } from '../src/core/errors.ts';
import { type Locale, t } from '../src/core/i18n/index.ts';
import type { ChannelAddress, Platform } from '../src/core/port.ts';
import { storeReply } from '../src/practice/intake.ts';
import { deleteReply, editReply, type IncomingReply } from '../src/practice/replies.ts';
import {
  type IncomingReaction,
  type ReactionResult,
  recordReaction,
} from '../src/practice/votes.ts';
import { answerInPlace } from './mock.ts';

/**
 * A line a member wrote where a /review or /mock question is on their screen (the console): their
 * answer to it; null when no such question waits.
 */
export { answerOnScreen as onScreenAnswer } from './mock.ts';

/**
 * One entry per kind of platform event that is not a command, a button or a form (those are
 * commands/run.ts's): it decides what the event is (a mock answer, a reply, a vote) and what
 * to answer. Adapters only turn their platform's events into these calls and the results
 * into platform calls.
 */

/** What was not stored, told to the member who did it; each platform names them its way. */
export interface NotSavedNotice {
  kind: 'notSaved';
  locale: Locale;
  key: 'reply.notSaved' | 'vote.notSaved';
  reason: string;
}

/** The notice's text, the member named by `name` (a mention, a name, or a placeholder). */
export function noticeText(notice: NotSavedNotice, name: string): string {
  return t(notice.locale, notice.key, { name, reason: notice.reason });
}

/** A store failure as a notice (logged once here); any other error goes on up. */
async function notSaved(
  deps: PracticeDeps,
  address: ChannelAddress,
  key: NotSavedNotice['key'],
  err: unknown,
): Promise<NotSavedNotice> {
  const failure = asNotSaved(err);
  if (!(failure instanceof NotSavedError)) throw err;
  deps.log.error({ err, channel: address, notice: key }, 'what a member did could not be stored');
  const locale = channelLocale(await ensureChannel(deps, address));
  return { kind: 'notSaved', locale, key, reason: failure.reason(locale) };
}

/** A message in a thread of a channel, as the platform delivered it. */
export type ThreadMessage = IncomingReply;

export type MessageOutcome =
  /** The member's answer to the mock that runs in this thread; the mock answered. */
  | { kind: 'mock' }
  /** A reply to a drop, stored (or nothing, when the thread is no drop's). */
  | { kind: 'reply' }
  | NotSavedNotice;

/**
 * A message in a thread: a reply when the thread is a drop's, else a mock answer in the member's
 * own mock thread. A mock runs in a private place of its own, never in a drop's thread, so the
 * reply (batched with the others of a burst) is tried first: a burst of replies costs no query
 * for mocks.
 */
export async function onThreadMessage(
  deps: PracticeDeps,
  message: ThreadMessage,
): Promise<MessageOutcome> {
  const { address, threadRef, member, memberName: name, text } = message;
  try {
    if (await storeReply(deps, message)) return { kind: 'reply' };
  } catch (err) {
    return notSaved(deps, address, 'reply.notSaved', err);
  }
  if (!message.isBot) {
    const place = { platform: address.platform, member, name, threadRef, text };
    if (await answerInPlace(deps, place)) return { kind: 'mock' };
  }
  return { kind: 'reply' };
}

/**
 * A member's message in a private place of theirs (a Slack DM): their answer when a mock of
 * theirs runs there; false when none does.
 */
export function onPrivateMessage(
  deps: PracticeDeps,
  message: { platform: Platform; member: string; name: string; place: string; text: string },
): Promise<boolean> {
  const { platform, member, name, place, text } = message;
  return answerInPlace(deps, { platform, member, name, threadRef: place, text });
}

/** An edited message: the reply's new text; a notice when it could not be stored. */
export async function onMessageEdit(
  deps: PracticeDeps,
  edit: { address: ChannelAddress; messageRef: string; text: string },
): Promise<NotSavedNotice | null> {
  try {
    await editReply(deps, edit.address, edit.messageRef, edit.text);
    return null;
  } catch (err) {
    return notSaved(deps, edit.address, 'reply.notSaved', err);
  }
}

/** A deleted message: the reply is gone, and so are its votes. */
export async function onMessageDelete(
  deps: PracticeDeps,
  deletion: { address: ChannelAddress; messageRef: string },
): Promise<void> {
  await deleteReply(deps, deletion.address, deletion.messageRef);
}

/** A reaction added or removed: a vote or a self-check, or nothing of ours. */
export async function onReaction(
  deps: PracticeDeps,
  reaction: IncomingReaction,
): Promise<{ kind: 'recorded'; result: ReactionResult } | NotSavedNotice> {
  try {
    return { kind: 'recorded', result: await recordReaction(deps, reaction) };
  } catch (err) {
    return notSaved(deps, reaction.address, 'vote.notSaved', err);
  }
}
