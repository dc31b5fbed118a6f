// Writes and reads the append-only audit trail (seed 5.2(7)).
import type { Clock } from '../../../kernel/clock.js';
import type { AuditEvent, AuditEventModel } from '../../../../models/ops/audit-event.js';
import type { AuditAction, ReasonCode } from '../audit-vocabulary.js';

export interface AuditEntry {
  actor: string;
  action: AuditAction;
  objectType: string;
  objectId: string;
  before?: unknown;
  after?: unknown;
  /** Readable text: what a person typed (an update, a fix) or, with `reasonCode`, the code in English. */
  reason?: string;
  /** Why, as a code any reader's language has words for (src/domains/ops/audit-vocabulary.ts). */
  reasonCode?: ReasonCode;
  reasonParams?: Record<string, unknown>;
  outcome: 'done' | 'refused';
  via: string;
}

/** Which records: of one object, by some identities (one person's), within `[from, to)`; all given must hold. */
export interface AuditFilter {
  objectId?: string | undefined;
  actors?: readonly string[] | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
}

export class AuditTrail {
  constructor(
    private readonly events: AuditEventModel,
    private readonly clock: Clock,
  ) {}

  async record(entry: AuditEntry): Promise<void> {
    await this.events.create({ ...entry, at: this.clock.now() });
  }

  async history(objectType: string, objectId: string, limit = 50): Promise<AuditEvent[]> {
    return this.events.find({ objectType, objectId }).sort({ at: 1 }).limit(limit).lean<AuditEvent[]>();
  }

  /**
   * The latest `limit` refused attempts on one object (clicks and commands the rules said no to),
   * oldest first, and how many there were in all: for a story that also tells who tried what.
   */
  async refusals(objectType: string, objectId: string, limit = 10): Promise<{ events: AuditEvent[]; total: number }> {
    const filter = { objectType, objectId, outcome: 'refused' as const };
    const [latest, total] = await Promise.all([
      this.events.find(filter).sort({ at: -1 }).limit(limit).lean<AuditEvent[]>(),
      this.events.countDocuments(filter),
    ]);
    return { events: latest.reverse(), total };
  }

  /** The latest `limit` events on an object of any type (`INC-12`, `slack:U123`), oldest first. */
  async recent(objectId: string, limit = 50): Promise<AuditEvent[]> {
    return (await this.select({ objectId }, limit)).events;
  }

  /** The latest `limit` events the filter selects, oldest first, and how many it selects in all. */
  async select(filter: AuditFilter, limit = 50): Promise<{ events: AuditEvent[]; total: number }> {
    const query = mongoFilter(filter);
    const newestFirst = await this.events.find(query).sort({ at: -1, _id: -1 }).limit(limit).lean<AuditEvent[]>();
    const total = newestFirst.length < limit ? newestFirst.length : await this.events.countDocuments(query);
    return { events: newestFirst.reverse(), total };
  }

  /** How many events the filter selects. */
  async count(filter: AuditFilter): Promise<number> {
    return this.events.countDocuments(mongoFilter(filter));
  }

  /** The first `limit` events the filter selects, oldest first (the first rows of its export). */
  async oldest(filter: AuditFilter, limit: number): Promise<AuditEvent[]> {
    return this.events.find(mongoFilter(filter)).sort({ at: 1, _id: 1 }).limit(limit).lean<AuditEvent[]>();
  }

  /** Every event the filter selects, oldest first, read as it is consumed (an export of any size). */
  async *stream(filter: AuditFilter): AsyncGenerator<AuditEvent> {
    const cursor = this.events.find(mongoFilter(filter)).sort({ at: 1, _id: 1 }).lean<AuditEvent[]>().cursor();
    try {
      for await (const event of cursor) yield event as AuditEvent;
    } finally {
      await cursor.close();
    }
  }
}

function mongoFilter(filter: AuditFilter): Record<string, unknown> {
  const at = { ...(filter.from ? { $gte: filter.from } : {}), ...(filter.to ? { $lt: filter.to } : {}) };
  return {
    ...(filter.objectId !== undefined ? { objectId: filter.objectId } : {}),
    ...(filter.actors ? { actor: { $in: [...filter.actors] } } : {}),
    ...(Object.keys(at).length ? { at } : {}),
  };
}
