import { webApi } from '@slack/bolt';
import { nextTurn } from '../../core/turns.ts';

export interface SlackUser {
  name: string;
  isBot: boolean;
}

/**
 * Who Slack users are (users:read: display name, bot or not), learnt off the hot path: events are
 * stored first with what is already known, and `learnt` is told when a look-up answers. It has a
 * Web API client of its own that refuses rate-limited calls at once, so a 429 on users.info
 * (Tier 4: about 100 a minute) never pauses chat.postMessage; after one, no look-up is made
 * until Slack's Retry-After has passed, and the next event of that member asks again.
 */
/** Members remembered at most; one forgotten is simply looked up again at its next event. */
const KNOWN_MAX = 10_000;
/** users.info calls in flight at most. */
const LOOKUPS = 2;

export class SlackDirectory {
  private readonly known = new Map<string, SlackUser>();
  private readonly asking = new Set<string>();
  /** Users first seen while Slack asked for quiet: looked up when the quiet is over. */
  private readonly deferred = new Set<string>();
  /** Users waiting for a look-up to start, in the order they were first seen. */
  private readonly queued = new Set<string>();
  private inFlight = 0;
  private quietUntil = 0;
  private wake: NodeJS.Timeout | null = null;
  private readonly client: webApi.WebClient;

  constructor(
    token: string,
    clientOptions: webApi.WebClientOptions,
    private readonly learnt: (userId: string, user: SlackUser) => void,
  ) {
    this.client = new webApi.WebClient(token, {
      ...clientOptions,
      rejectRateLimitedCalls: true,
      retryConfig: { retries: 0 },
    });
  }

  /** Asks about the user once Slack's quiet is over. */
  private later(userId: string): void {
    this.deferred.add(userId);
    if (this.wake) return;
    this.wake = setTimeout(
      () => {
        this.wake = null;
        const users = [...this.deferred];
        this.deferred.clear();
        for (const id of users) this.learn(id);
      },
      Math.max(0, this.quietUntil - Date.now()),
    );
    this.wake.unref();
  }

  /** What is known of the user now, if anything. */
  peek(userId: string): SlackUser | undefined {
    return this.known.get(userId);
  }

  /**
   * Starts a look-up unless the user is known or being looked up; while Slack asks for quiet it
   * waits for the quiet to end, so every member (a bot that reacted once among them) is learnt.
   */
  learn(userId: string): void {
    if (this.known.has(userId) || this.asking.has(userId)) return;
    if (Date.now() < this.quietUntil) {
      this.later(userId);
      return;
    }
    this.asking.add(userId);
    this.queued.add(userId);
    this.pump();
  }

  /**
   * Starts queued look-ups while fewer than LOOKUPS are in flight. A burst's new members are
   * asked about a few at a time, each a turn of the event loop (src/core/turns.ts), so their
   * answers do not arrive together and are not handled in one stretch beside the burst's acks;
   * users.info allows about 100 a minute, which two at a time keep up with.
   */
  private pump(): void {
    while (this.inFlight < LOOKUPS && this.queued.size > 0) {
      const userId = this.queued.values().next().value as string;
      this.queued.delete(userId);
      if (Date.now() < this.quietUntil) {
        this.asking.delete(userId);
        this.later(userId);
        continue;
      }
      this.inFlight++;
      nextTurn()
        .then(() => this.client.users.info({ user: userId }))
        .then(
          (info) => {
            const user = {
              name:
                info.user?.profile?.display_name ||
                info.user?.real_name ||
                info.user?.name ||
                userId,
              isBot: Boolean(info.user?.is_bot),
            };
            // A bounded memory: the oldest entry goes first (a Map keeps insertion order).
            if (this.known.size >= KNOWN_MAX)
              this.known.delete(this.known.keys().next().value ?? '');
            this.known.set(userId, user);
            this.learnt(userId, user);
          },
          (err: { code?: string; retryAfter?: number }) => {
            if (err.code !== webApi.ErrorCode.RateLimitedError) return;
            this.quietUntil = Date.now() + (err.retryAfter ?? 60) * 1000;
            this.later(userId);
          },
        )
        .finally(() => {
          this.asking.delete(userId);
          this.inFlight--;
          this.pump();
        });
    }
  }
}
