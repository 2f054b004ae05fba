import type { ChannelRow } from './channels.ts';
import { type Locale, t } from './i18n/index.ts';
import type { Button } from './port.ts';

/**
 * What marks a hidden answer (a channel's `answers hidden`) the reveal has not posted yet: its
 * reply's message reference is `hidden:<member>` until the reveal gives it the posted message's.
 * The daily question (src/practice/hidden.ts) writes it; whatever shows answers (votes, the
 * history export, the dashboard) keeps such a reply out of sight until then.
 */
export const HIDDEN_REF = 'hidden:';

/** Whether a reply is a hidden answer the reveal has not posted yet. */
export function notYetShown(messageRef: string): boolean {
  return messageRef.startsWith(HIDDEN_REF);
}

/** Whether the channel's answers are hidden until the reveal (`/settings answers hidden`). */
export function answersHidden(channel: ChannelRow): boolean {
  return channel.answers === 'hidden';
}

/** The "Answer" button a hidden-answer drop carries (the console types its answer instead). */
export function answerButton(locale: Locale, dropId: number): Button {
  return { id: `answer:write:${dropId}`, label: t(locale, 'hidden.button'), style: 'primary' };
}
