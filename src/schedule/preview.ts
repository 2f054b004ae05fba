import { parseArgs } from 'node:util';
import { formatLocal } from '../core/zone.ts';
import { checkTimeZone, nextSlots, parseCron, ScheduleInputError } from './rule.ts';

interface Io {
  out(text: string): void;
  err(text: string): void;
}

const USAGE =
  'usage: drill schedule preview --cron "<5-field cron>" --tz <IANA zone> [--from <ISO instant>] [--count N]';

/** `drill schedule preview`: the next slots of a rule, as UTC ISO instants and local times. */
export function schedulePreview(args: string[], io: Io, now = Date.now()): number {
  let values: { cron?: string; tz?: string; from?: string; count?: string };
  try {
    ({ values } = parseArgs({
      args,
      options: {
        cron: { type: 'string' },
        tz: { type: 'string' },
        from: { type: 'string' },
        count: { type: 'string', default: '5' },
      },
    }));
  } catch (err) {
    io.err(`drill: ${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const fail = (message: string) => {
    io.err(`drill: ${message}\n${USAGE}`);
    return 2;
  };
  if (!values.cron) return fail('--cron is required');
  if (!values.tz) return fail('--tz is required');
  const count = Number(values.count);
  if (!Number.isInteger(count) || count < 1 || count > 1000)
    return fail('--count must be a whole number from 1 to 1000');
  const from = values.from === undefined ? now : Date.parse(values.from);
  if (Number.isNaN(from))
    return fail(`--from “${values.from}” is not an ISO instant such as 2027-03-15T00:00:00Z`);
  try {
    const rule = parseCron(values.cron);
    const zone = checkTimeZone(values.tz, from);
    for (const slot of nextSlots(rule, zone, from, count)) {
      io.out(`${new Date(slot).toISOString()}  ${formatLocal(slot, zone)} ${zone}`);
    }
    return 0;
  } catch (err) {
    if (err instanceof ScheduleInputError) return fail(err.message);
    throw err;
  }
}
