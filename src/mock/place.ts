import { and, desc, eq, sql } from 'drizzle-orm';
import type { Learner } from '../core/cards.ts';
import type { PracticeDeps } from '../core/deps.ts';
import { type ChannelAddress, type OutMessage, PlatformError } from '../core/port.ts';
import { preparedQuery } from '../db/prepared.ts';
import { type MockRow, type MockStep, startMock } from './mock.ts';

/** A private place a mock runs in: a Discord private thread, the member's Slack DM. */
export interface MockPlace {
  threadRef: string;
  link: string | null;
}

/** The channel a mock was started in: its language, its banks, where its place belongs. */
export const mockAddress = (mock: MockRow): ChannelAddress => ({
  platform: mock.platform as ChannelAddress['platform'],
  workspace: mock.workspace,
  channel: mock.channel,
});

/**
 * Starts a mock in a place only the member and the bot see, where the platform has one
 * (`openPrivate`), and posts its first step there (`render`). When the platform refuses (a
 * missing permission, a channel that cannot have a private thread), the mock goes on where it
 * was started, as private answers to the member, and `refused` says why.
 */
export async function startPrivateMock(
  deps: PracticeDeps,
  address: ChannelAddress,
  who: Learner,
  opts: { topic?: string; minutes?: number | null; placeName: string },
  render: (step: MockStep) => Promise<OutMessage>,
): Promise<{ step: MockStep; place: MockPlace | null; refused: PlatformError | null }> {
  const step = await startMock(deps, address, who, opts);
  const port = deps.ports[address.platform];
  if (!port?.openPrivate || !port.postPrivate) return { step, place: null, refused: null };
  const { mocks } = deps.store.tables;
  const setPlace = async (threadRef: string | null) => {
    const [row] = await deps.store.db
      .update(mocks)
      .set({ threadRef })
      .where(eq(mocks.id, step.mock.id))
      .returning();
    return row ?? { ...step.mock, threadRef };
  };
  let place: MockPlace | null = null;
  try {
    place = await port.openPrivate(address, who.member, opts.placeName);
    // Stored before the first post, so the member's first message there finds the mock.
    const placed = { ...step, mock: await setPlace(place.threadRef) } as MockStep;
    await port.postPrivate(address, place.threadRef, await render(placed));
    return { step: placed, place, refused: null };
  } catch (err) {
    if (!(err instanceof PlatformError)) throw err;
    deps.log.warn(
      { err, channel: address, place: place?.threadRef ?? null },
      'a mock could not run in a private place; it runs where it was started',
    );
    if (place) await setPlace(null);
    return { step, place: null, refused: err };
  }
}

/**
 * The member's latest mock in a private place (`threadRef`: a thread or DM), finished or not;
 * undefined when none of theirs runs there. What the adapters route that place's messages and
 * clicks by.
 */
export async function mockAt(
  deps: PracticeDeps,
  who: Learner,
  threadRef: string,
): Promise<MockRow | undefined> {
  // Asked of every message in a thread: a prepared query, not built again each time.
  const [mock] = await mockInThread(deps.store, { ...who, threadRef });
  return mock;
}

const mockInThread = preparedQuery((db, { mocks }) =>
  db
    .select()
    .from(mocks)
    .where(
      and(
        eq(mocks.platform, sql.placeholder('platform')),
        eq(mocks.member, sql.placeholder('member')),
        eq(mocks.threadRef, sql.placeholder('threadRef')),
      ),
    )
    .orderBy(desc(mocks.id))
    .limit(1),
);

/** Posts in the mock's private place. */
export async function postInPlace(
  deps: PracticeDeps,
  mock: MockRow,
  message: OutMessage,
): Promise<void> {
  const address = mockAddress(mock);
  const port = deps.ports[address.platform];
  if (!mock.threadRef || !port?.postPrivate) return;
  await port.postPrivate(address, mock.threadRef, message);
}
