import type { ParsedBank } from '../bank/types.ts';
import { keyPoints } from './points.ts';

/** `drill bank check --points`: each answered question's key points, as the coach reads them. */
export function printPoints(banks: ParsedBank[], out: (text: string) => void): void {
  for (const bank of banks) {
    for (const q of bank.questions) {
      if (q.kind !== 'question' || q.answer.trim() === '') continue;
      const points = keyPoints(q.answer);
      out(`${q.source.file}:${q.source.line}: ${q.prompt} (${points.length} key point(s))`);
      let section: string | null = null;
      points.forEach((p, i) => {
        if (p.section !== section && p.section !== null) out(`  [${p.section}]`);
        section = p.section;
        const terms = p.terms.length > 0 ? ` — terms: ${p.terms.join(', ')}` : '';
        out(`  ${i + 1}. ${p.text} (${p.kind}${terms})`);
      });
    }
  }
}
