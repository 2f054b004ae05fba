import { webApi } from '@slack/bolt';

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
export class SlackDirectory {
  private readonly known = new Map<string, SlackUser>();
  private readonly asking = new Set<string>();
  private quietUntil = 0;
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

  /** What is known of the user now, if anything. */
  peek(userId: string): SlackUser | undefined {
    return this.known.get(userId);
  }

  /** Starts a look-up unless the user is known, being looked up, or Slack asked for quiet. */
  learn(userId: string): void {
    if (this.known.has(userId) || this.asking.has(userId) || Date.now() < this.quietUntil) return;
    this.asking.add(userId);
    this.client.users
      .info({ user: userId })
      .then(
        (info) => {
          const user = {
            name:
              info.user?.profile?.display_name || info.user?.real_name || info.user?.name || userId,
            isBot: Boolean(info.user?.is_bot),
          };
          this.known.set(userId, user);
          this.learnt(userId, user);
        },
        (err: { code?: string; retryAfter?: number }) => {
          if (err.code === webApi.ErrorCode.RateLimitedError)
            this.quietUntil = Date.now() + (err.retryAfter ?? 60) * 1000;
        },
      )
      .finally(() => this.asking.delete(userId));
  }
}
