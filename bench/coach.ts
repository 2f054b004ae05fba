import { loadBanks } from '../src/bank/load.ts';
import { judgePrepared, prepareQuestion } from '../src/coach/judge.ts';
import { keyPoints } from '../src/coach/points.ts';
import { loadLabelled, scoreLabelled } from '../tests/coach-labels.ts';
import { type Figure, percentile, round } from './figures.ts';

const POINTS = 1_000;
/** Each labelled answer judged this many times: a p99 of a few hundred samples says little. */
const ROUNDS = 5;

/**
 * The offline coach against the hand-labelled answers (per key point F1, both languages and each),
 * then its time per answer against a model answer of 1,000 key points: the bundled banks' answers,
 * longest first, joined until they make that many (points read and matched on every call).
 */
export async function benchCoach(): Promise<Figure[]> {
  const { answers } = loadLabelled();
  const score = scoreLabelled(answers);
  const figure = (name: string, value: number, note: string): Figure => ({
    name,
    value: round(value, 3),
    unit: 'F1',
    target: 0.8,
    higherIsBetter: true,
    note,
  });
  const answersOf = loadBanks(['content'])
    .flatMap((b) => b.questions)
    .map((q) => q.answer)
    .filter((a) => a.trim() !== '')
    .sort((a, b) => b.length - a.length);
  const parts: string[] = [];
  let n = 0;
  for (let i = 0; n < POINTS; i++) {
    const answer = answersOf[i % answersOf.length] ?? '';
    // Each copy numbered, so repeated answers stay distinct points.
    const numbered = answer.replace(/(\S)[ \t]*$/gm, `$1 [${i}]`);
    parts.push(numbered);
    n = keyPoints(parts.join('\n\n')).length;
  }
  const big = {
    prompt: '클라우드 서비스와 API 연계 경험을 말해주세요',
    answer: parts.join('\n\n'),
  };
  const read = performance.now();
  const points = keyPoints(big.answer).slice(0, POINTS);
  const prepared = prepareQuestion(big, { points });
  const readMs = performance.now() - read;
  const replies = answers.map((a) => a.text);
  for (const r of replies) judgePrepared(prepared, r);
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const r of replies) {
      const t = performance.now();
      judgePrepared(prepared, r);
      times.push(performance.now() - t);
    }
  }
  return [
    figure('coach_point_f1', score.f1, `${answers.length} labelled answers, Korean and English`),
    figure('coach_ko_point_f1', score.koF1, 'Korean answers only'),
    figure('coach_en_point_f1', score.enF1, 'English answers only'),
    {
      name: 'coach_p99_ms',
      value: round(percentile(times, 99)),
      unit: 'ms',
      target: 20,
      note: `${replies.length} answers ×${ROUNDS} against one answer of ${points.length} key points (read once per question: ${Math.round(readMs)} ms)`,
    },
  ];
}
