import { PLAIN } from '../../bank/markup.ts';
import type { Renderer } from '../render.ts';

/** The terminal shows plain text: notes without markup, a link as its label and address. */
export const CONSOLE: Renderer = {
  dialect: PLAIN,
  body: (text) => text,
  link: ({ url, label }) => (label ? `${label}: ${url}` : url),
  // The catalogue's code spans keep their backticks: the terminal has no other way to set off code.
  codeSpan: (text) => `\`${text}\``,
};
