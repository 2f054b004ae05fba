import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { aliasesOf, type Judgement, judge, type Verdict } from '../src/coach/judge.ts';

/** The hand-labelled answers of tests/fixtures/coach, read and scored (tests and bench). */

const DIR = join(import.meta.dirname, 'fixtures', 'coach');

export interface LabelledQuestion {
  key: string;
  lang: 'en' | 'ko';
  prompt: string;
  answer: string;
  followUps: string[];
  points: number;
}

export interface LabelledAnswer {
  question: LabelledQuestion;
  text: string;
  /** 0-based indexes of the key points covered. */
  covered: number[];
  verdict: Verdict;
  wrongStatement: boolean;
  line: number;
}

const VERDICTS = new Set(['empty', 'offTopic', 'copiedQuestion', 'copiedAnswer']);

export function loadLabelled(): { questions: LabelledQuestion[]; answers: LabelledAnswer[] } {
  const questions = JSON.parse(
    readFileSync(join(DIR, 'questions.json'), 'utf8'),
  ) as LabelledQuestion[];
  const answers: LabelledAnswer[] = [];
  let question: LabelledQuestion | undefined;
  readFileSync(join(DIR, 'answers.txt'), 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (line.startsWith('#') || line.trim() === '') return;
      if (line.startsWith('@')) {
        question = questions.find((q) => q.key === line.slice(1).trim());
        if (!question) throw new Error(`answers.txt:${i + 1}: unknown question ${line}`);
        return;
      }
      const bar = line.indexOf(' |');
      if (bar < 0 || !question) throw new Error(`answers.txt:${i + 1}: not "LABEL | answer"`);
      const label = line.slice(0, bar).trim();
      const text = line
        .slice(bar + 2)
        .replace(/^ /, '')
        .replace(/\\n/g, '\n');
      const wrongStatement = label.endsWith('!');
      const head = label.replace(/\s*!$/, '');
      const verdict = (VERDICTS.has(head) ? head : 'answered') as Verdict;
      const covered =
        head === '-' || VERDICTS.has(head) ? [] : head.split(',').map((n) => Number(n) - 1);
      answers.push({ question, text, covered, verdict, wrongStatement, line: i + 1 });
    });
  return { questions, answers };
}

export interface Score {
  f1: number;
  koF1: number;
  enF1: number;
  answers: number;
  /** Answers labelled with a verdict whose judgement gave another. */
  verdictMisses: LabelledAnswer[];
  judgements: Judgement[];
}

function f1(tp: number, fp: number, fn: number): number {
  return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
}

export function scoreLabelled(answers: LabelledAnswer[]): Score {
  const counts = { en: { tp: 0, fp: 0, fn: 0 }, ko: { tp: 0, fp: 0, fn: 0 } };
  const verdictMisses: LabelledAnswer[] = [];
  // Abbreviations and names any answer of the notes spells out count for every question.
  const questions = [...new Set(answers.map((a) => a.question))];
  const aliases = questions.flatMap((q) => aliasesOf(q.answer));
  const judgements = answers.map((a) => {
    const j = judge(a.question, a.text, { aliases });
    const c = counts[a.question.lang];
    j.points.forEach((p, i) => {
      const said = p.status === 'covered';
      const truth = a.covered.includes(i);
      if (said && truth) c.tp++;
      else if (said) c.fp++;
      else if (truth) c.fn++;
    });
    if (a.verdict !== 'answered' && j.verdict !== a.verdict) verdictMisses.push(a);
    return j;
  });
  const all = {
    tp: counts.en.tp + counts.ko.tp,
    fp: counts.en.fp + counts.ko.fp,
    fn: counts.en.fn + counts.ko.fn,
  };
  return {
    f1: f1(all.tp, all.fp, all.fn),
    koF1: f1(counts.ko.tp, counts.ko.fp, counts.ko.fn),
    enF1: f1(counts.en.tp, counts.en.fp, counts.en.fn),
    answers: answers.length,
    verdictMisses,
    judgements,
  };
}
