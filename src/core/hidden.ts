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
