// Stores reported alerts (one bulk write of upserts keyed by fingerprint), then tells whoever
// listens: the grouping, cards and silences react to what is already stored.
import type { Collection } from 'mongodb';
import type { Logger } from 'pino';
import type { Alert, AlertModel } from '../../../../models/alerts/alert.js';
import type { Clock } from '../../../kernel/clock.js';
import { ListenerQueue } from './listener-queue.js';
import { alertUpsert } from './upsert.js';

/**
 * An alert as a source reported it, cleaned and mapped; what Zhiban adds when storing it is left
 * out. `startsAt` is absent when the sender gave none (the time it is first stored is used).
 */
export type NormalizedAlert = Omit<Alert, 'firstSeenAt' | 'lastSeenAt' | 'count' | 'startsAt'> & { startsAt?: Date };

/**
 * Told of stored alerts before the webhook answers; calls come one at a time per listener, and a
 * call may carry several requests' batches. A failure is logged, never undoes or refuses a batch.
 */
export interface AlertIntakeListener {
  stored(alerts: NormalizedAlert[]): Promise<void>;
}

export class AlertIntake {
  private readonly queues: ListenerQueue[] = [];

  constructor(
    private readonly alerts: AlertModel,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  listen(listener: AlertIntakeListener): void {
    this.queues.push(new ListenerQueue(listener, this.logger));
  }

  /** Resolves once every alert is stored (acknowledged by the database) and listeners have heard; rejects if any is not stored. */
  async accept(alerts: NormalizedAlert[]): Promise<{ accepted: number }> {
    if (alerts.length === 0) return { accepted: 0 };
    const latest = new Map<string, { alert: NormalizedAlert; times: number }>();
    for (const alert of alerts) {
      // Two upserts of one new _id in one unordered batch can both try to insert it.
      latest.set(alert._id, { alert, times: (latest.get(alert._id)?.times ?? 0) + 1 });
    }
    const now = this.clock.now();
    const ops = [...latest.values()].map(({ alert, times }) => alertUpsert(alert, now, times));
    // The driver's own bulkWrite: mongoose's would cast every operation again, for nothing.
    await (this.alerts.collection as unknown as Collection<Alert>).bulkWrite(ops, { ordered: false });
    const stored = [...latest.values()].map(({ alert }) => alert);
    await Promise.all(this.queues.map((queue) => queue.deliver(stored)));
    return { accepted: alerts.length };
  }
}
