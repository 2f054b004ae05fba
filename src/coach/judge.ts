import { type Features, features, shingles } from './features.ts';
import { type KeyPoint, keyPoints, sentences } from './points.ts';

/**
 * The offline coach: which of a model answer's key points a member's answer covers. A point is
 * covered when one sentence of the answer holds most of its weighted features (or the whole
 * answer does, less surely), its hinge terms included; said with the opposite polarity
 * (`not`, `없다`) it is contradicted, which counts as missed. Abbreviations the notes spell out
 * (`TCP (Transmission Control Protocol)`, `뉴타닉스(Nutanix)`) match either way.
 */

export type PointStatus = 'covered' | 'missed' | 'contradicted';
export type Verdict = 'answered' | 'empty' | 'offTopic' | 'copiedQuestion' | 'copiedAnswer';

export interface PointResult {
  point: KeyPoint;
  status: PointStatus;
  score: number;
}

export interface Judgement {
  verdict: Verdict;
  points: PointResult[];
  covered: number;
  total: number;
  /** Sections of the answer none of whose points is covered, in the notes' order. */
  missingSections: string[];
}

export interface Question {
  prompt: string;
  answer: string;
}

const COVERED = 0.5;
/** The whole answer as one bag of words is weaker evidence than one sentence holding the point. */
const BAG_PENALTY = 0.15;
const COPIED = 0.6;
/** …and holds at least this share of the model answer's own. */
const COPIED_SHARE = 0.5;
/** Below this a point's score is nowhere near it. */
const NEAR = 0.2;
const MIN_COPY_SHINGLES = 8;
const OFF_TOPIC = 0.4;

export interface Alias {
  a: string[];
  b: string[];
}

const PAREN =
  /([\p{L}\p{N}_.\-/]+(?:[ \t]+[\p{L}\p{N}_.\-/]+){0,5})[ \t]*[(（]([^()（）\n]{1,60})[)）]/gu;

/** Pairs the notes give as `X (Y)`: an abbreviation and its words, or a name in two scripts. */
export function aliasesOf(text: string): Alias[] {
  const out: Alias[] = [];
  for (const m of text.matchAll(PAREN)) {
    const inner = (m[2] ?? '').trim();
    const before = (m[1] ?? '').trim().split(/\s+/);
    // `(2)`, `(usually a B-tree)`: a count or an aside, not another name.
    if (inner.split(/\s+/).length > 6 || !/\p{L}/u.test(inner)) continue;
    let outer: string[];
    if (/^[A-Z][A-Za-z0-9]{1,7}$/.test(inner) && /[A-Z].*[A-Z]/.test(inner)) {
      // `Transmission Control Protocol (TCP)`: as many words as the abbreviation has capitals.
      const n = (inner.match(/[A-Z]/g) ?? []).length;
      outer = before.slice(-n);
    } else outer = before.slice(-1);
    const a = [...features(outer.join(' ')).set];
    const b = [...features(inner).set];
    if (a.length > 0 && b.length > 0) out.push({ a, b });
  }
  return out;
}

function expand(set: Set<string>, aliases: Alias[]): Set<string> {
  const out = new Set(set);
  for (const { a, b } of aliases) {
    if (a.every((f) => set.has(f))) for (const f of b) out.add(f);
    if (b.every((f) => set.has(f))) for (const f of a) out.add(f);
  }
  return out;
}

export interface Prepared {
  point: KeyPoint;
  feats: Features;
  weights: Map<string, number>;
  total: number;
  terms: Set<string>[];
  numbers: Set<string>;
}

/** Weights: a feature shared by many of the answer's points, or echoed from the prompt, counts less. */
function prepare(points: KeyPoint[], prompt: Set<string>): Prepared[] {
  const feats = points.map((p) => features(p.text));
  const df = new Map<string, number>();
  for (const f of feats) for (const x of f.set) df.set(x, (df.get(x) ?? 0) + 1);
  return points.map((point, i) => {
    const f = feats[i] as Features;
    const weights = new Map<string, number>();
    let total = 0;
    for (const x of f.set) {
      const w = ((f.weight.get(x) ?? 1) / (df.get(x) ?? 1)) * (prompt.has(x) ? 0.5 : 1);
      weights.set(x, w);
      total += w;
    }
    const terms = point.terms.map((t) => features(t).set).filter((s) => s.size > 0);
    // A number the point states (a status code, a salary) must be the number the answer states.
    const numbers = new Set([...f.set].filter((x) => x.startsWith('n:')));
    return { point, feats: f, weights, total, terms, numbers };
  });
}

function score(p: Prepared, set: Set<string>): number {
  if (p.total === 0) return 0;
  let got = 0;
  for (const [x, w] of p.weights) if (set.has(x)) got += w;
  return got / p.total;
}

function hasTerms(p: Prepared, set: Set<string>): boolean {
  const held = (t: Set<string>) => {
    let n = 0;
    for (const x of t) if (set.has(x)) n++;
    return n > 0 && n / t.size >= 0.5;
  };
  return (p.terms.length === 0 || p.terms.some(held)) && (p.numbers.size === 0 || held(p.numbers));
}

function overlapCount(part: Set<string>, whole: Set<string>): number {
  let n = 0;
  for (const x of part) if (whole.has(x)) n++;
  return n;
}

function overlap(part: Set<string>, whole: Set<string>): number {
  if (part.size === 0) return 0;
  let n = 0;
  for (const x of part) if (whole.has(x)) n++;
  return n / part.size;
}

function missingSections(results: PointResult[]): string[] {
  const seen = new Map<string, boolean>();
  for (const r of results) {
    if (r.point.section === null) continue;
    seen.set(r.point.section, (seen.get(r.point.section) ?? false) || r.status === 'covered');
  }
  return [...seen].filter(([, covered]) => !covered).map(([name]) => name);
}

function allMissed(verdict: Verdict, points: KeyPoint[]): Judgement {
  const results = points.map((point) => ({ point, status: 'missed' as const, score: 0 }));
  return {
    verdict,
    points: results,
    covered: 0,
    total: points.length,
    missingSections: missingSections(results),
  };
}

/** A sentence's clauses: its polarity is read from the clause that says the point. */
function clauses(sentence: string): string[] {
  return sentence
    .split(/,\s+|\s+(?:while|whereas|but|although)\s+|(?<=지만|는데|반면|고|며),?\s+/u)
    .filter((c) => c.trim() !== '');
}

interface Part {
  set: Set<string>;
  readonly clauses: { set: Set<string>; negated: boolean }[];
}

/**
 * Judges a member's answer against a question's key points (read from its answer unless
 * given). `aliases` adds pairs the rest of the notes give (`aliasesOf` of the bank's answers).
 */
export function judge(
  question: Question,
  reply: string,
  options: { points?: KeyPoint[]; aliases?: Alias[] } = {},
): Judgement {
  return judgePrepared(prepareQuestion(question, options), reply);
}

/** What judging needs of a question, computed once per question and reused for every answer. */
export interface PreparedQuestion {
  points: KeyPoint[];
  prepared: Prepared[];
  promptSet: Set<string>;
  aliases: Alias[];
  model: Set<string>;
  prompt: Set<string>;
  topic: Set<string>;
  entities: Set<string>;
  /** Feature → the points holding it: an answer is scored only against points it shares a word with. */
  byFeature: Map<string, [number, number][]>;
}

const CACHE_SIZE = 200;
const cache = new Map<string, PreparedQuestion>();

/** A question's points and features; the latest few questions are kept (a drop's answers come together). */
export function prepareQuestion(
  question: Question,
  options: { points?: KeyPoint[]; aliases?: Alias[] } = {},
): PreparedQuestion {
  const key =
    options.points || options.aliases ? null : `${question.prompt}\u0000${question.answer}`;
  const hit = key === null ? undefined : cache.get(key);
  if (hit) return hit;
  const points = options.points ?? keyPoints(question.answer);
  const promptSet = features(question.prompt).set;
  const aliases = [
    ...aliasesOf(`${question.prompt}\n${question.answer}`),
    ...(options.aliases ?? []),
  ];
  const prepared = prepare(points, promptSet);
  const out: PreparedQuestion = {
    points,
    prepared,
    promptSet,
    aliases,
    model: shingles(question.answer),
    prompt: shingles(question.prompt),
    topic: expand(new Set([...promptSet, ...features(question.answer).set]), aliases),
    // What the question is about (`PUT`, `PATCH`): a sentence saying of one what the notes say
    // of the other, while the answer names the first elsewhere, has the right terms in a wrong
    // statement.
    entities: new Set(prepared.flatMap((p) => [...p.feats.set].filter((x) => promptSet.has(x)))),
    byFeature: new Map(),
  };
  prepared.forEach((p, i) => {
    for (const [x, w] of p.weights) {
      const list = out.byFeature.get(x);
      if (list) list.push([i, w]);
      else out.byFeature.set(x, [[i, w]]);
    }
  });
  if (key !== null) {
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    cache.set(key, out);
  }
  return out;
}

export function judgePrepared(q: PreparedQuestion, reply: string): Judgement {
  const { points, prepared, aliases, entities } = q;
  const whole = features(reply);
  if (whole.set.size === 0) return allMissed('empty', points);
  const mine = shingles(reply);
  if (mine.size >= MIN_COPY_SHINGLES) {
    // Most of the answer is the notes' words, and it holds a good share of them.
    if (
      overlap(mine, q.model) >= COPIED &&
      overlapCount(mine, q.model) >= q.model.size * COPIED_SHARE
    )
      return allMissed('copiedAnswer', points);
    if (overlap(mine, q.prompt) >= COPIED) return allMissed('copiedQuestion', points);
  }
  const parts: Part[] = reply
    .split(/\n+/)
    .flatMap((line) => sentences(line))
    .map((s) => {
      let memo: Part['clauses'] | undefined;
      return {
        set: expand(features(s).set, aliases),
        // Read only for a sentence that says some point.
        get clauses() {
          memo ??= clauses(s).map((c) => {
            const f = features(c);
            return { set: expand(f.set, aliases), negated: f.negated };
          });
          return memo;
        },
      };
    });
  const bag = expand(whole.set, aliases);
  let bestAny = 0;
  // Scores of every point at once, from the answer's side: each word adds its weight to the
  // points that hold it (a model answer of 1,000 points is judged in a few milliseconds).
  const scoresOf = (set: Set<string>): Float64Array => {
    const got = new Float64Array(prepared.length);
    for (const x of set) for (const [i, w] of q.byFeature.get(x) ?? []) got[i] = (got[i] ?? 0) + w;
    prepared.forEach((p, i) => {
      got[i] = p.total === 0 ? 0 : (got[i] ?? 0) / p.total;
    });
    return got;
  };
  const partScores = parts.map((part) => scoresOf(part.set));
  const bagScores = scoresOf(bag);
  const results: PointResult[] = prepared.map((p, i) => {
    let best = 0;
    let bestPart: Part | undefined;
    for (let k = 0; k < parts.length; k++) {
      const s = partScores[k]?.[i] ?? 0;
      if (s > best) {
        best = s;
        bestPart = parts[k];
      }
    }
    const s = Math.max(best, (bagScores[i] ?? 0) - BAG_PENALTY);
    bestAny = Math.max(bestAny, s);
    if (s < COVERED || !hasTerms(p, bag)) return { point: p.point, status: 'missed', score: s };
    if (bestPart && best >= COVERED) {
      const own = [...p.feats.set].filter((x) => entities.has(x));
      const said = [...bestPart.set].filter((x) => entities.has(x) && !p.feats.set.has(x));
      const swapped =
        own.length > 0 &&
        said.length > 0 &&
        !own.some((x) => bestPart.set.has(x)) &&
        own.some((x) => bag.has(x));
      let clause = bestPart.clauses[0];
      for (const c of bestPart.clauses)
        if (clause && score(p, c.set) > score(p, clause.set)) clause = c;
      // A negated point (`without a full scan`) is said negated anywhere in the sentence.
      const negated = p.feats.negated
        ? bestPart.clauses.some((c) => c.negated)
        : (clause?.negated ?? false);
      if (swapped || negated !== p.feats.negated)
        return { point: p.point, status: 'contradicted', score: s };
    }
    return { point: p.point, status: 'covered', score: s };
  });
  const covered = results.filter((r) => r.status === 'covered').length;
  // Nothing near a point and little in common with the question or its answer: not about it.
  const verdict: Verdict =
    // A word or two can be a terse answer in other words: too little to call it off topic.
    covered === 0 &&
    whole.set.size >= 3 &&
    bestAny < NEAR &&
    overlap(whole.set, q.topic) < OFF_TOPIC
      ? 'offTopic'
      : 'answered';
  return {
    verdict,
    points: results,
    covered,
    total: points.length,
    missingSections: missingSections(results),
  };
}
