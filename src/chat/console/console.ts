import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { onScreenAnswer } from '../../../commands/events.ts';
import {
  type CommandContext,
  type CommandReply,
  commands,
  findCommand,
  parseTextOptions,
  runButton,
  runCommand,
} from '../../../commands/index.ts';
import { withoutBidiControls } from '../../core/bidi.ts';
import { channelLocale, ensureChannel } from '../../core/channels.ts';
import { type PracticeDeps, portFor } from '../../core/deps.ts';
import { asNotSaved, UserError } from '../../core/errors.ts';
import { answersHidden } from '../../core/hidden.ts';
import { type Locale, t } from '../../core/i18n/index.ts';
import type { ChannelAddress, ChatPort, OutFile, OutMessage } from '../../core/port.ts';
import { VOTE } from '../../core/reactions.ts';
import { saveHiddenAnswer } from '../../practice/hidden.ts';
import { storeReply } from '../../practice/intake.ts';
import { latestDrop, latestOpenDrop } from '../../practice/lookup.ts';
import { answerNumber, replyByNumber } from '../../practice/replies.ts';
import { recordReaction } from '../../practice/votes.ts';
import { layout, type Rendered, renderReply } from '../render.ts';
import { buttonLines, ConsoleForm } from './interactions.ts';
import { CONSOLE } from './render.ts';

export const CONSOLE_ADDRESS: ChannelAddress = {
  platform: 'console',
  workspace: 'local',
  channel: 'terminal',
};

interface Out {
  write(text: string): unknown;
}

function show(message: Rendered, indent: string): string {
  const lines = [
    message.mention ?? '',
    (message.mentionMembers ?? []).map((id) => `@${id.replace(/^console:/, '')}`).join(' '),
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

/** The console's most characters in one message. */
const MAX_CHARS = 2000;

/** A message as the console prints it: each part (a split answer has several) in turn. */
function render(message: OutMessage, indent: string): string {
  return layout(message, CONSOLE, MAX_CHARS)
    .map((part) => show(part, indent))
    .join('');
}

/** The terminal as a chat channel: drops print as posts, thread messages indented beneath. */
export class ConsolePort implements ChatPort {
  readonly platform = 'console' as const;
  readonly maxChars = MAX_CHARS;

  constructor(
    private readonly out: Out,
    /** Where files sent to the channel (an export) are written. */
    private readonly filesDir = 'data/exports',
  ) {}

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

  async notifyMember(_channel: ChannelAddress, member: string, message: OutMessage) {
    this.out.write(render({ ...message, mentionMembers: [member] }, ''));
  }

  /**
   * The terminal cannot show a file: it is written under `filesDir` and its path printed. A file
   * of that name already there (an earlier export the same day) is kept: the new one is `-2`, `-3`…
   */
  async uploadFile(_channel: ChannelAddress, threadRef: string | null, file: OutFile) {
    mkdirSync(this.filesDir, { recursive: true });
    const name = basename(file.name);
    const ext = extname(name);
    let path = join(this.filesDir, name);
    for (let n = 2; existsSync(path); n++)
      path = join(this.filesDir, `${name.slice(0, name.length - ext.length)}-${n}${ext}`);
    writeFileSync(path, file.bytes);
    this.out.write(render({ body: `${file.title}: ${resolve(path)}` }, threadRef ? '  │ ' : ''));
  }

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

/** The console's own commands, beside the slash commands every platform has. */
const OWN_LINES = ['vote', 'as', 'press', 'cancel'] as const;

/**
 * The command a line names, lower case, when it is one Drill knows (a slash command or one of the
 * console's own); null for any other line, one that starts with a `/` of a path included.
 */
function commandOf(line: string): string | null {
  if (!line.startsWith('/')) return null;
  const name = (line.slice(1).split(/\s+/)[0] ?? '').toLowerCase();
  return (OWN_LINES as readonly string[]).includes(name) || findCommand(name) ? name : null;
}

/** What `/as` takes, besides nothing, to go back to the person at the terminal. */
const BACK = ['back', 'me', '나'];

/** The usage line of one of the console's own lines (`/vote <N>`) and what was wrong. */
function consoleUsage(locale: Locale, usage: string, detail: string): string {
  return t(locale, 'error.badOptions', { usage, detail });
}

/**
 * Reads the terminal line by line until end of input: `/command`s run (any case), any other
 * line is the local member's answer in the current drop's thread. Works the same with a pipe;
 * a prompt is shown when one is given (a terminal).
 */
export async function runConsole(
  deps: PracticeDeps,
  io: {
    input: Readable;
    out: Out;
    member: string;
    prompt?: string;
    logFile?: string;
    /** The dashboard's address, or why it could not listen (main.ts starts it first). */
    web?: { url: string } | { where: string; detail: string };
  },
): Promise<void> {
  const address = CONSOLE_ADDRESS;
  // The channel's row (its language), read again for each line: `/settings language` changes it
  // at once. Its id never changes: the lines below look drops up by it without reading it again.
  let channel = await ensureChannel(deps, address);
  const channelId = channel.id;
  let locale = channelLocale(channel);
  const say = (text: string) => io.out.write(`${text}\n`);
  const prompt = () => {
    if (io.prompt) io.out.write(io.prompt);
  };
  let member = { id: `console:${io.member}`, name: io.member };
  const owner = member.id;
  // The banner speaks DEFAULT_LOCALE; a channel made before it changed keeps its own language.
  const fallback = deps.defaults.locale;
  say(t(fallback, 'console.banner'));
  if (locale !== fallback) say(t(fallback, 'console.localeKept', { locale, fallback }));
  if (io.logFile) say(t(fallback, 'console.logFile', { path: io.logFile }));
  if (io.web)
    say(
      'url' in io.web
        ? t(fallback, 'console.web', { url: io.web.url })
        : t(fallback, 'console.webFailed', io.web),
    );
  prompt();

  const currentDrop = () => latestDrop(deps, channelId);
  const context = async (): Promise<CommandContext> => {
    // The console's commands act on the latest drop still open, else the latest one.
    const drop = (await latestOpenDrop(deps, channelId)) ?? (await currentDrop());
    return {
      deps,
      address,
      threadRef: drop?.threadRef ?? null,
      // The person at the terminal manages it; members played with `/as` do not.
      member: { ...member, canManage: member.id === owner },
      locale,
    };
  };
  // A form a command opened: the next lines are its fields.
  let form: ConsoleForm | null = null;
  const show = async (reply: CommandReply, ctx: CommandContext) => {
    if (reply.form) {
      form = new ConsoleForm(reply.form, ctx);
      say(form.intro(locale));
      return;
    }
    say([renderReply(reply.blocks, CONSOLE), ...buttonLines(reply.buttons)].join('\n'));
    // A file (the /me chart) is written where /export's go, and its path printed.
    for (const file of reply.files ?? [])
      await portFor(deps, address).uploadFile(address, null, file);
  };

  for await (const read of boundedLines(io.input)) {
    try {
      channel = await ensureChannel(deps, address);
      locale = channelLocale(channel);
      await onLine(read);
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
    prompt();
  }

  async function onLine(read: Line): Promise<void> {
    if ('tooLong' in read) {
      say(t(locale, 'console.tooLong', { length: read.tooLong, max: MAX_LINE }));
      return;
    }
    const raw = read.text;
    const line = raw.trim();
    if (line === '') return;
    if (form) {
      const filling: ConsoleForm = form;
      const command = commandOf(line);
      if (command === 'cancel') {
        form = null;
        say(t(locale, 'console.formCancelled'));
        return;
      }
      // A command typed in the middle (/help, /ask) leaves the form unsent and runs: it is
      // what the member asked for. Any other line, `/etc/hosts …` too, is the field's text.
      if (command === null) {
        const next = await filling.take(raw);
        if ('prompt' in next) {
          say(next.prompt);
        } else {
          form = null;
          await show(next.reply, await context());
        }
        return;
      }
      form = null;
      say(t(locale, 'console.formLeft', { title: filling.form.title }));
    }
    if (!line.startsWith('/')) {
      // A /review or /mock question on screen takes the line as its (private) answer.
      const ctx = await context();
      const onScreen = await onScreenAnswer(ctx, raw);
      if (onScreen) await show(onScreen, ctx);
      else await answer(raw);
      return;
    }
    const [typed = '', ...rest] = line.slice(1).split(/\s+/);
    const name = typed.toLowerCase();
    const arg = rest.join(' ');
    if (name === 'as') {
      // `/as` alone (or `/as back`, `/as 나`): back to the person at the terminal.
      if (!arg || BACK.includes(arg.toLowerCase())) {
        member = { id: owner, name: io.member };
        say(t(locale, 'console.memberBack', { name: io.member }));
        return;
      }
      const name = withoutBidiControls(arg);
      member = { id: `console:${name}`, name };
      say(t(locale, 'console.member', { name }));
    } else if (name === 'vote') {
      await vote(arg);
    } else if (name === 'cancel') {
      // Outside a form (a form takes its /cancel above): say so, not "unknown command".
      say(t(locale, 'console.nothingToCancel'));
    } else if (name === 'press') {
      const ctx = await context();
      if (arg) await show(await runButton(arg, ctx), ctx);
      else say(t(locale, 'console.pressUsage'));
    } else {
      const command = findCommand(name);
      if (!command) {
        // The console's own lines are commands too: the list names them with the others.
        const names = [...commands.map((c) => `/${c.name}`), ...OWN_LINES.map((n) => `/${n}`)];
        say(t(locale, 'error.unknownCommand', { command: typed, commands: names.join(', ') }));
        return;
      }
      const ctx = await context();
      await show(await runCommand(name, parseTextOptions(command, arg), ctx), ctx);
    }
  }

  async function answer(raw: string): Promise<void> {
    const drop = await currentDrop();
    if (!drop?.threadRef) {
      say(t(locale, 'console.noDrop'));
      return;
    }
    // Hidden answers: the line is stored, not shown, until the reveal shows them all.
    if (drop.revealedAt === null && answersHidden(channel)) {
      const { replaced } = await saveHiddenAnswer(deps, {
        address,
        dropId: drop.id,
        member: member.id,
        memberName: member.name,
        text: raw,
      });
      say(t(locale, replaced ? 'console.hiddenReplaced' : 'console.hiddenSaved'));
      return;
    }
    const stored = await storeReply(deps, {
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
  }

  async function vote(arg: string): Promise<void> {
    if (!/^#?\d+$/.test(arg)) {
      const option = t(locale, 'console.voteArg');
      const detail = arg
        ? t(locale, 'option.invalid', { option, value: arg })
        : t(locale, 'option.missing', { option });
      say(consoleUsage(locale, `/vote <${option}>`, detail));
      return;
    }
    const n = Number(arg.replace('#', ''));
    const drop = await currentDrop();
    const reply = drop ? await replyByNumber(deps, drop.id, n) : undefined;
    if (!reply) {
      say(t(locale, 'vote.noSuchConsole', { n }));
      return;
    }
    const result = await recordReaction(deps, {
      address,
      messageRef: reply.messageRef,
      member: member.id,
      isBot: false,
      emoji: VOTE,
      added: true,
    });
    if (result.kind === 'self') say(t(locale, 'vote.self'));
    else if (result.kind === 'uncounted') say(t(locale, 'vote.uncounted'));
    else if (result.kind === 'notShown') say(t(locale, 'vote.notShown'));
    else if (result.kind === 'vote' && !result.counted) say(t(locale, 'vote.already', { n }));
    else say(t(locale, 'vote.recorded', { n }));
  }
}
