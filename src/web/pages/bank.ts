import { bankWarnings } from '../../bank/warnings.ts';
import type { ChannelRow } from '../../core/channels.ts';
import type { PracticeDeps } from '../../core/deps.ts';
import { type Locale, t } from '../../core/i18n/index.ts';
import { browseBank } from '../../core/select.ts';
import { openQuestionIds } from '../../practice/lookup.ts';
import { html } from '../html.ts';
import { linkHtml, notesHtml } from '../render.ts';
import { channelHeader, page, type Viewer } from './layout.ts';

/** Questions a bank page shows at most; a search narrows them. */
const SHOWN = 50;

/**
 * The channel's banks: question, body, answer, notes, references, source file and line, and
 * the warnings `bank check` gives for the banks shown.
 */
export async function bankPage(
  deps: PracticeDeps,
  view: { channel: ChannelRow; manages: boolean; locale: Locale; viewer: Viewer },
  search: string,
  contentDirs: string[],
): Promise<string> {
  const { channel, locale } = view;
  const found = await browseBank(deps, channel, search, SHOWN);
  // A question open in the workspace keeps its answer for the reveal, here too.
  const hidden = await openQuestionIds(deps, channel);
  const prompts = new Map(found.questions.map((q) => [q.id, q.prompt]));
  const banks = new Set(found.questions.map((q) => q.bank));
  const warnings = [...bankWarnings(contentDirs)].filter(([bank]) => banks.has(bank));
  return page(locale, t(locale, 'web.bank'), view.viewer, [
    channelHeader(locale, channel, 'bank', view.manages),
    html`<section><h2>${t(locale, 'web.bank')}</h2>
<form method="get" role="search"><label for="q">${t(locale, 'web.searchLabel')}</label><input type="search" id="q" name="q" value="${search}">
<button type="submit">${t(locale, 'web.search')}</button></form>
<p role="status">${t(locale, 'web.bankCount', { n: found.total })}</p>
${found.questions.map(
  (q) => html`<article><h3>${q.prompt}</h3>
<p>${q.bank} · ${q.section} · ${t(locale, 'web.source', { file: q.sourceFile, line: q.sourceLine })}</p>
${q.parent ? html`<p>${t(locale, 'drop.followUp', { parent: prompts.get(q.parent) ?? '…' })}</p>` : null}
${q.body ? html`<div class="answer">${notesHtml(q.body, q.format)}</div>` : null}
${
  hidden.has(q.id)
    ? html`<p class="note">${t(locale, 'web.answersHidden')}</p>`
    : html`<details><summary>${t(locale, 'web.modelAnswer')}</summary><div class="answer">${notesHtml(q.answer, q.format)}</div>${q.notes ? html`<div class="answer">${notesHtml(q.notes, q.format)}</div>` : null}
${q.references.length ? html`<ul>${q.references.map((r) => html`<li>${linkHtml(r)}</li>`)}</ul>` : null}</details>`
}</article>`,
)}</section>`,
    warnings.length
      ? html`<section><h2>${t(locale, 'web.warnings')}</h2><ul>${warnings.flatMap(([, problems]) =>
          problems.map((p) => html`<li class="warn">${p.file}:${p.line}: ${p.message}</li>`),
        )}</ul></section>`
      : html``,
  ]);
}
