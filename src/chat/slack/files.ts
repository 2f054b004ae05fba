import type { CommandReply } from '../../../commands/index.ts';
import { type PracticeDeps, portFor } from '../../core/deps.ts';
import type { Locale } from '../../core/i18n/index.ts';
import type { Fill } from '../../core/message.ts';
import { type ChannelAddress, PlatformError } from '../../core/port.ts';
import { BLANK, line } from '../../core/reply/line.ts';

/**
 * Sends a command reply's files and returns the reply to answer with, without them. Slack has
 * no ephemeral file (one shared in a channel is everyone's), so an ephemeral answer's files go
 * to the member's direct messages with the app and the answer says so; a public answer's go to
 * the channel, or its thread, as /export's file does. A file that could not be sent is named
 * in the answer with the reason, and the rest of the answer still comes.
 */
export async function sendReplyFiles(
  deps: PracticeDeps,
  reply: CommandReply,
  where: { address: ChannelAddress; thread: string | null; member: string; locale: Locale },
): Promise<CommandReply> {
  const { files, ...rest } = reply;
  if (!files?.length) return reply;
  const port = portFor(deps, where.address);
  const notes: Fill[] = [];
  for (const file of files) {
    try {
      if (!reply.ephemeral) await port.uploadFile(where.address, where.thread, file);
      else {
        // Never into the channel: only the member may see an ephemeral answer's file.
        if (!port.uploadDirect) throw new Error('this port sends no direct files');
        await port.uploadDirect(where.address, where.member, file);
        notes.push(line(where.locale, 'files.sentDirect', { title: file.title }));
      }
    } catch (err) {
      deps.log.error({ err, file: file.name }, 'slack: a reply file could not be sent');
      const reason =
        err instanceof PlatformError
          ? line(where.locale, err.key, err.vars)
          : line(where.locale, 'error.internal');
      notes.push(line(where.locale, 'files.notSent', { title: file.title, reason }));
    }
  }
  return { ...rest, blocks: [...reply.blocks, ...notes.flatMap((n) => [BLANK, n])] };
}
