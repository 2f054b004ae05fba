import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The browser tests' Chromium (tests/web.*.test.ts): @sparticuz/chromium unpacks it into the temp
 * folder once, here, before any test file starts (two unpacking at once fail with ETXTBSY);
 * CHROMIUM_PATH names another one instead. The fontconfig file gives it the Korean font Drill
 * ships (assets/fonts), or Hangul renders as boxes in the screenshots.
 */
export default async function setup(): Promise<void> {
  if (!process.env.CHROMIUM_PATH) {
    const { default: chromium } = await import('@sparticuz/chromium');
    process.env.CHROMIUM_PATH = await chromium.executablePath();
  }
  const fonts = fileURLToPath(new URL('../../assets/fonts', import.meta.url));
  const dir = join(tmpdir(), 'drill-fontconfig');
  mkdirSync(join(dir, 'cache'), { recursive: true });
  const file = join(dir, 'fonts.conf');
  writeFileSync(
    file,
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig><dir>${fonts}</dir><cachedir>${join(dir, 'cache')}</cachedir></fontconfig>\n`,
  );
  process.env.DRILL_FONTCONFIG = file;
}
