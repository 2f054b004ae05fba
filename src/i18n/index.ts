import { en, type MessageKey } from './en.ts';
import { ko } from './ko.ts';

export type { MessageKey };
export const LOCALES = ['ko', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export const catalogue: Record<Locale, Record<MessageKey, string>> = { en, ko };

export type Vars = Record<string, string | number>;

/** A message in the locale, with `{name}` placeholders filled in. */
export function t(locale: Locale, key: MessageKey, vars: Vars = {}): string {
  return catalogue[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in vars ? String(vars[name]) : whole,
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
