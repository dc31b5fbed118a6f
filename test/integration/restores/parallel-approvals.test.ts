// Twenty approvers click "approve" on the same card at once with RESTORE_APPROVALS_REQUIRED=2, half
// of them on a second Zhiban process sharing the database: two approvals count, the request is
// approved once, the executor is called exactly once, and the eighteen late clicks are each told,
// privately, that it was already approved — and put on record as refused.
import { strict as assert } from 'node:assert';
import { SWEEP_JOB } from '../../../jobs/restores/sweep.js';
import type { Zhiban } from '../../../src/app.js';
import { cardValue } from '../../../src/chat/card-value.js';
import { EXECUTOR_SECRET, FakeExecutor } from '../../support/fake-executor.js';
import { Harness, SLACK_SECRET, startZhiban } from '../../support/harness.js';
import { jobRanSince, MovedClock } from '../../support/moved-clock.js';
import { approver, APPROVALS_CHANNEL, requestRestore, restoreOf, restoreWorld } from '../../support/restore-world.js';
import { blockAction } from '../../support/slack-signer.js';
import { waitUntil } from '../../support/wait-until.js';

describe('Twenty approve clicks at once on two processes (N=2)', function () {
  this.timeout(60_000);
  let clock: MovedClock;
  let executor: FakeExecutor;
  let h: Harness;
  let second: Zhiban;

  before(async function () {
    clock = MovedClock.install(new Date('2026-11-20T02:00:00Z'));
    executor = await FakeExecutor.start();
    h = await Harness.start({
      label: 'restore-parallel',
      slack: true,
      env: {
        RESTORE_EXECUTOR_URL: executor.url,
        RESTORE_EXECUTOR_SECRET: EXECUTOR_SECRET,
        RESTORE_APPROVALS_REQUIRED: '2',
      },
    });
    second = await startZhiban(h.env, h.options);
    await restoreWorld(h, 20);
  });

  after(async function () {
    await second?.stop();
    await h?.stop();
    await executor?.stop();
    clock?.restore();
  });

  it('approves once and calls the executor exactly once', async function () {
    const id = await requestRestore(h);
    const value = cardValue(id, 0);
    const clicks = Array.from({ length: 20 }, (_, n) => ({ user: approver(n + 1), responseId: `par${n}` }));
    const answers = await Promise.all(
      clicks.map(({ user, responseId }, n) =>
        blockAction(n % 2 ? h.url : second.url, SLACK_SECRET, {
          actionId: 'restore.approve',
          value,
          userId: user,
          channelId: APPROVALS_CHANNEL,
          messageTs: '1795140001.000100',
          responseUrl: h.slack!.responseUrl(responseId),
        }),
      ),
    );
    assert.deepEqual(
      answers.map((a) => a.status),
      Array(20).fill(200),
    );
    const responses = await waitUntil(async () => {
      const said = h.slack!.calls.filter((c) => c.method === 'response' && c.path.includes('/par'));
      return said.length === 22 ? said : undefined;
    }, 'an answer to each click, and a private confirmation to each counted one');
    const updated = responses.filter((r) => r.body.replace_original === true);
    const private_ = responses.filter((r) => r.body.response_type === 'ephemeral').map((r) => JSON.stringify(r.body));
    assert.equal(updated.length, 2, 'two clicks counted, each updating the card it clicked');
    const refused = private_.filter((text) => text.includes(`${id} 已获批准（2/2`));
    assert.equal(refused.length, 18);
    // Each counted approver is also told privately what their click did.
    assert.deepEqual(
      private_
        .filter((text) => !refused.includes(text))
        .map((text) => /已计入：1\/2|达到 2\/2：申请已批准/.exec(text)?.[0])
        .sort(),
      ['已计入：1/2', '达到 2/2：申请已批准'],
    );

    const restore = await restoreOf(h, id);
    assert.equal(restore.state, 'approved');
    assert.equal(restore.approval.approvals.length, 2);
    assert.equal(restore.timeline.filter((s) => s.kind === 'approved').length, 1);
    await waitUntil(async () => (await restoreOf(h, id)).execution?.state === 'delivered', 'delivered');

    // Sweeps on both processes after the delivery call nobody again.
    const later = new Date(clock.now().getTime() + 30_000);
    await clock.moveTo(later);
    await jobRanSince(h.zhiban, SWEEP_JOB, later);
    assert.equal(executor.calls.filter((c) => c.body.restoreId === id).length, 1, 'the executor was called once');
    const audit = h.zhiban.models.AuditEvent;
    assert.equal(await audit.countDocuments({ objectId: id, action: 'restore.approve', outcome: 'done' }), 2);
    assert.equal(await audit.countDocuments({ objectId: id, action: 'restore.approve', outcome: 'refused' }), 18);
    assert.equal(await audit.countDocuments({ objectId: id, action: 'restore.approved' }), 1);
    // The quorum is on record as the click that made it: the second approver's, not Zhiban's.
    const quorum = await audit.findOne({ objectId: id, action: 'restore.approved' }).lean();
    assert.equal(quorum?.actor, restore.approval.approvals.at(-1)?.by);
    assert.equal(quorum?.via, 'slack');
    assert.equal(await audit.countDocuments({ objectId: id, action: 'restore.executor_call' }), 1);
  });
});
