// Whether the database answers right now, known without waiting long: what lets /readyz, the
// webhooks and the chat router give a fast, honest answer while the database is stalled, instead
// of waiting as long as the driver's own deadlines (src/db/connect.ts) would.
import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';

/** What the surfaces need to know of the database (DatabaseHealth, or a stand-in in unit tests). */
export interface DatabaseAvailability {
  /** The last thing learned: `false` from a ping that failed or did not answer in time, until one answers. */
  readonly available: boolean;
  /** Asks now; resolves `false` if no answer comes within `withinMs`. Never rejects. */
  probe(withinMs: number): Promise<boolean>;
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
  private inFlight: Promise<boolean> | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly ping: () => Promise<unknown>,
    private readonly logger: Pick<Logger, 'warn' | 'info'>,
  ) {}

  get available(): boolean {
    return this.state;
  }

  async probe(withinMs: number): Promise<boolean> {
    const answer = (this.inFlight ??= this.pingOnce());
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), withinMs);
    });
    const result = await Promise.race([answer, late]);
    clearTimeout(timer);
    if (!result) this.set(false, `no answer within ${withinMs} ms`);
    return result;
  }

  /** Probes every `everyMs` (each with that much time to answer), so `available` follows the database by itself. */
  watch(everyMs: number): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.probe(everyMs), everyMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private async pingOnce(): Promise<boolean> {
    try {
      await this.ping();
      this.set(true);
      return true;
    } catch (error) {
      this.set(false, error instanceof Error ? error.name : String(error));
      return false;
    } finally {
      this.inFlight = undefined;
    }
  }

  private set(available: boolean, reason?: string): void {
    if (available === this.state) return;
    // Real elapsed time, not the injected clock's: this measures the database, not scheduled time.
    const now = performance.now();
    const afterMs = Math.round(now - this.since);
    this.state = available;
    this.since = now;
    if (available) this.logger.info({ downForMs: afterMs }, 'database answering again');
    else this.logger.warn({ reason }, 'database not answering; answering "temporarily unavailable" meanwhile');
  }
}
