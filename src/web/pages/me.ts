import { weeksSvg } from '../../charts/weeks.ts';
import { addressOf, type ChannelRow, channelTimezone } from '../../core/channels.ts';
import type { PracticeDeps } from '../../core/deps.ts';
import { type Locale, t } from '../../core/i18n/index.ts';
import { loadHistory } from '../../history/export.ts';
import { type Progress, progressOf } from '../../review/progress.ts';
import { escapeHtml, Html, html } from '../html.ts';
import { channelHeader, dateTime, page, type Viewer } from './layout.ts';

/** The latest drops whose answers "my answers" lists (the member's own among them). */
const LOOK_BACK = 60;

/** /me's chart, the same SVG the PNG is made from, in the page with its name for screen readers. */
function chart(weeks: Progress['weeks'], locale: Locale): Html {
  const svg = weeksSvg(weeks, {
    title: t(locale, 'me.chartAlt'),
    answers: t(locale, 'me.chartAnswers'),
    ok: t(locale, 'me.chartOk'),
    partly: t(locale, 'me.chartPartly'),
    missed: t(locale, 'me.chartMissed'),
  });
  // The chart module escapes its own text (escapeXml). In a page the picture is one image with
  // a name (the table beside it holds the figures), so the marks lose their own labels.
  const named = svg
    .replace(/ aria-label="[^"]*"/g, '')
    .replace('<svg ', `<svg role="img" aria-label="${escapeHtml(t(locale, 'me.chartAlt'))}" `);
  return html`<figure class="chart">${new Html(named)}</figure>`;
}

export async function mePage(
  deps: PracticeDeps,
  view: { channel: ChannelRow; manages: boolean; locale: Locale; viewer: Viewer; member: string },
): Promise<string> {
  const { channel, locale } = view;
  const zone = channelTimezone(deps, channel);
  const address = addressOf(channel);
  const p = await progressOf(deps, address, { platform: address.platform, member: view.member });
  const mine = (
    await loadHistory(deps.store, { channelId: channel.id, member: view.member, last: LOOK_BACK })
  ).reverse();
  const answers = mine.flatMap((d) =>
    d.answers.filter((a) => a.member === view.member).map((a) => ({ drop: d, answer: a })),
  );
  return page(locale, t(locale, 'web.me'), view.viewer, [
    channelHeader(locale, channel, 'me', view.manages),
    html`<section><h2>${t(locale, 'web.me')}</h2>
<p>${t(locale, 'web.meFigures', { answers: p.answers, votes: p.votes, streak: p.streak })}</p><p>${t(locale, 'web.dueWeek', { n: p.dueThisWeek })}</p></section>`,
    html`<section><h2>${t(locale, 'web.weeks')}</h2>${chart(p.weeks, locale)}
<table><thead><tr><th scope="col">${t(locale, 'web.week')}</th><th scope="col">${t(locale, 'me.chartAnswers')}</th><th scope="col">${t(locale, 'me.chartOk')}</th><th scope="col">${t(locale, 'me.chartPartly')}</th><th scope="col">${t(locale, 'me.chartMissed')}</th></tr></thead>
<tbody>${p.weeks.map((w) => html`<tr><td>${w.week}</td><td>${w.answers}</td><td>${w.ok}</td><td>${w.partly}</td><td>${w.missed}</td></tr>`)}</tbody></table></section>`,
    html`<section><h2>${t(locale, 'web.myAnswers')}</h2>${
      answers.length === 0
        ? html`<p>${t(locale, 'web.noMyAnswers')}</p>`
        : answers.map(
            ({ drop, answer }) =>
              html`<article><h3>${drop.question}</h3><p>${dateTime(locale, answer.answeredAt, zone)} · ${t(locale, 'web.votes', { n: drop.revealedAt === null ? 0 : answer.votes })}${
                answer.selfGrade
                  ? html` · ${t(locale, 'web.myGrade', { grade: t(locale, `web.grade.${answer.selfGrade}`) })}`
                  : null
              }</p><div class="answer">${answer.text}</div></article>`,
          )
    }</section>`,
  ]);
}
