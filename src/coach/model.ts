import { coachUrlProblem } from '../core/config.ts';
import type { PracticeDeps } from '../core/deps.ts';
import { shingles } from './features.ts';
import type { Judgement } from './judge.ts';

/**
 * The coach's optional language model: a short written critique of an answer, grounded in the
 * model answer, from any OpenAI-compatible server (`COACH_BASE_URL`, `COACH_API_KEY`,
 * `COACH_MODEL`; a local Ollama, llama.cpp server or vLLM). The key goes in one header to that
 * host only: https, or plain http to this machine; no redirect is followed. Whatever goes wrong
 * (a timeout, a 429, a 500, a reply that is not the JSON asked for) is an outcome, never thrown:
 * the offline result stands, with a note.
 */

/** The longest a critique may take; the issue allows at most 15 s. */
export const MODEL_TIMEOUT_MS = 15_000;
const MAX_CRITIQUE = 1200;

export interface CoachModelConfig {
  baseUrl: string;
  apiKey?: string;
  model: string;
  timeoutMs?: number;
  /** Requests per channel and local day. */
  dailyBudget: number;
}

export type CritiqueOutcome =
  | { kind: 'ok'; text: string }
  | { kind: 'timeout' }
  | { kind: 'error'; status: number | null }
  /** Before the reveal, a critique that repeats the hidden model answer is never shown. */
  | { kind: 'withheld' };

export interface CritiqueInput {
  prompt: string;
  modelAnswer: string;
  answer: string;
  judgement: Judgement;
  revealed: boolean;
  language: 'ko' | 'en';
}

export interface CoachModel {
  readonly config: CoachModelConfig;
  critique(input: CritiqueInput): Promise<CritiqueOutcome>;
}

function systemPrompt(input: CritiqueInput): string {
  const language = input.language === 'ko' ? 'Korean' : 'English';
  const secrecy = input.revealed
    ? 'The member has seen the model answer.'
    : 'The member has NOT seen the model answer yet: never quote or paraphrase it; only say which kinds of things are missing.';
  return [
    'You coach a member of an interview-study group. Critique their answer in at most three short sentences,',
    `in ${language}, grounded only in the group's model answer below. ${secrecy}`,
    'Reply with JSON: {"critique": "..."}.',
  ].join(' ');
}

function userPrompt(input: CritiqueInput): string {
  const missed = input.judgement.points.filter((p) => p.status !== 'covered').length;
  return [
    `Question: ${input.prompt}`,
    `Model answer: ${input.modelAnswer}`,
    `Member's answer: ${input.answer}`,
    `Offline check: ${input.judgement.covered} of ${input.judgement.total} key points covered, ${missed} not.`,
  ].join('\n\n');
}

/**
 * Whether a critique repeats the model answer: a run of its words (10 letters or more, spaces
 * and punctuation aside) that neither the question nor the member's own answer has.
 */
export function quotesModelAnswer(critique: string, input: CritiqueInput): boolean {
  const model = shingles(input.modelAnswer);
  const known = new Set([...shingles(input.prompt), ...shingles(input.answer)]);
  let n = 0;
  for (const s of shingles(critique)) if (model.has(s) && !known.has(s)) n++;
  return n >= 2;
}

/** The critique from a chat completion's body, or null when it is not what was asked for. */
function critiqueOf(body: unknown): string | null {
  const content = (body as { choices?: { message?: { content?: unknown } }[] })?.choices?.[0]
    ?.message?.content;
  if (typeof content !== 'string') return null;
  const trimmed = content
    .trim()
    .replace(/^```(?:json)?\s*|\s*```$/g, '')
    .trim();
  try {
    const parsed = JSON.parse(trimmed) as { critique?: unknown };
    if (typeof parsed.critique === 'string' && parsed.critique.trim() !== '')
      return parsed.critique.trim().slice(0, MAX_CRITIQUE);
  } catch {
    return null;
  }
  return null;
}

export function createCoachModel(config: CoachModelConfig): CoachModel {
  const problem = coachUrlProblem(config.baseUrl);
  if (problem) throw new Error(`COACH_BASE_URL: ${problem}`);
  const endpoint = `${config.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  const timeoutMs = Math.min(config.timeoutMs ?? MODEL_TIMEOUT_MS, MODEL_TIMEOUT_MS);
  return {
    config,
    async critique(input) {
      let res: Response;
      try {
        res = await fetch(endpoint, {
          method: 'POST',
          // A redirect would carry the key elsewhere: refused.
          redirect: 'error',
          signal: AbortSignal.timeout(timeoutMs),
          headers: {
            'content-type': 'application/json',
            ...(config.apiKey ? { authorization: `Bearer ${config.apiKey}` } : {}),
          },
          body: JSON.stringify({
            model: config.model,
            temperature: 0.2,
            messages: [
              { role: 'system', content: systemPrompt(input) },
              { role: 'user', content: userPrompt(input) },
            ],
          }),
        });
      } catch (err) {
        const name = (err as Error).name;
        return name === 'TimeoutError' || name === 'AbortError'
          ? { kind: 'timeout' }
          : { kind: 'error', status: null };
      }
      if (!res.ok) {
        await res.body?.cancel();
        return { kind: 'error', status: res.status };
      }
      let body: unknown;
      try {
        body = await res.json();
      } catch (err) {
        const name = (err as Error).name;
        if (name === 'TimeoutError' || name === 'AbortError') return { kind: 'timeout' };
        return { kind: 'error', status: res.status };
      }
      const text = critiqueOf(body);
      if (text === null) return { kind: 'error', status: res.status };
      if (!input.revealed && quotesModelAnswer(text, input)) return { kind: 'withheld' };
      return { kind: 'ok', text };
    },
  };
}

/** The host's model, per running app (its deps): set at start-up when COACH_BASE_URL is. */
const models = new WeakMap<PracticeDeps, CoachModel>();

export function useCoachModel(deps: PracticeDeps, model: CoachModel | null): void {
  if (model) models.set(deps, model);
  else models.delete(deps);
}

export function coachModelOf(deps: PracticeDeps): CoachModel | undefined {
  return models.get(deps);
}

/** The host the answers go to, as the setting names it. */
export function modelHost(model: CoachModel): string {
  return new URL(model.config.baseUrl).host;
}
