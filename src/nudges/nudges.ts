import { and, desc, eq, inArray, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import { addressOf, channelLocale, updateChannel } from '../core/channels.ts';
import { type PracticeDeps, portFor } from '../core/deps.ts';
import { UserError } from '../core/errors.ts';
import { answerButton, answersHidden } from '../core/hidden.ts';
import { formatDuration, t } from '../core/i18n/index.ts';
import type { ChannelAddress } from '../core/port.ts';
import type { ChannelRow, DropRow, Tables } from '../db/store.ts';
import { countedOnly } from '../db/where.ts';

const HOUR = 3_600_000;
/** Members who answered any of this many earlier drops are reminded. */
export const NUDGE_LOOKBACK = 7;
/** The most hours before a reveal a nudge may come (a reveal is at most days away). */
export const MAX_NUDGE_HOURS = 72;
/** One message pings at most this many members (Discord's allowed_mentions takes 100). */
export const MAX_NUDGED = 100;

/** `/settings nudge <hours>|off`: `off` or a whole number of hours, 1 to 72. */
export function parseNudgeHours(input: string): number | null {
  const text = input.trim().toLowerCase();
  if (text === 'off') return null;
  const m = /^(\d{1,3})\s*h?$/.exec(text);
  const hours = m ? Number(m[1]) : Number.NaN;
  if (Number.isNaN(hours))
    throw new UserError('nudge.badHours', { value: input.trim(), max: MAX_NUDGE_HOURS });
  if (hours < 1 || hours > MAX_NUDGE_HOURS)
    throw new UserError('nudge.hoursRange', { value: input.trim(), max: MAX_NUDGE_HOURS });
  return hours;
}

/** Sets (or, with null, turns off) the channel's nudge: that many hours before each reveal. */
export function setNudgeHours(
  deps: PracticeDeps,
  channel: ChannelRow,
  hours: number | null,
): Promise<ChannelRow> {
  return updateChannel(deps, channel.id, { nudgeHours: hours });
}

/** The opt-out row of a member of the address's workspace. */
function optedOut(
  { nudgeOptOuts }: Tables,
  address: Pick<ChannelAddress, 'platform' | 'workspace'>,
  member: string,
) {
  return and(
    eq(nudgeOptOuts.platform, address.platform),
    eq(nudgeOptOuts.workspace, address.workspace),
    eq(nudgeOptOuts.member, member),
  );
}

/** `/settings nudge-me off|on`: whether a member of a workspace is named in nudges. */
export async function setNudgeMe(
  deps: PracticeDeps,
  address: ChannelAddress,
  member: string,
  on: boolean,
): Promise<void> {
  const { nudgeOptOuts } = deps.store.tables;
  const where = optedOut(deps.store.tables, address, member);
  if (on) await deps.store.db.delete(nudgeOptOuts).where(where);
  else
    await deps.store.db
      .insert(nudgeOptOuts)
      .values({
        platform: address.platform,
        workspace: address.workspace,
        member,
        createdAt: deps.clock.now(),
      })
      .onConflictDoNothing();
}

/** Whether a member is named in nudges in the workspace (true unless they opted out). */
export async function nudgesMe(
  deps: PracticeDeps,
  address: ChannelAddress,
  member: string,
): Promise<boolean> {
  const { nudgeOptOuts } = deps.store.tables;
  const found = await deps.store.db
    .select({ id: nudgeOptOuts.id })
    .from(nudgeOptOuts)
    .where(optedOut(deps.store.tables, address, member))
    .limit(1);
  return found.length === 0;
}

/** Scheduled drops whose nudge is due now: open, not nudged, within `nudge_hours` of the reveal. */
export async function dueNudges(
  deps: PracticeDeps,
  now: number,
): Promise<{ drop: DropRow; channel: ChannelRow }[]> {
  const { drops, channels } = deps.store.tables;
  return deps.store.db
    .select({ drop: drops, channel: channels })
    .from(drops)
    .innerJoin(channels, eq(channels.id, drops.channelId))
    .where(
      and(
        isNotNull(channels.nudgeHours),
        isNull(drops.nudgedAt),
        isNull(drops.revealedAt),
        eq(drops.status, 'posted'),
        sql`${drops.revealDueAt} > ${now}`,
        sql`${drops.revealDueAt} - ${channels.nudgeHours} * ${HOUR} <= ${now}`,
      ),
    );
}

/**
 * Who a drop's nudge names: members with a counted answer to any of the channel's previous 7
 * drops but none to this one, leaving out those who opted out.
 */
export async function membersToNudge(
  deps: PracticeDeps,
  channel: ChannelRow,
  drop: DropRow,
): Promise<string[]> {
  const { db, tables } = deps.store;
  const { drops, replies, nudgeOptOuts } = tables;
  const earlier = await db
    .select({ id: drops.id })
    .from(drops)
    .where(
      and(
        eq(drops.channelId, channel.id),
        eq(drops.status, 'posted'),
        lt(drops.postedAt, drop.postedAt ?? drop.createdAt),
      ),
    )
    .orderBy(desc(drops.postedAt), desc(drops.id))
    .limit(NUDGE_LOOKBACK);
  if (earlier.length === 0) return [];
  const answered = await db
    .selectDistinct({ member: replies.member })
    .from(replies)
    .where(
      and(
        inArray(
          replies.dropId,
          earlier.map((d) => d.id),
        ),
        countedOnly(replies),
      ),
    )
    .orderBy(replies.member);
  const done = new Set(
    (
      await db
        .selectDistinct({ member: replies.member })
        .from(replies)
        .where(and(eq(replies.dropId, drop.id), countedOnly(replies)))
    ).map((r) => r.member),
  );
  const optedOut = new Set(
    (
      await db
        .select({ member: nudgeOptOuts.member })
        .from(nudgeOptOuts)
        .where(
          and(
            eq(nudgeOptOuts.platform, channel.platform),
            eq(nudgeOptOuts.workspace, channel.workspace),
          ),
        )
    ).map((r) => r.member),
  );
  return answered
    .map((r) => r.member)
    .filter((m) => !done.has(m) && !optedOut.has(m))
    .slice(0, MAX_NUDGED);
}

/**
 * Sends one drop's nudge, at most once: the drop is claimed by a conditional update of
 * `nudged_at`, so a restart or a second process that sees it due too gets no row and sends
 * nothing. A nudge with nobody to name is claimed and not sent. Returns who was named.
 */
export async function sendNudge(
  deps: PracticeDeps,
  drop: DropRow,
  channel: ChannelRow,
): Promise<string[] | null> {
  const { drops } = deps.store.tables;
  const now = deps.clock.now();
  const claimed = await deps.store.db
    .update(drops)
    .set({ nudgedAt: now })
    .where(and(eq(drops.id, drop.id), isNull(drops.nudgedAt), isNull(drops.revealedAt)))
    .returning({ id: drops.id });
  if (claimed.length === 0 || !drop.threadRef) return null;
  const members = await membersToNudge(deps, channel, drop);
  if (members.length === 0) return members;
  const locale = channelLocale(channel);
  const address = addressOf(channel);
  const left = formatDuration(locale, Math.max(0, (drop.revealDueAt ?? now) - now));
  // With hidden answers, the answer goes through the Answer button, which the nudge carries too.
  const hidden = answersHidden(channel);
  await portFor(deps, address).postInThread(address, drop.threadRef, {
    body: t(locale, hidden ? 'nudge.textHidden' : 'nudge.text', { left }),
    mentionMembers: members,
    ...(hidden ? { buttons: [answerButton(locale, drop.id)] } : {}),
  });
  deps.log.info({ channel: channel.id, drop: drop.id, members: members.length }, 'nudge sent');
  return members;
}
