import type { ChannelRow } from '../../core/channels.ts';
import { type Locale, t } from '../../core/i18n/index.ts';
import { type Html, html } from '../html.ts';

/** Who is signed in, as a page shows them, with the token every form sends back. */
export interface Viewer {
  name: string;
  csrf: string;
}

export function csrfField(viewer: Viewer): Html {
  return html`<input type="hidden" name="csrf" value="${viewer.csrf}">`;
}

export function page(
  locale: Locale,
  title: string,
  viewer: Viewer | null,
  body: Html | Html[],
): string {
  return html`<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Drill</title>
<link rel="stylesheet" href="/assets/style.css">
</head>
<body>
<a class="skip" href="#main">${t(locale, 'web.skip')}</a>
<header>
<nav aria-label="Drill">
<a href="/">${t(locale, 'web.title')}</a>
${
  viewer
    ? html`<span>${t(locale, 'web.signedInAs', { name: viewer.name })}</span>
<form method="post" action="/signout">${csrfField(viewer)}<button type="submit">${t(locale, 'web.signOut')}</button></form>`
    : null
}
</nav>
</header>
<main id="main">
${body}
</main>
</body>
</html>
`.text;
}

export type Tab = 'channel' | 'me' | 'bank' | 'manage';

/** The channel's heading and its pages; the manage page only for managers. */
export function channelHeader(
  locale: Locale,
  channel: ChannelRow,
  current: Tab,
  manages: boolean,
): Html {
  const tabs: [Tab, string, string][] = [
    ['channel', '', t(locale, 'web.tabChannel')],
    ['me', '/me', t(locale, 'web.tabMe')],
    ['bank', '/bank', t(locale, 'web.tabBank')],
  ];
  if (manages) tabs.push(['manage', '/manage', t(locale, 'web.tabManage')]);
  return html`<h1>${channelName(channel)}</h1>
<nav class="tabs" aria-label="${channelName(channel)}"><ul>${tabs.map(
    ([tab, path, label]) =>
      html`<li><a href="/c/${channel.id}${path}"${tab === current ? html` aria-current="page"` : null}>${label}</a></li>`,
  )}</ul></nav>`;
}

export function channelName(channel: ChannelRow): string {
  const where =
    channel.platform === 'console' ? 'console' : `${channel.platform} ${channel.workspace}`;
  return `#${channel.channel} (${where})`;
}

/** One formatter per language and zone: making one costs far more than formatting with it. */
const formatters = new Map<string, Intl.DateTimeFormat>();

export function dateTime(locale: Locale, at: number, zone: string): string {
  const key = `${locale} ${zone}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: zone,
    });
    formatters.set(key, format);
  }
  return format.format(at);
}

export const STYLE = `
@font-face { font-family: "Drill Sans KR"; src: url("/assets/drill-sans-kr.otf") format("opentype"); font-display: swap; }
:root { color-scheme: light; font-family: system-ui, "Drill Sans KR", sans-serif; line-height: 1.5; }
.chart { margin: 0; overflow-x: auto; }
.chart svg { max-width: 100%; height: auto; }
body { margin: 0 auto; max-width: 60rem; padding: 0 1rem 2rem; color: #1b1b1b; background: #fff; }
a { color: #0645ad; }
a:focus, button:focus, input:focus, select:focus, textarea:focus { outline: 3px solid #b35900; outline-offset: 2px; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; }
header nav { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; padding: .75rem 0; border-bottom: 1px solid #ccc; }
header form { margin: 0; }
.tabs ul { list-style: none; display: flex; flex-wrap: wrap; gap: .5rem 1.25rem; padding: 0; }
.tabs a[aria-current] { font-weight: bold; text-decoration: none; color: #1b1b1b; }
code.block { display: block; }
pre, .answer { white-space: pre-wrap; overflow-wrap: anywhere; background: #f5f5f5; padding: .75rem; border-radius: 4px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .25rem .5rem; border-bottom: 1px solid #ddd; }
article { border-top: 1px solid #ccc; padding: .5rem 0; }
label { display: block; margin-top: .5rem; }
input[type=text], input[type=search], select, textarea { width: 100%; max-width: 30rem; box-sizing: border-box; padding: .4rem; font: inherit; }
button { font: inherit; padding: .35rem .9rem; margin-top: .5rem; cursor: pointer; }
.note { background: #fff4d6; padding: .5rem .75rem; border-left: 4px solid #b35900; }
.warn { color: #8a3b00; }
@media (max-width: 30rem) { th, td { padding: .2rem .25rem; font-size: .9rem; } }
`;
