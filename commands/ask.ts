import { z } from 'zod';
import { shownTopic } from '../src/core/bidi.ts';
import { ensureChannel } from '../src/core/channels.ts';
import { line } from '../src/core/reply/line.ts';
import { dropQuestion } from '../src/practice/drops.ts';
import { dropsAwaitingNext } from '../src/practice/reveal.ts';
import { mayReveal } from '../src/settings/managers.ts';
import { defineCommand } from './types.ts';

export const ask = defineCommand({
  name: 'ask',
  description: 'cmd.ask',
  options: [{ name: 'topic', description: 'cmd.ask.topic', rest: true }],
  asksManager: (channel) => channel.revealBy === 'managers',
  schema: z.object({ topic: z.string().trim().max(200).optional() }).strict(),
  async handle({ topic }, ctx) {
    // A new question reveals the open one first: with `reveal managers`, that is not everyone's call.
    const channel = await ensureChannel(ctx.deps, ctx.address);
    if (
      !(await mayReveal(ctx.deps, channel, ctx.member)) &&
      (await dropsAwaitingNext(ctx.deps, channel.id)).length > 0
    )
      return { blocks: [line(ctx.locale, 'ask.openManagers')], ephemeral: true };
    const result = await dropQuestion(ctx.deps, ctx.address, {
      topic,
      askedBy: ctx.member.id,
      channel,
    });
    if (result.kind !== 'posted') throw new Error('a manual slot cannot be taken');
    return {
      blocks: [line(ctx.locale, 'ask.posted', { topic: shownTopic(result.question.section) })],
      ephemeral: true,
    };
  },
});
