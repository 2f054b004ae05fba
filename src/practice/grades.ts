import type { ChannelAddress } from '../chat/port.ts';
import { ensureChannel } from './channels.ts';
import type { PracticeDeps } from './deps.ts';
import { dropByThread, latestRevealedDrop } from './drops.ts';
import { GRADES, type Grade } from './reveal.ts';
import { questionById } from './select.ts';
import { recordReaction } from './votes.ts';

export type GradeResult = { kind: 'recorded'; prompt: string } | { kind: 'notRevealed' };

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
  for (const [emoji, grade] of Object.entries(GRADES)) {
    await recordReaction(deps, {
      address,
      messageRef: drop.revealRef,
      member: opts.member,
      isBot: false,
      emoji,
      added: grade === opts.grade,
    });
  }
  const question = await questionById(deps, drop.questionId);
  return { kind: 'recorded', prompt: question?.prompt ?? '' };
}
