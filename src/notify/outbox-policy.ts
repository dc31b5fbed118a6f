// How fast, how often and how long the outbox sends: per-channel rates of each platform, the
// back-off after a failure, and the lock that lets another sender take over from a dead one.
import type { Platform } from '../chat/actor.js';

/** At most `limit` attempts in any `windowMs`, per channel, counted across every sender on the database. */
export interface ChannelRate {
  limit: number;
  windowMs: number;
}

export interface OutboxPolicy {
  /** How often a sender looks for work stored by other processes or left from before a restart. */
  pollMs: number;
  /** A message `sending` whose lock is older than this was left by a dead sender and is sent again. */
  lockTtlMs: number;
  rates: Record<Platform, ChannelRate>;
  /** After a failure that may pass (5xx, network): wait firstMs, doubling up to maxMs; give up after maxAttempts. */
  backoff: { firstMs: number; maxMs: number; maxAttempts: number };
  /** When a channel's queue grows too long to drain soon: see src/notify/outbox-storms.ts. */
  storm: StormPolicy;
}

/** Backlogs count a channel's unsent messages (not its digest), on every process sharing the database. */
export interface StormPolicy {
  /** A backlog this long turns the channel to one digest card; what comes next is held. */
  enterAt: number;
  /** The held messages go out as the backlog falls below this; the storm ends once none is held. */
  leaveAt: number;
  /** The digest card is refreshed at most this often, so the held cards keep most of the channel's rate. */
  digestEveryMs: number;
}

export const DEFAULT_OUTBOX_POLICY: OutboxPolicy = {
  pollMs: 500,
  lockTtlMs: 60_000,
  rates: {
    // Slack: about one message per second per channel; a burst of two is tolerated.
    slack: { limit: 2, windowMs: 2000 },
    // Discord: five messages per five seconds per channel.
    discord: { limit: 5, windowMs: 5000 },
    web: { limit: 20, windowMs: 1000 },
    // Feishu: five messages per second per group, shared by every bot in it; four in two seconds leaves room.
    feishu: { limit: 4, windowMs: 2000 },
  },
  backoff: { firstMs: 1000, maxMs: 60_000, maxAttempts: 8 },
  // Twenty messages are twenty seconds of Slack; a digest every ten seconds takes a tenth of its rate.
  storm: { enterAt: 20, leaveAt: 5, digestEveryMs: 10_000 },
};

export type OutboxPolicyOverrides = Partial<Omit<OutboxPolicy, 'rates' | 'backoff' | 'storm'>> & {
  rates?: Partial<Record<Platform, ChannelRate>>;
  backoff?: Partial<OutboxPolicy['backoff']>;
  storm?: Partial<StormPolicy>;
};

export function outboxPolicy(overrides: OutboxPolicyOverrides = {}): OutboxPolicy {
  const base = DEFAULT_OUTBOX_POLICY;
  return {
    ...base,
    ...overrides,
    rates: { ...base.rates, ...overrides.rates },
    backoff: { ...base.backoff, ...overrides.backoff },
    storm: { ...base.storm, ...overrides.storm },
  };
}

/** The wait before attempt `attempts + 1`, after `attempts` failed ones: 1 s, 2 s, 4 s … up to the cap. */
export function backoffMs(policy: OutboxPolicy, attempts: number): number {
  const { firstMs, maxMs } = policy.backoff;
  return Math.min(maxMs, firstMs * 2 ** Math.max(0, attempts - 1));
}
