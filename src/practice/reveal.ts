import { and, asc, eq, isNull, ne, sql } from 'drizzle-orm';
import { notesText } from '../bank/markup.ts';
import { addressOf, type ChannelRow, channelLocale, ensureChannel } from '../core/channels.ts';
import { type PracticeDeps, portFor } from '../core/deps.ts';
import { type Locale, t } from '../core/i18n/index.ts';
import type { ChannelAddress, OutMessage, Platform } from '../core/port.ts';
import { GRADES } from '../core/reactions.ts';
import { type QuestionRow, questionById } from '../core/select.ts';
import { clipText } from '../core/split.ts';
import { preparedQuery } from '../db/prepared.ts';
import { postHiddenAnswers } from './hidden.ts';
import { type DropRow, dropById, dropByThread, latestDrop, latestOpenDrop } from './lookup.ts';

export type RevealResult =
  | { kind: 'revealed'; drop: DropRow; messages: number }
  | { kind: 'already'; drop: DropRow; link: string | null }
  | { kind: 'none' };

/**
 * The reveal as messages: answer, then notes, then references, each split by the port over as
 * many of its messages as it takes.
 */
export function revealMessages(
  question: QuestionRow,
  locale: Locale,
  platform: Platform = 'console',
): OutMessage[] {
  // The self-check prompt rides on the first message, which carries the reactions. The console
  // has none (its members type /grade), and no threads: there the reveal names its question.
  const onConsole = platform === 'console';
  const out: OutMessage[] = [
    {
      title: onConsole
        ? t(locale, 'reveal.answerTitleOf', {
            // The prompt as the drop shows it there: plain text, not its Markdown.
            prompt: clipText(notesText(question.prompt, question.format), 100),
          })
        : t(locale, 'reveal.answerTitle'),
      more: t(locale, 'reveal.answerTitleMore'),
      body: '',
      blocks: [
        question.answer
          ? { kind: 'notes', text: question.answer, format: question.format, fit: 'split' }
          : { kind: 'notes', text: t(locale, 'reveal.noAnswer'), format: 'text', fit: 'split' },
      ],
      footer: t(locale, onConsole ? 'reveal.selfCheckConsole' : 'reveal.selfCheck'),
    },
  ];
  if (question.notes) {
    const title = t(locale, 'reveal.notesTitle');
    out.push({
      title,
      more: title,
      body: '',
      blocks: [{ kind: 'notes', text: question.notes, format: question.format, fit: 'split' }],
    });
  }
  if (question.references.length > 0) {
    const title = t(locale, 'reveal.referencesTitle');
    out.push({
      title,
      more: title,
      body: '',
      blocks: [{ kind: 'links', links: question.references, fit: 'split' }],
    });
  }
  return out;
}

/**
 * Reveals the model answer of the drop in `threadRef`, or of the channel's latest open drop.
 * The reveal is claimed in the database first, so two `/answer`s at once post it once.
 */
export async function revealAnswer(
  deps: PracticeDeps,
  address: ChannelAddress,
  opts: {
    threadRef?: string | null;
    dropId?: number;
    /** The channel's row at `address`, when the caller has just read it. */
    channel?: ChannelRow;
  } = {},
): Promise<RevealResult> {
  const { db, tables } = deps.store;
  const { drops } = tables;
  const channel = opts.channel ?? (await ensureChannel(deps, address));
  const port = portFor(deps, address);
  let drop: DropRow | undefined;
  if (opts.dropId !== undefined) {
    drop = await dropById(deps, opts.dropId);
  } else if (opts.threadRef) {
    drop = await dropByThread(deps, channel.id, opts.threadRef);
  }
  // Outside a thread: the latest open drop, else the latest one (already revealed: its link).
  drop ??= (await latestOpenDrop(deps, channel.id)) ?? (await latestDrop(deps, channel.id));
  if (drop?.status !== 'posted' || !drop.threadRef) return { kind: 'none' };
  if (drop.revealedAt !== null) {
    return {
      kind: 'already',
      drop,
      link: drop.revealRef ? port.link(address, drop.revealRef, drop.threadRef) : null,
    };
  }
  const revealedAt = deps.clock.now();
  const claimed = await claimReveal(deps.store, { id: drop.id, revealedAt });
  if (claimed.length === 0) return revealAnswer(deps, address, { dropId: drop.id, channel });

  const question = await questionById(deps, drop.questionId);
  if (!question) throw new Error(`drop ${drop.id} has no question`);
  const messages = revealMessages(question, channelLocale(channel), port.platform);
  // The answer coach's button (commands/feedback.ts), unless the channel turned it off.
  if (channel.coach && messages[0]) {
    const label = t(channelLocale(channel), 'coach.button');
    messages[0].buttons = [{ id: `feedback:drop:${drop.id}`, label, typed: '/feedback' }];
  }
  let revealRef: string | null = null;
  try {
    // Hidden answers come out first, then the model answer; votes on them count from now.
    await postHiddenAnswers(deps, address, drop, port, channelLocale(channel));
    for (const message of messages) {
      const ref = await port.postInThread(address, drop.threadRef, message);
      if (revealRef === null) {
        revealRef = ref;
        await setRevealRef(deps.store, { id: drop.id, revealRef });
      }
    }
  } catch (err) {
    // Nothing posted: the reveal is open again. Partly posted: keep it, the answer is there.
    if (revealRef === null) {
      await db.update(drops).set({ revealedAt: null }).where(eq(drops.id, drop.id));
    }
    throw err;
  }
  if (revealRef) {
    for (const emoji of Object.keys(GRADES)) await port.react(address, revealRef, emoji);
  }
  // The row as this reveal wrote it: the claim made the reveal this call's alone.
  return { kind: 'revealed', drop: { ...drop, revealedAt, revealRef }, messages: messages.length };
}

/**
 * A channel's posted drops that nothing would reveal: open, with no reveal time (an /ask, a
 * schedule without `reveal:`), oldest first; `except` leaves out the drop about to be posted.
 */
export async function dropsAwaitingNext(
  deps: PracticeDeps,
  channelId: number,
  except?: number,
): Promise<DropRow[]> {
  // Drop ids start at 1: none is left out when there is no `except`.
  return awaitingNext(deps.store, { channelId, except: except ?? 0 });
}

const awaitingNext = preparedQuery((db, { drops }) =>
  db
    .select()
    .from(drops)
    .where(
      and(
        eq(drops.channelId, sql.placeholder('channelId')),
        eq(drops.status, 'posted'),
        isNull(drops.revealedAt),
        isNull(drops.revealDueAt),
        ne(drops.id, sql.placeholder('except')),
      ),
    )
    .orderBy(asc(drops.id)),
);

const setRevealRef = preparedQuery((db, { drops }) =>
  db
    .update(drops)
    .set({ revealRef: sql`${sql.placeholder('revealRef')}` })
    .where(eq(drops.id, sql.placeholder('id'))),
);

/** The reveal claimed: a row back only for the one call that set `revealed_at`. */
const claimReveal = preparedQuery((db, { drops }) =>
  db
    .update(drops)
    .set({ revealedAt: sql`${sql.placeholder('revealedAt')}` })
    .where(and(eq(drops.id, sql.placeholder('id')), isNull(drops.revealedAt)))
    .returning({ id: drops.id }),
);

/**
 * Reveals always come: just before a channel's next drop is posted, each open drop with no
 * reveal time gets its model answer in its thread. A reveal that fails is logged and left open
 * (the next drop tries again); the new drop goes out regardless.
 */
export async function revealBeforeNext(
  deps: PracticeDeps,
  channel: ChannelRow,
  nextDropId: number,
): Promise<void> {
  for (const drop of await dropsAwaitingNext(deps, channel.id, nextDropId)) {
    try {
      await revealAnswer(deps, addressOf(channel), { dropId: drop.id, channel });
    } catch (err) {
      deps.log.error(
        { err, channel: channel.id, drop: drop.id },
        'reveal before the next drop failed',
      );
    }
  }
}
