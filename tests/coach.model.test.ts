import { afterEach, describe, expect, it } from 'vitest';
import { judge } from '../src/coach/judge.ts';
import { type CritiqueInput, createCoachModel, useCoachModel } from '../src/coach/model.ts';
import { coachUrlProblem as baseUrlProblem, loadConfig, SECRET_KEYS } from '../src/core/config.ts';
import { FakeOpenAi } from './fakes/openai.ts';
import { consoleSession, practiceWorld } from './helpers.ts';

const QUESTION = {
  prompt: 'What is the difference between PUT and PATCH?',
  answer: 'PUT replaces the whole resource; PATCH changes part of it.',
};
const input = (revealed: boolean): CritiqueInput => ({
  prompt: QUESTION.prompt,
  modelAnswer: QUESTION.answer,
  answer: 'PUT replaces everything',
  judgement: judge(QUESTION, 'PUT replaces everything'),
  revealed,
  language: 'en',
});

const fakes: FakeOpenAi[] = [];
afterEach(async () => {
  for (const f of fakes.splice(0)) await f.stop();
});
async function fake() {
  const f = new FakeOpenAi();
  await f.start();
  fakes.push(f);
  return f;
}

describe('the coach’s optional language model (a fake OpenAI-compatible server on 127.0.0.1)', () => {
  it('sends the model and the key to that host only, and reads the critique', async () => {
    const server = await fake();
    const model = createCoachModel({
      baseUrl: server.baseUrl,
      apiKey: 'sk-test-secret',
      model: 'tiny',
      dailyBudget: 5,
    });
    expect(await model.critique(input(false))).toEqual({
      kind: 'ok',
      text: 'Good start: name the trade-offs too.',
    });
    const [req] = server.requests;
    expect(req?.path).toBe('/v1/chat/completions');
    expect(req?.authorization).toBe('Bearer sk-test-secret');
    expect(req?.body.model).toBe('tiny');
    // Before the reveal the model is told not to quote it.
    expect(req?.body.messages?.[0]?.content).toContain('has NOT seen the model answer');
  });

  it('turns 429, 500, a malformed body and a slow reply into outcomes, never throws', async () => {
    const server = await fake();
    const model = createCoachModel({
      baseUrl: server.baseUrl,
      model: 'tiny',
      timeoutMs: 500,
      dailyBudget: 5,
    });
    server.mode = '429';
    expect(await model.critique(input(true))).toEqual({ kind: 'error', status: 429 });
    server.mode = '500';
    expect(await model.critique(input(true))).toEqual({ kind: 'error', status: 500 });
    server.mode = 'malformed';
    expect(await model.critique(input(true))).toEqual({ kind: 'error', status: 200 });
    server.mode = 'slow';
    expect(await model.critique(input(true))).toEqual({ kind: 'timeout' });
    expect(server.requests[0]?.authorization).toBeUndefined();
  });

  it('withholds a critique that quotes the hidden model answer before the reveal, not after', async () => {
    const server = await fake();
    server.mode = 'quote';
    server.quote = 'PATCH changes part of it';
    const model = createCoachModel({ baseUrl: server.baseUrl, model: 'tiny', dailyBudget: 5 });
    expect(await model.critique(input(false))).toEqual({ kind: 'withheld' });
    expect(await model.critique(input(true))).toMatchObject({ kind: 'ok' });
  });

  it('takes the key only to https or this machine', () => {
    expect(baseUrlProblem('https://api.example.com/v1')).toBeNull();
    expect(baseUrlProblem('http://127.0.0.1:11434/v1')).toBeNull();
    expect(baseUrlProblem('http://localhost:8080/v1')).toBeNull();
    expect(baseUrlProblem('http://[::1]:8080/v1')).toBeNull();
    expect(baseUrlProblem('http://10.0.0.5:11434/v1')).toMatch(/must be https/);
    expect(baseUrlProblem('https://user:pw@api.example.com/v1')).toMatch(/user or password/);
    expect(baseUrlProblem('not a url')).toMatch(/must be a URL/);
    expect(() =>
      createCoachModel({ baseUrl: 'http://example.com/v1', model: 'm', dailyBudget: 1 }),
    ).toThrow(/COACH_BASE_URL/);
    // At start-up: one clear line per bad variable; the key is a secret the logs never show.
    expect(() =>
      loadConfig({ COACH_BASE_URL: 'http://10.0.0.5:11434/v1', COACH_MODEL: 'm' }),
    ).toThrow(/COACH_BASE_URL: must be https/);
    expect(() => loadConfig({ COACH_BASE_URL: 'https://api.example.com/v1' })).toThrow(
      /COACH_MODEL: required/,
    );
    expect(loadConfig({}).COACH_BASE_URL).toBeUndefined();
    expect(SECRET_KEYS).toContain('COACH_API_KEY');
  });
});

describe('the language model through /feedback (console)', () => {
  const NOTES = {
    web: '# Web\n\t1. What is the difference between PUT and PATCH?\n\t\tPUT replaces the whole resource; PATCH changes part of it.\n',
  };

  it('only where a manager turned it on; critique, withheld quote, failure and budget each told', async () => {
    const server = await fake();
    const world = await practiceWorld(NOTES, { locale: 'en' });
    const none = await consoleSession(world, ['/settings coach-model on']);
    expect(none.output()).toContain('No language model is configured on this host');
    useCoachModel(
      world.deps,
      createCoachModel({
        baseUrl: server.baseUrl,
        apiKey: 'sk-test-secret',
        model: 'tiny',
        timeoutMs: 2000,
        dailyBudget: 3,
      }),
    );
    const off = await consoleSession(world, ['/ask', 'PUT replaces everything', '/feedback']);
    expect(off.output()).not.toContain('language model');
    expect(server.requests).toHaveLength(0);

    const on = await consoleSession(world, ['/settings coach-model on', '/feedback']);
    expect(on.output()).toContain(`sent to ${new URL(server.baseUrl).host} for a critique`);
    expect(on.output()).toContain(
      'A note from the language model:\nGood start: name the trade-offs too.',
    );

    server.mode = 'quote';
    server.quote = 'PATCH changes part of it';
    const quoted = await consoleSession(world, ['/feedback']);
    expect(quoted.output()).toContain('held back until the reveal');
    expect(quoted.output()).not.toContain('PATCH changes part of it');

    server.mode = '500';
    const failed = await consoleSession(world, ['/feedback']);
    expect(failed.output()).toContain('did not answer in time or failed');
    expect(failed.output()).toMatch(/Your answer covers \d of 2 key points/);

    server.mode = 'normal';
    const spent = await consoleSession(world, ['/feedback']);
    expect(spent.output()).toContain('budget for this channel is spent');
    expect(server.requests).toHaveLength(3);
    const rows = await world.db.select().from(world.t.coachFeedback);
    expect(rows.map((r) => r.modelStatus)).toEqual([null, 'ok', 'withheld', 'error', 'budget']);
    expect(rows[1]?.critique).toBe('Good start: name the trade-offs too.');
  });
});
