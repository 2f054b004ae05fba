import { ensureChannel } from '../core/channels.ts';
import type { PracticeDeps } from '../core/deps.ts';
import type { ChannelAddress } from '../core/port.ts';
import { GRADES, type Grade } from '../core/reactions.ts';
import { questionById } from '../core/select.ts';
import { dropByThread, latestRevealedDrop } from './lookup.ts';
import { recordReaction } from './votes.ts';

export type GradeResult =
  /** `before`: the member's grade of that reveal until now (null: none), so a change is told. */
  { kind: 'recorded'; prompt: string; before: Grade | null } | { kind: 'notRevealed' };

/**
 * A self-check given as a command (where there are no reactions, or by choice): recorded as the
 * reveal's ✅ 🤔 ❌ reaction would be, replacing the member's other grade of that drop. In a
 * thread it grades that thread's question, elsewhere the latest revealed one.
 */
export async function gradeSelf(
  deps: PracticeDeps,
  address: ChannelAddress,
  opts: { threadRef: string | null; member: string; grade: Grade },
): Promise<GradeResult> {
  const channel = await ensureChannel(deps, address);
  const drop = opts.threadRef
    ? await dropByThread(deps, channel.id, opts.threadRef)
    : await latestRevealedDrop(deps, channel.id);
  if (!drop?.revealRef) return { kind: 'notRevealed' };
  let before: Grade | null = null;
  for (const [emoji, grade] of Object.entries(GRADES)) {
    const result = await recordReaction(deps, {
      address,
      messageRef: drop.revealRef,
      member: opts.member,
      isBot: false,
      emoji,
      added: grade === opts.grade,
    });
    // A grade taken off was the member's before; the same grade added again adds nothing.
    const had = result.kind === 'grade' && result.counted === (grade !== opts.grade);
    if (had) before = grade;
  }
  const question = await questionById(deps, drop.questionId);
  return { kind: 'recorded', prompt: question?.prompt ?? '', before };
}
