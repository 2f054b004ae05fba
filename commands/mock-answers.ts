import { notesText } from '../src/bank/markup.ts';
import { t } from '../src/core/i18n/index.ts';
import type { Fill } from '../src/core/message.ts';
import {
  around,
  datum,
  line,
  paragraphs,
  plainLength,
  shownPrefix,
} from '../src/core/reply/line.ts';
import type { BankQuestion } from '../src/core/select.ts';
import { clipText } from '../src/core/split.ts';
import { type Mock, mockAnswers, mockOf, questionsOf } from '../src/mock/mock.ts';
import { learnerOf } from './review.ts';
import type { Button, CommandContext, CommandReply } from './types.ts';

/**
 * A mock's model answers, one question at a time while the member grades it: the question, their
 * answer and the model answer, each labelled, both whole. What does not fit one
 * message (a Discord ephemeral answer takes 2,000 characters) goes on behind a "show the rest"
 * button (`mock:more:<mock>.<index>.<offset>`), page after page, never cut mid-word.
 */

/** Characters one message may hold (Discord's 2,000, less room for the platform's frame). */
const MESSAGE = 1900;
function renderedAnswer(question: BankQuestion, ctx: CommandContext): string {
  return question.answer
    ? notesText(question.answer, question.format)
    : t(ctx.locale, 'reveal.noAnswer');
}

/**
 * What is paged for question `index`: the member's own answer and the model answer, each
 * labelled and whole (a long answer of theirs goes on behind the same button as the model's).
 */
function pagedBody(ctx: CommandContext, question: BankQuestion, own: string | undefined): string {
  const { locale } = ctx;
  return [
    t(locale, 'mock.yourAnswer', { text: own ?? t(locale, 'mock.noAnswer') }),
    t(locale, 'mock.modelLabel'),
    renderedAnswer(question, ctx),
  ].join('\n');
}

/**
 * The part of `text` from `offset` that fits `max` once a port escapes it (shownPrefix: Discord's
 * backslashes, Slack's `&amp;`), filled as far as it goes and cut at a paragraph or line in its
 * second half, else at a word (mid-word only for one longer than a page); the next offset, past
 * the whitespace at the cut.
 */
function pageOf(text: string, offset: number, max: number): { page: string; next: number | null } {
  const rest = text.slice(offset);
  const room = Math.max(1, shownPrefix(rest, max));
  let cut = rest.length;
  if (rest.length > room) {
    const head = rest.slice(0, room + 1);
    const at = (sep: string) => head.lastIndexOf(sep);
    const half = room / 2;
    cut = [at('\n\n'), at('\n')].find((i) => i >= half) ?? head.search(/\s\S*$/);
    if (cut <= 0) cut = room - (/[\uD800-\uDBFF]/.test(rest[room - 1] as string) ? 1 : 0);
  }
  const page = rest.slice(0, cut).trimEnd();
  let next = offset + cut;
  while (next < text.length && /\s/.test(text[next] as string)) next++;
  return { page, next: next < text.length ? next : null };
}

function moreButton(ctx: CommandContext, mockId: number, index: number, next: number): Button {
  const label = t(ctx.locale, 'mock.moreButton');
  return {
    id: `mock:more:${mockId}.${index}.${next}`,
    label,
    style: 'secondary',
  };
}

/**
 * The grade step of question `index`: `before` (the late notice, the model answers' title), the
 * question, the member's answer, the model answer (its first page), then `after` (what to grade).
 */
export async function modelAnswerStep(
  ctx: CommandContext,
  mock: Mock,
  questions: BankQuestion[],
  index: number,
  before: Fill[],
  after: Fill,
): Promise<{ blocks: Fill[]; buttons: Button[] }> {
  const question = questions[index];
  if (!question) return { blocks: paragraphs(...before, after), buttons: [] };
  const answers = await mockAnswers(ctx.deps, mock.id);
  const { locale } = ctx;
  const total = questions.length;
  const prompt = clipText(question.prompt, 300);
  const head = around('── ', line(locale, 'mock.modelOf', { n: index + 1, total, prompt }), ' ──');
  const continues = line(locale, 'mock.continues', { button: line(locale, 'mock.moreButton') });
  const frame = plainLength(paragraphs(...before, head, continues, after)) + 2;
  const body = pagedBody(ctx, question, answers.get(question.id));
  const { page, next } = pageOf(body, 0, MESSAGE - frame);
  const blocks = paragraphs(
    ...before,
    [head, datum(page)],
    ...(next === null ? [] : [continues]),
    after,
  );
  return { blocks, buttons: next === null ? [] : [moreButton(ctx, mock.id, index, next)] };
}

/** `more:<mock>.<index>.<offset>`: the next page of that model answer, for the mock's member. */
export async function moreOfModelAnswer(
  ctx: CommandContext,
  arg: string | null,
): Promise<CommandReply | null> {
  const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(arg ?? '');
  if (!m) return null;
  const mock = await mockOf(ctx.deps, learnerOf(ctx), Number(m[1]));
  // Model answers are shown once the last answer is in: not before, and only to the member.
  if (!mock || mock.step < mock.questions.length) return null;
  const index = Number(m[2]);
  const question = (await questionsOf(ctx.deps, mock))[index];
  const own = question ? (await mockAnswers(ctx.deps, mock.id)).get(question.id) : undefined;
  const model = question ? pagedBody(ctx, question, own) : '';
  const offset = Number(m[3]);
  if (!question || offset >= model.length) return null;
  const title = line(ctx.locale, 'mock.modelMore', {
    n: index + 1,
    total: mock.questions.length,
    prompt: clipText(question.prompt, 200),
  });
  const continues = line(ctx.locale, 'mock.continues', {
    button: line(ctx.locale, 'mock.moreButton'),
  });
  const frame = plainLength([title, continues]) + 10;
  const { page, next } = pageOf(model, offset, MESSAGE - frame);
  const ephemeral = ctx.threadRef === null || ctx.threadRef !== mock.threadRef;
  return {
    blocks: paragraphs(
      [around('── ', title, ' ──'), datum(page)],
      ...(next === null ? [] : [continues]),
    ),
    ephemeral,
    ...(next === null ? {} : { buttons: [moreButton(ctx, mock.id, index, next)] }),
  };
}
