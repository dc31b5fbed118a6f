// A request not decided by RESTORE_APPROVAL_TTL expires (moved clock, real Agenda): the sweep
// expires it at its deadline and not before, the card and the requester are told, it is on
// record; a click that arrives after the deadline, before any sweep, expires it itself and is
// told so — it never counts.
import { strict as assert } from 'node:assert';
import { SWEEP_JOB } from '../../../jobs/restores/sweep.js';
import { JOBS_COLLECTION } from '../../../src/scheduler.js';
import { Harness } from '../../support/harness.js';
import { jobRanSince, MovedClock } from '../../support/moved-clock.js';
import {
  approver,
  clickRestore,
  REQUESTER,
  requestRestore,
  restoreOf,
  restoreWorld,
} from '../../support/restore-world.js';
import { replyText } from '../../support/slack-user.js';
import { waitUntil } from '../../support/wait-until.js';

const HOUR = 3_600_000;

describe('Restore requests expire at their deadline (moved clock, real Agenda)', function () {
  this.timeout(60_000);
  let clock: MovedClock;
  let h: Harness;

  before(async function () {
    clock = MovedClock.install(new Date('2026-11-20T02:00:00Z'));
    h = await Harness.start({
      label: 'restore-expiry',
      slack: true,
      env: { RESTORE_APPROVALS_REQUIRED: '2', RESTORE_APPROVAL_TTL: '2h' },
    });
    await restoreWorld(h);
  });

  after(async function () {
    await h?.stop();
    clock?.restore();
  });

  const sweepAt = async (at: Date) => {
    await clock.moveTo(at, h.zhiban);
    await jobRanSince(h.zhiban, SWEEP_JOB, at);
  };

  it('expires an undecided request at its deadline, not a minute before, and tells the requester', async function () {
    const id = await requestRestore(h);
    await clickRestore(h, 'approve', id, approver(1));
    const { expiresAt } = (await restoreOf(h, id)).approval;
    assert.equal(expiresAt.getTime() - (await restoreOf(h, id)).createdAt.getTime(), 2 * HOUR);
    await sweepAt(new Date(expiresAt.getTime() - 60_000));
    assert.equal((await restoreOf(h, id)).state, 'pending');
    await sweepAt(expiresAt);
    const restore = await restoreOf(h, id);
    assert.equal(restore.state, 'expired');
    assert.equal(restore.approval.state, 'expired');
    assert.equal(restore.timeline.at(-1)?.kind, 'expired');
    const [record] = await h.zhiban.models.AuditEvent.find({ objectId: id, action: 'restore.expired' }).lean();
    assert.deepEqual([record?.actor, record?.after], ['system', { restore: 'expired', approvals: '1/2' }]);
    await waitUntil(
      async () =>
        h
          .slack!.callsTo('chat.postMessage')
          .find((c) => c.body.channel === REQUESTER && JSON.stringify(c.body).includes(`${id}（e-pay）到截止时间`)),
      'the requester told privately',
    );
    const late = await clickRestore(h, 'approve', id, approver(2));
    assert.match(replyText(late.body), new RegExp(`${id} 已于 .* 过期，没有获得足够的批准`));
    assert.equal((await restoreOf(h, id)).approval.approvals.length, 1);
  });

  it('expires a request when a click arrives after the deadline, before any sweep, and the click does not count', async function () {
    const id = await requestRestore(h);
    const { expiresAt } = (await restoreOf(h, id)).approval;
    // The sweep runs every ten seconds: past the deadline by less than that, a click may come first.
    // Here the sweep is held back so that it certainly does.
    const jobs = h.zhiban.models.OutboxMessage.db.db!.collection(JOBS_COLLECTION);
    await jobs.updateOne({ name: SWEEP_JOB }, { $set: { nextRunAt: new Date(expiresAt.getTime() + 24 * HOUR) } });
    await clock.moveTo(new Date(expiresAt.getTime() + 1), h.zhiban);
    const late = await clickRestore(h, 'approve', id, approver(1));
    const sweep = await jobs.findOne({ name: SWEEP_JOB });
    assert.ok(!sweep?.lastRunAt || sweep.lastRunAt < expiresAt, 'no sweep ran after the deadline');
    await jobs.updateOne({ name: SWEEP_JOB }, { $set: { nextRunAt: clock.now() } });
    assert.match(replyText(late.body), new RegExp(`${id} 已于 .* 过期`));
    const restore = await restoreOf(h, id);
    assert.equal(restore.state, 'expired');
    assert.equal(restore.approval.approvals.length, 0);
    assert.equal(await h.zhiban.models.AuditEvent.countDocuments({ objectId: id, action: 'restore.expired' }), 1);
  });
});
