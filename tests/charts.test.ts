import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { fontFile, type WeekFigures, weeksPng, weeksSvg } from '../src/charts/weeks.ts';
import { decodePng } from './png.ts';

const MONDAYS = ['2026-10-05', '2026-10-12', '2026-10-19', '2026-10-26'];
const weeks: WeekFigures[] = MONDAYS.map((week, i) => ({
  week,
  answers: i + 1,
  ok: i,
  partly: i % 2,
  missed: 3 - i,
}));
const KO = {
  title: '주별 답변 수와 채점',
  answers: '답변',
  ok: '알았음',
  partly: '애매함',
  missed: '몰랐음',
};

/** Pixels of a rendered picture darker than mid grey (text, lines), on a white background. */
function darkPixels(svg: string, fontFiles: string[]): number {
  const image = new Resvg(svg, {
    font: { loadSystemFonts: false, fontFiles, defaultFontFamily: 'Drill Sans KR' },
    background: 'white',
  }).render();
  const pixels = image.pixels; // RGBA; a getter that copies them all
  let dark = 0;
  for (let i = 0; i < pixels.length; i += 4)
    if ((pixels[i] as number) < 128 && (pixels[i + 3] as number) > 0) dark++;
  return dark;
}

describe('the weeks chart', () => {
  it('is a valid PNG, the same bytes for the same figures, other bytes for others', async () => {
    const png = await weeksPng(weeks, KO);
    const { width, height } = decodePng(png);
    // The 520×280 picture (title, legend, axes, 464×180 plot), drawn at twice the size.
    expect(width).toBeGreaterThan(960);
    expect(width).toBeLessThan(1200);
    expect(height).toBeGreaterThan(400);
    expect(height).toBeLessThan(width);
    expect(Buffer.from(await weeksPng(weeks, KO)).equals(Buffer.from(png))).toBe(true);
    const other = weeks.map((w, i) => (i === 2 ? { ...w, missed: w.missed + 1 } : w));
    expect(Buffer.from(await weeksPng(other, KO)).equals(Buffer.from(png))).toBe(false);
  });

  it('draws each week’s figures: a bar per grade, a point per week’s answers', async () => {
    const svg = await weeksSvg(weeks, KO);
    const marks = [...svg.matchAll(/aria-label="week: ([^;]+); n: (\d+); kind: ([^;"]+)/g)].map(
      (m) => `${m[1]} ${m[3]} ${m[2]}`,
    );
    for (const w of weeks) {
      const day = w.week.slice(5).replace('-', '/');
      expect(marks).toContain(`${day} ${KO.ok} ${w.ok}`);
      expect(marks).toContain(`${day} ${KO.partly} ${w.partly}`);
      expect(marks).toContain(`${day} ${KO.missed} ${w.missed}`);
      expect(marks).toContain(`${day} ${KO.answers} ${w.answers}`);
    }
    expect(svg).toContain(KO.title);
  });

  it('draws bars as tall as their figures, and keeps label text as text', () => {
    // One unit of the y axis (0…4 here) is 180 / 4 = 45 px; a bar is 22 px wide.
    const image = new Resvg(weeksSvg(weeks, KO), {
      font: { loadSystemFonts: false, fontFiles: [fontFile()] },
    }).render();
    const pixels = image.pixels;
    let green = 0;
    for (let i = 0; i < pixels.length; i += 4)
      if (pixels[i] === 0x2e && pixels[i + 1] === 0x9e && pixels[i + 2] === 0x5b) green++;
    const okUnits = weeks.reduce((n, w) => n + w.ok, 0);
    // The bars, less what the answers' line covers, plus the legend's square (10×10).
    expect(green).toBeGreaterThan(okUnits * 45 * 22 * 0.9);
    expect(green).toBeLessThanOrEqual(okUnits * 45 * 22 + 100);

    const svg = weeksSvg(weeks, { ...KO, title: 'a <b> & "c"', ok: '</text><svg>' });
    expect(svg).toContain('a &lt;b&gt; &amp; &quot;c&quot;');
    expect(svg).not.toContain('</text><svg>');
    expect(() => new Resvg(svg, { font: { loadSystemFonts: false } })).not.toThrow();
  });

  it('renders Hangul with the bundled font, with no system font', () => {
    const text = (s: string) =>
      `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><text x="4" y="30" font-family="Drill Sans KR" font-size="24">${s}</text></svg>`;
    expect(darkPixels(text('답변'), [fontFile()])).toBeGreaterThan(100);
    // Without the font nothing is drawn: the check above can fail.
    expect(darkPixels(text('답변'), [])).toBe(0);
  });
});
