// Sends what the outbox holds, channel by channel: oldest first, one at a time, within each
// platform's rate; what may pass is tried again later, what will not is given up and logged.
// Every process runs one; the conditional claim (models/outbox-message.ts) sends each message once.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { ChatAdapter } from '../chat/adapter.js';
import { DeliveryError } from '../chat/delivery-error.js';
import type { Clock } from '../kernel/clock.js';
import type { Logger } from '../kernel/logger.js';
import type { Metrics } from '../observability/metrics.js';
import type { MessageRefModel } from '../../models/core/message-ref.js';
import type { OutboxMessage, OutboxMessageModel, OutboxOp } from '../../models/core/outbox-message.js';
import { deliver } from './message-delivery.js';
import { withFaults, type OutboxFaults } from './outbox-faults.js';
import type { OutboxStorms } from './outbox-storms.js';
import { backoffMs, outboxPolicy, type OutboxPolicy, type OutboxPolicyOverrides } from './outbox-policy.js';
import { outsideOperation } from '../observability/round-trips.js';

export interface OutboxSenderDeps {
  outbox: OutboxMessageModel;
  refs: MessageRefModel;
  adapters: readonly ChatAdapter[];
  clock: Clock;
  logger: Logger;
  metrics?: Pick<Metrics, 'outboxSent' | 'outboxRetries' | 'outboxFailed' | 'outboxPending'>;
  policy?: OutboxPolicyOverrides;
  /** Lets held messages go and keeps digest cards fresh, each time the sender looks for work. */
  storms?: Pick<OutboxStorms, 'tend'>;
  /** Fault injection for crash tests; never set in production. */
  faults?: OutboxFaults;
  /** Told of each message this sender has sent (the notifier then knows its card waits no more). */
  onSent?: (item: Pick<OutboxMessage, 'platform' | 'channelId' | 'subject' | 'op'>) => void;
}

export class OutboxSender {
  /** Written into the lock of each message it sends. */
  readonly id = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  readonly policy: OutboxPolicy;
  private readonly adapters: ReadonlyMap<string, ChatAdapter>;
  private readonly logger: Logger;
  /** One drain per channel at a time in this process; the claim keeps other processes in line. */
  private readonly lanes = new Map<string, Promise<void>>();
  /** Channels found due while their lane was busy: the lane looks once more before it ends. */
  private readonly lookAgain = new Set<string>();
  private readonly pauses = new Set<() => void>();
  private timer: NodeJS.Timeout | undefined;
  private scanning: Promise<void> | undefined;
  private rescan = false;
  private stopping = false;

  constructor(private readonly deps: OutboxSenderDeps) {
    this.policy = outboxPolicy(deps.policy);
    this.adapters = new Map(deps.adapters.map((adapter) => [adapter.platform, adapter]));
    this.logger = deps.logger.child({ component: 'outbox' });
  }

  start(): void {
    if (this.timer || this.stopping) return;
    // Polling finds what other processes stored and what was left pending before a restart.
    this.timer = setInterval(() => this.wake(), this.policy.pollMs);
    this.timer.unref();
    this.wake();
  }

  /** Looks for work now rather than at the next poll. */
  wake(): void {
    if (!this.timer || this.stopping) return;
    if (this.scanning) {
      this.rescan = true;
      return;
    }
    // Not part of the operation that stored the message (its database round trips are its own).
    this.scanning = outsideOperation(() => this.scanLoop()).finally(() => (this.scanning = undefined));
  }

  /** Starts nothing new and resolves once the messages being sent now are sent (or put back). */
  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    for (const resume of [...this.pauses]) resume();
    await this.scanning;
    await Promise.all(this.lanes.values());
  }

  private async scanLoop(): Promise<void> {
    do {
      this.rescan = false;
      try {
        await this.scan();
      } catch (error) {
        this.logger.error({ err: error }, 'outbox: could not look for messages to send');
      }
    } while (this.rescan && !this.stopping);
  }

  private async scan(): Promise<void> {
    const now = this.deps.clock.now();
    const staleBefore = new Date(now.getTime() - this.policy.lockTtlMs);
    // First, so what a storm lets go is found below in the same round.
    await this.deps.storms?.tend().catch((error: unknown) => {
      this.logger.error({ err: error }, 'outbox: could not tend the storms');
    });
    for (const key of await this.deps.outbox.dueChannels(now, staleBefore)) {
      if (this.stopping) break;
      if (this.lanes.has(key)) this.lookAgain.add(key);
      else this.lanes.set(key, this.drain(key));
    }
    this.deps.metrics?.outboxPending.set(await this.deps.outbox.unsentCount());
  }

  private async drain(key: string): Promise<void> {
    for (;;) {
      this.lookAgain.delete(key);
      const more = await this.sendNext(key).catch((error: unknown) => {
        this.logger.error({ err: error, channel: key }, 'outbox: sending stopped on a database error');
        return false;
      });
      if (this.stopping || (!more && !this.lookAgain.has(key))) {
        // Checked and removed in one step, so a scan never sees a lane that is already leaving.
        this.lanes.delete(key);
        return;
      }
    }
  }

  /** Sends the head of a channel's queue if it may go now; true when the next one may follow at once. */
  private async sendNext(key: string): Promise<boolean> {
    const { outbox, clock } = this.deps;
    const first = await outbox.head(key);
    if (!first) return false;
    const now = clock.now().getTime();
    if (this.waiting(first, now)) return false;
    // A storm's digest card goes first, but never past a message waiting out a Retry-After or a back-off.
    const digest = await outbox.pendingDigest(key);
    const head = digest && !digest._id.equals(first._id) ? digest : first;
    if (this.waiting(head, now)) return false;
    const adapter = this.adapters.get(head.platform);
    if (!adapter) return false;

    const wait = await this.rateWait(head, now);
    if (wait > 0) {
      await this.pause(wait);
      return true;
    }
    const claimed = await outbox.claim(head, this.id, new Date(now));
    // Null: another sender took it first; look at the new head.
    if (claimed) await this.attempt(claimed, adapter);
    return true;
  }

  /** Being sent by a live sender, or waiting out a failure or a Retry-After (the poll comes back for it). */
  private waiting(item: OutboxMessage, now: number): boolean {
    if (item.state === 'sending') return item.lockedAt!.getTime() > now - this.policy.lockTtlMs;
    return item.notBefore.getTime() > now;
  }

  /** How long the channel must rest before another attempt, counting every sender's attempts. */
  private async rateWait(head: OutboxMessage, now: number): Promise<number> {
    const rate = this.policy.rates[head.platform as keyof OutboxPolicy['rates']];
    if (!rate) return 0;
    const since = new Date(now - rate.windowMs);
    const recent = await this.deps.outbox.recentAttempts(head.channelKey, since, rate.limit);
    if (recent.length < rate.limit) return 0;
    return recent[rate.limit - 1]!.getTime() + rate.windowMs - now;
  }

  private async attempt(item: OutboxMessage, adapter: ChatAdapter): Promise<void> {
    const { outbox, refs, clock, metrics } = this.deps;
    // A send may wait long inside the SDK (discord.js waits out 429s): keep the lock fresh meanwhile.
    const renew = setInterval(() => {
      outbox.renewLock(item._id, this.id, clock.now()).catch(() => undefined);
    }, this.policy.lockTtlMs / 3);
    renew.unref();
    let done: OutboxOp;
    try {
      done = await deliver(item, withFaults(adapter, item, this.deps.faults), refs, clock);
    } catch (error) {
      await this.putOff(item, error);
      return;
    } finally {
      clearInterval(renew);
    }
    const settled = await outbox.settle(item._id, this.id, { state: 'sent', at: clock.now() });
    if (!settled) this.logger.warn(this.about(item), 'outbox: sent, but another sender had taken the message over');
    this.deps.onSent?.(item);
    metrics?.outboxSent.inc({ platform: item.platform, op: done });
  }

  /** After a failed attempt: wait as told, back off, or give up. */
  private async putOff(item: OutboxMessage, error: unknown): Promise<void> {
    const { outbox, clock, metrics } = this.deps;
    if (!(error instanceof DeliveryError)) {
      this.logger.error({ ...this.about(item), err: error }, 'outbox: sending failed unexpectedly');
    }
    // Anything else may have come after the platform took the message (storing where it lives, say).
    const failure =
      error instanceof DeliveryError ? error : new DeliveryError('unavailable', 'unexpected error', undefined, true);
    const { reason } = failure;
    const at = clock.now();
    const about = { ...this.about(item), reason, error: failure.message };
    const retryInMs =
      reason === 'rate_limited'
        ? (failure.retryAfterMs ?? this.policy.backoff.firstMs)
        : reason === 'unavailable' && item.attempts < this.policy.backoff.maxAttempts
          ? backoffMs(this.policy, item.attempts)
          : undefined;
    if (retryInMs === undefined) {
      await outbox.settle(item._id, this.id, { state: 'failed', at, error: failure.message });
      metrics?.outboxFailed.inc({ platform: item.platform, reason });
      this.logger.error(about, 'outbox: gave up on a message');
      return;
    }
    const notBefore = new Date(at.getTime() + retryInMs);
    // Being told to wait is not the message's fault: that attempt is given back.
    const refundAttempt = reason === 'rate_limited';
    const inDoubt = failure.mayHaveArrived;
    await outbox.settle(item._id, this.id, {
      state: 'pending',
      at,
      notBefore,
      error: failure.message,
      refundAttempt,
      inDoubt,
    });
    metrics?.outboxRetries.inc({ platform: item.platform, reason });
    this.logger[refundAttempt ? 'info' : 'warn']({ ...about, notBefore }, 'outbox: not sent yet; will try again');
  }

  private about(item: OutboxMessage) {
    const { platform, channelId, subject, op, attempts } = item;
    return { id: String(item._id), platform, channelId, subject, op, attempts };
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const resume = (): void => {
        clearTimeout(timer);
        this.pauses.delete(resume);
        resolve();
      };
      const timer = setTimeout(resume, ms);
      this.pauses.add(resume);
    });
  }
}
