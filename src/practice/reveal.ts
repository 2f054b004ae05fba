import { and, eq, isNull } from 'drizzle-orm';
import type { ChannelAddress, OutMessage, Platform } from '../chat/port.ts';
import { referenceLink, renderNotes, splitRendered, type TextFormat } from '../chat/render.ts';
import { type Locale, t } from '../i18n/index.ts';
import { channelLocale, ensureChannel } from './channels.ts';
import { type PracticeDeps, portFor } from './deps.ts';
import { type DropRow, dropById, dropByThread, latestDrop, latestOpenDrop } from './drops.ts';
import { postHiddenAnswers } from './hidden.ts';
import { type QuestionRow, questionById } from './select.ts';
import { splitText } from './split.ts';

/** Self-check reactions on the reveal, and what each one means. */
export const GRADES = { '✅': 'ok', '🤔': 'partly', '❌': 'missed' } as const;
export type Grade = (typeof GRADES)[keyof typeof GRADES];

export type RevealResult =
  | { kind: 'revealed'; drop: DropRow; messages: number }
  | { kind: 'already'; drop: DropRow; link: string | null }
  | { kind: 'none' };

/**
 * The reveal as messages that each fit the platform: answer, then notes, then references,
 * rendered in the platform's own markup.
 */
export function revealMessages(
  question: QuestionRow,
  locale: Locale,
  maxChars: number,
  platform: Platform = 'console',
): OutMessage[] {
  const out: OutMessage[] = [];
  const add = (
    title: string,
    more: string,
    text: string,
    reserve = 0,
    format: TextFormat = question.format,
  ) => {
    const room = maxChars - Math.max(title.length, more.length) - reserve - 2;
    const rendered = renderNotes(text, platform, format);
    const parts = format === 'markdown' ? splitRendered(rendered, room) : splitText(rendered, room);
    parts.forEach((body, i) => {
      out.push({ title: i === 0 ? title : more, body, markup: true });
    });
  };
  // The self-check prompt rides on the first message, which carries the reactions.
  const selfCheck = t(locale, 'reveal.selfCheck');
  add(
    t(locale, 'reveal.answerTitle'),
    t(locale, 'reveal.answerTitleMore'),
    question.answer || t(locale, 'reveal.noAnswer'),
    selfCheck.length + 2,
    question.answer ? question.format : 'text',
  );
  (out[0] as OutMessage).footer = selfCheck;
  if (question.notes) {
    const title = t(locale, 'reveal.notesTitle');
    add(title, title, question.notes);
  }
  if (question.references.length > 0) {
    const title = t(locale, 'reveal.referencesTitle');
    const list = question.references.map((r) => `- ${referenceLink(r, platform)}`).join('\n');
    add(title, title, list, 0, 'rendered');
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
  opts: { threadRef?: string | null; dropId?: number } = {},
): Promise<RevealResult> {
  const { db, tables } = deps.store;
  const { drops } = tables;
  const channel = await ensureChannel(deps, address);
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
  const claimed = await db
    .update(drops)
    .set({ revealedAt: deps.clock.now() })
    .where(and(eq(drops.id, drop.id), isNull(drops.revealedAt)))
    .returning({ id: drops.id });
  if (claimed.length === 0) return revealAnswer(deps, address, { dropId: drop.id });

  const question = await questionById(deps, drop.questionId);
  if (!question) throw new Error(`drop ${drop.id} has no question`);
  const messages = revealMessages(question, channelLocale(channel), port.maxChars, port.platform);
  let revealRef: string | null = null;
  try {
    // Hidden answers come out first, then the model answer; votes on them count from now.
    await postHiddenAnswers(deps, address, drop, port, channelLocale(channel));
    for (const message of messages) {
      const ref = await port.postInThread(address, drop.threadRef, message);
      if (revealRef === null) {
        revealRef = ref;
        await db.update(drops).set({ revealRef }).where(eq(drops.id, drop.id));
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
  const done = (await dropById(deps, drop.id)) ?? drop;
  return { kind: 'revealed', drop: done, messages: messages.length };
}
