import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * A member's last weeks as a small picture: per week the grades they gave as stacked bars
 * (✅ 🤔 ❌ in green, amber, red) and their counted answers as a line. vega-lite describes the
 * chart, vega draws it as SVG (pure JavaScript) and resvg turns that into a PNG with the Noto
 * Sans KR font that comes with the npm package @embedpdf/fonts-kr, never a system font: Korean
 * labels render on any machine, and the same figures give the same bytes. The chart knows no
 * database and no language: figures and labels are given to it.
 */

/** One week: its Monday (`YYYY-MM-DD`), the answers counted and the grades given in it. */
export interface WeekFigures {
  week: string;
  answers: number;
  ok: number;
  partly: number;
  missed: number;
}

/** The chart's words, already in the channel's language (no emoji: the font has none). */
export interface WeeksLabels {
  title: string;
  answers: string;
  ok: string;
  partly: string;
  missed: string;
}

const FONT_FAMILY = 'Noto Sans KR';
const COLORS = { ok: '#2e9e5b', partly: '#e3a21a', missed: '#d64545', answers: '#3b6fd6' };
/** Drawn at twice the spec's size, so it stays sharp on high-density screens. */
const ZOOM = 2;

/** The bundled font's file: the package exports only its list, so it is found beside it. */
export function fontFile(): string {
  const require = createRequire(import.meta.url);
  const main = require.resolve('@embedpdf/fonts-kr');
  return join(dirname(main), '..', 'fonts', 'NotoSansKR-Regular.otf');
}

/** `2026-11-23` → `11/23`: dates read the same in Korean and English. */
const shortDate = (week: string) => week.slice(5).replace('-', '/');

/** The vega-lite spec of the chart: the figures are its inline data. */
export function weeksSpec(weeks: WeekFigures[], labels: WeeksLabels) {
  const grades = (['ok', 'partly', 'missed'] as const).flatMap((grade, order) =>
    weeks.map((w) => ({ week: shortDate(w.week), kind: labels[grade], n: w[grade], order })),
  );
  const answers = weeks.map((w) => ({
    week: shortDate(w.week),
    kind: labels.answers,
    n: w.answers,
  }));
  const x = {
    field: 'week',
    type: 'ordinal',
    title: null,
    sort: null,
    axis: { labelAngle: 0 },
  } as const;
  return {
    width: 480,
    height: 200,
    background: 'white',
    padding: 8,
    title: { text: labels.title, fontSize: 14, fontWeight: 'normal' as const },
    config: { font: FONT_FAMILY, view: { stroke: null } },
    encoding: {
      x,
      y: {
        field: 'n',
        type: 'quantitative',
        title: null,
        stack: 'zero',
        axis: { tickMinStep: 1, format: 'd' },
      },
      color: {
        field: 'kind',
        type: 'nominal',
        scale: {
          domain: [labels.ok, labels.partly, labels.missed, labels.answers],
          range: [COLORS.ok, COLORS.partly, COLORS.missed, COLORS.answers],
        },
        legend: { title: null, orient: 'top' },
      },
    },
    layer: [
      {
        data: { values: grades },
        mark: { type: 'bar', width: 22 },
        encoding: { order: { field: 'order' } },
      },
      {
        data: { values: answers },
        mark: { type: 'line', point: true, strokeWidth: 2 },
        encoding: { y: { field: 'n', type: 'quantitative', stack: null } },
      },
    ],
  } as const;
}

type Libraries = [
  typeof import('vega'),
  typeof import('vega-lite'),
  typeof import('@resvg/resvg-js'),
];
let libraries: Promise<Libraries> | null = null;

/** Loaded on the first chart only: most processes never draw one. */
function load(): Promise<Libraries> {
  libraries ??= Promise.all([import('vega'), import('vega-lite'), import('@resvg/resvg-js')]);
  return libraries;
}

/** The chart as SVG (vega's own renderer; text as SVG text in the bundled font's family). */
export async function weeksSvg(weeks: WeekFigures[], labels: WeeksLabels): Promise<string> {
  const [vega, vegaLite] = await load();
  const { spec } = vegaLite.compile(weeksSpec(weeks, labels) as never);
  const view = new vega.View(vega.parse(spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** The chart as a PNG. */
export async function weeksPng(weeks: WeekFigures[], labels: WeeksLabels): Promise<Uint8Array> {
  const svg = await weeksSvg(weeks, labels);
  const [, , { Resvg }] = await load();
  const png = new Resvg(svg, {
    font: { loadSystemFonts: false, fontFiles: [fontFile()], defaultFontFamily: FONT_FAMILY },
    fitTo: { mode: 'zoom', value: ZOOM },
  })
    .render()
    .asPng();
  return new Uint8Array(png);
}
