// Hands stored batches to one intake listener, one call at a time: batches stored while a call
// runs wait and go together in the next one, so under load the listener does one round of work
// for many requests (a storm of 100 groups costs 100 group writes per call, not per request).
// Each caller still resolves only once a call covering its batch has finished.
import type { Logger } from 'pino';
import type { AlertIntakeListener, NormalizedAlert } from './intake.js';

export class ListenerQueue {
  private waiting: NormalizedAlert[] = [];
  private callers: Array<() => void> = [];
  private running = false;

  constructor(
    readonly listener: AlertIntakeListener,
    private readonly logger: Logger,
  ) {}

  deliver(alerts: readonly NormalizedAlert[]): Promise<void> {
    return new Promise((resolve) => {
      this.waiting = this.waiting.concat(alerts);
      this.callers.push(resolve);
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    while (this.callers.length > 0) {
      const alerts = latestOfEach(this.waiting);
      const callers = this.callers;
      this.waiting = [];
      this.callers = [];
      try {
        await this.listener.stored(alerts);
      } catch (error) {
        // The grouping jobs re-scan stored alerts, so nothing is lost by going on.
        this.logger.error({ err: error, alerts: alerts.length }, 'an alert intake listener failed');
      }
      for (const done of callers) done();
    }
    this.running = false;
  }
}

/** Merged batches may repeat a fingerprint; the one stored last is what the database holds. */
function latestOfEach(alerts: readonly NormalizedAlert[]): NormalizedAlert[] {
  const latest = new Map<string, NormalizedAlert>();
  for (const alert of alerts) {
    latest.delete(alert._id);
    latest.set(alert._id, alert);
  }
  return [...latest.values()];
}
