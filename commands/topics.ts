import { z } from 'zod';
import { shownTopic } from '../src/core/bidi.ts';
import { ensureChannel } from '../src/core/channels.ts';
import { t } from '../src/core/i18n/index.ts';
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
    if (banks.length === 0) return { text: t(ctx.locale, 'topics.none'), ephemeral: true };
    return {
      text: [
        t(ctx.locale, 'topics.title'),
        ...banks.map((b) =>
          t(ctx.locale, 'topics.bank', {
            bank: b.bank,
            topics: b.topics.map(shownTopic).join(', '),
          }),
        ),
      ].join('\n'),
      ephemeral: true,
    };
  },
});
