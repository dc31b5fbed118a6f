// One call to the restore executor (RESTORE_EXECUTOR_URL): the approved request as JSON, signed
// as CONTRACT.md says, with the restore id as its Idempotency-Key (a call repeated after a crash
// is the same call to the executor). Answers the HTTP status, or 0 when no answer came; never
// throws, never logs the URL (it may carry a password) or the secret.
import type { RestoreRequest } from '../../../../models/restores/restore-request.js';
import type { Secret } from '../../../config/secret.js';
import type { Clock } from '../../../kernel/clock.js';
import { postSigned, type SignedAnswer } from '../../../http/signed-post.js';

export { IDEMPOTENCY_HEADER } from '../../../http/signed-post.js';
/** An executor that has not answered by then is taken as no answer, and called again later. */
export const EXECUTOR_TIMEOUT_MS = 10_000;

/** What the executor receives: what to restore, where to, why, and who approved it. */
export interface ExecutorPayload {
  restoreId: string;
  system: string;
  backup: {
    id: string;
    scope: string;
    kind: string;
    finishedAt: string | null;
    sizeBytes: number | null;
    location: string;
    checksum: string | null;
  };
  target: string;
  reason: string;
  requester: string;
  approvers: string[];
  approvedAt: string | null;
  /** Where it reports progress, on Zhiban's own address (POST, `Authorization: Bearer $WEBHOOK_TOKEN`). */
  reportTo: string;
}

export function executorPayload(restore: RestoreRequest): ExecutorPayload {
  const { backup } = restore;
  return {
    restoreId: restore._id,
    system: restore.system,
    backup: {
      id: backup.id,
      scope: backup.scope,
      kind: backup.kind,
      finishedAt: backup.finishedAt?.toISOString() ?? null,
      sizeBytes: backup.sizeBytes ?? null,
      location: backup.location,
      checksum: backup.checksum ?? null,
    },
    target: restore.target,
    reason: restore.reason,
    requester: restore.requester,
    approvers: restore.approval.approvals.map((vote) => vote.by),
    approvedAt: restore.approval.decidedAt?.toISOString() ?? null,
    reportTo: `/webhooks/restores/${restore._id}`,
  };
}

/** `status` 0: no answer (refused connection, timeout); `detail`: a short reason for the timeline. */
export type ExecutorAnswer = SignedAnswer;

export class ExecutorClient {
  constructor(
    private readonly url: string,
    private readonly secret: Secret,
    private readonly clock: Clock,
    private readonly timeoutMs = EXECUTOR_TIMEOUT_MS,
  ) {}

  /** POSTs `payload` once; `signal` ends the wait (Zhiban stopping), which counts as no answer. */
  send(payload: ExecutorPayload, signal?: AbortSignal): Promise<ExecutorAnswer> {
    const target = { url: this.url, secret: this.secret, clock: this.clock, timeoutMs: this.timeoutMs };
    return postSigned(target, payload, payload.restoreId, signal);
  }
}
