// One reader per process of what changed in web_messages, for every live stream it serves. It reads
// the database, not this process's memory, so a browser on one process sees what another wrote.
// It re-reads a few seconds back each time: a write stamped a moment earlier (committed late, or by
// a process whose clock is slightly behind) is still found; what was already passed on is skipped.
import type { Logger } from 'pino';
import type { Clock } from '../../kernel/clock.js';
import type { WebMessage, WebMessageModel } from '../../../models/web/web-message.js';
import { outsideOperation } from '../../observability/round-trips.js';

export type FeedListener = (changed: WebMessage[]) => void;

export interface FeedOptions {
  pollMs: number;
  /** How far back each read starts before the newest change seen; bounds the clock skew tolerated. */
  overlapMs: number;
}

export const DEFAULT_FEED: FeedOptions = { pollMs: 400, overlapMs: 5000 };
const PAGE = 500;

export class MessageFeed {
  private readonly listeners = new Set<FeedListener>();
  /** messageId → the version passed on, for what the overlap reads again. */
  private readonly passed = new Map<string, { version: number; at: number }>();
  private from = new Date(0);
  private timer: NodeJS.Timeout | undefined;
  private reading: Promise<void> | undefined;
  private again = false;

  constructor(
    private readonly model: WebMessageModel,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly options: FeedOptions = DEFAULT_FEED,
  ) {}

  start(): void {
    if (this.timer) return;
    this.from = new Date(this.clock.now().getTime() - this.options.overlapMs);
    this.timer = setInterval(() => this.wake(), this.options.pollMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    this.listeners.clear();
    await this.reading;
  }

  subscribe(listener: FeedListener): () => void {
    // Nobody was listening, so nothing was read meanwhile: start from now, not from the last reader's time.
    if (this.listeners.size === 0) {
      this.from = new Date(this.clock.now().getTime() - this.options.overlapMs);
      this.passed.clear();
    }
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Reads now rather than at the next poll (this process just wrote something). */
  wake(): void {
    if (!this.timer || this.listeners.size === 0) return;
    if (this.reading) {
      this.again = true;
      return;
    }
    this.reading = outsideOperation(() => this.readLoop()).finally(() => (this.reading = undefined));
  }

  private async readLoop(): Promise<void> {
    do {
      this.again = false;
      try {
        await this.read();
      } catch (error) {
        this.logger.warn({ err: error }, 'web console: could not read new messages');
      }
    } while (this.again && this.timer);
  }

  private async read(): Promise<void> {
    const changed = await this.model.changedSince(this.from, PAGE);
    const fresh = changed.filter((doc) => (this.passed.get(doc.messageId)?.version ?? 0) < doc.version);
    for (const doc of fresh) this.passed.set(doc.messageId, { version: doc.version, at: doc.updatedAt.getTime() });
    const newest = changed.at(-1)?.updatedAt.getTime();
    if (newest !== undefined) {
      // A full page means more is waiting: go on from its end; otherwise keep the overlap behind the newest.
      const next = changed.length === PAGE ? newest : newest - this.options.overlapMs;
      if (next > this.from.getTime()) this.from = new Date(next);
    }
    for (const [id, seen] of this.passed) if (seen.at < this.from.getTime()) this.passed.delete(id);
    if (fresh.length === 0) return;
    for (const listener of this.listeners) {
      try {
        listener(fresh);
      } catch (error) {
        this.logger.warn({ err: error }, 'web console: a live stream failed');
      }
    }
  }
}
