// The at-once checks (issue 12: a failed, too-small or already-late report raises its finding
// within seconds): after a batch is stored, the summaries and storages it changed are checked in
// the background — the first at once, then at most a round every ROUND_GAP_MS, each taking every
// batch stored meanwhile, so a flood of reports costs a few reads a second, not one per request.
// The webhook does not wait for it; the sweep, at least once a minute on whichever process holds
// its lock, is the guarantee.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { BackupIntakeListener } from './intake.js';
import { outsideOperation } from '../../../observability/round-trips.js';

/** Real time between the starts of two rounds (pacing, not a deadline: the clock of the checks is the injected one). */
export const ROUND_GAP_MS = 500;

export interface AtOnceWork {
  checkSummaries(keys: readonly string[]): Promise<number>;
  checkStorages(names: readonly string[]): Promise<number>;
}

export class AtOnceChecks implements BackupIntakeListener {
  private summaries = new Set<string>();
  private storages = new Set<string>();
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly work: AtOnceWork,
    private readonly logger: Logger,
  ) {}

  stored(summaries: string[], storages: string[]): void {
    if (this.stopped) return;
    for (const key of summaries) this.summaries.add(key);
    for (const name of storages) this.storages.add(name);
    this.running ??= outsideOperation(() => this.drain());
  }

  /** Resolves once what was handed over so far has been checked (tests, and a clean stop). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private waiting(): boolean {
    return this.summaries.size > 0 || this.storages.size > 0;
  }

  /** No more rounds; one running finishes. */
  stop(): void {
    this.stopped = true;
  }

  private async drain(): Promise<void> {
    while (!this.stopped && this.waiting()) {
      const started = performance.now();
      const summaries = [...this.summaries];
      const storages = [...this.storages];
      this.summaries.clear();
      this.storages.clear();
      try {
        if (summaries.length > 0) await this.work.checkSummaries(summaries);
        if (storages.length > 0) await this.work.checkStorages(storages);
      } catch (error) {
        this.logger.warn({ err: error }, 'backup checks after a report failed; the sweep will take them');
      }
      const rest = ROUND_GAP_MS - (performance.now() - started);
      if (rest > 0 && this.waiting() && !this.stopped) await sleep(rest);
    }
    // Cleared in the same turn as the last look at what waits: a batch stored after it starts a new round.
    this.running = undefined;
  }
}
