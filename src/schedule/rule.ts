import cron from 'node-cron';
import { UserError } from '../core/errors.ts';
import {
  formatDayOfMonth,
  formatMonths,
  type Locale,
  type MessageKey,
  t,
  type Vars,
} from '../core/i18n/index.ts';
import type { Fill } from '../core/message.ts';
import { line } from '../core/reply/line.ts';
import { addDays, localDate, zonedInstant, zoneOffset } from '../core/zone.ts';

/**
 * Bad schedule input, with a catalogue message naming the part to fix. Parts that read
 * differently per language (a field's name, month names) are filled in for the locale; the
 * English text is the error's message, for the command line and the log.
 */
export class ScheduleInputError extends UserError {
  constructor(
    key: MessageKey,
    vars: Vars,
    private readonly localized: (locale: Locale) => Vars = () => ({}),
  ) {
    super(key, vars);
    this.name = 'ScheduleInputError';
    this.message = this.text('en');
  }

  override text(locale: Locale): string {
    return t(locale, this.key, { ...this.vars, ...this.localized(locale) });
  }

  override line(locale: Locale): Fill {
    return line(locale, this.key, { ...this.vars, ...this.localized(locale) });
  }
}

export interface CronRule {
  expression: string;
  minutes: number[];
  hours: number[];
  days: Set<number>;
  months: Set<number>;
  weekdays: Set<number>;
}

type CronField = 'minute' | 'hour' | 'dayOfMonth' | 'month' | 'dayOfWeek';

const FIELD_RANGES: Record<CronField, string> = {
  minute: '0–59',
  hour: '0–23',
  dayOfMonth: '1–31',
  month: '1–12',
  dayOfWeek: '0–7',
};

const fieldName = (field: CronField) => (locale: Locale) => ({
  field: t(locale, `cron.field.${field}`),
  range:
    field === 'dayOfWeek'
      ? `${FIELD_RANGES[field]} (${t(locale, 'cron.sunday')})`
      : FIELD_RANGES[field],
});

/** The longest each month can be (February in a leap year). */
const MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Day of month and month that never meet (`0 9 31 2 *`): the smallest day asked for and the
 * months that never have it, found by reading each of the two fields alone.
 */
function impossibleDate(text: string): ScheduleInputError | null {
  const [min, hour, dom, month, dow] = text.split(' ');
  const days = cron.validateDetailed(`${min} ${hour} ${dom} * ${dow}`).fields?.dayOfMonth;
  const months = cron.validateDetailed(`${min} ${hour} 1 ${month} ${dow}`).fields?.month;
  const numbers = (days ?? []).filter((d): d is number => typeof d === 'number');
  if (numbers.length === 0 || !months) return null;
  const day = Math.min(...numbers);
  const without = months.filter((m) => (MONTH_DAYS[m - 1] ?? 31) < day);
  if (without.length === 0) return null;
  return new ScheduleInputError('cron.noSuchDay', { cron: text, count: without.length }, (l) => ({
    months: formatMonths(l, without),
    day: formatDayOfMonth(l, day),
  }));
}

/**
 * A 5-field cron expression (minute hour day month weekday), read by node-cron's own parser so
 * that the tasks it runs and the slots Drill computes always agree. Day of month and day of week
 * must both match, as node-cron does.
 */
const parsed = new Map<string, CronRule>();

export function parseCron(expression: string): CronRule {
  const text = expression.trim().replace(/\s+/g, ' ');
  const cached = parsed.get(text);
  if (cached) return cached;
  const rule = parseCronUncached(text);
  parsed.set(text, rule);
  return rule;
}

function parseCronUncached(text: string): CronRule {
  const count = text === '' ? 0 : text.split(' ').length;
  if (count !== 5) throw new ScheduleInputError('cron.fieldCount', { cron: text, count });
  const check = cron.validateDetailed(text);
  if (!check.valid || !check.fields) {
    const e = check.errors[0];
    const field = e?.field && e.field in FIELD_RANGES ? (e.field as CronField) : null;
    if (field === 'dayOfMonth') {
      const impossible = impossibleDate(text);
      if (impossible) throw impossible;
    }
    if (!field) throw new ScheduleInputError('cron.invalid', { cron: text });
    throw new ScheduleInputError(
      'cron.badField',
      { cron: text, value: e?.value ?? '' },
      fieldName(field),
    );
  }
  const f = check.fields;
  const numeric = (values: (number | string)[], field: CronField) => {
    if (values.some((v) => typeof v !== 'number'))
      throw new ScheduleInputError('cron.unsupported', { cron: text }, fieldName(field));
    return new Set(values as number[]);
  };
  return {
    expression: text,
    minutes: [...f.minute].sort((a, b) => a - b),
    hours: [...f.hour].sort((a, b) => a - b),
    days: numeric(f.dayOfMonth, 'dayOfMonth'),
    months: new Set(f.month),
    weekdays: new Set([...numeric(f.dayOfWeek, 'dayOfWeek')].map((d) => d % 7)),
  };
}

const ABBREVIATIONS: Record<string, string> = {
  KST: 'Asia/Seoul',
  JST: 'Asia/Tokyo',
  CST: 'America/Chicago',
  CDT: 'America/Chicago',
  EST: 'America/New_York',
  EDT: 'America/New_York',
  MST: 'America/Denver',
  MDT: 'America/Denver',
  PST: 'America/Los_Angeles',
  PDT: 'America/Los_Angeles',
  GMT: 'Europe/London',
  BST: 'Europe/London',
  CET: 'Europe/Paris',
  CEST: 'Europe/Paris',
  IST: 'Asia/Kolkata',
  AEST: 'Australia/Sydney',
  HKT: 'Asia/Hong_Kong',
  SGT: 'Asia/Singapore',
};

const PREFERRED = [
  'Asia/Seoul',
  'Asia/Tokyo',
  'Europe/London',
  'Europe/Paris',
  'America/New_York',
  'America/Los_Angeles',
];

function zonesAtOffset(offsetMs: number, now: number): string[] {
  const all = Intl.supportedValuesOf('timeZone').filter((z) => z.includes('/'));
  const matching = all.filter((z) => zoneOffset(now, z) === offsetMs);
  return [
    ...matching.filter((z) => PREFERRED.includes(z)),
    ...matching.filter((z) => !PREFERRED.includes(z)),
  ].slice(0, 3);
}

/**
 * An IANA zone name, canonical (`asia/seoul` → `Asia/Seoul`). Offsets (`+09:00`, `UTC+9`) and
 * abbreviations (`KST`) are refused with a suggestion: they do not follow daylight saving.
 */
export function checkTimeZone(input: string, now = Date.now()): string {
  const zone = input.trim();
  const offset = /^(?:UTC|GMT)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(zone);
  if (offset) {
    const ms =
      (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3] ?? 0)) * 60_000;
    const ideas = zonesAtOffset(ms, now);
    throw new ScheduleInputError('zone.offset', {
      zone,
      ideas: (ideas.length > 0 ? ideas : ['Asia/Seoul']).join(', '),
    });
  }
  const upper = zone.toUpperCase();
  if (upper in ABBREVIATIONS || (/^[A-Z]{2,5}$/.test(zone) && zone !== 'UTC')) {
    const idea = ABBREVIATIONS[upper];
    throw new ScheduleInputError('zone.abbreviation', { zone, idea: idea ?? 'Asia/Seoul' });
  }
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    throw new ScheduleInputError('zone.unknown', { zone });
  }
}

export type RevealRule =
  | { kind: 'after'; ms: number }
  | { kind: 'at'; hour: number; minute: number };

/** `+8h`, `+90m` after the drop, or `18:00` the same local day. */
export function parseReveal(input: string): RevealRule {
  const text = input.trim();
  const after = /^\+(\d{1,3})(?:\s*(h|m))?$/i.exec(text);
  if (after) {
    const n = Number(after[1]);
    const ms = n * ((after[2] ?? 'h').toLowerCase() === 'm' ? 60_000 : 3_600_000);
    if (ms <= 0 || ms > 7 * 86_400_000)
      throw new ScheduleInputError('revealRule.range', { reveal: text });
    return { kind: 'after', ms };
  }
  const at = /^(\d{1,2}):(\d{2})$/.exec(text);
  if (at && Number(at[1]) < 24 && Number(at[2]) < 60) {
    return { kind: 'at', hour: Number(at[1]), minute: Number(at[2]) };
  }
  throw new ScheduleInputError('revealRule.format', { reveal: text });
}

/** When a drop posted at `slot` is revealed: after the offset, or at HH:MM that local day (next day if already past). */
export function revealTime(slot: number, rule: RevealRule, timeZone: string): number {
  if (rule.kind === 'after') return slot + rule.ms;
  const day = localDate(slot, timeZone);
  const at = (date: string) => {
    const [year, month, d] = date.split('-').map(Number) as [number, number, number];
    return zonedInstant({ year, month, day: d, hour: rule.hour, minute: rule.minute }, timeZone);
  };
  const same = at(day);
  return same > slot ? same : at(addDays(day, 1));
}

function dayMatches(rule: CronRule, date: string): boolean {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return rule.months.has(m) && rule.days.has(d) && rule.weekdays.has(weekday);
}

/** The slots of one local day, as UTC instants in order, without duplicates. */
function slotsOfDay(rule: CronRule, date: string, timeZone: string): number[] {
  if (!dayMatches(rule, date)) return [];
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const out = new Set<number>();
  for (const hour of rule.hours) {
    for (const minute of rule.minutes)
      out.add(zonedInstant({ year, month, day, hour, minute }, timeZone));
  }
  return [...out].sort((a, b) => a - b);
}

const SEARCH_DAYS = 366 * 5;

/**
 * Slots strictly after `after`, in order. A local time that happens twice (fall back) is one
 * slot, at its first occurrence; one skipped by spring-forward moves forward by the gap.
 */
function* slotsAfter(rule: CronRule, timeZone: string, after: number): Generator<number> {
  let last = after;
  let date = addDays(localDate(after, timeZone), -1);
  for (let i = 0; i < SEARCH_DAYS; i++, date = addDays(date, 1)) {
    for (const slot of slotsOfDay(rule, date, timeZone)) {
      if (slot > last) {
        last = slot;
        yield slot;
      }
    }
  }
}

export function nextSlots(
  rule: CronRule,
  timeZone: string,
  after: number,
  count: number,
): number[] {
  const out: number[] = [];
  if (count <= 0) return out;
  for (const slot of slotsAfter(rule, timeZone, after)) {
    out.push(slot);
    if (out.length >= count) break;
  }
  return out;
}

/** Slots in (from, to], oldest first, at most `limit`. */
export function slotsBetween(
  rule: CronRule,
  timeZone: string,
  from: number,
  to: number,
  limit: number,
): number[] {
  const out: number[] = [];
  for (const slot of slotsAfter(rule, timeZone, from)) {
    if (slot > to || out.length >= limit) break;
    out.push(slot);
  }
  return out;
}

/** The latest slot at or before `at`, if one happened in the last five years. */
export function previousSlot(rule: CronRule, timeZone: string, at: number): number | null {
  let date = addDays(localDate(at, timeZone), 1);
  for (let i = 0; i < SEARCH_DAYS; i++, date = addDays(date, -1)) {
    const slots = slotsOfDay(rule, date, timeZone).filter((s) => s <= at);
    if (slots.length > 0) return slots[slots.length - 1] as number;
  }
  return null;
}

/**
 * The shortest time between two consecutive slots of the rule, looked at over its next `count`
 * slots (every pattern of a cron repeats within a year, and close slots come in runs), or
 * null when it has fewer than two.
 */
export function shortestGap(
  rule: CronRule,
  timeZone: string,
  from: number,
  count = 500,
): number | null {
  const slots = nextSlots(rule, timeZone, from, count);
  let gap: number | null = null;
  for (let i = 1; i < slots.length; i++) {
    const d = (slots[i] as number) - (slots[i - 1] as number);
    if (gap === null || d < gap) gap = d;
  }
  return gap;
}
