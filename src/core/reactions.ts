/** The reactions members answer with: a vote on a reply, a self-check on a reveal. */

/** The reaction that counts as a vote for a reply. */
export const VOTE = '👍';

/** Self-check reactions on the reveal, and what each one means. */
export const GRADES = { '✅': 'ok', '🤔': 'partly', '❌': 'missed' } as const;
export type Grade = (typeof GRADES)[keyof typeof GRADES];
