import { z } from 'zod';
import { shownTopic } from '../src/core/bidi.ts';
import { ensureChannel } from '../src/core/channels.ts';
import { line } from '../src/core/reply/line.ts';
import { topicsByBank } from '../src/core/select.ts';
import { defineCommand } from './types.ts';

/** The topics `/ask <topic>` takes here, bank by bank. */
export const topics = defineCommand({
  name: 'topics',
  description: 'cmd.topics',
  options: [],
  schema: z.object({}).strict(),
  async handle(_input, ctx) {
    const banks = await topicsByBank(ctx.deps, await ensureChannel(ctx.deps, ctx.address));
    if (banks.length === 0) return { blocks: [line(ctx.locale, 'topics.none')], ephemeral: true };
    return {
      blocks: [
        line(ctx.locale, 'topics.title'),
        ...banks.map((b) =>
          line(ctx.locale, 'topics.bank', {
            bank: b.bank,
            topics: b.topics.map(shownTopic).join(', '),
          }),
        ),
      ],
      ephemeral: true,
    };
  },
});
