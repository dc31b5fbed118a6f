// Asking for a restore (seed 6.3.1: a user applies and says why): the backup is chosen and
// checked, the request gets its id (RST-n) and its approval (N distinct approvers from the
// configured roles, a deadline), and the card goes to the approvals channel. A retried request
// (same platform request id) returns the first one's restore instead of making a second.
import type { CounterModel } from '../../../../models/core/counter.js';
import { claimRequestKey, type RequestKeyModel } from '../../../../models/core/request-key.js';
import {
  OPEN_RESTORE_STATES,
  type RestoreRequest,
  type RestoreStep,
} from '../../../../models/restores/restore-request.js';
import type { ApprovalServices } from '../../approvals/module.js';
import type { RestoreConfig } from '../config.js';
import { chooseBackup, type BackupBook } from './backup-choice.js';
import type { Actor, RestoreBook } from './restore-book.js';

export interface RequestInput {
  system: string;
  /** A backup id, or `latest`. */
  backup: string;
  /** Where to restore to; the system itself when not given. */
  target?: string | undefined;
  reason: string;
}

export interface RestoreRequestsDeps {
  book: RestoreBook;
  /** The backups domain's runs and summaries, read to choose the backup. */
  backups: BackupBook;
  counters: CounterModel;
  requestKeys: RequestKeyModel;
  approvals: Pick<ApprovalServices, 'voter'>;
  settings: RestoreConfig;
}

export class RestoreRequests {
  constructor(private readonly deps: RestoreRequestsDeps) {}

  /**
   * Makes the request, or answers the one a retry of the same platform request made
   * (`repeated`). Throws the backup choice's UserError when the backup cannot be restored from.
   */
  async request(
    input: RequestInput,
    actor: Actor,
    requestKey?: string,
  ): Promise<{ restore: RestoreRequest; repeated: boolean }> {
    const { book, requestKeys } = this.deps;
    if (requestKey) {
      const seen = await requestKeys.findById(requestKey).lean();
      if (seen) return { restore: await book.get(seen.result), repeated: true };
    }
    const choice = await chooseBackup(this.deps.backups, input.system, input.backup);
    const requester = await this.deps.approvals.voter(actor.key);
    const now = book.clock.now();
    const id = `RST-${await this.deps.counters.next('RST')}`;
    const step: RestoreStep = { at: now, actor: actor.key, kind: 'requested', text: input.reason };
    const { approvalsRequired, approvalTtlMs, approverRoles } = this.deps.settings;
    const restore = (
      await book.model.create({
        _id: id,
        system: input.system,
        backup: choice.backup,
        target: input.target?.trim() || input.system,
        reason: input.reason,
        requester: actor.key,
        unverified: choice.unverified,
        latest: choice.latest,
        state: 'pending',
        approval: {
          state: 'pending',
          approverRoles,
          required: approvalsRequired,
          requester: actor.key,
          requesterIdentities: requester.identities,
          expiresAt: new Date(now.getTime() + approvalTtlMs),
          approvals: [],
        },
        version: 0,
        timeline: [step],
        createdAt: now,
        updatedAt: now,
      })
    ).toObject() as RestoreRequest;
    if (requestKey) {
      // The same request raced us and won: its restore stands, ours goes.
      const winner = await claimRequestKey(requestKeys, requestKey, id, now, () => book.model.deleteOne({ _id: id }));
      if (winner) return { restore: await book.get(winner), repeated: true };
    }
    await book.record({
      actor: actor.key,
      action: 'restore.request',
      objectId: id,
      after: { backupId: choice.backup.id, target: restore.target, required: approvalsRequired },
      reason: input.reason.slice(0, 2000),
      via: actor.via,
    });
    await book.told(restore, step);
    return { restore, repeated: false };
  }

  /** The latest `limit` requests, open ones (still to approve, execute or verify) or all, newest first. */
  list(scope: 'open' | 'all', limit = 20): Promise<RestoreRequest[]> {
    const filter = scope === 'open' ? { state: { $in: OPEN_RESTORE_STATES } } : {};
    return this.deps.book.model.find(filter).sort({ createdAt: -1 }).limit(limit).lean<RestoreRequest[]>();
  }
}
