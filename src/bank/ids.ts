import { hash } from 'node:crypto';

/**
 * A question's id depends only on its bank, section and prompt, so the same notes give the same
 * ids on every machine and an edited answer keeps its history. A question with a body (code or
 * options shown with it) adds the body: exercises that share a generic prompt ("What is the
 * output of below code?") differ by their code. Without a body the id is what it always was.
 */
export function questionId(bank: string, section: string, prompt: string, body = ''): string {
  const key = `${bank.normalize('NFC')}\u0000${section.normalize('NFC')}\u0000${prompt.normalize('NFC')}`;
  // One-shot hashing: a bank of ten thousand questions makes no Hash object per question.
  return hash('sha256', body === '' ? key : `${key}\u0000${body.normalize('NFC')}`, 'hex').slice(
    0,
    16,
  );
}
