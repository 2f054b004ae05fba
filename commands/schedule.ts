import { z } from 'zod';
import { type Channel, channelTimezone, ensureChannel } from '../src/core/channels.ts';
import type { PracticeDeps } from '../src/core/deps.ts';
import { limitsOf } from '../src/core/deps.ts';
import { formatDuration, type Locale } from '../src/core/i18n/index.ts';
import type { Fill } from '../src/core/message.ts';
import { joinLines, line } from '../src/core/reply/line.ts';
import { formatLocal } from '../src/core/zone.ts';
import { dropQuestion } from '../src/practice/drops.ts';
import {
  checkTimeZone,
  nextSlots,
  parseCron,
  parseReveal,
  revealTime,
  ScheduleInputError,
  shortestGap,
} from '../src/schedule/rule.ts';
import { type ScheduleSettings, saveSchedule, skipNextSlot } from '../src/schedule/settings.ts';
import { addSkipDate, parseSkipDate, removeSkipDate, skipDates } from '../src/schedule/skips.ts';
import { upcomingDrops } from '../src/schedule/upcoming.ts';
import { isManager } from '../src/settings/managers.ts';
import type { CommandContext, CommandReply } from './types.ts';
import { defineCommand } from './types.ts';

const ACTIONS = ['show', 'set', 'skip', 'unskip', 'pause', 'resume', 'off', 'test'] as const;

const reply = (lines: Fill | Fill[], ephemeral = true): CommandReply => ({
  blocks: Array.isArray(lines) ? lines : [lines],
  ephemeral,
});

function describeRule(row: Channel, zone: string, locale: Locale): Fill {
  const rule = row.reveal
    ? line(locale, 'schedule.ruleReveal', { cron: row.cron ?? '', zone, reveal: row.reveal })
    : line(locale, 'schedule.rule', { cron: row.cron ?? '', zone });
  if (!row.mention) return rule;
  return joinLines(
    [rule, line(locale, 'schedule.mention', { mention: { mention: row.mention } })],
    ', ',
  );
}

function slotLine(deps: PracticeDeps, row: Channel, slot: number, locale: Locale): Fill {
  const zone = channelTimezone(deps, row);
  const base = { local: `${formatLocal(slot, zone)} ${zone}`, utc: new Date(slot).toISOString() };
  if (!row.reveal) return line(locale, 'schedule.slot', base);
  const at = revealTime(slot, parseReveal(row.reveal), zone);
  return line(locale, 'schedule.slotReveal', {
    ...base,
    revealLocal: formatLocal(at, zone),
    revealUtc: new Date(at).toISOString(),
  });
}

function upcoming(deps: PracticeDeps, row: Channel, count: number): number[] {
  if (!row.cron) return [];
  return nextSlots(parseCron(row.cron), channelTimezone(deps, row), deps.clock.now(), count);
}

async function show(ctx: CommandContext, row: Channel): Promise<CommandReply> {
  const { deps, locale } = ctx;
  const lines: Fill[] = [];
  const holidays = await skipDates(deps, row);
  if (!row.cron) lines.push(line(locale, 'schedule.none'));
  else {
    lines.push(
      line(locale, 'schedule.header', {
        rule: describeRule(row, channelTimezone(deps, row), locale),
      }),
    );
    if (row.paused) lines.push(line(locale, 'schedule.pausedState'));
    const next = await upcomingDrops(deps, row, 3);
    if (next.length === 0) lines.push(line(locale, 'schedule.noNext'));
    else {
      lines.push(
        line(locale, 'schedule.next'),
        ...next.map((s) => {
          const slot = slotLine(deps, row, s.at, locale);
          if (s.holiday) return joinLines([slot, line(locale, 'schedule.holidayMark')], ' · ');
          return s.skipped ? joinLines([slot, line(locale, 'schedule.skippedMark')], ' · ') : slot;
        }),
      );
    }
  }
  if (holidays.length > 0)
    lines.push(line(locale, 'schedule.holidays', { dates: holidays.join(', ') }));
  if (row.lastError && row.lastErrorAt) {
    const when = `${formatLocal(row.lastErrorAt, channelTimezone(deps, row))} ${channelTimezone(deps, row)}`;
    lines.push(line(locale, 'schedule.lastFailure', { when, reason: row.lastError }));
  }
  return reply(lines);
}

/** `/schedule skip date:` adds a holiday, `/schedule unskip date:` removes one. */
async function holiday(
  ctx: CommandContext,
  row: Channel,
  action: 'skip' | 'unskip',
  input: string | undefined,
): Promise<CommandReply> {
  const { deps, locale } = ctx;
  if (!input) return reply(line(locale, 'skip.needDate'));
  const date = parseSkipDate(input);
  if (action === 'skip') {
    const added = await addSkipDate(deps, row, date, ctx.member.id);
    if (!added) return reply(line(locale, 'skip.already', { date }));
    return reply(line(locale, 'skip.added', { date, zone: channelTimezone(deps, row) }), false);
  }
  if (await removeSkipDate(deps, row, date))
    return reply(line(locale, 'skip.removed', { date }), false);
  const left = await skipDates(deps, row);
  return reply(
    line(locale, 'skip.notThere', {
      date,
      dates: left.length > 0 ? left.join(', ') : line(locale, 'skip.none'),
    }),
  );
}

function nextText(ctx: CommandContext, row: Channel): Fill {
  const [next] = upcoming(ctx.deps, row, 1);
  if (next === undefined) return line(ctx.locale, 'schedule.noNext');
  const slot = slotLine(ctx.deps, row, next, ctx.locale);
  return { ...slot, text: slot.text.replace(/^- /, '') };
}

export const schedule = defineCommand({
  name: 'schedule',
  description: 'cmd.schedule',
  options: [
    { name: 'action', description: 'cmd.schedule.action', choices: ACTIONS },
    { name: 'cron', description: 'cmd.schedule.cron', words: 5 },
    { name: 'timezone', description: 'cmd.schedule.timezone' },
    { name: 'reveal', description: 'cmd.schedule.reveal' },
    { name: 'mention', description: 'cmd.schedule.mention', kind: 'mentionable' },
    { name: 'date', description: 'cmd.schedule.date' },
  ],
  asksManager: true,
  schema: z
    .object({
      action: z.enum(ACTIONS).default('show'),
      cron: z.string().trim().max(100).optional(),
      timezone: z.string().trim().max(64).optional(),
      reveal: z.string().trim().max(16).optional(),
      mention: z.string().trim().max(100).optional(),
      date: z.string().trim().max(20).optional(),
    })
    .strict(),
  async handle(input, ctx) {
    const { deps, locale } = ctx;
    const row = await ensureChannel(deps, ctx.address);
    if (input.action === 'show') return show(ctx, row);
    if (!(await isManager(deps, row, ctx.member))) return reply(line(locale, 'schedule.forbidden'));
    const now = deps.clock.now();

    if (input.action === 'set') {
      if (!input.cron) return reply(line(locale, 'schedule.needCron'));
      let values: ScheduleSettings;
      try {
        const rule = parseCron(input.cron);
        const timezone = checkTimeZone(input.timezone ?? channelTimezone(deps, row), now);
        const min = limitsOf(deps).scheduleMinIntervalMs;
        const gap = shortestGap(rule, timezone, now);
        if (gap !== null && gap < min) {
          return reply(
            line(locale, 'schedule.tooOften', {
              gap: formatDuration(locale, gap),
              min: formatDuration(locale, min),
            }),
          );
        }
        if (input.reveal) parseReveal(input.reveal);
        values = {
          cron: rule.expression,
          timezone,
          reveal: input.reveal || null,
          mention: input.mention || null,
          paused: false,
          scheduleSince: now,
        };
      } catch (err) {
        if (err instanceof ScheduleInputError)
          return reply(line(locale, 'schedule.invalid', { reason: err.line(locale) }));
        throw err;
      }
      const missing = (await ctx.missingPermissions?.()) ?? [];
      if (missing.length > 0) {
        return reply(
          line(locale, 'schedule.missingPermissions', { permissions: missing.join(', ') }),
        );
      }
      if (values.mention && ctx.resolveMention) {
        const resolved = await ctx.resolveMention(values.mention);
        if ('refused' in resolved)
          return reply(line(locale, resolved.refused, { mention: { mention: values.mention } }));
        values.mention = resolved.mention;
      }
      const saved = await saveSchedule(deps, row, values);
      return reply(
        line(locale, 'schedule.saved', {
          rule: describeRule(saved, channelTimezone(deps, saved), locale),
          next: nextText(ctx, saved),
        }),
        false,
      );
    }
    // `/schedule skip 2026-12-25`: a date typed in order lands in the cron option's place.
    const date =
      input.date ?? (input.action === 'skip' || input.action === 'unskip' ? input.cron : undefined);
    if (input.action === 'unskip' || (input.action === 'skip' && date))
      return holiday(ctx, row, input.action, date);
    if (!row.cron) return reply(line(locale, 'schedule.none'));
    if (input.action === 'test') {
      // The next drop now, as the schedule would post it (title, mention, reveal rule), without
      // taking its slot: a way to see one without waiting for the cron.
      const zone = channelTimezone(deps, row);
      await dropQuestion(deps, ctx.address, {
        asScheduled: true,
        mention: row.mention,
        revealDueAt: row.reveal ? revealTime(now, parseReveal(row.reveal), zone) : null,
      });
      return reply(line(locale, 'schedule.tested', { next: nextText(ctx, row) }));
    }
    if (input.action === 'skip') {
      const slot = await skipNextSlot(deps, row, upcoming(deps, row, 50));
      if (slot === null) return reply(line(locale, 'schedule.noNext'));
      const zone = channelTimezone(deps, row);
      const iso = new Date(slot).toISOString();
      return reply(
        line(locale, 'schedule.skipped', { slot: `${formatLocal(slot, zone)} ${zone} (${iso})` }),
        false,
      );
    }
    if (input.action === 'pause') {
      await saveSchedule(deps, row, { paused: true });
      return reply(line(locale, 'schedule.paused'), false);
    }
    if (input.action === 'resume') {
      const saved = await saveSchedule(deps, row, { paused: false, scheduleSince: now });
      return reply(line(locale, 'schedule.resumed', { next: nextText(ctx, saved) }), false);
    }
    await saveSchedule(deps, row, { cron: null, paused: false });
    return reply(line(locale, 'schedule.off'), false);
  },
});
