import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import {
  type CommandContext,
  type CommandReply,
  findCommand,
  parseTextOptions,
  runButton,
  runCommand,
} from '../../../commands/index.ts';
import { answerOnScreen } from '../../../commands/mock.ts';
import { t } from '../../i18n/index.ts';
import { channelLocale, ensureChannel } from '../../practice/channels.ts';
import type { PracticeDeps } from '../../practice/deps.ts';
import { latestDrop } from '../../practice/drops.ts';
import { asNotSaved, UserError } from '../../practice/errors.ts';
import { answerNumber, recordReply, replyByNumber } from '../../practice/replies.ts';
import { recordReaction, VOTE } from '../../practice/votes.ts';
import type { ChannelAddress, ChatPort, OutMessage } from '../port.ts';
import { buttonLines, ConsoleForm } from './interactions.ts';

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
    message.mention ?? '',
    message.title ? `── ${message.title} ──` : '',
    message.body,
    message.footer ? `(${message.footer})` : '',
    ...buttonLines(message.buttons),
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

  async postInChannel(_channel: ChannelAddress, message: OutMessage): Promise<string> {
    this.out.write(`\n${render(message, '')}`);
    return `msg-${randomUUID()}`;
  }

  /** The console is one person: a direct message is a line for them. */
  async sendDirect(_channel: ChannelAddress, _member: string, message: OutMessage): Promise<void> {
    this.out.write(`\n${render(message, '✉ ')}`);
  }

  async react(): Promise<void> {}

  link(): string | null {
    return null;
  }
}

/** The longest line the console takes: a platform's message limit, as stored replies are. */
export const MAX_LINE = 4000;

type Line = { text: string } | { tooLong: number };

/**
 * Lines of the input, without ever holding more than `max` characters of one: a longer line is
 * counted, not kept, up to its end.
 */
export async function* boundedLines(input: Readable, max = MAX_LINE): AsyncGenerator<Line> {
  const decoder = new StringDecoder('utf8');
  let cur = '';
  let over = 0;
  const take = (piece: string) => {
    if (over > 0 || cur.length + piece.length > max) {
      over = (over || cur.length) + piece.length;
      cur = '';
    } else cur += piece;
  };
  const end = (): Line => {
    const line: Line = over > 0 ? { tooLong: over } : { text: cur.replace(/\r$/, '') };
    cur = '';
    over = 0;
    return line;
  };
  for await (const chunk of input) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer);
    const parts = text.split('\n');
    for (let i = 0; i < parts.length - 1; i++) {
      take(parts[i] as string);
      yield end();
    }
    take(parts[parts.length - 1] as string);
  }
  take(decoder.end());
  if (cur !== '' || over > 0) yield end();
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
  const locale = channelLocale(await ensureChannel(deps, address));
  const say = (text: string) => io.out.write(`${text}\n`);
  let member = { id: `console:${io.member}`, name: io.member };
  say(t(locale, 'console.banner'));

  const currentDrop = async () => latestDrop(deps, (await ensureChannel(deps, address)).id);
  const context = async (): Promise<CommandContext> => ({
    deps,
    address,
    threadRef: (await currentDrop())?.threadRef ?? null,
    member: { ...member, canManage: true },
    locale,
  });
  // A form a command opened: the next lines are its fields.
  let form: ConsoleForm | null = null;
  const show = (reply: CommandReply, ctx: CommandContext) => {
    if (reply.form) {
      form = new ConsoleForm(reply.form, ctx);
      say(form.intro(locale));
      return;
    }
    say([reply.text, ...buttonLines(reply.buttons)].join('\n'));
  };

  for await (const read of boundedLines(io.input)) {
    if ('tooLong' in read) {
      say(t(locale, 'console.tooLong', { length: read.tooLong, max: MAX_LINE }));
      continue;
    }
    const raw = read.text;
    const line = raw.trim();
    if (line === '') continue;
    try {
      if (form) {
        const filling: ConsoleForm = form;
        if (line === '/cancel') {
          form = null;
          say(t(locale, 'console.formCancelled'));
          continue;
        }
        const next = await filling.take(raw);
        if ('prompt' in next) {
          say(next.prompt);
        } else {
          form = null;
          show(next.reply, await context());
        }
        continue;
      }
      if (!line.startsWith('/')) {
        // A /review or /mock question on screen takes the line as its (private) answer.
        const ctx = await context();
        const onScreen = await answerOnScreen(ctx, raw);
        if (onScreen) {
          show(onScreen, ctx);
          continue;
        }
        const drop = await currentDrop();
        if (!drop?.threadRef) {
          say(t(locale, 'console.noDrop'));
          continue;
        }
        const stored = await recordReply(deps, {
          address,
          threadRef: drop.threadRef,
          messageRef: `reply-${randomUUID()}`,
          member: member.id,
          memberName: member.name,
          isBot: false,
          text: raw,
        });
        if (stored) {
          const n = await answerNumber(deps, stored);
          const note = stored.counted
            ? t(locale, 'console.replyStored', { n: n ?? '?' })
            : n !== null
              ? t(locale, 'console.replyTalk', { n })
              : t(locale, 'console.replyLate');
          say(`  │ ${member.name}: ${raw}\n  │ (${note})`);
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
        const drop = await currentDrop();
        const n = Number(arg);
        const reply = drop ? await replyByNumber(deps, drop.id, n) : undefined;
        if (!reply) {
          say(t(locale, 'vote.noSuch', { n: arg || '?' }));
          continue;
        }
        const result = await recordReaction(deps, {
          address,
          messageRef: reply.messageRef,
          member: member.id,
          isBot: false,
          emoji: VOTE,
          added: true,
        });
        say(result.kind === 'self' ? t(locale, 'vote.self') : t(locale, 'vote.recorded', { n }));
      } else if (name === 'press') {
        const ctx = await context();
        if (arg) show(await runButton(arg, ctx), ctx);
        else say(t(locale, 'console.pressUsage'));
      } else {
        const command = findCommand(name);
        const ctx = await context();
        show(await runCommand(name, command ? parseTextOptions(command, arg) : {}, ctx), ctx);
      }
    } catch (thrown) {
      const err = asNotSaved(thrown);
      if (err instanceof UserError) {
        deps.log.error({ err: thrown }, 'console line not saved');
        say(err.text(locale));
      } else {
        deps.log.error({ err }, 'console line failed');
        say(t(locale, 'error.internal'));
      }
    }
  }
}
