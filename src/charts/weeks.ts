import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A member's last weeks as a small picture: per week the grades they gave as stacked bars
 * (✅ 🤔 ❌ in green, amber, red) and their counted answers as a line. The chart is an SVG
 * written here from the figures (a fixed layout: one chart, one size) and resvg turns it into a
 * PNG with the one font file in assets/fonts/ (a subset of Noto Sans KR: Latin and every Hangul
 * syllable), never a system font: Korean labels render on any machine, and the same figures
 * give the same bytes. The chart knows no database and no language: figures and labels are
 * given to it.
 */

/** One week: its Monday (`YYYY-MM-DD`), the answers counted and the grades given in it. */
export interface WeekFigures {
  week: string;
  answers: number;
  ok: number;
  partly: number;
  missed: number;
  /** Key points covered per answer the coach judged that week (null: none judged). */
  points?: number | null;
}

/** The chart's words, already in the channel's language (no emoji: the font has none). */
export interface WeeksLabels {
  title: string;
  answers: string;
  ok: string;
  partly: string;
  missed: string;
  /** The coach's series, drawn only when given and some week has a value. */
  points?: string;
}

const FONT_FAMILY = 'Drill Sans KR';
const FONT_FILE = 'DrillSansKR-Regular.otf';
const COLORS = {
  ok: '#2e9e5b',
  partly: '#e3a21a',
  missed: '#d64545',
  answers: '#3b6fd6',
  points: '#8a4fc7',
};
const GRADES = ['ok', 'partly', 'missed'] as const;
/** Drawn at twice the SVG's size, so it stays sharp on high-density screens. */
const ZOOM = 2;

/** The layout, in SVG units: the whole picture, the plot inside it, a bar's width. */
const WIDTH = 520;
const HEIGHT = 280;
const PLOT = { left: 40, top: 64, width: 464, height: 180 };
const BAR = 22;
const TICKS_AT_MOST = 5;

/** The font file, found from this module upwards (it runs from src/ and from dist/bundle/). */
export function fontFile(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const file = join(dir, 'assets', 'fonts', FONT_FILE);
    if (existsSync(file)) return file;
    const up = dirname(dir);
    if (up === dir) throw new Error(`assets/fonts/${FONT_FILE} not found above the chart module`);
    dir = up;
  }
}

/** `2026-11-23` → `11/23`: dates read the same in Korean and English. */
const shortDate = (week: string) => week.slice(5).replace('-', '/');

const escapeXml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] as string,
  );

/** Rounded to 0.01 unit: the same figures always write the same text. */
const at = (n: number) => String(Math.round(n * 100) / 100);

/** About how wide a label is, to place the next legend entry after it: Hangul is one em wide. */
const textWidth = (text: string, size: number) =>
  [...text].reduce(
    (w, c) => w + (/[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]/.test(c) ? 1 : 0.6),
    0,
  ) * size;

/** The y axis: a whole step (1, 2, 5, 10, 20, …) giving at most five ticks above zero. */
function yTicks(max: number): number[] {
  let step = 1;
  for (let scale = 1; ; scale *= 10) {
    const found = [1, 2, 5].map((m) => m * scale).find((s) => Math.ceil(max / s) <= TICKS_AT_MOST);
    if (found !== undefined) {
      step = found;
      break;
    }
  }
  const top = Math.max(1, Math.ceil(max / step)) * step;
  return Array.from({ length: top / step + 1 }, (_, i) => i * step);
}

/** The mark's description, as screen readers get it: `week: 10/05; n: 3; kind: got it`. */
const aria = (week: string, n: number, kind: string) =>
  `aria-label="week: ${escapeXml(week)}; n: ${n}; kind: ${escapeXml(kind)}"`;

/** The chart as SVG: title, legend, y axis with grid, a stacked bar and a point per week. */
export function weeksSvg(weeks: WeekFigures[], labels: WeeksLabels): string {
  const coached = labels.points !== undefined && weeks.some((w) => typeof w.points === 'number');
  const max = Math.max(
    0,
    ...weeks.flatMap((w) => [w.ok + w.partly + w.missed, w.answers, coached ? (w.points ?? 0) : 0]),
  );
  const ticks = yTicks(max);
  const top = ticks[ticks.length - 1] as number;
  const y = (n: number) => PLOT.top + PLOT.height - (n / top) * PLOT.height;
  const band = PLOT.width / Math.max(1, weeks.length);
  const x = (i: number) => PLOT.left + band * (i + 0.5);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="${FONT_FAMILY}">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="white"/>`,
    `<text x="${WIDTH / 2}" y="22" font-size="14" text-anchor="middle" fill="#000">${escapeXml(labels.title)}</text>`,
  ];
  // The legend, one line under the title, centred: the three grades, then the answers' line.
  const kinds = [...GRADES, 'answers' as const, ...(coached ? ['points' as const] : [])];
  const entries = kinds.map((kind) => ({
    kind,
    text: labels[kind] ?? '',
    width: 16 + textWidth(labels[kind] ?? '', 11) + 14,
  }));
  let lx = (WIDTH - entries.reduce((w, e) => w + e.width, 0)) / 2;
  for (const e of entries) {
    const mark =
      e.kind === 'answers' || e.kind === 'points'
        ? `<line x1="${at(lx)}" y1="42" x2="${at(lx + 12)}" y2="42" stroke="${COLORS[e.kind]}" stroke-width="2"${e.kind === 'points' ? ' stroke-dasharray="3 2"' : ''}/><circle cx="${at(lx + 6)}" cy="42" r="3" fill="${COLORS[e.kind]}"/>`
        : `<rect x="${at(lx + 1)}" y="37" width="10" height="10" fill="${COLORS[e.kind]}"/>`;
    out.push(
      mark,
      `<text x="${at(lx + 16)}" y="46" font-size="11" fill="#000">${escapeXml(e.text)}</text>`,
    );
    lx += e.width;
  }
  for (const t of ticks) {
    out.push(
      `<line x1="${PLOT.left}" y1="${at(y(t))}" x2="${PLOT.left + PLOT.width}" y2="${at(y(t))}" stroke="${t === 0 ? '#888' : '#ddd'}" stroke-width="1"/>`,
      `<text x="${PLOT.left - 6}" y="${at(y(t) + 4)}" font-size="10" text-anchor="end" fill="#000">${t}</text>`,
    );
  }
  weeks.forEach((w, i) => {
    const day = shortDate(w.week);
    let base = 0;
    for (const grade of GRADES) {
      const n = w[grade];
      out.push(
        `<rect x="${at(x(i) - BAR / 2)}" y="${at(y(base + n))}" width="${BAR}" height="${at(y(base) - y(base + n))}" fill="${COLORS[grade]}" ${aria(day, n, labels[grade])}/>`,
      );
      base += n;
    }
    out.push(
      `<text x="${at(x(i))}" y="${PLOT.top + PLOT.height + 16}" font-size="10" text-anchor="middle" fill="#000">${escapeXml(day)}</text>`,
    );
  });
  const line = weeks.map((w, i) => `${at(x(i))},${at(y(w.answers))}`).join(' ');
  out.push(
    `<polyline points="${line}" fill="none" stroke="${COLORS.answers}" stroke-width="2"/>`,
    ...weeks.map(
      (w, i) =>
        `<circle cx="${at(x(i))}" cy="${at(y(w.answers))}" r="3" fill="${COLORS.answers}" ${aria(shortDate(w.week), w.answers, labels.answers)}/>`,
    ),
  );
  if (coached) {
    // The coach's points per answer: a dashed line through the weeks that had feedback.
    const marked = weeks.flatMap((w, i) =>
      typeof w.points === 'number' ? [{ i, n: Math.round(w.points * 10) / 10, week: w.week }] : [],
    );
    out.push(
      `<polyline points="${marked.map((m) => `${at(x(m.i))},${at(y(m.n))}`).join(' ')}" fill="none" stroke="${COLORS.points}" stroke-width="2" stroke-dasharray="3 2"/>`,
      ...marked.map(
        (m) =>
          `<circle cx="${at(x(m.i))}" cy="${at(y(m.n))}" r="3" fill="${COLORS.points}" ${aria(shortDate(m.week), m.n, labels.points ?? '')}/>`,
      ),
    );
  }
  out.push('</svg>');
  return out.join('\n');
}

let resvg: Promise<typeof import('@resvg/resvg-js')> | null = null;

/** The chart as a PNG; resvg is loaded on the first chart only: most processes never draw one. */
export async function weeksPng(weeks: WeekFigures[], labels: WeeksLabels): Promise<Uint8Array> {
  resvg ??= import('@resvg/resvg-js');
  const { Resvg } = await resvg;
  const png = new Resvg(weeksSvg(weeks, labels), {
    font: { loadSystemFonts: false, fontFiles: [fontFile()], defaultFontFamily: FONT_FAMILY },
    fitTo: { mode: 'zoom', value: ZOOM },
  })
    .render()
    .asPng();
  return new Uint8Array(png);
}
