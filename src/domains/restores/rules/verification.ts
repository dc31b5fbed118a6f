// Verifying a restore (seed 6.3.3): after it succeeded, the requester or data operations answer
// the plan's two questions — is the data as expected (1), does the system run normally (2) — and
// the request is closed. A "no" to either opens an incident linked to it, so what went wrong is
// worked as any other incident. The answer is claimed first (one conditional update), the incident
// is declared under a key of the restore's own (a retry, or the sweep finishing a claim whose
// process died, finds the same incident), then linked.
import type { RestoreRequest, RestoreStep } from '../../../../models/restores/restore-request.js';
import { UserError } from '../../../chat/user-error.js';
import { EXECUTOR_ACTOR_KEY, SYSTEM_ACTOR_KEY } from '../../ops/audit-vocabulary.js';
import type { IncidentService } from '../../incidents/rules/incident-service.js';
import type { Actor, RestoreBook } from './restore-book.js';

export interface VerifyAnswers {
  dataOk: boolean;
  systemOk: boolean;
  note?: string | undefined;
}

/** The incident a failed verification opens, in the team's words. */
export type IncidentWords = (restore: RestoreRequest) => { title: string; description: string };

export class RestoreVerification {
  constructor(
    private readonly book: RestoreBook,
    private readonly incidents: Pick<IncidentService, 'declare'>,
    private readonly words: IncidentWords,
  ) {}

  /**
   * Closes a succeeded restore with the answers. `seen` is the card version a button carried: a
   * card no longer current is refused (`restore.errors.conflict`). Throws `restore.errors.not_verifiable`
   * when it has not succeeded (or was verified already).
   */
  async verify(id: string, answers: VerifyAnswers, actor: Actor, seen?: number): Promise<RestoreRequest> {
    const restore = await this.book.get(id);
    if (seen !== undefined && restore.version !== seen) throw conflict(restore);
    if (restore.state !== 'succeeded') {
      throw new UserError('restore.errors.not_verifiable', { id: restore._id, state: restore.state });
    }
    const passed = answers.dataOk && answers.systemOk;
    const note = answers.note?.trim() || undefined;
    const step = this.book.step(actor, passed ? 'verified' : 'verify_failed', {
      dataOk: answers.dataOk,
      systemOk: answers.systemOk,
      ...(note ? { text: note } : {}),
    });
    const verification = { by: actor.key, at: step.at, dataOk: answers.dataOk, systemOk: answers.systemOk, note };
    const expect = { state: 'succeeded', ...(seen !== undefined ? { version: seen } : {}) };
    const state = passed ? 'verified' : 'verify_failed';
    let updated = await this.book.change(restore._id, expect, { state, verification }, step);
    if (!updated) throw conflict((await this.book.find(restore._id)) ?? restore);
    if (!passed) updated = (await this.openIncident(updated, actor)) ?? updated;
    await this.book.record({
      actor: actor.key,
      action: 'restore.verify',
      objectId: restore._id,
      before: { restore: 'succeeded' },
      after: {
        restore: state,
        dataOk: answers.dataOk,
        systemOk: answers.systemOk,
        ...(updated.verification?.incidentId ? { incidentId: updated.verification.incidentId } : {}),
      },
      ...(note ? { reason: note } : {}),
      via: actor.via,
    });
    const told = updated.timeline.findLast((s) => s.kind === step.kind) ?? step;
    await this.book.told(updated, told);
    return updated;
  }

  /** Failed verifications whose incident is not linked yet (their process died between the two). */
  async finishOpen(): Promise<number> {
    const open = await this.book.model
      .find({ state: 'verify_failed', 'verification.incidentId': { $exists: false } })
      .limit(50)
      .lean<RestoreRequest[]>();
    for (const restore of open) {
      const linked = await this.openIncident(restore, { key: restore.verification!.by, via: 'job' });
      if (linked)
        await this.book.told(
          linked,
          linked.timeline.findLast((s) => s.kind === 'verify_failed')!,
        );
    }
    return open.length;
  }

  /** Declares the incident (once, whoever asks) and links it on the verification and its timeline line. */
  private async openIncident(restore: RestoreRequest, actor: Actor): Promise<RestoreRequest | null> {
    const { title, description } = this.words(restore);
    const { incident } = await this.incidents.declare(
      { title, severity: 'P2', category: 'technical', system: restore.system, description },
      actor,
      `restore-verify:${restore._id}`,
    );
    const at = restore.timeline.findLastIndex((s: RestoreStep) => s.kind === 'verify_failed');
    return this.book.model
      .findOneAndUpdate(
        { _id: restore._id, state: 'verify_failed' },
        {
          $set: { 'verification.incidentId': incident.shortId, [`timeline.${at}.incidentId`]: incident.shortId },
          $inc: { version: 1 },
        },
        { returnDocument: 'after' },
      )
      .lean<RestoreRequest>();
  }
}

/** The card clicked is no longer current: who changed it last, and where it is now. */
export function conflict(restore: RestoreRequest): UserError {
  const by = restore.timeline.at(-1)?.actor ?? '—';
  // Zhiban's jobs and the executor are named in the reader's words (`conflict_system`, `conflict_executor`).
  const context = by === SYSTEM_ACTOR_KEY || by === EXECUTOR_ACTOR_KEY ? { context: by } : {};
  return new UserError('restore.errors.conflict', { id: restore._id, by, state: restore.state, ...context });
}
