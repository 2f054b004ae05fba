import { describe, expect, it } from 'vitest';
import { httpSetup, reaction, threadReply } from '../fakes/slack-harness.ts';
import { STORES, type StoreKind } from '../helpers.ts';

/** Runs the tasks with at most `width` in flight, as a burst from many members would arrive. */
async function burst<T>(tasks: (() => Promise<T>)[], width = 100): Promise<T[]> {
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
  describe('1,000 replies to one drop from 200 members in one burst', () => {
    it('stores them all and counts the votes exactly (through the real Bolt receiver)', async () => {
      const { fake, world, slash, event } = await httpSetup(undefined, { store });
      await slash('/ask');
      const thread = (await world.db.select().from(world.t.drops))[0]?.threadRef as string;
      const member = (i: number) => `U${String(i % 200).padStart(3, '0')}`;
      const ts = (i: number) => `1700000100.${String(i).padStart(6, '0')}`;

      const posted = await burst(
        Array.from(
          { length: 1000 },
          (_, i) => () =>
            event(threadReply(thread, ts(i), member(i), `답변 ${i} from ${member(i)}`)),
        ),
      );
      expect(posted.every((r) => r.status === 200)).toBe(true);
      await fake.waitFor(
        async () => (await world.db.select().from(world.t.replies)).length === 1000,
        20_000,
      );

      // Each member votes 👍 on the five replies after theirs (all by others) and once on their own.
      const voteEvents = Array.from({ length: 200 }, (_, m) => [
        ...Array.from(
          { length: 5 },
          (_, k) => () => event(reaction(true, member(m), ts(m + 1 + k * 7), '+1')),
        ),
        () => event(reaction(true, member(m), ts(m), '+1')),
      ]).flat();
      const voted = await burst(voteEvents);
      expect(voted.every((r) => r.status === 200)).toBe(true);
      await fake.waitFor(
        async () => (await world.db.select().from(world.t.votes)).length === 1000,
        20_000,
      );
      await new Promise((r) => setTimeout(r, 200));
      const all = await world.db.select().from(world.t.votes);
      expect(all).toHaveLength(1000);
      const byId = new Map(
        (await world.db.select().from(world.t.replies)).map((r) => [r.id, r.member]),
      );
      expect(all.every((v) => byId.get(v.replyId as number) !== v.voter)).toBe(true);
      expect(new Set(all.map((v) => v.voter)).size).toBe(200);
    });
  });
});
