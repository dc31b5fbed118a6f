// Flushes soon after a batch's group_wait runs out, instead of at the next sweep. The recurring
// sweep (jobs/alerts/sweeps.ts) stays the guarantee — it runs on whichever process holds its lock,
// every few seconds, and after a restart; this is only a timer in the process that took the batch,
// so the first card of a new group comes about when Alertmanager would send it. Flushing claims
// each group with a conditional update, so a wake and a sweep racing flush it once.
import type { Logger } from 'pino';
import type { Clock } from '../../../kernel/clock.js';

/** Wakes closer together than this are served by one flush. */
const COALESCE_MS = 50;
/** More distinct wakes than this are left to the sweep. */
const MAX_PENDING = 1000;

export class FlushWake {
  private readonly due: number[] = [];
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private stopped = false;

  constructor(
    private readonly flushDue: () => Promise<number>,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** Asks for a flush `afterMs` milliseconds from now (by the injected clock). */
  after(afterMs: number): void {
    if (this.stopped) return;
    const at = this.clock.now().getTime() + afterMs;
    if (this.due.some((t) => Math.abs(t - at) < COALESCE_MS) || this.due.length >= MAX_PENDING) return;
    this.due.push(at);
    this.due.sort((a, b) => a - b);
    this.arm();
  }

  /** No more timers; a flush already running finishes. */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.due.length = 0;
  }

  private arm(): void {
    if (this.running || this.stopped) return;
    clearTimeout(this.timer);
    const next = this.due[0];
    if (next === undefined) return;
    // A little after the due time, so the group's earliestFlushAt has passed by the database's reckoning too.
    const delay = Math.max(0, next - this.clock.now().getTime()) + 20;
    this.timer = setTimeout(() => void this.fire(), delay);
    this.timer.unref();
  }

  private async fire(): Promise<void> {
    const now = this.clock.now().getTime();
    while (this.due.length > 0 && this.due[0]! <= now + COALESCE_MS) this.due.shift();
    this.running = true;
    try {
      await this.flushDue();
    } catch (error) {
      this.logger.warn({ err: error }, 'alert flush on wake failed; the sweep will take it');
    } finally {
      this.running = false;
      this.arm();
    }
  }
}
