import { describe, expect, it } from 'vitest';
import { command, setup, threadMessage } from '../fakes/discord-harness.ts';
import { httpSetup, reaction, threadReply } from '../fakes/slack-harness.ts';
import { STORES, type StoreKind } from '../helpers.ts';

/**
 * Runs the tasks with at most `width` in flight, as a burst from many members would arrive. 20
 * at once is a burst for the intake; many more, on a busy machine, only tests whether the HTTP
 * receiver acknowledges within Slack's 3 s (the bench measures the big burst).
 */
async function burst<T>(tasks: (() => Promise<T>)[], width = 20): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < tasks.length) {
        const i = next++;
        results[i] = await (tasks[i] as () => Promise<T>)();
      }
    }),
  );
  return results;
}

describe.each(STORES)('on %s', (store: StoreKind) => {
  describe('250 replies to one drop from 50 members in one burst', () => {
    it('stores them all, one answer per member, and counts the votes on answers exactly (through the real Bolt receiver)', async () => {
      const { fake, world, slash, event } = await httpSetup(undefined, { store });
      await slash('/ask');
      const thread = (await world.db.select().from(world.t.drops))[0]?.threadRef as string;
      const member = (i: number) => `U${String(i % 50).padStart(3, '0')}`;
      const ts = (i: number) => `1700000100.${String(i).padStart(6, '0')}`;

      const posted = await burst(
        Array.from(
          { length: 250 },
          (_, i) => () =>
            event(threadReply(thread, ts(i), member(i), `답변 ${i} from ${member(i)}`)),
        ),
      );
      expect(posted.every((r) => r.status === 200)).toBe(true);
      await fake.waitFor(
        async () => (await world.db.select().from(world.t.replies)).length === 250,
        60_000,
      );

      // Five messages per member in one burst: exactly one of each member's is their answer.
      const stored = await world.db.select().from(world.t.replies);
      const answers = stored.filter((r) => r.counted);
      expect(answers).toHaveLength(50);
      expect(new Set(answers.map((r) => r.member)).size).toBe(50);

      // Each member votes 👍 on the five replies after theirs (all by others) and once on their
      // own; only votes on another member's answer are stored.
      const counted = new Map(stored.map((r) => [r.messageRef, r]));
      const targets = Array.from({ length: 50 }, (_, m) =>
        [...Array.from({ length: 5 }, (_, k) => ts(m + 1 + k * 7)), ts(m)].map((target) => ({
          voter: member(m),
          target,
        })),
      ).flat();
      const expected = targets.filter(({ voter, target }) => {
        const reply = counted.get(target);
        return reply?.counted && reply.member !== voter;
      }).length;
      expect(expected).toBeGreaterThan(0);
      const voted = await burst(
        targets.map(
          ({ voter, target }) =>
            () =>
              event(reaction(true, voter, target, '+1')),
        ),
      );
      expect(voted.every((r) => r.status === 200)).toBe(true);
      await fake.waitFor(
        async () => (await world.db.select().from(world.t.votes)).length === expected,
        60_000,
      );
      await new Promise((r) => setTimeout(r, 200));
      const all = await world.db.select().from(world.t.votes);
      expect(all).toHaveLength(expected);
      const byId = new Map(stored.map((r) => [r.id, r]));
      expect(all.every((v) => byId.get(v.replyId as number)?.counted)).toBe(true);
      expect(all.every((v) => byId.get(v.replyId as number)?.member !== v.voter)).toBe(true);
    });
  });

  describe('200 replies to one drop from 40 members in one burst on Discord', () => {
    it('stores them all through the turns and the intake, each member’s first message their answer, and tells no one anything (the real discord.js client)', async () => {
      const { fake, world } = await setup(undefined, { store, locale: 'en' });
      await command(fake, 'ask').answer();
      const thread = await fake.waitFor(() => fake.threads[0] as { id: string } | undefined);
      const posts = () => fake.requestsTo('POST', new RegExp(`^/channels/${thread.id}/messages$`));
      const before = posts().length;
      // One gateway burst: every MESSAGE_CREATE is sent before the bot has stored any of them.
      const ids = Array.from({ length: 200 }, (_, i) =>
        threadMessage(fake, thread.id, String(600 + (i % 40)), `답변 ${i}`),
      );
      await fake.waitFor(
        async () => (await world.db.select().from(world.t.replies)).length === 200,
        60_000,
      );
      const stored = await world.db.select().from(world.t.replies);
      expect(new Set(stored.map((r) => r.messageRef)).size).toBe(200);
      expect(stored.map((r) => r.messageRef.split(':')[1]).sort()).toEqual([...ids].sort());
      const answers = stored.filter((r) => r.counted);
      expect(answers.map((r) => r.text).sort()).toEqual(
        Array.from({ length: 40 }, (_, i) => `답변 ${i}`).sort(),
      );
      expect(posts().length).toBe(before);
    });
  });
});
