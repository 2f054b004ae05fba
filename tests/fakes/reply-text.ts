import type { CommandReply } from '../../commands/index.ts';
import { CONSOLE } from '../../src/chat/console/render.ts';
import { renderReply } from '../../src/chat/render.ts';

/** A command's reply as plain text, as the console shows it (none: empty): what tests read. */
export function replyText(reply: CommandReply | null | undefined): string {
  return reply ? renderReply(reply.blocks, CONSOLE) : '';
}

/** A reply with its text in place of its blocks, to compare whole. */
export function plainReply(reply: CommandReply): Omit<CommandReply, 'blocks'> & { text: string } {
  const { blocks: _blocks, ...rest } = reply;
  return { ...rest, text: replyText(reply) };
}
