import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { findCommand, parseTextOptions, runCommand } from '../../../commands/index.ts';
import { t } from '../../i18n/index.ts';
import { channelLocale, ensureChannel } from '../../practice/channels.ts';
import type { PracticeDeps } from '../../practice/deps.ts';
import { latestDrop } from '../../practice/drops.ts';
import { recordReply, replyByNumber, replyNumber } from '../../practice/replies.ts';
import { GRADES } from '../../practice/reveal.ts';
import { recordReaction, VOTE } from '../../practice/votes.ts';
import type { ChannelAddress, ChatPort, OutMessage } from '../port.ts';

export const CONSOLE_ADDRESS: ChannelAddress = {
  platform: 'console',
  workspace: 'local',
  channel: 'terminal',
};

interface Out {
  write(text: string): unknown;
}

function render(message: OutMessage, indent: string): string {
  const lines = [
    message.mention ? `@${message.mention}` : '',
    message.title ? `── ${message.title} ──` : '',
    message.body,
    message.footer ? `(${message.footer})` : '',
  ].filter(Boolean);
  return `${lines
    .join('\n')
    .split('\n')
    .map((l) => indent + l)
    .join('\n')}\n`;
}

/** The terminal as a chat channel: drops print as posts, thread messages indented beneath. */
export class ConsolePort implements ChatPort {
  readonly platform = 'console' as const;
  readonly maxChars = 2000;

  constructor(private readonly out: Out) {}

  async postDrop(
    _channel: ChannelAddress,
    message: OutMessage,
  ): Promise<{ messageRef: string; threadRef: string }> {
    const ref = `drop-${randomUUID()}`;
    this.out.write(`\n${render(message, '')}`);
    return { messageRef: ref, threadRef: ref };
  }

  async postInThread(
    _channel: ChannelAddress,
    _threadRef: string,
    message: OutMessage,
  ): Promise<string> {
    this.out.write(render(message, '  │ '));
    return `msg-${randomUUID()}`;
  }

  async react(): Promise<void> {}

  link(): string | null {
    return null;
  }
}

/**
 * Reads the terminal line by line until end of input: `/command`s run, any other line is the
 * local member's answer in the current drop's thread. Works the same with a pipe.
 */
export async function runConsole(
  deps: PracticeDeps,
  io: { input: Readable; out: Out; member: string },
): Promise<void> {
  const address = CONSOLE_ADDRESS;
  const locale = channelLocale(ensureChannel(deps, address));
  const say = (text: string) => io.out.write(`${text}\n`);
  let member = { id: `console:${io.member}`, name: io.member };
  say(t(locale, 'console.banner'));

  const currentDrop = () => latestDrop(deps, ensureChannel(deps, address).id);

  const lines = createInterface({
    input: io.input,
    crlfDelay: Number.POSITIVE_INFINITY,
    terminal: false,
  });
  for await (const raw of lines) {
    const line = raw.trim();
    if (line === '') continue;
    try {
      if (!line.startsWith('/')) {
        const drop = currentDrop();
        if (!drop?.threadRef) {
          say(t(locale, 'console.noDrop'));
          continue;
        }
        const stored = recordReply(deps, {
          address,
          threadRef: drop.threadRef,
          messageRef: `reply-${randomUUID()}`,
          member: member.id,
          memberName: member.name,
          isBot: false,
          text: raw,
        });
        if (stored) {
          const n = replyNumber(deps, stored);
          say(`  │ ${member.name}: ${raw}\n  │ (${t(locale, 'console.replyStored', { n })})`);
        }
        continue;
      }
      const [name = '', ...rest] = line.slice(1).split(/\s+/);
      const arg = rest.join(' ');
      if (name === 'help') {
        say(t(locale, 'console.help'));
      } else if (name === 'as' && arg) {
        member = { id: `console:${arg}`, name: arg };
        say(t(locale, 'console.member', { name: arg }));
      } else if (name === 'vote') {
        const drop = currentDrop();
        const n = Number(arg);
        const reply = drop ? replyByNumber(deps, drop.id, n) : undefined;
        if (!reply) {
          say(t(locale, 'vote.noSuch', { n: arg || '?' }));
          continue;
        }
        const result = recordReaction(deps, {
          address,
          messageRef: reply.messageRef,
          member: member.id,
          isBot: false,
          emoji: VOTE,
          added: true,
        });
        say(result.kind === 'self' ? t(locale, 'vote.self') : t(locale, 'vote.recorded', { n }));
      } else if (name === 'grade') {
        const drop = currentDrop();
        const emoji = Object.entries(GRADES).find(([, g]) => g === arg)?.[0];
        if (!emoji) {
          say(
            t(locale, 'error.badOptions', { usage: '/grade ok|partly|missed', detail: arg || '?' }),
          );
        } else if (!drop?.revealRef) {
          say(t(locale, 'grade.notRevealed'));
        } else {
          recordReaction(deps, {
            address,
            messageRef: drop.revealRef,
            member: member.id,
            isBot: false,
            emoji,
            added: true,
          });
          say(t(locale, 'grade.recorded', { grade: `${emoji} ${arg}` }));
        }
      } else {
        const command = findCommand(name);
        const reply = await runCommand(name, command ? parseTextOptions(command, arg) : {}, {
          deps,
          address,
          threadRef: currentDrop()?.threadRef ?? null,
          member: { ...member, canManage: true },
          locale,
        });
        say(reply.text);
      }
    } catch (err) {
      deps.log.error({ err }, 'console line failed');
      say(t(locale, 'error.internal'));
    }
  }
}
