/** What the /review and /mock platform tests share: a small bank, a due card, answers seen. */
import { gradeCard } from '../../src/core/cards.ts';
import type { World } from '../helpers.ts';
import type { FakeDiscord } from './discord.ts';
import { answerTo, type Seen } from './discord-harness.ts';

export const DAY = 86_400_000;

/** A main question with one follow-up (`1.` then `1-1`), in the owner's outline. */
export const BANK = {
  cloud:
    '# Cloud\n\t1. What is EC2?\n\t\tVirtual servers.\n\t\t1-1 What is IaaS?\n\t\t\tInfrastructure as a service.\n',
};

/** A card for `member` that is due now: missed yesterday. Returns its question id. */
export async function dueCard(world: World, platform: 'discord' | 'slack', member: string) {
  const [q] = await world.db.select().from(world.t.questions).limit(1);
  await gradeCard(world.deps, {
    platform,
    member,
    questionId: q?.id as string,
    grade: 'missed',
    source: 'review',
  });
  world.clock.advance(DAY);
  return q?.id as string;
}

/** The message a Discord interaction finally shows (not a modal). */
export async function seen(fake: FakeDiscord, sent: { id: string; token: string }) {
  const got = await answerTo(fake, sent);
  if ('modal' in got) throw new Error('a modal');
  return got as Seen;
}

/** The ✅ 🤔 ❌ button ids of `command` for a question. */
export const gradeIds = (command: 'review' | 'mock', questionId: string | undefined) =>
  (['ok', 'partly', 'missed'] as const).map((g) => `${command}:grade:${g}:${questionId}`);
