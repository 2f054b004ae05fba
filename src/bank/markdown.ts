import { textLanguage } from '../core/banks.ts';
import { type Locale, t } from '../core/i18n/index.ts';
import type { ParsedBank, Question } from './parse.ts';

/** Halves indentation so nested lines read as nested, not as Markdown code blocks. */
function softIndent(text: string): string {
  return text.replace(/^ +/gm, (s) => ' '.repeat(Math.floor(s.length / 2)));
}

function quoteBlock(text: string): string {
  return softIndent(text)
    .split('\n')
    .map((l) => (l === '' ? '>' : `> ${l}`))
    .join('\n');
}

function renderQuestion(q: Question, byId: Map<string, Question>, locale: Locale): string {
  const level = q.parent ? '###' : '##';
  const label = q.number ? `${q.number}. ` : '';
  const parts = [`${level} ${label}${q.prompt}`];
  if (q.kind === 'group') {
    parts.push(`_${t(locale, 'bankMd.followUps')}_`);
    return parts.join('\n\n');
  }
  if (q.sharesAnswerWith) {
    const other = byId.get(q.sharesAnswerWith);
    if (other)
      parts.push(`_${t(locale, 'bankMd.sameAs', { other: other.number ?? other.prompt })}_`);
  }
  // Markdown notes are Markdown already: code keeps its indentation. Outline text is quoted.
  if (q.body) parts.push(q.body);
  if (q.answer)
    parts.push(
      q.format === 'markdown'
        ? `**${t(locale, 'bankMd.answer')}**\n\n${q.answer}`
        : quoteBlock(q.answer),
    );
  if (q.notes) parts.push(`**${t(locale, 'bankMd.notes')}**\n\n${softIndent(q.notes)}`);
  if (q.references.length > 0) {
    parts.push(
      `**${t(locale, 'bankMd.references')}**\n\n${q.references
        .map((r) => (r.label ? `- [${r.label}](${r.url})` : `- <${r.url}>`))
        .join('\n')}`,
    );
  }
  return parts.join('\n\n');
}

/** A readable Markdown rendering of a bank, section by section, labelled in the bank's language. */
export function bankToMarkdown(bank: ParsedBank): string {
  const byId = new Map(bank.questions.map((q) => [q.id, q]));
  const sample = bank.questions.slice(0, 60).map((q) => `${q.prompt}\n${q.answer ?? ''}`);
  const locale = textLanguage(sample.join('\n'));
  const out = [`# ${bank.bank}`];
  let section: string | null = null;
  for (const q of bank.questions) {
    if (q.section !== section) {
      section = q.section;
      out.push(`\n---\n\n# ${section}`);
    }
    out.push(renderQuestion(q, byId, locale));
  }
  return `${out.join('\n\n')}\n`;
}
