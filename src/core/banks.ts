import { and, asc, eq } from 'drizzle-orm';
import type { StoreMemo } from '../db/memo.ts';
import type { Tables } from '../db/store.ts';
import { type ChannelRow, channelLocale } from './channels.ts';
import type { PracticeDeps } from './deps.ts';
import { UserError } from './errors.ts';
import type { Locale } from './i18n/index.ts';

/** `channels.banks` holding this means every bank, present and future. */
export const ALL_BANKS = '*';

/** The workspace's own bank: approved suggestions, kept in the database (no notes file). */
export const SUGGESTED_BANK = 'suggested';

/** Hangul syllables and jamo, and Latin letters: what tells Korean notes from English ones. */
const HANGUL = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]/gu;
const LATIN = /[A-Za-z]/g;

/**
 * The language a text is written in: Korean when Hangul is at least a fifth of its letters.
 * Korean interview notes are full of English terms (REST, TCP, 409); a syllable carries two or
 * three Latin letters' worth, so a fifth is already mostly Korean prose.
 */
export function textLanguage(text: string): Locale {
  const hangul = text.match(HANGUL)?.length ?? 0;
  const latin = text.match(LATIN)?.length ?? 0;
  return hangul > 0 && hangul / (hangul + latin) >= 0.2 ? 'ko' : 'en';
}

/** Questions read to decide a bank's language: the first ones of the notes are enough. */
const SAMPLE = 60;
/** Per process: a bank's language is read again only when its content (or size) changes. */
/** Null: the bank has no active question to read. */
const detected = new Map<string, { version: string; language: Locale | null }>();

export interface BankInfo {
  name: string;
  language: Locale;
  questions: number;
}

const activeQuestions = ({ questions }: Tables) =>
  and(eq(questions.retired, false), eq(questions.kind, 'question'));

/**
 * Every bank with active questions, by name, with the language its text is written in. The
 * list is the banks table (a few rows); a bank's text is read once per version of its file.
 */
export async function listBanks(deps: PracticeDeps): Promise<BankInfo[]> {
  // Every drop asks; the list changes only when notes are synced, so it is read at most every
  // few seconds per store. Kept under the store's memo, which its transactions share: a
  // PostgreSQL transaction's store is an object of its own, and a draw runs in one.
  const cached = listed.get(deps.store.memo);
  if (cached && Date.now() - cached.at < LIST_TTL_MS) return cached.banks;
  const banks = await readBanks(deps);
  listed.set(deps.store.memo, { at: Date.now(), banks });
  return banks;
}

const LIST_TTL_MS = 5_000;
const listed = new WeakMap<StoreMemo, { at: number; banks: BankInfo[] }>();

async function readBanks(deps: PracticeDeps): Promise<BankInfo[]> {
  const { db, tables } = deps.store;
  const { questions, banks } = tables;
  const rows = await db
    .select({ name: banks.name, hash: banks.contentHash, n: banks.questionCount })
    .from(banks)
    .orderBy(asc(banks.name));
  const out: BankInfo[] = [];
  for (const row of rows) {
    const version = `${row.hash}:${row.n}`;
    let known = detected.get(row.name);
    if (known?.version !== version) {
      const sample = await db
        .select({ prompt: questions.prompt, answer: questions.answer })
        .from(questions)
        .where(and(activeQuestions(tables), eq(questions.bank, row.name)))
        .orderBy(asc(questions.position))
        .limit(SAMPLE);
      known = {
        version,
        language:
          sample.length === 0
            ? null
            : textLanguage(sample.map((q) => `${q.prompt}\n${q.answer}`).join('\n')),
      };
      detected.set(row.name, known);
    }
    if (known.language) out.push({ name: row.name, language: known.language, questions: row.n });
  }
  return out;
}

/** The banks a channel chose (`channels.banks`), or null when it follows its language. */
export function chosenBanks(channel: ChannelRow): string[] | null {
  if (!channel.banks) return null;
  try {
    const parsed: unknown = JSON.parse(channel.banks);
    return Array.isArray(parsed) ? parsed.filter((b): b is string => typeof b === 'string') : null;
  } catch {
    return null;
  }
}

/**
 * The banks a channel's questions come from, or null for every bank: the ones it chose, else
 * the banks written in its language (every bank when none is).
 */
export async function channelBanks(
  deps: PracticeDeps,
  channel: ChannelRow,
): Promise<string[] | null> {
  const chosen = chosenBanks(channel);
  if (chosen?.includes(ALL_BANKS)) return null;
  const all = await listBanks(deps);
  if (chosen) return chosen;
  const language = channelLocale(channel);
  const mine = all.filter((b) => b.language === language).map((b) => b.name);
  return mine.length > 0 ? mine : null;
}

/**
 * Whether a channel draws its workspace's approved suggestions: unless it chose banks without
 * `suggested` in them.
 */
export function drawsSuggested(channel: ChannelRow): boolean {
  const chosen = chosenBanks(channel);
  return !chosen || chosen.includes(ALL_BANKS) || chosen.includes(SUGGESTED_BANK);
}

/**
 * `a,b` or `all` as the value to store: bank names are matched ignoring case and must exist
 * (an unknown one is refused with the list).
 */
export async function parseBanks(deps: PracticeDeps, value: string): Promise<string[]> {
  const words = value
    .split(/[,\s]+/)
    .map((w) => w.trim())
    .filter(Boolean);
  if (words.length === 1 && words[0]?.toLowerCase() === 'all') return [ALL_BANKS];
  const all = await listBanks(deps);
  const names: string[] = [];
  for (const word of words) {
    const wanted = word.normalize('NFC').toLowerCase();
    if (wanted === SUGGESTED_BANK) {
      if (!names.includes(SUGGESTED_BANK)) names.push(SUGGESTED_BANK);
      continue;
    }
    const found = all.find((b) => b.name.toLowerCase() === wanted);
    if (!found)
      throw new UserError('settings.unknownBank', {
        bank: word,
        banks: [...all.map((b) => b.name), SUGGESTED_BANK].join(', '),
      });
    if (!names.includes(found.name)) names.push(found.name);
  }
  return names;
}
