import { type Dialect, notesMarkup } from '../bank/markup.ts';
import type { Renderer } from '../chat/render.ts';
import type { NotesFormat } from '../core/message.ts';
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
 * What chat writing a catalogue text may carry, each shown as a page shows it: code spans,
 * bold, and mentions (Discord `<@id>`, `<@&role>`, `<#channel>`; Slack `<@U…|name>`, `<!here>`)
 * as the plain names they stand for. Everything else is text.
 */
const CHAT =
  /``(.+?)``|`([^`\n]+)`|\*\*([^*\n]+?)\*\*|<@[!&]?(\d{1,25})>|<#(\d{1,25})>|<@([UW][A-Z0-9]+)(?:\|([^>\n]*))?>|<!(here|channel|everyone)(?:\|[^>\n]*)?>/g;

function chatText(text: string): string {
  let out = '';
  let at = 0;
  for (const m of text.matchAll(CHAT)) {
    out += escapeHtml(text.slice(at, m.index));
    at = m.index + m[0].length;
    const [, code2, code1, bold, member, channel, slackUser, slackName, special] = m;
    if (code2 !== undefined || code1 !== undefined)
      out += `<code>${escapeHtml((code2 ?? code1 ?? '').trim())}</code>`;
    else if (bold !== undefined) out += `<strong>${escapeHtml(bold)}</strong>`;
    else if (member !== undefined) out += escapeHtml(`@${member}`);
    else if (channel !== undefined) out += escapeHtml(`#${channel}`);
    else if (slackUser !== undefined) out += escapeHtml(`@${slackName || slackUser}`);
    else out += escapeHtml(`@${special}`);
  }
  return out + escapeHtml(text.slice(at));
}

/**
 * The dashboard's renderer, one more `Renderer` beside the chat ports': what a command answers
 * is shown here as HTML, never in a chat's markup.
 */
export const WEB: Renderer = {
  dialect: HTML_NOTES,
  body: chatText,
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

/** A command's reply on a page: its text through the web renderer, the lines kept. */
export function replyHtml(text: string): Html {
  return new Html(WEB.body(text));
}
