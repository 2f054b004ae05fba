import type { Locale } from '../src/core/i18n/index.ts';
import { optionName } from './problems.ts';
import type { Command } from './types.ts';

/**
 * `/ask [topic]`, `/leaderboard [week|month|all]`. Slack's adapter writes command names as
 * `/drill ask` in everything it sends.
 */
export function usage(command: Command, locale: Locale = 'en'): string {
  // A first option that takes the whole line as written splits it itself (`a | b | c`).
  if (command.options[0]?.raw && command.options.length > 1) {
    const parts = command.options.map((o) => optionName(locale, o.name)).join(' | ');
    return `/${command.name} ${command.options[0].required ? `<${parts}>` : `[${parts}]`}`;
  }
  const opts = command.options.map((o) => {
    const label = o.choices ? o.choices.join('|') : optionName(locale, o.name);
    return o.required ? `<${label}>` : `[${label}]`;
  });
  return [`/${command.name}`, ...opts].join(' ');
}
