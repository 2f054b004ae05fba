import { runCommand } from '../../commands/index.ts';
import { systemClock } from '../../src/core/clock.ts';
import type { PracticeDeps } from '../../src/core/deps.ts';
import { createLogger } from '../../src/core/log.ts';
import type { ChannelAddress } from '../../src/core/port.ts';
import type { Store } from '../../src/db/store.ts';
import { replyText } from './reply-text.ts';

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

/** `/schedule set` for a channel by a manager, as a platform would run it; the reply's text. */
export async function scheduleChannel(
  deps: PracticeDeps,
  address: ChannelAddress,
  cron = '0 9 * * *',
  timezone = 'Asia/Seoul',
): Promise<string> {
  const reply = await runCommand(
    'schedule',
    { action: 'set', cron, timezone },
    {
      deps,
      address,
      threadRef: null,
      member: { id: 'admin', name: 'Admin', canManage: true },
      locale: 'en',
    },
  );
  return replyText(reply);
}
