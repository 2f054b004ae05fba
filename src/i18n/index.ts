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
