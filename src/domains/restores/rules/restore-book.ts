// Where every restore rule reads and writes: a request by id, one conditional update that adds a
// line to its timeline and a new version, the audit record of it, and the observers told after
// (the announcer, the delivery). A rule that loses a race gets null and says what is there now.
import type { RestoreRequest, RestoreRequestModel, RestoreStep } from '../../../../models/restores/restore-request.js';
import type { Clock } from '../../../kernel/clock.js';
import { UserError } from '../../../chat/user-error.js';
import type { AuditEntry, AuditTrail } from '../../ops/rules/audit-trail.js';

/** Who acted: a person (`platform:id` from a platform), Zhiban's jobs (`system`, `job`), the executor (`executor`, `webhook`). */
export interface Actor {
  key: string;
  via: string;
}

/** Told of every change after it is stored: the card, its thread, the requester, the next step. */
export interface RestoreObserver {
  changed(restore: RestoreRequest, step: RestoreStep): Promise<void>;
}

/** `rst-3`, `RST-3` and `3` all name RST-3. */
export function normalizeRestoreId(raw: string): string {
  const match = /^(?:rst-?)?(\d{1,9})$/i.exec(raw.trim());
  return match ? `RST-${Number(match[1])}` : raw.trim().slice(0, 20);
}

export class RestoreBook {
  private readonly observers: RestoreObserver[] = [];

  constructor(
    readonly model: RestoreRequestModel,
    private readonly audit: AuditTrail,
    readonly clock: Clock,
  ) {}

  observe(observer: RestoreObserver): void {
    this.observers.push(observer);
  }

  /** The request, or a UserError `restore.errors.not_found`. */
  async get(id: string): Promise<RestoreRequest> {
    const found = await this.find(id);
    if (!found) throw new UserError('restore.errors.not_found', { id: id.slice(0, 20) });
    return found;
  }

  find(id: string): Promise<RestoreRequest | null> {
    return this.model.findById(normalizeRestoreId(id)).lean<RestoreRequest>();
  }

  /**
   * Applies `set` and adds `step` to the timeline if the request still matches `expect`; answers
   * the request after, or null when it no longer matches (someone else changed it first).
   */
  async change(
    id: string,
    expect: Record<string, unknown>,
    set: Record<string, unknown>,
    step: RestoreStep,
  ): Promise<RestoreRequest | null> {
    return this.model
      .findOneAndUpdate(
        { _id: id, ...expect },
        { $set: { ...set, updatedAt: step.at }, $push: { timeline: step }, $inc: { version: 1 } },
        { returnDocument: 'after' },
      )
      .lean<RestoreRequest>();
  }

  /** A timeline line dated now. */
  step(actor: Actor, kind: RestoreStep['kind'], extra: Partial<RestoreStep> = {}): RestoreStep {
    return { at: this.clock.now(), actor: actor.key, kind, ...extra };
  }

  record(entry: Omit<AuditEntry, 'objectType' | 'outcome'> & { outcome?: AuditEntry['outcome'] }): Promise<void> {
    return this.audit.record({ objectType: 'restore', outcome: 'done', ...entry });
  }

  /** Tells the observers, in order; each is awaited, so what they store is stored when this resolves. */
  async told(restore: RestoreRequest, step: RestoreStep): Promise<void> {
    for (const observer of this.observers) await observer.changed(restore, step);
  }
}
