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
    });
    formatters.set(timeZone, f);
  }
  return f;
}

const QUARTER_HOUR = 900_000;
const offsets = new Map<string, number>();
const MAX_CACHED_OFFSETS = 200_000;

/** Milliseconds the zone is ahead of UTC at that instant. */
export function zoneOffset(instant: number, timeZone: string): number {
  // Zones change offset only on quarter-hour boundaries of UTC, so one lookup serves 15 minutes.
  const bucket = Math.floor(instant / QUARTER_HOUR);
  const key = `${timeZone}|${bucket}`;
  const cached = offsets.get(key);
  if (cached !== undefined) return cached;
  const at = bucket * QUARTER_HOUR;
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(at)) parts[p.type] = p.value;
  const asUtc = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  const offset = asUtc - at;
  if (offsets.size >= MAX_CACHED_OFFSETS) offsets.clear();
  offsets.set(key, offset);
  return offset;
}

export function localTime(instant: number, timeZone: string): LocalTime & { second: number } {
  const d = new Date(instant + zoneOffset(instant, timeZone));
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    weekday: d.getUTCDay(),
  };
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
  const matches = (t: number) => {
    const l = localTime(t, timeZone);
    return l.hour === wall.hour && l.minute === wall.minute && l.day === wall.day;
  };
  // Away from a transition the offsets 15 h either side agree (offsets span -12 h to +14 h), and the answer is direct.
  const offBefore = zoneOffset(guess - 15 * HOUR, timeZone);
  if (offBefore === zoneOffset(guess + 15 * HOUR, timeZone)) return guess - offBefore;
  const before = guess - offBefore;
  const after = guess - zoneOffset(guess + 15 * HOUR, timeZone);
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
