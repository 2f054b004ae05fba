import { type Dialect, notesMarkup } from '../bank/markup.ts';
import { type Renderer, renderReply } from '../chat/render.ts';
import type { Block, NotesFormat } from '../core/message.ts';
import { escapeHtml, Html } from './html.ts';

const linkable = (url: string) => /^(?:https?:\/\/|mailto:)/i.test(url);

const anchor = (text: string, url: string) =>
  linkable(url)
    ? `<a href="${escapeHtml(url)}" rel="noopener noreferrer nofollow">${escapeHtml(text || url)}</a>`
    : escapeHtml(text || url);

/** Notes Markdown as HTML: text escaped, the markup written here (html.ts escapes the rest). */
const HTML_NOTES: Dialect = {
  text: escapeHtml,
  strong: (s) => `<strong>${s}</strong>`,
  emphasis: (s) => `<em>${s}</em>`,
  strike: (s) => `<s>${s}</s>`,
  code: (s) => `<code>${escapeHtml(s)}</code>`,
  link: anchor,
  heading: (text) => `<strong>${text}</strong>`,
  codeBlock: (value) => `<code class="block">${escapeHtml(value)}</code>`,
  quote: (text) => `<blockquote>${text}</blockquote>`,
  table: (text) => `<code class="block">${escapeHtml(text)}</code>`,
  bullet: '•',
};

/**
 * The dashboard's renderer, one more `Renderer` beside the chat ports': what a command answers
 * is shown here as HTML, never in a chat's markup. The catalogue's own text is escaped (its code
 * spans become `<code>`), and so is data: nothing is parsed out of it.
 */
export const WEB: Renderer = {
  dialect: HTML_NOTES,
  body: escapeHtml,
  link: ({ url, label }) => anchor(label ?? '', url),
};

/** Notes text (a model answer, a question's notes) on a page: its Markdown as HTML. */
export function notesHtml(text: string, format: NotesFormat): Html {
  return new Html(notesMarkup(text, format, WEB.dialect));
}

/** A question's reference as a link (http, https and mailto only; others stay text). */
export function linkHtml(link: { url: string; label: string | null }): Html {
  return new Html(WEB.link(link));
}

/** A command's reply on a page: its blocks through the web renderer, the lines kept. */
export function replyHtml(blocks: readonly Block[]): Html {
  return new Html(renderReply(blocks, WEB));
}
