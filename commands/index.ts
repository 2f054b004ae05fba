import type { Channel } from '../src/core/channels.ts';
import { LOCALES } from '../src/core/i18n/index.ts';
import { answer } from './answer.ts';
import { ask } from './ask.ts';
import { exportCommand } from './export.ts';
import { feedback } from './feedback.ts';
import { grade } from './grade.ts';
import { help } from './help.ts';
import { leaderboard } from './leaderboard.ts';
import { me } from './me.ts';
import { mock } from './mock.ts';
import { optionName } from './problems.ts';
import { review } from './review.ts';
import { commands } from './run.ts';
import { schedule } from './schedule.ts';
import { settings } from './settings.ts';
import { suggest } from './suggest.ts';
import { approve, reject, suggestions } from './suggestions.ts';
import { topics } from './topics.ts';
import type { Command } from './types.ts';

export {
  commands,
  findCommand,
  MAX_INTERACTION_ID,
  parseInteractionId,
  runButton,
  runCommand,
  runForm,
} from './run.ts';
export type { Button, Command, CommandContext, CommandReply, Form, FormField } from './types.ts';
export { usage } from './usage.ts';

/** Every slash command, in the order help lists them. */
commands.push(
  ask,
  answer,
  grade,
  feedback,
  leaderboard,
  topics,
  schedule,
  settings,
  review,
  me,
  mock,
  exportCommand,
  suggest,
  suggestions,
  approve,
  reject,
  help,
);

/** Whether running `command` in `channel` may need to know if the member manages it. */
export function asksManager(command: Command, channel: Channel): boolean {
  const asks = command.asksManager;
  return typeof asks === 'function' ? asks(channel) : asks === true;
}

/** Words of a line; "double", “curly” or 'single' quotes keep spaces inside one word. */
export function splitWords(text: string): string[] {
  const words: string[] = [];
  let cur = '';
  let quote: string | null = null;
  let started = false;
  for (const ch of text) {
    if (quote) {
      if (ch === quote || (quote === '”' && ch === '"')) quote = null;
      else cur += ch;
    } else if (ch === '"' || ch === "'" || ch === '“') {
      quote = ch === '“' ? '”' : ch;
      started = true;
    } else if (/\s/.test(ch)) {
      if (started || cur) words.push(cur);
      cur = '';
      started = false;
    } else {
      cur += ch;
    }
  }
  if (started || cur) words.push(cur);
  return words;
}

/**
 * The option a name written in text stands for: its own name or the name either language
 * shows in usage lines (`period`, `기간`), in any channel.
 */
function namedOption(command: Command, name: string): Command['options'][number] | undefined {
  const wanted = name.toLowerCase();
  return command.options.find(
    (o) =>
      o.name === wanted ||
      LOCALES.some((locale) => optionName(locale, o.name).toLowerCase() === wanted),
  );
}

/** `name:value` in its parts: a name is letters (any script), then a colon. */
const NAMED = /^([\p{L}\p{N}_-]+):(.*)$/su;

/** Whether a word is `name:value` for one of the command's options. */
function namesOption(command: Command, word: string): boolean {
  const named = NAMED.exec(word);
  return named !== null && namedOption(command, named[1] as string) !== undefined;
}

/**
 * Options from a line of text, as Slack and the console deliver them: `name:value` pairs or
 * values in the order of the definition; an option marked `rest` takes the rest of the line
 * (up to another option written by name), one with `words` that many words when its value is
 * not quoted.
 */
export function parseTextOptions(command: Command, text: string): Record<string, string> {
  const first = command.options[0];
  if (first?.raw) return text.trim() === '' ? {} : { [first.name]: text.trim() };
  const out: Record<string, string> = {};
  const words = splitWords(text.trim());
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    const named = NAMED.exec(word);
    const byName = named ? namedOption(command, named[1] as string) : undefined;
    const option = byName ?? command.options.find((o) => !(o.name in out));
    if (!option) {
      out[`_extra${i}`] = word;
      continue;
    }
    const first = byName ? (named?.[2] ?? '') : word;
    if (option.rest) {
      // The rest of the line, up to another option written by name (`topic:a b minutes:5`).
      let end = i + 1;
      while (end < words.length && !namesOption(command, words[end] as string)) end++;
      out[option.name] = [first, ...words.slice(i + 1, end)].join(' ').trim();
      i = end - 1;
      continue;
    }
    const span = option.words && !first.includes(' ') ? option.words : 1;
    out[option.name] = [first, ...words.slice(i + 1, i + span)].join(' ');
    i += span - 1;
  }
  return out;
}
