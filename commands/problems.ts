import type { z } from 'zod';
import { catalogue, type Locale, type MessageKey, t } from '../src/core/i18n/index.ts';
import type { Fill } from '../src/core/message.ts';
import { joinLines, line } from '../src/core/reply/line.ts';

/** An extra word of a text command line, as parseTextOptions names it. */
export const EXTRA = /^_extra\d+$/;

/** An option's name as the channel's language writes it (Discord shows the same). */
export function optionName(locale: Locale, name: string): string {
  const key = `name.${name}`;
  return key in catalogue[locale] ? t(locale, key as MessageKey) : name;
}

/**
 * Why options were refused, in the channel's language: each zod issue becomes a catalogue
 * message naming the option and the value given (zod's own English never reaches a member).
 */
export function describeIssues(
  issues: readonly z.core.$ZodIssue[],
  raw: Record<string, unknown>,
  locale: Locale,
): Fill {
  const lines: Fill[] = [];
  for (const issue of issues) {
    const [first] = issue.path;
    const key = first === undefined ? '' : String(first);
    const option = optionName(locale, key);
    const given = raw[key];
    const value = given === undefined ? '' : String(given);
    if (issue.code === 'unrecognized_keys') {
      const words = issue.keys.map((key) => (EXTRA.test(key) ? String(raw[key]) : key));
      lines.push(line(locale, 'option.extra', { value: words.join(' ') }));
    } else if (given === undefined && issue.code !== 'custom') {
      lines.push(line(locale, 'option.missing', { option }));
    } else if (issue.code === 'invalid_value') {
      const choices = issue.values.map(String).join(', ');
      lines.push(line(locale, 'option.choice', { option, value, choices }));
    } else if (issue.code === 'too_big' && issue.origin === 'number') {
      lines.push(line(locale, 'option.tooBig', { option, max: Number(issue.maximum), value }));
    } else if (issue.code === 'too_small' && issue.origin === 'number') {
      lines.push(line(locale, 'option.tooSmall', { option, min: Number(issue.minimum), value }));
    } else if (issue.code === 'too_big' && typeof given === 'string') {
      lines.push(
        line(locale, 'option.tooLong', {
          option,
          max: Number(issue.maximum),
          length: given.trim().length,
        }),
      );
    } else {
      lines.push(line(locale, 'option.invalid', { option, value }));
    }
  }
  // The same problem named twice (two options alike) is said once.
  const seen = new Set<string>();
  const unique = lines.filter((l) => {
    const key = JSON.stringify(l);
    return !seen.has(key) && !!seen.add(key);
  });
  return joinLines(unique);
}
