import { z } from 'zod';
import { type DropFeedback, feedbackOnDrop, feedbackOnPrivate } from '../src/coach/feedback.ts';
import type { Judgement } from '../src/coach/judge.ts';
import { ensureChannel } from '../src/core/channels.ts';
import { type Locale, t } from '../src/core/i18n/index.ts';
import type { Fill } from '../src/core/message.ts';
import { BLANK, datum, line } from '../src/core/reply/line.ts';
import { questionInFront } from '../src/mock/mock.ts';
import { type Button, type CommandContext, type CommandReply, defineCommand } from './types.ts';

/** A point quoted from the notes, on one line, cut at a word past this many characters. */
const QUOTE_MAX = 300;

function quote(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= QUOTE_MAX) return `“${flat}”`;
  const cut = flat.slice(0, QUOTE_MAX);
  const space = cut.lastIndexOf(' ');
  return `“${space > QUOTE_MAX / 2 ? cut.slice(0, space) : cut}…”`;
}

/** What the coach says, in the channel's language; notes text only once the answer is revealed. */
/** A point of the notes under its mark (✓ covered, ≠ contradicted, ✗ missed), quoted as data. */
const marked = (mark: string, point: string): Fill => ({
  kind: 'fill',
  text: `${mark} {point}`,
  data: { point: quote(point) },
});

function feedbackLines(
  locale: Locale,
  prompt: string,
  f: Judgement,
  revealed: boolean,
  followUp?: string,
): Fill[] {
  const lines: Fill[] = [line(locale, 'coach.title', { prompt })];
  if (f.verdict !== 'answered') {
    lines.push(line(locale, `coach.verdict.${f.verdict}`));
    if (f.total > 0) lines.push(line(locale, 'coach.count', { covered: 0, total: f.total }));
    if (followUp) lines.push(line(locale, 'coach.followUp', { prompt: followUp }));
    return lines;
  }
  lines.push(line(locale, 'coach.count', { covered: f.covered, total: f.total }));
  if (!revealed) {
    const contradicted = f.points.filter((p) => p.status === 'contradicted').length;
    if (contradicted > 0) lines.push(line(locale, 'coach.contradictedCount', { n: contradicted }));
    if (f.missingSections.length > 0)
      lines.push(line(locale, 'coach.missingSections', { sections: f.missingSections.join(', ') }));
    lines.push(line(locale, 'coach.afterReveal'));
    return lines;
  }
  const covered = f.points.filter((p) => p.status === 'covered');
  const missed = f.points.filter((p) => p.status === 'missed');
  const contradicted = f.points.filter((p) => p.status === 'contradicted');
  if (covered.length > 0) {
    lines.push(line(locale, 'coach.coveredTitle'));
    for (const p of covered) lines.push(marked('✓', p.point.text));
  }
  if (contradicted.length > 0) {
    lines.push(line(locale, 'coach.contradictedTitle'));
    for (const p of contradicted) lines.push(marked('≠', p.point.text));
  }
  if (missed.length > 0) {
    lines.push(line(locale, 'coach.missedTitle'));
    for (const p of missed) lines.push(marked('✗', p.point.text));
  }
  if (followUp) lines.push(line(locale, 'coach.followUp', { prompt: followUp }));
  return lines;
}

/** The language model's note under the offline result, or why there is none. */
function modelLines(locale: Locale, result: DropFeedback & { kind: 'feedback' }): Fill[] {
  if (result.critique) return [BLANK, line(locale, 'coach.modelTitle'), datum(result.critique)];
  if (result.modelNote === 'unavailable') return [BLANK, line(locale, 'coach.modelUnavailable')];
  if (result.modelNote === 'withheld') return [BLANK, line(locale, 'coach.modelWithheld')];
  if (result.modelNote === 'budget') return [BLANK, line(locale, 'coach.modelBudget')];
  return [];
}

function reply(locale: Locale, result: DropFeedback): CommandReply {
  if (result.kind === 'off') return { blocks: [line(locale, 'coach.off')], ephemeral: true };
  if (result.kind === 'noDrop') return { blocks: [line(locale, 'coach.noDrop')], ephemeral: true };
  if (result.kind === 'noAnswer')
    return { blocks: [line(locale, 'coach.noAnswer', { prompt: result.prompt })], ephemeral: true };
  const lines = feedbackLines(
    locale,
    result.prompt,
    result.judgement,
    result.revealed,
    result.followUp,
  );
  return { blocks: [...lines, ...modelLines(locale, result)], ephemeral: true };
}

/** The coach's button under a reveal or a saved answer: `feedback:drop:<drop id>`. */
export function feedbackButton(locale: Locale, dropId: number) {
  return { id: `feedback:drop:${dropId}`, label: t(locale, 'coach.button'), typed: '/feedback' };
}

/**
 * The coach's button under a /review or /mock answer (the question on the member's screen),
 * when the channel has the coach on.
 */
export async function screenFeedbackButtons(ctx: CommandContext): Promise<Button[]> {
  const channel = await ensureChannel(ctx.deps, ctx.address);
  if (!channel.coach) return [];
  return [{ id: 'feedback:screen', label: t(ctx.locale, 'coach.button'), typed: '/feedback' }];
}

async function onScreen(ctx: CommandContext): Promise<CommandReply | undefined> {
  // The /review or /mock question on the member's screen, unless a drop came since.
  const learner = { platform: ctx.address.platform, member: ctx.member.id };
  const screen = await questionInFront(ctx.deps, learner, ctx.address);
  if (!screen) return undefined;
  const result = await feedbackOnPrivate(ctx.deps, ctx.address, {
    member: ctx.member.id,
    questionId: screen.questionId,
    source: screen.kind,
    revealed: screen.revealed,
  });
  return result.kind === 'noAnswer' ? undefined : reply(ctx.locale, result);
}

/**
 * `/feedback`: the coach on the member's own answer, only to them: the /review or /mock question
 * on their screen, else the drop of this thread (or the channel's newest).
 */
export const feedback = defineCommand({
  name: 'feedback',
  description: 'cmd.feedback',
  options: [],
  schema: z.object({}).strict(),
  async handle(_input, ctx) {
    const inThread = ctx.threadRef !== null && ctx.address.platform !== 'console';
    const private_ = inThread ? undefined : await onScreen(ctx);
    if (private_) return private_;
    const result = await feedbackOnDrop(ctx.deps, ctx.address, {
      member: ctx.member.id,
      threadRef: ctx.threadRef,
    });
    return reply(ctx.locale, result);
  },
  async onButton(action, arg, ctx) {
    if (action === 'screen')
      return (
        (await onScreen(ctx)) ?? {
          blocks: [line(ctx.locale, 'coach.nothingOnScreen')],
          ephemeral: true,
        }
      );
    const dropId = arg && /^\d+$/.test(arg) ? Number(arg) : Number.NaN;
    if (action !== 'drop' || Number.isNaN(dropId))
      return { blocks: [line(ctx.locale, 'interaction.stale')], ephemeral: true };
    const result = await feedbackOnDrop(ctx.deps, ctx.address, {
      member: ctx.member.id,
      threadRef: ctx.threadRef,
      dropId,
    });
    return reply(ctx.locale, result);
  },
});
