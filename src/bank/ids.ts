import { createHash } from 'node:crypto';

/**
 * A question's id depends only on its bank, section and prompt, so the same notes give the same
 * ids on every machine and an edited answer keeps its history.
 */
export function questionId(bank: string, section: string, prompt: string): string {
  return createHash('sha256')
    .update(
      `${bank.normalize('NFC')}\u0000${section.normalize('NFC')}\u0000${prompt.normalize('NFC')}`,
    )
    .digest('hex')
    .slice(0, 16);
}
