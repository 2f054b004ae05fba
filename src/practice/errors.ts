import type { MessageKey, Vars } from '../i18n/index.ts';

/** Something the person can fix; shown to them in their language, never as a stack trace. */
export class UserError extends Error {
  constructor(
    readonly key: MessageKey,
    readonly vars: Vars = {},
  ) {
    super(key);
    this.name = 'UserError';
  }
}
