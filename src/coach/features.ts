import { stemmer } from 'stemmer';

/**
 * Text to comparable features, offline: English words lower-cased and stemmed (stop words
 * dropped), numbers and code identifiers whole, Korean words without their particle or ending,
 * as character bigrams (so spacing and endings do not hide a match).
 */

const STOP = new Set(
  `a an the and or but if of to in on at by for with from as is are was were be been being it its
  this that these those there here than then so such can could should would will may might must do
  does did done have has had i you he she we they me my your our their them us what which who whom
  when where why how also just very much many more most some any each every other into onto about
  over under up down out off again only own same too s t like one thing things well get got use used
  using make makes made`.split(/\s+/),
);

/** Korean particles and endings, longest first, cut from a word's end when the stem stays. */
const KO_TAILS = [
  '하였습니다',
  '했습니다',
  '합니다',
  '입니다',
  '습니다',
  '됩니다',
  '니다',
  '에서는',
  '으로는',
  '이라는',
  '라는',
  '에서',
  '으로',
  '에게',
  '까지',
  '부터',
  '하고',
  '하며',
  '하여',
  '해서',
  '하는',
  '이며',
  '이고',
  '처럼',
  '보다',
  '은',
  '는',
  '이',
  '가',
  '을',
  '를',
  '의',
  '에',
  '로',
  '와',
  '과',
  '도',
  '만',
  '고',
  '며',
  '요',
  '다',
];
const KO_STOP = new Set([
  '그리고',
  '그래서',
  '또한',
  '그',
  '저',
  '것',
  '수',
  '등',
  '및',
  '때',
  '적',
  // Verb stems left once the ending is cut: they carry no content.
  '하',
  '하였',
  '했',
  '해',
  '한',
  '할',
  '함',
  '있',
  '있었',
  '되',
  '된',
  '됐',
  '될',
  '되어',
  '되었',
]);

export const NEGATION_EN = new Set([
  'not',
  'no',
  'never',
  'neither',
  'nor',
  'cannot',
  'without',
  "n't",
  'none',
]);
/** Korean negation inside a word: 않다, 없다, 아니다, 못, 불가, 안 (as a word). */
const NEGATION_KO = /않|없|아니|못(?:하|해|한)|불가/;

const TOKEN =
  /[\p{Script=Hangul}]+|[A-Za-z][A-Za-z0-9_$]*(?:[.'][A-Za-z0-9_$]+)*|\d+(?:[.,]\d+)*/gu;

function koStem(word: string): string {
  for (const tail of KO_TAILS) {
    if (word.length - tail.length >= 1 && word.endsWith(tail))
      return word.slice(0, word.length - tail.length);
  }
  return word;
}

function enToken(word: string): string[] {
  const lower = word.toLowerCase();
  if (lower.endsWith("n't")) return ["n't"];
  if (STOP.has(lower)) return [];
  // A code identifier (camelCase, snake_case, dotted) stays whole, and its parts count too.
  if (/[a-z][A-Z]|_|\./.test(word)) {
    const parts = word
      .split(/[._]|(?<=[a-z])(?=[A-Z])/)
      .filter((p) => p.length > 1)
      .map((p) => stemmer(p.toLowerCase()));
    return [lower, ...parts];
  }
  return [stemmer(lower)];
}

export interface Features {
  set: Set<string>;
  /** A word counts about one whatever its length: a Korean word's bigrams share its weight. */
  weight: Map<string, number>;
  /** Features in text order (with repeats), for order checks. */
  order: string[];
  negated: boolean;
}

/** The features of a text. */
export function features(text: string): Features {
  const order: string[] = [];
  const weight = new Map<string, number>();
  const add = (f: string, w: number) => {
    order.push(f);
    weight.set(f, Math.max(weight.get(f) ?? 0, w));
  };
  let negated = false;
  for (const m of text.normalize('NFKC').matchAll(TOKEN)) {
    const word = m[0];
    if (/^\p{Script=Hangul}/u.test(word)) {
      if (NEGATION_KO.test(word) || word === '안') negated = true;
      if (KO_STOP.has(word)) continue;
      const stem = koStem(word);
      // The negation itself (`없다`, `않다`) is polarity, not content, as `not` is in English.
      if (KO_STOP.has(stem) || (NEGATION_KO.test(stem) && stem.length <= 2)) continue;
      if (stem.length === 1) add(`k:${stem}`, 1);
      // Each bigram weighs a share of its word, never less than a third of one.
      const w = Math.max(1 / 3, 1 / (stem.length - 1));
      for (let i = 0; i + 1 < stem.length; i++) add(`k:${stem.slice(i, i + 2)}`, w);
    } else if (/^\d/.test(word)) {
      add(`n:${word.replace(/,/g, '')}`, 1);
    } else {
      const tokens = enToken(word);
      if (tokens[0] && NEGATION_EN.has(tokens[0])) {
        negated = true;
        continue;
      }
      tokens.forEach((t, i) => {
        add(`e:${t}`, i === 0 ? 1 : 0.5);
      });
    }
  }
  return { set: new Set(order), weight, order, negated };
}

/** Character 10-grams of a text without spaces or punctuation: a copy shares most, a paraphrase few. */
export function shingles(text: string): Set<string> {
  const flat = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
  const out = new Set<string>();
  for (let i = 0; i + 10 <= flat.length; i++) out.add(flat.slice(i, i + 10));
  return out;
}
