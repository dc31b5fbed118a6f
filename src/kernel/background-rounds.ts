// Work done in the background in rounds, woken by whoever has something for it (a restore approved,
// a page stored): one round at a time; a wake during a round asks for one more after it; a failed
// round is logged and left to the next wake or sweep. Not counted against the operation that woke
// it (src/observability/round-trips.ts).
import type { Logger } from 'pino';
import { outsideOperation } from '../observability/round-trips.js';

export class BackgroundRounds {
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  /**
   * `round` does one round of the work; `failed` is the log line of a round that threw (the error
   * is logged with it as `err`, at warn).
   */
  constructor(
    private readonly round: () => Promise<unknown>,
    private readonly logger: Logger,
    private readonly failed: string,
  ) {}

  /** Starts a round now, or one more after the one running. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = outsideOperation(async () => {
      do {
        this.again = false;
        await this.round().catch((error: unknown) => this.logger.warn({ err: error }, this.failed));
      } while (this.again && !this.stopped);
      this.running = undefined;
    });
  }

  /** Resolves once no round runs (tests, and a clean stop). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** No more rounds after the one running. */
  stop(): void {
    this.stopped = true;
  }

  get isStopped(): boolean {
    return this.stopped;
  }
}
