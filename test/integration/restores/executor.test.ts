// An approved restore goes to the executor as CONTRACT.md says, through the real approval clicks,
// Agenda and HTTP, with a clock the test moves: one signed call with the restore as JSON and its
// idempotency key; a 500 tried again within 30 s and a 2xx never repeated; a 4xx is the
// executor's refusal; an hour without a 2xx is given up; each step on record and told.
import { strict as assert } from 'node:assert';
import { SWEEP_JOB } from '../../../jobs/restores/sweep.js';
import type { RestoreRequest } from '../../../models/restores/restore-request.js';
import { signatureOf } from '../../../src/http/signature.js';
import { EXECUTOR_SECRET, FakeExecutor } from '../../support/fake-executor.js';
import { Harness } from '../../support/harness.js';
import { jobRanSince, MovedClock } from '../../support/moved-clock.js';
import {
  approver,
  APPROVALS_CHANNEL,
  BACKUP_CHECKSUM,
  clickRestore,
  REQUESTER,
  requestRestore,
  restoreOf,
  restoreWorld,
} from '../../support/restore-world.js';
import { waitUntil } from '../../support/wait-until.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('Restore execution through the executor (moved clock, real Agenda)', function () {
  this.timeout(60_000);
  let clock: MovedClock;
  let executor: FakeExecutor;
  let h: Harness;

  before(async function () {
    clock = MovedClock.install(new Date('2026-11-20T02:00:00Z'));
    executor = await FakeExecutor.start();
    h = await Harness.start({
      label: 'restore-executor',
      slack: true,
      env: {
        RESTORE_EXECUTOR_URL: executor.url,
        RESTORE_EXECUTOR_SECRET: EXECUTOR_SECRET,
        RESTORE_APPROVALS_REQUIRED: '2',
      },
    });
    await restoreWorld(h);
  });

  after(async function () {
    await h?.stop();
    await executor?.stop();
    clock?.restore();
  });

  /** Requested by the requester, approved by approvers 1 and 2: answers the id once the second click is answered. */
  const approved = async () => {
    const id = await requestRestore(h);
    await clickRestore(h, 'approve', id, approver(1));
    await clickRestore(h, 'approve', id, approver(2));
    return id;
  };
  const until = (id: string, check: (r: RestoreRequest) => boolean, what: string) =>
    waitUntil(async () => check(await restoreOf(h, id)), `${id}: ${what}`);
  /** Moves the clock to `at` and waits for a sweep that began then. */
  const sweepAt = async (at: Date) => {
    await clock.moveTo(at, h.zhiban);
    await jobRanSince(h.zhiban, SWEEP_JOB, at);
  };
  /** A Slack post in `channel` (a card's thread included) whose text matches, once the outbox has sent it. */
  const saidIn = (channel: string, text: RegExp, what: string) =>
    waitUntil(
      async () =>
        h
          .slack!.callsTo('chat.postMessage')
          .find((c) => c.body.channel === channel && text.test(JSON.stringify(c.body))),
      what,
    );
  const callsOf = (id: string) => executor.calls.filter((c) => c.body.restoreId === id);
  const audited = (id: string, action: string) => h.zhiban.models.AuditEvent.find({ objectId: id, action }).lean();

  it('calls the executor once the quorum is reached: signed, timestamped, the restore as JSON, its id as the key', async function () {
    const id = await requestRestore(h);
    await clickRestore(h, 'approve', id, approver(1));
    assert.equal((await restoreOf(h, id)).execution, undefined, 'one approval of two stores no call');
    const at = clock.now();
    await clickRestore(h, 'approve', id, approver(2));
    await executor.waitForCalls(1);
    const [call] = callsOf(id);
    assert.ok(call, 'the executor was called for it');
    assert.equal(call.signed, true, 'sha256 HMAC of "<timestamp>.<raw body>" with RESTORE_EXECUTOR_SECRET');
    const timestamp = Number(call.headers['x-zhiban-timestamp']);
    assert.ok(Math.abs(timestamp - at.getTime() / 1000) < 60, 'the timestamp is the time of the call, in seconds');
    assert.equal(call.headers['x-zhiban-signature'], signatureOf(EXECUTOR_SECRET, timestamp, call.raw));
    assert.equal(call.headers['idempotency-key'], id);
    assert.match(String(call.headers['content-type']), /^application\/json/);
    assert.deepEqual(
      {
        restoreId: call.body.restoreId,
        system: call.body.system,
        backup: [call.body.backup.id, call.body.backup.checksum, call.body.backup.kind],
        target: call.body.target,
        requester: call.body.requester,
        approvers: call.body.approvers,
        reportTo: call.body.reportTo,
      },
      {
        restoreId: id,
        system: 'e-pay',
        backup: ['pay-full-1', BACKUP_CHECKSUM, 'full'],
        target: 'e-pay',
        requester: `slack:${REQUESTER}`,
        approvers: [`slack:${approver(1)}`, `slack:${approver(2)}`],
        reportTo: `/webhooks/restores/${id}`,
      },
    );
    await until(id, (r) => r.execution?.state === 'delivered', 'delivered');
    assert.equal((await audited(id, 'restore.executor_call')).length, 1);
    const [answer] = await audited(id, 'restore.executor_answer');
    assert.deepEqual(answer?.after, { attempt: 1, httpStatus: 202 });

    // An hour and more of sweeps later: a 2xx is never repeated.
    await sweepAt(new Date(clock.now().getTime() + 2 * HOUR));
    assert.equal(callsOf(id).length, 1);
  });

  it('tries a 500 again within 30 s, with the same key, and stops at the 2xx', async function () {
    executor.answerNext(500);
    const id = await approved();
    await until(id, (r) => r.execution?.state === 'waiting' && r.execution.attempts === 1, 'waiting after the 500');
    const first = await restoreOf(h, id);
    const failedAt = first.timeline.findLast((s) => s.kind === 'executor_answer')!.at;
    const retryAt = first.execution!.nextAt!;
    assert.ok(
      retryAt.getTime() - failedAt.getTime() <= 30_000,
      `first retry ${retryAt.getTime() - failedAt.getTime()} ms later`,
    );
    await sweepAt(retryAt);
    await until(id, (r) => r.execution?.state === 'delivered', 'delivered on the second attempt');
    const calls = callsOf(id);
    assert.deepEqual(
      calls.map((c) => [c.status, c.headers['idempotency-key'], c.signed]),
      [
        [500, id, true],
        [202, id, true],
      ],
    );
    assert.deepEqual(
      (await audited(id, 'restore.executor_answer')).map((a) => a.after),
      [
        { attempt: 1, httpStatus: 500 },
        { attempt: 2, httpStatus: 202 },
      ],
    );
    await saidIn(
      APPROVALS_CHANNEL,
      new RegExp(`${id} · .*第 1 次调用没有成功（HTTP 500）`),
      'the retry in the card’s thread',
    );
    await sweepAt(new Date(clock.now().getTime() + HOUR));
    assert.equal(callsOf(id).length, 2, 'nothing after the 2xx');
  });

  it('takes a 4xx as the executor’s refusal: failed, no retry, the requester told', async function () {
    executor.answerNext(422);
    const id = await approved();
    await until(id, (r) => r.state === 'failed', 'failed');
    const restore = await restoreOf(h, id);
    assert.equal(restore.execution?.state, 'refused');
    await sweepAt(new Date(clock.now().getTime() + HOUR));
    assert.equal(callsOf(id).length, 1);
    await saidIn(REQUESTER, new RegExp(`你的恢复申请 ${id}（e-pay）没有成功`), 'the requester told privately');
  });

  it('gives up after an hour without a 2xx (5xx and no answers): failed, on record, the requester told', async function () {
    executor.otherwise = 503;
    try {
      const id = await approved();
      await until(id, (r) => (r.execution?.attempts ?? 0) >= 1 && r.execution?.state === 'waiting', 'first attempt');
      const approvedAt = (await restoreOf(h, id)).approval.decidedAt!;
      for (let round = 0; round < 40; round++) {
        const restore = await restoreOf(h, id);
        if (restore.state === 'failed') break;
        if (restore.execution?.state === 'waiting') await sweepAt(restore.execution.nextAt!);
        else await until(id, (r) => r.execution?.state !== 'sending', 'the attempt answered');
      }
      const restore = await restoreOf(h, id);
      assert.equal(restore.state, 'failed');
      assert.equal(restore.execution?.state, 'given_up');
      const calls = callsOf(id);
      assert.ok(calls.length >= 8, `${calls.length} attempts in the hour`);
      assert.ok(calls.every((c) => c.status === 503));
      const lastAttempt = restore.timeline.findLast((s) => s.kind === 'executor_call')!;
      assert.ok(lastAttempt.at.getTime() - approvedAt.getTime() <= HOUR, 'no attempt after the hour');
      assert.equal((await audited(id, 'restore.executor_gave_up')).length, 1);
      await saidIn(REQUESTER, new RegExp(`你的恢复申请 ${id}（e-pay）没有成功`), 'the requester told privately');
    } finally {
      executor.otherwise = 202;
    }
  });
});
