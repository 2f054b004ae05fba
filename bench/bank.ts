import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBankFile } from '../src/bank/load.ts';
import { syncContent } from '../src/bank/sync.ts';
import { openSqlite } from '../src/db/sqlite.ts';
import { type Figure, medianMs, round } from './figures.ts';

const SEED = new URL('../content/interview-cmp-ko.txt', import.meta.url);
/** Public notes beside the repository (../shared/real-notes/), read in place. */
const REAL_NOTES = fileURLToPath(new URL('../../shared/real-notes/', import.meta.url));

/** The largest notes file in ../shared/real-notes/ (the 474 KB sudheerj README), or null. */
function largestRealNotes(): string | null {
  try {
    const files = readdirSync(REAL_NOTES)
      .filter((f) => f !== 'README.md' && /\.(md|txt)$/.test(f))
      .map((f) => join(REAL_NOTES, f));
    return files.sort((a, b) => statSync(b).size - statSync(a).size)[0] ?? null;
  } catch {
    return null;
  }
}

/** Notes in the seed's shape: sections of numbered questions, follow-ups, notes and a URL. */
export function generateNotes(questions: number, perSection = 100): string {
  const out: string[] = [];
  let made = 0;
  for (let s = 0; made < questions; s++) {
    out.push(`# 주제 ${s} topic`);
    for (let n = 1; n <= perSection && made < questions; n++) {
      out.push(`\t${n}. 질문 ${s}-${n}: 이것은 무엇이며 왜 중요한가요? What is it and why?`);
      out.push(`\t\t답변 ${s}-${n}: 핵심은 이렇습니다. The key point is this, in two lines.`);
      out.push('\t\t- 근거 하나\n\t\t- 근거 둘');
      made++;
      if (n % 10 === 0 && made < questions) {
        out.push(`\t\t${n}-1. 꼬리 질문 ${s}-${n}?\n\t\t\t꼬리 답변.`);
        made++;
      }
      if (n % 25 === 0) out.push('\t\t=====\n\t\t참고 노트\n\t\t참고\n\t\t\thttps://example.com/a');
    }
  }
  return `${out.join('\n')}\n`;
}

export async function benchBank(dir: string): Promise<Figure[]> {
  const parseSeed = medianMs(50, () => loadBankFile(SEED.pathname));
  const largest = largestRealNotes();
  const real: Figure[] = [];
  if (largest) {
    loadBankFile(largest); // warm-up: the first parse also compiles the parser
    const kb = Math.round(statSync(largest).size / 1024);
    real.push({
      name: 'parse_largest_real_ms',
      value: round(medianMs(5, () => loadBankFile(largest))),
      unit: 'ms',
      target: 200,
      note: `${basename(largest)}, ${kb} KB`,
    });
  } else
    real.push({
      name: 'parse_largest_real_ms',
      value: Number.NaN,
      unit: 'ms',
      target: 200,
      missing: `the shared real notes are not beside the repository (${REAL_NOTES} has no .md or .txt file)`,
    });

  const content = join(dir, 'bank-content');
  mkdirSync(content, { recursive: true });
  writeFileSync(join(content, 'big.txt'), generateNotes(10_000));
  const parse10k = medianMs(5, () => loadBankFile(join(content, 'big.txt')));
  const store = openSqlite(join(dir, 'bank.db'));
  let t = performance.now();
  const first = await syncContent(store, [content], 1);
  const sync10k = performance.now() - t;
  if (first.inserted !== 10_000) throw new Error(`expected 10000 questions, got ${first.inserted}`);
  t = performance.now();
  const again = await syncContent(store, [content], 2);
  const resync = performance.now() - t;
  if (again.unchanged !== 10_000) throw new Error('unchanged re-sync changed rows');
  await store.close();
  return [
    { name: 'parse_seed_ms', value: round(parseSeed, 3), unit: 'ms', target: 5 },
    ...real,
    { name: 'parse_10k_ms', value: round(parse10k), unit: 'ms', target: 250 },
    { name: 'sync_10k_ms', value: round(sync10k), unit: 'ms', target: 300 },
    { name: 'resync_10k_unchanged_ms', value: round(resync), unit: 'ms', target: 100 },
  ];
}
