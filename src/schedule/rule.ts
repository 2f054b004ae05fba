import cron from 'node-cron';
import { addDays, localDate, zonedInstant, zoneOffset } from '../zone.ts';

/** Bad schedule input, with a message naming the part to fix. */
export class ScheduleInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScheduleInputError';
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

const FIELD_NAMES: Record<string, string> = {
  minute: 'minute',
  hour: 'hour',
  dayOfMonth: 'day-of-month',
  month: 'month',
  dayOfWeek: 'day-of-week',
};

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
  if (count !== 5) {
    throw new ScheduleInputError(
      `cron “${text}” has ${count} field(s); use 5: minute hour day-of-month month day-of-week, e.g. 0 9 * * 1-5`,
    );
  }
  const check = cron.validateDetailed(text);
  if (!check.valid || !check.fields) {
    const e = check.errors[0];
    const field = FIELD_NAMES[e?.field ?? ''];
    throw new ScheduleInputError(
      field
        ? `cron “${text}”: ${field} field “${e?.value ?? ''}” is not valid`
        : `cron “${text}” is not valid${e?.message ? `: ${e.message}` : ''}`,
    );
  }
  const f = check.fields;
  const numeric = (values: (number | string)[], name: string) => {
    if (values.some((v) => typeof v !== 'number')) {
      throw new ScheduleInputError(
        `cron “${text}”: ${name} field: L and # forms are not supported`,
      );
    }
    return new Set(values as number[]);
  };
  return {
    expression: text,
    minutes: [...f.minute].sort((a, b) => a - b),
    hours: [...f.hour].sort((a, b) => a - b),
    days: numeric(f.dayOfMonth, 'day of month'),
    months: new Set(f.month),
    weekdays: new Set([...numeric(f.dayOfWeek, 'day of week')].map((d) => d % 7)),
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
    throw new ScheduleInputError(
      `time zone “${zone}” is an offset, which ignores daylight saving; use a zone name${ideas.length ? ` such as ${ideas.join(', ')}` : ''}`,
    );
  }
  const upper = zone.toUpperCase();
  if (upper in ABBREVIATIONS || (/^[A-Z]{2,5}$/.test(zone) && zone !== 'UTC')) {
    const idea = ABBREVIATIONS[upper];
    throw new ScheduleInputError(
      `time zone “${zone}” is an abbreviation; use a zone name${idea ? ` such as ${idea}` : ' such as Asia/Seoul'}`,
    );
  }
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    throw new ScheduleInputError(
      `unknown time zone “${zone}”; use an IANA name such as Asia/Seoul or America/New_York`,
    );
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
      throw new ScheduleInputError(`reveal “${text}”: between +1m and +168h`);
    return { kind: 'after', ms };
  }
  const at = /^(\d{1,2}):(\d{2})$/.exec(text);
  if (at && Number(at[1]) < 24 && Number(at[2]) < 60) {
    return { kind: 'at', hour: Number(at[1]), minute: Number(at[2]) };
  }
  throw new ScheduleInputError(`reveal “${text}”: use HH:MM (e.g. 18:00) or +N h (e.g. +8h)`);
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
