// Issue 18, fault 2, fast form: a process killed by SIGKILL between a restore's approval and the
// executor's 2xx. The approval is clicked in a Zhiban of its own process; while the fake executor
// holds the call it made, that process is killed, and a new one starts on the same database. The
// executor is then called once more at most, with the same Idempotency-Key, and the restore ends
// with one card and one record of each step.
import { strict as assert } from 'node:assert';
import { SWEEP_JOB } from '../../../jobs/restores/sweep.js';
import { cardValue } from '../../../src/chat/card-value.js';
import { DELIVERY_POLICY } from '../../../src/domains/restores/rules/delivery.js';
import { EXECUTOR_SECRET, FakeExecutor } from '../../support/fake-executor.js';
import { Harness, startZhiban } from '../../support/harness.js';
import { KillableZhiban } from '../../support/killable-child.js';
import { jobRanSince, MovedClock } from '../../support/moved-clock.js';
import {
  APPROVALS_CHANNEL,
  approver,
  BACKUP_CHECKSUM,
  requestRestore,
  restoreOf,
  restoreWorld,
} from '../../support/restore-world.js';
import { slackClick } from '../../support/slack-user.js';
import { waitUntil } from '../../support/wait-until.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** The restores sweep's Agenda lock lifetime (jobs/restores/sweep.ts): a run the killed process held is taken over after it. */
const SWEEP_LOCK_MS = 2 * MINUTE;

describe('A process killed between a restore’s approval and the executor’s 2xx', function () {
  this.timeout(120_000);
  let clock: MovedClock;
  let executor: FakeExecutor;
  let h: Harness;
  let child: KillableZhiban | undefined;

  before(async function () {
    clock = MovedClock.install();
    executor = await FakeExecutor.start();
    h = await Harness.start({
      label: 'crash-approval',
      slack: true,
      env: { RESTORE_EXECUTOR_URL: executor.url, RESTORE_EXECUTOR_SECRET: EXECUTOR_SECRET },
    });
    await restoreWorld(h);
  });

  after(async function () {
    await child?.kill();
    await h?.stop();
    await executor?.stop();
    clock?.restore();
  });

  const callsOf = (id: string) => executor.calls.filter((c) => c.body.restoreId === id);
  const audited = (id: string, action: string) =>
    h.zhiban.models.AuditEvent.countDocuments({ objectId: id, action, outcome: { $ne: 'refused' } });

  it('calls the executor once more at most, with the same key, and ends with one card and one record of each step', async function () {
    const id = await requestRestore(h);
    const { version } = await restoreOf(h, id);
    // The in-test process stops; the approval is clicked in a process of its own, on the same database.
    await h.zhiban.stop();
    child = await KillableZhiban.start(h.env);
    executor.answerNext('hold');
    await slackClick({ url: child.url, slack: h.slack } as Harness, 'restore.approve', cardValue(id, version), {
      userId: approver(1),
      channelId: APPROVALS_CHANNEL,
    });
    await executor.waitForCalls(1, 30_000).catch((error: unknown) => {
      throw new Error(`${String(error)}; its log: ${child!.stderr.slice(-2000)}`);
    });
    await child.kill();
    child = undefined;

    h.zhiban = await startZhiban(h.env, h.options);
    const claimed = (await restoreOf(h, id)).execution!;
    assert.equal(claimed.state, 'sending', 'the call the killed process made is on record, its answer is not');
    // Past the time after which an unanswered attempt counts as lost, and past the lock of any sweep
    // the killed process was running. Not quietOn: what the killed process held stays locked until then.
    const at = new Date(
      Math.max(claimed.claimedAt!.getTime() + DELIVERY_POLICY.lostAfterMs, clock.now().getTime() + SWEEP_LOCK_MS) +
        1_000,
    );
    await clock.moveTo(at);
    await jobRanSince(h.zhiban, SWEEP_JOB, at, 30_000);
    await waitUntil(async () => (await restoreOf(h, id)).execution?.state === 'delivered', 'delivered', {
      timeoutMs: 30_000,
    });
    assert.deepEqual(
      callsOf(id).map((c) => [c.headers['idempotency-key'], c.signed]),
      [
        [id, true],
        [id, true],
      ],
      'once more, with the same key',
    );

    // Hours of sweeps later: never again after the 2xx.
    const later = new Date(clock.now().getTime() + 2 * HOUR);
    await clock.moveTo(later, h.zhiban);
    await jobRanSince(h.zhiban, SWEEP_JOB, later, 30_000);
    assert.equal(callsOf(id).length, 2, 'never again after the 2xx');

    const done = await FakeExecutor.report(h.url, id, { status: 'succeeded', checksum: BACKUP_CHECKSUM });
    assert.equal(done.status, 202);
    const restore = await restoreOf(h, id);
    assert.equal(restore.state, 'succeeded');
    assert.deepEqual(
      restore.timeline.filter((s) => s.kind.startsWith('executor')).map((s) => s.kind),
      ['executor_call', 'executor_lost', 'executor_call', 'executor_answer'],
    );
    assert.deepEqual(
      {
        approve: await audited(id, 'restore.approve'),
        approved: await audited(id, 'restore.approved'),
        succeeded: await audited(id, 'restore.succeeded'),
      },
      { approve: 1, approved: 1, succeeded: 1 },
    );
    // One record per attempt: the call, and its answer (0: the lost one, taken back by the new process).
    const attempts = await h.zhiban.models.AuditEvent.find({ objectId: id, action: /^restore\.executor_/ })
      .sort({ at: 1, _id: 1 })
      .lean();
    assert.deepEqual(
      attempts.map((a) => [
        a.action,
        (a.after as { attempt: number }).attempt,
        (a.after as { httpStatus?: number }).httpStatus,
      ]),
      [
        ['restore.executor_call', 1, undefined],
        ['restore.executor_answer', 1, 0],
        ['restore.executor_call', 2, undefined],
        ['restore.executor_answer', 2, 202],
      ],
    );
    // Its card: posted once in the approvals channel (then edited in place), whichever process sent what.
    await clock.settleAt(new Date(clock.now().getTime() + MINUTE), h.zhiban);
    const posts = h
      .slack!.callsTo('chat.postMessage')
      .filter((c) => c.body.channel === APPROVALS_CHANNEL && JSON.stringify(c.body).includes(id) && !c.body.thread_ts);
    assert.equal(posts.length, 1, 'one card for the restore');
    executor.release();
  });
});
