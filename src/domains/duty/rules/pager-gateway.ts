// Pages beyond chat (issue 17): a POST per paged person to PAGER_WEBHOOK_URL, the organisation's
// SMS or voice gateway, signed as the restore executor call is (src/http/signed-post.ts). Each call
// is stored before it is made (PagerCall), claimed by one process per attempt with a conditional
// update, retried with back-off on a 5xx, 408, 429 or no answer for up to an hour, and never made
// again after a 2xx; its id is the Idempotency-Key. The phone number is opened only into the body.
import type { Logger } from 'pino';
import type { PagerCall, PagerCallModel } from '../../../../models/duty/pager-call.js';
import type { DutyPhoneModel } from '../../../../models/duty/phone.js';
import type { Clock } from '../../../kernel/clock.js';
import {
  answerKind,
  postSigned,
  retryDelayMs,
  type RetryPolicy,
  type SignedAnswer,
  type SignedTarget,
} from '../../../http/signed-post.js';
import type { PhoneBox } from './phone-box.js';
import { BackgroundRounds } from '../../../kernel/background-rounds.js';

/** What the gateway receives (README, "Pager gateway"). */
export interface PagerPayload {
  /** The call's id, also its Idempotency-Key. */
  id: string;
  /** Who is paged: their identity key and phone number. */
  person: string;
  phone: string;
  /** One line: what it is about (`P1 INC-3 网上缴费大面积失败`). */
  what: string;
  severity: string;
  link?: string;
}

/** How long a call waits between attempts, when it is given up, when an attempt counts as lost. */
export interface PagerPolicy extends RetryPolicy {
  /** How long a call is tried before it is given up. */
  giveUpAfterMs: number;
  /** An attempt claimed this long ago without an answer recorded was lost with its process. */
  lostAfterMs: number;
}

export const PAGER_TIMEOUT_MS = 10_000;
export const PAGER_POLICY: PagerPolicy = {
  firstRetryMs: 10_000,
  maxRetryMs: 5 * 60_000,
  giveUpAfterMs: 60 * 60_000,
  lostAfterMs: PAGER_TIMEOUT_MS * 6,
};

/** A page to make: who, about what. */
export interface PagerRequest {
  id: string;
  person: string;
  what: string;
  severity: string;
  link?: string;
}

/** Stores pager calls and makes them, once each, through the signed POST of src/http/. */
export class PagerGateway {
  private readonly rounds: BackgroundRounds;

  constructor(
    private readonly calls: PagerCallModel,
    private readonly phones: DutyPhoneModel,
    private readonly box: PhoneBox | undefined,
    private readonly target: Omit<SignedTarget, 'timeoutMs'> | undefined,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly policy: PagerPolicy = PAGER_POLICY,
  ) {
    this.rounds = new BackgroundRounds(
      () => this.deliverDue(),
      logger,
      'pager delivery failed; the sweep will take it',
    );
  }

  /** Whether pages go beyond chat at all (PAGER_WEBHOOK_URL and its secret set). */
  get enabled(): boolean {
    return this.target !== undefined;
  }

  /** Stores the calls (a call already stored stays as it is: never twice), then makes them in the background. */
  async enqueue(requests: readonly PagerRequest[]): Promise<void> {
    if (!this.target || requests.length === 0) return;
    const now = this.clock.now();
    for (const request of requests) {
      await this.calls.updateOne(
        { _id: request.id },
        {
          $setOnInsert: {
            ...request,
            state: 'waiting',
            attempts: 0,
            nextAt: now,
            deadline: new Date(now.getTime() + this.policy.giveUpAfterMs),
            createdAt: now,
          },
        },
        { upsert: true },
      );
    }
    this.kick();
  }

  /** Delivers what is due in the background; a call while a round runs asks for one more round. */
  kick(): void {
    this.rounds.wake();
  }

  async idle(): Promise<void> {
    await this.rounds.idle();
  }

  stop(): void {
    this.rounds.stop();
  }

  /** Takes back attempts lost with their process, then makes every call due; answers how many were made. */
  async deliverDue(): Promise<number> {
    if (!this.target) return 0;
    const now = this.clock.now();
    await this.calls.updateMany(
      { state: 'sending', claimedAt: { $lte: new Date(now.getTime() - this.policy.lostAfterMs) } },
      { $set: { state: 'waiting', nextAt: now } },
    );
    const due = await this.calls
      .find({ state: 'waiting', nextAt: { $lte: now } })
      .sort({ nextAt: 1 })
      .limit(100)
      .lean<PagerCall[]>();
    let made = 0;
    for (const call of due) {
      if (this.rounds.isStopped) break;
      if (await this.attempt(call)) made += 1;
    }
    return made;
  }

  private async attempt(call: PagerCall): Promise<boolean> {
    const now = this.clock.now();
    if (now.getTime() > call.deadline.getTime()) {
      await this.calls.updateOne({ _id: call._id, state: 'waiting' }, { $set: { state: 'given_up' } });
      this.logger.warn({ call: call._id, attempts: call.attempts }, 'page given up: the gateway never took it');
      return false;
    }
    const attempts = call.attempts + 1;
    const claimed = await this.calls.findOneAndUpdate(
      { _id: call._id, state: 'waiting', attempts: call.attempts },
      { $set: { state: 'sending', claimedAt: now, attempts } },
      { returnDocument: 'after' },
    );
    if (!claimed) return false;
    const phone = await this.phoneOf(call.person);
    const payload: PagerPayload = {
      id: call._id,
      person: call.person,
      phone: phone ?? '',
      what: call.what,
      severity: call.severity,
      ...(call.link ? { link: call.link } : {}),
    };
    const answer = await postSigned({ ...this.target!, timeoutMs: PAGER_TIMEOUT_MS }, payload, call._id);
    await this.settle(call, attempts, answer);
    return true;
  }

  private async settle(call: PagerCall, attempts: number, answer: SignedAnswer): Promise<void> {
    const claim = { _id: call._id, state: 'sending' as const, attempts };
    const kind = answerKind(answer.status);
    if (kind === 'retry') {
      const nextAt = new Date(this.clock.now().getTime() + retryDelayMs(this.policy, attempts));
      await this.calls.updateOne(claim, { $set: { state: 'waiting', nextAt, lastStatus: answer.status } });
      this.logger.info({ call: call._id, status: answer.status, attempts }, 'page not taken; tried again later');
      return;
    }
    const state = kind === 'taken' ? 'delivered' : 'refused';
    await this.calls.updateOne(claim, { $set: { state, lastStatus: answer.status } });
    if (state === 'refused') this.logger.warn({ call: call._id, status: answer.status }, 'page refused by the gateway');
  }

  private async phoneOf(person: string): Promise<string | undefined> {
    if (!this.box) return undefined;
    const stored = await this.phones.findById(person).lean();
    return stored ? this.box.open(stored.sealed) : undefined;
  }
}
