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
 * as code blocks. A message's catalogue body goes as it is: the catalogue writes no markup.
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
};
