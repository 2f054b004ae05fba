import { en, type MessageKey } from './en.ts';
import { ko } from './ko.ts';

export type { MessageKey };
export const LOCALES = ['ko', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export const catalogue: Record<Locale, Record<MessageKey, string>> = { en, ko };

export type Vars = Record<string, string | number>;

const pluralRules = new Map<Locale, Intl.PluralRules>();

/** `one` or `other` for a count, by the locale's rules (Korean has no plural: always `other`). */
function pluralOf(locale: Locale, n: number): 'one' | 'other' {
  let rules = pluralRules.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale);
    pluralRules.set(locale, rules);
  }
  return rules.select(n) === 'one' ? 'one' : 'other';
}

/**
 * A message in the locale, with `{name}` placeholders filled in. `{name|answer|answers}` is the
 * word for the count in `name`: the first form when the locale says "one", else the second.
 */
export function t(locale: Locale, key: MessageKey, vars: Vars = {}): string {
  return catalogue[locale][key].replace(
    /\{(\w+)(?:\|([^|{}]*)\|([^|{}]*))?\}/g,
    (whole, name: string, one?: string, other?: string) => {
      if (!(name in vars)) return whole;
      if (one === undefined) return String(vars[name]);
      return pluralOf(locale, Number(vars[name])) === 'one' ? one : (other ?? '');
    },
  );
}

export function isLocale(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value);
}

/** A duration the way people say it: "45 s", "3 min", "2 h" (rounded up, never "0 s"). */
export function formatDuration(locale: Locale, ms: number): string {
  const s = Math.max(1, Math.ceil(ms / 1000));
  if (s < 60) return t(locale, 'duration.seconds', { n: s });
  const min = Math.ceil(s / 60);
  if (min < 60 || min % 60 !== 0) return t(locale, 'duration.minutes', { n: min });
  return t(locale, 'duration.hours', { n: min / 60 });
}

/** Month numbers as words in a list: "February and April", "2월 및 4월". */
export function formatMonths(locale: Locale, months: number[]): string {
  const name = new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' });
  const names = months.map((m) => name.format(Date.UTC(2000, m - 1, 1)));
  return new Intl.ListFormat(locale, { type: 'conjunction' }).format(names);
}

const ORDINAL_SUFFIX: Record<string, string> = { one: 'st', two: 'nd', few: 'rd', other: 'th' };

/** A day of the month as people say it: "31st", "31일". */
export function formatDayOfMonth(locale: Locale, day: number): string {
  if (locale === 'ko') return `${day}일`;
  const rule = new Intl.PluralRules('en', { type: 'ordinal' }).select(day);
  return `${day}${ORDINAL_SUFFIX[rule] ?? 'th'}`;
}
