import { FENCE, isOwnUrl, prefixLines } from '../../bank/markup.ts';
import type { Renderer } from '../render.ts';
import { escapedWithin, escapeMrkdwn, slackCommandNames } from './text.ts';

/** A section block holds 3000 characters. */
export const SECTION_MAX = 3000;

/** Inside a link too, Slack reads `&amp;` as `&`; a `|` in the address would end it. */
function slackLink(text: string, url: string): string {
  const address = escapeMrkdwn(url).replace(/\|/g, '%7C');
  return isOwnUrl(text, url)
    ? `<${address}>`
    : `<${address}|${escapeMrkdwn(text).replace(/\|/g, '¦')}>`;
}

const codeBlock = (value: string) => `${FENCE}\n${escapeMrkdwn(value)}\n${FENCE}`;

/** Slack mrkdwn: `&`, `<`, `>` escaped everywhere (text.ts), headings bold, tables as code. */
export const SLACK: Renderer = {
  dialect: {
    text: escapeMrkdwn,
    strong: (s) => `*${s}*`,
    emphasis: (s) => `_${s}_`,
    strike: (s) => `~${s}~`,
    code: (s) => `\`${escapeMrkdwn(s)}\``,
    link: slackLink,
    heading: (text) => `*${text}*`,
    codeBlock,
    quote: (text) => prefixLines(text, '> '),
    table: codeBlock,
    bullet: '•',
  },
  // The catalogue's own text: command names as Slack members type them (/drill ask), escaped.
  body: (text) => escapedWithin(slackCommandNames(text), SECTION_MAX),
  link: ({ url, label }) => slackLink(label ?? '', url),
};
