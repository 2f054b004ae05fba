import { FENCE, prefixLines } from '../../bank/markup.ts';
import type { Renderer } from '../render.ts';
import { discordLink, escapeDiscord } from './text.ts';

const codeSpan = (s: string) => {
  const ticks = s.includes('`') ? '``' : '`';
  return `${ticks}${s}${ticks}`;
};

const codeBlock = (value: string, lang: string) => `${FENCE}${lang}\n${value}\n${FENCE}`;

/**
 * Discord Markdown: notes text escaped (text.ts), headings to level 3 (deeper ones bold), tables
 * as code blocks. The catalogue's own text goes as it is (its only markup is code spans); data
 * in it is escaped, and a mention is written as one only because nothing the port sends pings.
 */
export const DISCORD: Renderer = {
  dialect: {
    text: escapeDiscord,
    strong: (s) => `**${s}**`,
    emphasis: (s) => `*${s}*`,
    strike: (s) => `~~${s}~~`,
    code: codeSpan,
    link: discordLink,
    heading: (text, depth) => (depth <= 3 ? `${'#'.repeat(depth)} ${text}` : `**${text}**`),
    codeBlock,
    quote: (text) => prefixLines(text, '> '),
    table: (text) => codeBlock(text, ''),
    bullet: '-',
  },
  body: (text) => text,
  link: ({ url, label }) => discordLink(label ?? '', url),
  // A member, role or channel shown by name; the port's allowed mentions keep it from pinging.
  mention: (text) => (/^<(?:@[!&]?|#)\d{1,25}>$/.test(text) ? text : escapeDiscord(text)),
};
