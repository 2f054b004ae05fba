import { addressOf, type ChannelRow, channelTimezone } from '../../core/channels.ts';
import type { PracticeDeps } from '../../core/deps.ts';
import { type Locale, t } from '../../core/i18n/index.ts';
import { questionById } from '../../core/select.ts';
import { leaderboard, PERIODS, type Period } from '../../core/standings.ts';
import { loadHistory } from '../../history/export.ts';
import { skipDates } from '../../schedule/skips.ts';
import { upcomingDrops } from '../../schedule/upcoming.ts';
import { type Html, html } from '../html.ts';
import { notesHtml } from '../render.ts';
import { channelHeader, dateTime, page, type Viewer } from './layout.ts';

/** Past drops a channel page shows. */
const PAST = 10;
/** Answers shown under a revealed drop: the most voted. */
const TOP = 10;

async function nextDrops(deps: PracticeDeps, channel: ChannelRow, locale: Locale): Promise<Html> {
  const zone = channelTimezone(deps, channel);
  const holidays = await skipDates(deps, channel);
  if (!channel.cron) return html`<p>${t(locale, 'web.noSchedule')}</p>`;
  const next = await upcomingDrops(deps, channel, 3);
  return html`<p>${t(locale, 'web.rule', { cron: channel.cron, zone })}</p>
${channel.paused ? html`<p class="note">${t(locale, 'web.paused')}</p>` : null}
<ul class="next">${next.map(
    (s) =>
      html`<li><time datetime="${new Date(s.at).toISOString()}">${dateTime(locale, s.at, zone)}</time>${
        s.holiday
          ? ` · ${t(locale, 'web.holiday')}`
          : s.skipped
            ? ` · ${t(locale, 'web.skipped')}`
            : ''
      }</li>`,
  )}</ul>
${holidays.length ? html`<p>${t(locale, 'web.holidays', { dates: holidays.join(', ') })}</p>` : null}`;
}

/**
 * Past drops: the question always; the model answer, the counted answers and their votes only
 * once revealed (before that they are not even read, so no page source can hold them).
 */
async function pastDrops(deps: PracticeDeps, channel: ChannelRow, locale: Locale): Promise<Html> {
  const zone = channelTimezone(deps, channel);
  const drops = (
    await loadHistory(deps.store, { channelId: channel.id, last: PAST, top: TOP })
  ).reverse();
  if (drops.length === 0) return html`<p>${t(locale, 'web.noDrops')}</p>`;
  const items: Html[] = [];
  for (const d of drops) {
    const head = html`<h3>${d.question}</h3><p>${t(locale, 'web.posted', { when: dateTime(locale, d.postedAt, zone) })}</p>`;
    if (d.revealedAt === null) {
      items.push(
        html`<article>${head}<p class="note">${t(locale, 'web.answersHidden')}</p></article>`,
      );
      continue;
    }
    const question = await questionById(deps, d.questionId);
    items.push(html`<article>${head}
<h4>${t(locale, 'web.modelAnswer')}</h4><div class="answer">${notesHtml(question?.answer ?? '', question?.format ?? 'text')}</div>
<h4>${t(locale, 'web.answers')}</h4>${
      d.answers.length === 0
        ? html`<p>${t(locale, 'web.noAnswers')}</p>`
        : html`<ul>${d.answers.map(
            (a) =>
              html`<li><strong>${a.memberName}</strong> · ${t(locale, 'web.votes', { n: a.votes })}<div class="answer">${a.text}</div></li>`,
          )}</ul>`
    }</article>`);
  }
  return html`${items}`;
}

async function board(
  deps: PracticeDeps,
  channel: ChannelRow,
  locale: Locale,
  period: Period,
): Promise<Html> {
  const rows = await leaderboard(deps, addressOf(channel), period, { limit: 10 });
  const links = PERIODS.map((p) =>
    p === period
      ? html`<li><a href="?period=${p}" aria-current="page">${t(locale, `leaderboard.${p}`)}</a></li>`
      : html`<li><a href="?period=${p}">${t(locale, `leaderboard.${p}`)}</a></li>`,
  );
  return html`<nav class="tabs" aria-label="${t(locale, 'web.leaderboard')}"><ul>${links}</ul></nav>
<table><thead><tr><th scope="col">${t(locale, 'web.rank')}</th><th scope="col">${t(locale, 'web.name')}</th><th scope="col">${t(locale, 'web.answersCol')}</th><th scope="col">${t(locale, 'web.votesCol')}</th><th scope="col">${t(locale, 'web.streakCol')}</th></tr></thead>
<tbody>${rows.map(
    (r, i) =>
      html`<tr><td>${i + 1}</td><td>${r.name}</td><td>${r.replies}</td><td>${r.votes}</td><td>${r.streak}</td></tr>`,
  )}</tbody></table>`;
}

export async function channelPage(
  deps: PracticeDeps,
  view: { channel: ChannelRow; manages: boolean; locale: Locale; viewer: Viewer },
  period: Period,
): Promise<string> {
  const { channel, locale } = view;
  return page(locale, channel.channel, view.viewer, [
    channelHeader(locale, channel, 'channel', view.manages),
    html`<section><h2>${t(locale, 'web.nextDrops')}</h2>${await nextDrops(deps, channel, locale)}</section>`,
    html`<section><h2>${t(locale, 'web.pastDrops')}</h2>${await pastDrops(deps, channel, locale)}</section>`,
    html`<section><h2>${t(locale, 'web.leaderboard')}</h2>${await board(deps, channel, locale, period)}</section>`,
  ]);
}
