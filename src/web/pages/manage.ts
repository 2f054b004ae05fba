import { addressOf, type ChannelRow, channelTimezone } from '../../core/channels.ts';
import type { PracticeDeps } from '../../core/deps.ts';
import { type Locale, t } from '../../core/i18n/index.ts';
import { skipDates } from '../../schedule/skips.ts';
import { upcomingDrops } from '../../schedule/upcoming.ts';
import type { Actor } from '../../settings/managers.ts';
import { findSetting } from '../../settings/settings.ts';
import { pendingSuggestions } from '../../suggestions/suggestions.ts';
import type { Flash } from '../flash.ts';
import { html } from '../html.ts';
import { replyHtml } from '../render.ts';
import { channelHeader, csrfField, page, type Viewer } from './layout.ts';

/** The `/settings` keys the settings form offers (the rest need a member picker). */
export const WEB_SETTINGS = ['language', 'banks', 'nudge', 'digest'] as const;

/**
 * The manage page: each form posts to a route that runs the same command a manager would type
 * (`/schedule set|pause|resume|skip`, `/settings`, `/settings managers add|remove`, `/schedule skip|unskip <date>`,
 * `/approve`, `/reject`), so the rules and the audit trail are the commands'; `flash` is what
 * the last one answered (rendered for the web) and what was typed into it, kept in its form.
 */
export async function managePage(
  deps: PracticeDeps,
  view: { channel: ChannelRow; locale: Locale; viewer: Viewer; actor: Actor },
  flash: Flash | null,
): Promise<string> {
  const { channel, locale, viewer } = view;
  /** What the form shows: what was just typed into it, else the channel's value. */
  const typed = (form: string, field: string, current: string) =>
    flash?.form === form ? (flash.values[field] ?? current) : current;
  const managers = await findSetting('managers')?.show(
    { deps, channel, actor: view.actor },
    locale,
  );
  const base = `/c/${channel.id}/manage`;
  const zone = channelTimezone(deps, channel);
  const holidays = await skipDates(deps, channel);
  // The drop "skip the next drop" skips, as this page shows it (a second post does not skip another).
  const next = (await upcomingDrops(deps, channel, 50)).find((s) => !s.skipped);
  const pending = view.actor.canManage ? await pendingSuggestions(deps, addressOf(channel)) : [];
  return page(locale, t(locale, 'web.manage'), viewer, [
    channelHeader(locale, channel, 'manage', true),
    flash
      ? html`<section aria-labelledby="result"><h2 id="result">${t(locale, 'web.done')}</h2><div class="answer" role="status">${replyHtml(flash.blocks)}</div></section>`
      : html``,
    html`<section><h2>${t(locale, 'web.schedule')}</h2>
<form method="post" action="${base}/schedule">${csrfField(viewer)}
<label for="cron">${t(locale, 'web.cron')}</label><input type="text" id="cron" name="cron" required value="${typed('schedule', 'cron', channel.cron ?? '')}">
<label for="timezone">${t(locale, 'web.zone')}</label><input type="text" id="timezone" name="timezone" value="${typed('schedule', 'timezone', zone)}">
<label for="reveal">${t(locale, 'web.reveal')}</label><input type="text" id="reveal" name="reveal" value="${typed('schedule', 'reveal', channel.reveal ?? '')}">
<button type="submit">${t(locale, 'web.save')}</button></form>
${channel.paused ? html`<p class="note">${t(locale, 'web.paused')}</p>` : null}
<form method="post" action="${base}/pause">${csrfField(viewer)}${
      channel.paused
        ? html`<button type="submit" name="action" value="resume">${t(locale, 'web.resume')}</button>`
        : html`<button type="submit" name="action" value="pause">${t(locale, 'web.pause')}</button>`
    }</form></section>`,
    html`<section><h2>${t(locale, 'web.managers')}</h2><p>${managers ? replyHtml([managers]) : ''}</p>
<form method="post" action="${base}/managers">${csrfField(viewer)}
<label for="member">${t(locale, 'web.managerMember')}</label><input type="text" id="member" name="member" required value="${typed('managers', 'member', '')}">
<button type="submit" name="action" value="add">${t(locale, 'web.addManager')}</button>
<button type="submit" name="action" value="remove">${t(locale, 'web.removeManager')}</button></form></section>`,
    html`<section><h2>${t(locale, 'web.settings')}</h2>
<form method="post" action="${base}/settings">${csrfField(viewer)}
<label for="key">${t(locale, 'web.settingKey')}</label><select id="key" name="key">${WEB_SETTINGS.map((k) => html`<option value="${k}"${typed('settings', 'key', '') === k ? html` selected` : ''}>${k}</option>`)}</select>
<label for="value">${t(locale, 'web.settingValue')}</label><input type="text" id="value" name="value" required value="${typed('settings', 'value', '')}">
<button type="submit">${t(locale, 'web.save')}</button></form></section>`,
    html`<section><h2>${t(locale, 'web.skipDay')}</h2>
${holidays.length ? html`<p>${t(locale, 'web.holidays', { dates: holidays.join(', ') })}</p>` : null}
<form method="post" action="${base}/holiday">${csrfField(viewer)}
<label for="date">${t(locale, 'web.skipDate')}</label><input type="text" id="date" name="date" required value="${typed('holiday', 'date', '')}">
<button type="submit" name="action" value="skip">${t(locale, 'web.addHoliday')}</button>
<button type="submit" name="action" value="unskip">${t(locale, 'web.removeHoliday')}</button></form>
${channel.cron ? html`<form method="post" action="${base}/skip">${csrfField(viewer)}${next ? html`<input type="hidden" name="slot" value="${new Date(next.at).toISOString()}">` : null}<button type="submit">${t(locale, 'web.skipNext')}</button></form>` : null}</section>`,
    // `/approve` and `/reject` take the platform's say only (the bank `suggested` is the whole
    // workspace's): a manager added with `/settings managers` is told so, as the commands say.
    html`<section><h2>${t(locale, 'web.suggestions')}</h2>${
      !view.actor.canManage
        ? html`<p>${t(locale, 'suggest.forbidden')}</p>`
        : pending.length === 0
          ? html`<p>${t(locale, 'web.noSuggestions')}</p>`
          : pending.map(
              (
                s,
              ) => html`<article><h3>#${s.id} ${s.prompt}</h3><p>${s.section} · ${t(locale, 'web.suggestedBy', { name: s.memberName })}</p><div class="answer">${s.answer}</div>
<form method="post" action="${base}/suggestion">${csrfField(viewer)}<input type="hidden" name="id" value="${s.id}">
<button type="submit" name="decision" value="approve">${t(locale, 'web.approve')} #${s.id}</button>
<label for="reason-${s.id}">${t(locale, 'web.rejectReason')}</label><input type="text" id="reason-${s.id}" name="reason">
<button type="submit" name="decision" value="reject">${t(locale, 'web.reject')} #${s.id}</button></form></article>`,
            )
    }</section>`,
    html`<section><h2>${t(locale, 'web.export')}</h2><ul>
<li><a href="/c/${channel.id}/export.csv" download>${t(locale, 'web.exportCsv')}</a></li>
<li><a href="/c/${channel.id}/export.json" download>${t(locale, 'web.exportJson')}</a></li></ul></section>`,
  ]);
}
