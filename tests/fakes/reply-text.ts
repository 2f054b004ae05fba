import { type CommandReply, replyBlocks } from '../../commands/index.ts';
import { CONSOLE } from '../../src/chat/console/render.ts';
import { renderReply } from '../../src/chat/render.ts';

/** A command's reply as plain text, as the console shows it: what tests read. */
export function replyText(reply: CommandReply): string {
  return renderReply(replyBlocks(reply), CONSOLE);
}
