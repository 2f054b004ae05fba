import { type StoreFailure, storeFailure } from '../db/errors.ts';
import { formatDuration, type Locale, type MessageKey, t, type Vars } from './i18n/index.ts';
import type { Fill } from './message.ts';
import { line, prose } from './reply/line.ts';

/** Something the person can fix; shown to them in their language, never as a stack trace. */
export class UserError extends Error {
  constructor(
    readonly key: MessageKey,
    readonly vars: Vars = {},
  ) {
    super(key);
    this.name = 'UserError';
  }

  text(locale: Locale): string {
    return t(locale, this.key, this.vars);
  }

  /** As a line of a reply: its values (a topic, what was typed) kept as data. */
  line(locale: Locale): Fill {
    return line(locale, this.key, this.vars);
  }
}

/** A write the store refused: the member is told it was not saved, and why. */
export class NotSavedError extends UserError {
  constructor(readonly failure: StoreFailure) {
    super('error.notSaved');
    this.name = 'NotSavedError';
  }

  /** Why, without the advice: "the bot's disk is full". */
  reason(locale: Locale): string {
    return t(locale, `store.${this.failure}`);
  }

  override text(locale: Locale): string {
    return t(locale, 'error.notSaved', { reason: this.reason(locale) });
  }

  override line(locale: Locale): Fill {
    return line(locale, 'error.notSaved', { reason: line(locale, `store.${this.failure}`) });
  }
}

/** A store failure as the member's error; anything else is returned as it is. */
export function asNotSaved(err: unknown): unknown {
  if (err instanceof UserError) return err;
  const failure = storeFailure(err);
  return failure ? new NotSavedError(failure) : err;
}

/** Not now: the message says how long to wait ({wait}, in the reader's words). */
export class TooSoonError extends UserError {
  constructor(
    key: MessageKey,
    readonly waitMs: number,
    vars: Vars = {},
  ) {
    super(key, vars);
    this.name = 'TooSoonError';
  }

  override text(locale: Locale): string {
    return t(locale, this.key, { ...this.vars, wait: formatDuration(locale, this.waitMs) });
  }

  override line(locale: Locale): Fill {
    return line(locale, this.key, {
      ...this.vars,
      wait: prose(formatDuration(locale, this.waitMs)),
    });
  }
}
