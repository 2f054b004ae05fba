import { addressOf, type ChannelRow, channelTimezone } from '../../core/channels.ts';
import type { PracticeDeps } from '../../core/deps.ts';
import { type Locale, t } from '../../core/i18n/index.ts';
import { loadHistory } from '../../history/export.ts';
import { type Progress, progressOf } from '../../review/progress.ts';
import { type Html, html } from '../html.ts';
import { channelHeader, dateTime, page, type Viewer } from './layout.ts';

/** The latest drops whose answers "my answers" lists (the member's own among them). */
const LOOK_BACK = 60;

const COLORS = { answers: '#3465a4', ok: '#2e7d32', partly: '#b35900', missed: '#b00020' };
const LABELS = {
  answers: 'me.chartAnswers',
  ok: 'me.chartOk',
  partly: 'me.chartPartly',
  missed: 'me.chartMissed',
} as const;

/**
 * /me's weeks as an SVG bar chart in the page: for each week, the answers and the grades given
 * side by side, from the same figures /me draws (progressOf); labelled for screen readers.
 */
export function weeksSvg(weeks: Progress['weeks'], locale: Locale): Html {
  const keys = ['answers', 'ok', 'partly', 'missed'] as const;
  const top = Math.max(1, ...weeks.flatMap((w) => keys.map((k) => w[k])));
  const width = 560;
  const height = 200;
  const base = 170;
  const group = (width - 40) / weeks.length;
  const bar = (group - 8) / keys.length;
  const title = t(locale, 'me.chartAlt');
  const bars = weeks.flatMap((w, i) =>
    keys.map((k, j) => {
      const h = Math.round((w[k] / top) * 150);
      const x = 30 + i * group + j * bar;
      return html`<rect x="${x.toFixed(1)}" y="${base - h}" width="${(bar - 1).toFixed(1)}" height="${h}" fill="${COLORS[k]}"><title>${w.week} ${t(locale, LABELS[k])}: ${w[k]}</title></rect>`;
    }),
  );
  const labels = weeks.map(
    (w, i) =>
      html`<text x="${(30 + i * group).toFixed(1)}" y="${base + 16}">${w.week.slice(5)}</text>`,
  );
  const legend = keys.map(
    (k, j) =>
      html`<rect x="${30 + j * 130}" y="186" width="10" height="10" fill="${COLORS[k]}"></rect><text x="${44 + j * 130}" y="195">${t(locale, LABELS[k])}</text>`,
  );
  return html`<svg role="img" aria-labelledby="weeks-title" viewBox="0 0 ${width} ${height + 6}" width="100%" style="max-width:${width}px"><title id="weeks-title">${title}</title>
<text x="4" y="14">${top}</text><line x1="28" y1="${base}" x2="${width - 8}" y2="${base}" stroke="#555"></line>${bars}${labels}${legend}</svg>`;
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
    html`<section><h2>${t(locale, 'web.weeks')}</h2>${weeksSvg(p.weeks, locale)}
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
