// Whether the database answers right now, known without waiting long: what lets /readyz, the
// webhooks and the chat router give a fast, honest answer while the database is stalled, instead
// of waiting as long as the driver's own deadlines (src/db/connect.ts) would.
import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';

/** How often the database is pinged, so that surfaces know soon when it stops answering, and when it is back. */
export const WATCH_EVERY_MS = 1000;
/** /readyz answers within 1 s: the ping's share of it. */
export const READY_PROBE_MS = 800;

/** What the surfaces need to know of the database (DatabaseHealth, or a stand-in in unit tests). */
export interface DatabaseAvailability {
  /**
   * False once a ping failed, or has gone unanswered for `stalledAfterMs`; true again the moment
   * one answers. Surfaces refuse at once while it is false, so it does not flip on one slow ping.
   */
  readonly available: boolean;
  /** Asks now; resolves `false` if no answer comes within `withinMs`. Never rejects. */
  probe(withinMs: number): Promise<boolean>;
}

interface Flight {
  answer: Promise<boolean>;
  sentAt: number;
}

/**
 * Pings the database, one ping at a time: a probe made while a ping is already on its way waits
 * for that one (with its own deadline), so a stalled database is never sent a pile of pings
 * that would each hold a connection. A ping that answers late still counts: the moment it
 * answers, the database is available again.
 */
export class DatabaseHealth implements DatabaseAvailability {
  private state = true;
  private since = performance.now();
  private inFlight: Flight | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly back: Array<(downForMs: number) => void> = [];

  /** `stalledAfterMs`: how long a ping may go unanswered before the database counts as not answering. */
  constructor(
    private readonly ping: () => Promise<unknown>,
    private readonly logger: Pick<Logger, 'warn' | 'info'>,
    private readonly stalledAfterMs = 2000,
  ) {}

  get available(): boolean {
    return this.state;
  }

  async probe(withinMs: number): Promise<boolean> {
    const { answer } = this.inFlight ?? this.send();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), withinMs);
    });
    const result = await Promise.race([answer, late]);
    clearTimeout(timer);
    return result;
  }

  /**
   * Every `everyMs`: a new ping if none is on its way, else a look at how long the one on its way
   * has gone unanswered. So `available` follows the database by itself, within about
   * `stalledAfterMs + everyMs` of a stall.
   */
  watch(everyMs: number): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      const waited = this.inFlight ? performance.now() - this.inFlight.sentAt : 0;
      if (waited >= this.stalledAfterMs) this.set(false, `no answer to a ping for ${Math.round(waited)} ms`);
      else if (!this.inFlight) void this.probe(everyMs);
    }, everyMs);
    this.timer.unref();
  }

  /** Calls `listener` each time the database answers again after it did not, with how long it did not (ms, as known here). */
  onAvailableAgain(listener: (downForMs: number) => void): void {
    this.back.push(listener);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private send(): Flight {
    // Known as the one on its way before it starts, so that its end (even a synchronous throw) clears it.
    const flight: Flight = { sentAt: performance.now(), answer: Promise.resolve(false) };
    this.inFlight = flight;
    flight.answer = this.pingOnce(flight);
    return flight;
  }

  private async pingOnce(flight: Flight): Promise<boolean> {
    try {
      await this.ping();
      this.set(true);
      return true;
    } catch (error) {
      this.set(false, error instanceof Error ? error.name : String(error));
      return false;
    } finally {
      if (this.inFlight === flight) this.inFlight = undefined;
    }
  }

  private set(available: boolean, reason?: string): void {
    if (available === this.state) return;
    // Real elapsed time, not the injected clock's: this measures the database, not scheduled time.
    const now = performance.now();
    const afterMs = Math.round(now - this.since);
    this.state = available;
    this.since = now;
    if (available) {
      this.logger.info({ downForMs: afterMs }, 'database answering again');
      for (const listener of this.back) listener(afterMs);
    } else this.logger.warn({ reason }, 'database not answering; answering "temporarily unavailable" meanwhile');
  }
}
