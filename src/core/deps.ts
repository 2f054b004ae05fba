import type { Store } from '../db/store.ts';
import type { Clock } from './clock.ts';
import type { Locale } from './i18n/index.ts';
import type { Logger } from './log.ts';
import type { ChannelAddress, ChatPort, Platform } from './port.ts';

/** What every practice operation works with; built once at start-up. */
export interface PracticeDeps {
  /** SQLite or PostgreSQL: the domain does not know which. */
  store: Store;
  clock: Clock;
  /** Uniform in [0, 1); injectable so tests can pin the order. */
  random: () => number;
  ports: Partial<Record<Platform, ChatPort>>;
  defaults: { locale: Locale; timezone: string };
  log: Logger;
  /** DEFAULT_LIMITS where not given. */
  limits?: Partial<Limits>;
  /** Told when `/schedule` changed a channel's schedule, so the scheduler rebuilds it. */
  scheduleChanged?: (channelId: number) => Promise<void> | void;
}

export function portFor(deps: PracticeDeps, address: ChannelAddress): ChatPort {
  const port = deps.ports[address.platform];
  if (!port) throw new Error(`no chat port for platform ${address.platform}`);
  return port;
}

/** Bounds against floods; the console (one local person) has none of the /ask limits. */
export interface Limits {
  /** A member's /ask waits this long after their previous one. */
  askCooldownMs: number;
  /** At most this many /ask drops per channel in any hour. */
  askPerHour: number;
  /** A schedule may not post more often than this. */
  scheduleMinIntervalMs: number;
}

export const DEFAULT_LIMITS: Limits = {
  askCooldownMs: 30_000,
  askPerHour: 6,
  scheduleMinIntervalMs: 3_600_000,
};

export function limitsOf(deps: PracticeDeps): Limits {
  return { ...DEFAULT_LIMITS, ...deps.limits };
}
