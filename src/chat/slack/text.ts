import { commands } from '../../../commands/index.ts';

/** Slack's text in one place: command names as members type them, escaping, mentions. */

/** Drill's one slash command on Slack: other apps' `/ask` or `/schedule` never collide. */
export const SLACK_COMMAND = '/drill';

/**
 * Commands named in a text as Slack members type them: "/ask posts one" → "/drill ask posts
 * one". Every command of commands/index.ts, so texts in the catalogue stay platform-neutral.
 */
export function slackCommandNames(text: string): string {
  const names = commands.map((c) => c.name).join('|');
  return text.replace(
    new RegExp(`(^|[\\s(“"'\`])/(${names})(?![\\w-])`, 'g'),
    `$1${SLACK_COMMAND} $2`,
  );
}

/** Text from notes and members as mrkdwn that shows it as written: no mention, no link. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escaped, and cut (at a character, never inside an entity) to fit `max` once escaped. */
export function escapedWithin(text: string, max: number): string {
  const escaped = escapeMrkdwn(text);
  if (escaped.length <= max) return escaped;
  let out = '';
  for (const ch of text) {
    const e = escapeMrkdwn(ch);
    if (out.length + e.length > max - 1) break;
    out += e;
  }
  return `${out}…`;
}

/** Slack's own mention syntax: a user, a user group, or @here/@channel/@everyone. */
const MENTION = /^<(?:@[UW][A-Z0-9]+|!subteam\^[A-Z0-9]+(?:\|[^<>]*)?|!here|!channel|!everyone)>$/;

/** The configured mention is written as a mention only when it is one; otherwise as text. */
export function slackMention(mention: string): string {
  const text = mention.trim();
  return MENTION.test(text) ? text : escapeMrkdwn(text);
}

/** Members pinged by id (`<@U…>`); anything that is not a user id is left out. */
export function memberMentions(ids: string[] | undefined): string {
  return [...new Set(ids ?? [])]
    .filter((id) => /^[UW][A-Z0-9]+$/.test(id))
    .map((id) => `<@${id}>`)
    .join(' ');
}
