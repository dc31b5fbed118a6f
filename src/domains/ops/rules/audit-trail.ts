// Writes and reads the append-only audit trail (seed 5.2(7)).
import type { Clock } from '../../../kernel/clock.js';
import type { AuditEvent, AuditEventModel } from '../../../../models/ops/audit-event.js';

export interface AuditEntry {
  actor: string;
  action: string;
  objectType: string;
  objectId: string;
  before?: unknown;
  after?: unknown;
  reason?: string;
  outcome: 'done' | 'refused';
  via: string;
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

  /** The latest `limit` events on an object of any type (`INC-12`, `slack:U123`), oldest first. */
  async recent(objectId: string, limit = 50): Promise<AuditEvent[]> {
    const newestFirst = await this.events
      .find({ objectId })
      .sort({ at: -1, _id: -1 })
      .limit(limit)
      .lean<AuditEvent[]>();
    return newestFirst.reverse();
  }
}
