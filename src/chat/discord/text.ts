import { isOwnUrl } from '../../bank/markup.ts';

/** Discord's text in one place: what pings, what is escaped, how a link is written. */

/** Nothing in a message pings anyone unless it is said here. */
export const NO_MENTIONS = { parse: [] as never[] };

/** @everyone, @here and `<@…>`-style mentions written so they are text (a zero-width space). */
export function defuse(text: string): string {
  return text.replace(/@(everyone|here)\b/g, '@\u200b$1').replace(/<([@#!&])/g, '<\u200b$1');
}

/**
 * Plain text made literal on Discord: inline markup characters escaped, and so is what would
 * start a heading, quote, list or subtext (`# `, `> `, `- `, `-# `, `1. `) at the start of a line.
 */
export function escapeDiscord(text: string): string {
  return defuse(
    text
      .replace(/([\\*_~`|])/g, '\\$1')
      .replace(/^([ \t]*)([#>]|-(?=[\s#]|$))/gm, '$1\\$2')
      .replace(/^([ \t]*\d+)\.(?=\s|$)/gm, '$1\\.'),
  );
}

/**
 * Discord shows masked link text as written, backslashes too, and shows a masked link whose text
 * looks like an address literally: only text with nothing to escape goes inside `[…]`.
 */
export function discordLink(text: string, url: string): string {
  if (isOwnUrl(text, url) || /^\s*(?:https?:\/\/|www\.)\S*\s*$/i.test(text)) return `<${url}>`;
  const literal =
    !/[[\]*~`|\\<>\n]|https?:\/\/|www\./i.test(text) &&
    !/(?:^|[^\p{L}\p{N}])_|_(?:$|[^\p{L}\p{N}])/u.test(text);
  return literal
    ? `[${defuse(text)}](<${url}>)`
    : `${escapeDiscord(text).replace(/[[\]]/g, '\\$&')} (<${url}>)`;
}

/**
 * The configured mention of a drop, and the one ping it may make: a role, a member, or
 * @everyone/@here. Anything else is shown as text and pings nobody.
 */
export function dropMention(mention: string | undefined) {
  const text = mention?.trim() ?? '';
  const role = /^<@&(\d+)>$/.exec(text)?.[1];
  if (role) return { content: text, allowed: { parse: [], roles: [role] } };
  const user = /^<@!?(\d+)>$/.exec(text)?.[1];
  if (user) return { content: text, allowed: { parse: [], users: [user] } };
  if (text === '@everyone' || text === '@here')
    return { content: text, allowed: { parse: ['everyone'] } };
  return { content: text, allowed: NO_MENTIONS };
}

/**
 * Members named in a message and allowed to be pinged, and no one else: user ids only (a
 * snowflake), at most the 100 that allowed_mentions takes.
 */
export function memberMentions(ids: string[] | undefined) {
  const users = [...new Set(ids ?? [])].filter((id) => /^\d{15,21}$/.test(id)).slice(0, 100);
  return {
    content: users.map((id) => `<@${id}>`).join(' '),
    allowed: users.length > 0 ? { parse: [], users } : NO_MENTIONS,
  };
}
