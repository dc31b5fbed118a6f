// Calling the executor for an approved restore, exactly as CONTRACT.md promises: the call is
// stored with the quorum (rules/decisions.ts) before it is made; each attempt is claimed with one
// conditional update, so one process makes it; a 2xx is recorded and never repeated; a 5xx, a 408
// or 429, or no answer is tried again with back-off (the first retry within 30 s) for up to an
// hour; any other 4xx is the executor's refusal and ends it. An attempt whose process died
// (claimed long ago, no answer recorded) is taken again by the next sweep: the executor may get
// that one call twice, always with the same Idempotency-Key.
import type { Logger } from 'pino';
import type { RestoreRequest, RestoreStep } from '../../../../models/restores/restore-request.js';
import { SYSTEM_ACTOR_KEY } from '../../ops/audit-vocabulary.js';
import { answerKind, retryDelayMs, type RetryPolicy } from '../../../http/signed-post.js';
import { EXECUTOR_TIMEOUT_MS, executorPayload, type ExecutorAnswer, type ExecutorClient } from './executor-client.js';
import type { Actor, RestoreBook, RestoreObserver } from './restore-book.js';
import { BackgroundRounds } from '../../../kernel/background-rounds.js';

export interface DeliveryPolicy extends RetryPolicy {
  /** An attempt claimed this long ago without an answer recorded was lost with its process. */
  lostAfterMs: number;
}

export const DELIVERY_POLICY: DeliveryPolicy = {
  firstRetryMs: 10_000,
  maxRetryMs: 5 * 60_000,
  lostAfterMs: EXECUTOR_TIMEOUT_MS * 6,
};

const SYSTEM: Actor = { key: SYSTEM_ACTOR_KEY, via: 'job' };

export { answerKind, retryDelayMs } from '../../../http/signed-post.js';

export class RestoreDelivery implements RestoreObserver {
  private readonly rounds: BackgroundRounds;
  private readonly inFlight = new Set<AbortController>();

  constructor(
    private readonly book: RestoreBook,
    private readonly client: ExecutorClient,
    logger: Logger,
    private readonly policy: DeliveryPolicy = DELIVERY_POLICY,
  ) {
    this.rounds = new BackgroundRounds(
      () => this.deliverDue(),
      logger,
      'restore delivery failed; the sweep will take it',
    );
  }

  /** A quorum just stored a call: make it now rather than at the next sweep. */
  async changed(restore: RestoreRequest, step: RestoreStep): Promise<void> {
    if (step.kind === 'approved' && restore.execution?.mode === 'executor') this.kick();
  }

  /** Delivers what is due in the background; calls while a round runs start one more after it. */
  kick(): void {
    this.rounds.wake();
  }

  async idle(): Promise<void> {
    await this.rounds.idle();
  }

  /** No more rounds; a call under way is abandoned as no answer (the next process calls again). */
  stop(): void {
    this.rounds.stop();
    for (const controller of this.inFlight) controller.abort();
  }

  /** Takes back attempts lost with their process, then makes every call that is due; answers how many calls were made. */
  async deliverDue(): Promise<number> {
    const now = this.book.clock.now();
    const lost = await this.book.model
      .find({
        'execution.state': 'sending',
        'execution.claimedAt': { $lte: new Date(now.getTime() - this.policy.lostAfterMs) },
      })
      .lean<RestoreRequest[]>();
    for (const restore of lost) await this.takeBack(restore, now);
    const due = await this.book.model
      .find({ state: 'approved', 'execution.state': 'waiting', 'execution.nextAt': { $lte: now } })
      .sort({ 'execution.nextAt': 1 })
      .limit(100)
      .lean<RestoreRequest[]>();
    let calls = 0;
    for (const restore of due) {
      if (this.rounds.isStopped) break;
      if (await this.attempt(restore)) calls += 1;
    }
    return calls;
  }

  /** An attempt nobody heard the answer to: waiting again, due `now` (this sweep makes it). */
  private async takeBack(restore: RestoreRequest, now: Date): Promise<void> {
    const execution = restore.execution!;
    const step = this.book.step(SYSTEM, 'executor_lost', { count: execution.attempts, retryAt: now });
    const updated = await this.book.change(
      restore._id,
      { 'execution.state': 'sending', 'execution.claimedAt': execution.claimedAt },
      { 'execution.state': 'waiting', 'execution.nextAt': now },
      step,
    );
    if (!updated) return;
    await this.book.record(answerRecord(restore._id, execution.attempts, { status: 0, detail: 'no answer recorded' }));
    await this.book.told(updated, step);
  }

  /** One attempt, if this process wins its claim; answers whether the executor was called. */
  private async attempt(restore: RestoreRequest): Promise<boolean> {
    const execution = restore.execution!;
    const now = this.book.clock.now();
    if (execution.deadline && now.getTime() > execution.deadline.getTime()) {
      await this.giveUp(restore, { 'execution.state': 'waiting', 'execution.attempts': execution.attempts });
      return false;
    }
    const attempt = execution.attempts + 1;
    const call = this.book.step(SYSTEM, 'executor_call', { count: attempt });
    const claimed = await this.book.change(
      restore._id,
      { state: 'approved', 'execution.state': 'waiting', 'execution.attempts': execution.attempts },
      { 'execution.state': 'sending', 'execution.claimedAt': now, 'execution.attempts': attempt },
      call,
    );
    if (!claimed) return false;
    await this.book.record({
      actor: SYSTEM.key,
      action: 'restore.executor_call',
      objectId: restore._id,
      after: { attempt },
      via: SYSTEM.via,
    });
    await this.book.told(claimed, call);
    const controller = new AbortController();
    this.inFlight.add(controller);
    let answer: ExecutorAnswer;
    try {
      answer = await this.client.send(executorPayload(claimed), controller.signal);
    } finally {
      this.inFlight.delete(controller);
    }
    if (this.rounds.isStopped) return true;
    await this.settle(claimed, attempt, answer);
    return true;
  }

  private async settle(restore: RestoreRequest, attempt: number, answer: ExecutorAnswer): Promise<void> {
    const claim = { 'execution.state': 'sending', 'execution.attempts': attempt };
    const kind = answerKind(answer.status);
    const text = answer.detail || undefined;
    if (kind === 'taken') {
      const step = this.book.step(SYSTEM, 'executor_answer', { status: answer.status, count: attempt });
      const updated = await this.book.change(restore._id, claim, { 'execution.state': 'delivered' }, step);
      if (updated) await this.recordAnswer(updated, attempt, answer, step);
      return;
    }
    if (kind === 'refused') {
      const step = this.book.step(SYSTEM, 'executor_answer', { status: answer.status, count: attempt, text });
      const failed = {
        state: 'failed',
        'execution.state': 'refused',
        result: { at: step.at, match: 'unknown', message: `HTTP ${answer.status}` },
      };
      const updated = await this.book.change(restore._id, claim, failed, step);
      if (updated) await this.recordAnswer(updated, attempt, answer, step);
      return;
    }
    const now = this.book.clock.now();
    const retryAt = new Date(now.getTime() + retryDelayMs(this.policy, attempt));
    const deadline = restore.execution?.deadline;
    if (deadline && retryAt.getTime() > deadline.getTime()) {
      await this.giveUp(restore, claim, { attempt, answer });
      return;
    }
    const step = this.book.step(SYSTEM, 'executor_answer', { status: answer.status, count: attempt, text, retryAt });
    const set = { 'execution.state': 'waiting', 'execution.nextAt': retryAt };
    const updated = await this.book.change(restore._id, claim, set, step);
    if (updated) await this.recordAnswer(updated, attempt, answer, step);
  }

  /**
   * No 2xx within the hour: the restore has failed, and everyone is told. `last` is the attempt
   * whose failed answer ends it (none when the hour ran out before the next attempt).
   */
  private async giveUp(
    restore: RestoreRequest,
    expect: Record<string, unknown>,
    last?: { attempt: number; answer: ExecutorAnswer },
  ): Promise<void> {
    const step = this.book.step(SYSTEM, 'executor_gave_up', {
      count: last?.attempt ?? restore.execution?.attempts ?? 0,
      ...(last ? { status: last.answer.status, ...(last.answer.detail ? { text: last.answer.detail } : {}) } : {}),
    });
    const failed = {
      state: 'failed',
      'execution.state': 'given_up',
      result: { at: step.at, match: 'unknown', message: 'executor unreachable' },
    };
    const updated = await this.book.change(restore._id, expect, failed, step);
    if (!updated) return;
    if (last) await this.book.record(answerRecord(restore._id, last.attempt, last.answer));
    await this.book.record({
      actor: SYSTEM.key,
      action: 'restore.executor_gave_up',
      objectId: restore._id,
      before: { restore: restore.state },
      after: { restore: 'failed', attempt: updated.execution?.attempts ?? 0 },
      via: SYSTEM.via,
    });
    await this.book.told(updated, step);
  }

  private async recordAnswer(
    restore: RestoreRequest,
    attempt: number,
    answer: ExecutorAnswer,
    step?: RestoreStep,
  ): Promise<void> {
    await this.book.record(answerRecord(restore._id, attempt, answer));
    if (step) await this.book.told(restore, step);
  }
}

function answerRecord(id: string, attempt: number, answer: ExecutorAnswer) {
  return {
    actor: SYSTEM.key,
    action: 'restore.executor_answer' as const,
    objectId: id,
    after: { attempt, httpStatus: answer.status },
    ...(answer.detail ? { reason: answer.detail } : {}),
    via: SYSTEM.via,
  };
}
