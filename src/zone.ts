/** Wall-clock arithmetic in IANA time zones, on top of Intl (no time-zone tables of our own). */

export interface LocalTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** 0 = Sunday, as cron counts. */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function localTime(instant: number, timeZone: string): LocalTime & { second: number } {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAYS[parts.weekday ?? 'Sun'] ?? 0,
  };
}

/** Milliseconds the zone is ahead of UTC at that instant. */
export function zoneOffset(instant: number, timeZone: string): number {
  const t = localTime(instant, timeZone);
  const asUtc = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

const HOUR = 3_600_000;

/**
 * The instant a wall-clock time happens in a zone. In a fall-back overlap the first occurrence
 * wins; a time skipped by spring-forward moves forward by the gap (02:30 becomes 03:30).
 */
export function zonedInstant(
  wall: { year: number; month: number; day: number; hour: number; minute: number },
  timeZone: string,
): number {
  const guess = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  const before = guess - zoneOffset(guess - 12 * HOUR, timeZone);
  const after = guess - zoneOffset(guess + 12 * HOUR, timeZone);
  const matches = (t: number) => {
    const l = localTime(t, timeZone);
    return l.hour === wall.hour && l.minute === wall.minute && l.day === wall.day;
  };
  const valid = [before, after].filter(matches);
  if (valid.length > 0) return Math.min(...valid);
  return before;
}

/** `YYYY-MM-DD` of the instant in the zone. */
export function localDate(instant: number, timeZone: string): string {
  const t = localTime(instant, timeZone);
  return `${t.year}-${String(t.month).padStart(2, '0')}-${String(t.day).padStart(2, '0')}`;
}

/** `YYYY-MM-DD HH:MM` in the zone, for people. */
export function formatLocal(instant: number, timeZone: string): string {
  const t = localTime(instant, timeZone);
  return `${localDate(instant, timeZone)} ${String(t.hour).padStart(2, '0')}:${String(t.minute).padStart(2, '0')}`;
}

/** Adds days to a local date, returning `YYYY-MM-DD`. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The instant local midnight starts on a `YYYY-MM-DD` in the zone. */
export function startOfLocalDay(date: string, timeZone: string): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return zonedInstant({ year, month, day, hour: 0, minute: 0 }, timeZone);
}
