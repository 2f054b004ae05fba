import type { App } from '@slack/bolt';
import {
  asksManager,
  findCommand,
  parseTextOptions,
  runCommand,
  splitWords,
} from '../../../commands/index.ts';
import { channelLocale, ensureChannel } from '../../core/channels.ts';
import type { PracticeDeps } from '../../core/deps.ts';
import type { ChannelAddress } from '../../core/port.ts';
import { sendReplyFiles } from './files.ts';
import { answerSlash } from './interactions.ts';
import { SLACK_COMMAND } from './text.ts';

/** `/drill <command> [options]`: the first word picks the command (any case); none is help. */
export function splitSubcommand(text: string): { name: string; rest: string } {
  const trimmed = text.trim();
  const [first] = splitWords(trimmed);
  if (!first) return { name: 'help', rest: '' };
  const rest = trimmed.slice(trimmed.indexOf(first) + first.length).trim();
  return { name: first.replace(/^\//, ''), rest };
}

/**
 * Registers `/drill` and routes each subcommand to its command in commands/, so a command added
 * there works on Slack with nothing written here. `canManage` says who may change settings.
 */
export function registerDrillCommand(
  deps: PracticeDeps,
  app: App,
  canManage: (userId: string) => Promise<boolean>,
): void {
  app.command(SLACK_COMMAND, async ({ command: body, ack, respond }) => {
    await ack();
    const address: ChannelAddress = {
      platform: 'slack',
      workspace: body.team_id,
      channel: body.channel_id,
    };
    const { name, rest } = splitSubcommand(body.text ?? '');
    const command = findCommand(name);
    const channel = await ensureChannel(deps, address);
    const locale = channelLocale(channel);
    const reply = await runCommand(name, command ? parseTextOptions(command, rest) : {}, {
      deps,
      address,
      threadRef: null,
      member: {
        id: body.user_id,
        name: body.user_name,
        canManage:
          command !== undefined && asksManager(command, channel) && (await canManage(body.user_id)),
      },
      locale,
    });
    const answer = await sendReplyFiles(deps, reply, {
      address,
      thread: null,
      member: body.user_id,
      locale,
    });
    await answerSlash(app, answer, locale, body, respond);
  });
}
