import { systemClock } from '../../src/clock.ts';
import type { Store } from '../../src/db/store.ts';
import { createLogger } from '../../src/log.ts';
import type { PracticeDeps } from '../../src/practice/deps.ts';

/** Practice deps for workers and benchmarks: real time, silent log, English, UTC, no ports. */
export function headlessDeps(store: Store, overrides: Partial<PracticeDeps> = {}): PracticeDeps {
  return {
    store,
    clock: systemClock,
    random: Math.random,
    ports: {},
    defaults: { locale: 'en', timezone: 'UTC' },
    log: createLogger({ level: 'silent' }),
    ...overrides,
  };
}
