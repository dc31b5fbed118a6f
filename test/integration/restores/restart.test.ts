// A restart between the quorum and the executor's 2xx: the call was made but its answer never heard
// (the process stopped while the executor held it). The next process takes the call back once it
// is overdue and makes it again — the executor gets it once more at most, with the same
// idempotency key — and never again after the 2xx. A retry due when the process stopped is made
// by the next one.
import { strict as assert } from 'node:assert';
import { SWEEP_JOB } from '../../../jobs/restores/sweep.js';
import { DELIVERY_POLICY } from '../../../src/domains/restores/rules/delivery.js';
import { EXECUTOR_SECRET, FakeExecutor } from '../../support/fake-executor.js';
import { Harness } from '../../support/harness.js';
import { jobRanSince, MovedClock } from '../../support/moved-clock.js';
import { approver, clickRestore, requestRestore, restoreOf, restoreWorld } from '../../support/restore-world.js';
import { waitUntil } from '../../support/wait-until.js';

const HOUR = 3_600_000;

describe('Restore execution across a restart', function () {
  this.timeout(60_000);
  let clock: MovedClock;
  let executor: FakeExecutor;
  let h: Harness;

  before(async function () {
    clock = MovedClock.install(new Date('2026-11-20T02:00:00Z'));
    executor = await FakeExecutor.start();
    h = await Harness.start({
      label: 'restore-restart',
      slack: true,
      env: { RESTORE_EXECUTOR_URL: executor.url, RESTORE_EXECUTOR_SECRET: EXECUTOR_SECRET },
    });
    await restoreWorld(h);
  });

  after(async function () {
    await h?.stop();
    await executor?.stop();
    clock?.restore();
  });

  const callsOf = (id: string) => executor.calls.filter((c) => c.body.restoreId === id);
  const sweepAt = async (at: Date) => {
    await clock.moveTo(at, h.zhiban);
    await jobRanSince(h.zhiban, SWEEP_JOB, at);
  };

  it('calls once more at most, with the same key, when the process stopped before the 2xx', async function () {
    executor.answerNext('hold');
    const id = await requestRestore(h);
    await clickRestore(h, 'approve', id, approver(1));
    await waitUntil(async () => callsOf(id).length === 1, 'the first call, held by the executor');
    const claimed = (await restoreOf(h, id)).execution!;
    assert.equal(claimed.state, 'sending');

    await h.restart();
    // Until the attempt is overdue, the new process leaves it: the old one might still hear its answer.
    await sweepAt(new Date(claimed.claimedAt!.getTime() + DELIVERY_POLICY.lostAfterMs - 5_000));
    assert.equal(callsOf(id).length, 1);
    await sweepAt(new Date(claimed.claimedAt!.getTime() + DELIVERY_POLICY.lostAfterMs + 1_000));
    await waitUntil(async () => (await restoreOf(h, id)).execution?.state === 'delivered', 'delivered');
    const calls = callsOf(id);
    assert.deepEqual(
      calls.map((c) => [c.headers['idempotency-key'], c.signed]),
      [
        [id, true],
        [id, true],
      ],
    );
    const restore = await restoreOf(h, id);
    assert.deepEqual(
      restore.timeline.filter((s) => s.kind.startsWith('executor')).map((s) => s.kind),
      ['executor_call', 'executor_lost', 'executor_call', 'executor_answer'],
    );

    await sweepAt(new Date(clock.now().getTime() + 2 * HOUR));
    assert.equal(callsOf(id).length, 2, 'never again after the 2xx');
    executor.release();
  });

  it('makes the retry a stopped process had scheduled', async function () {
    executor.answerNext(502);
    const id = await requestRestore(h);
    await clickRestore(h, 'approve', id, approver(1));
    await waitUntil(async () => {
      const execution = (await restoreOf(h, id)).execution;
      return execution?.state === 'waiting' && execution.attempts === 1;
    }, 'waiting after the 502');
    const { nextAt } = (await restoreOf(h, id)).execution!;
    await h.restart();
    // The restart itself may have taken longer than the wait: the retry is then due at once.
    const at = await clock.advance(Math.max(0, nextAt!.getTime() - clock.now().getTime()) + 1_000, h.zhiban);
    await jobRanSince(h.zhiban, SWEEP_JOB, at);
    await waitUntil(
      async () => (await restoreOf(h, id)).execution?.state === 'delivered',
      'delivered by the new process',
    );
    assert.deepEqual(
      callsOf(id).map((c) => c.status),
      [502, 202],
    );
  });
});
