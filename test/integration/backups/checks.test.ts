// The backup checks through the real webhook, Agenda and alert machinery, with a clock the test
// moves: each check raises its finding (an alert, its card in the backups channel) at its
// deadline to the minute and not before, at once where the issue says so, and resolves it by
// itself when the condition clears; two processes say each finding once.
import { strict as assert } from 'node:assert';
import { CHECK_JOB } from '../../../jobs/backups/checks.js';
import type { Alert } from '../../../models/alerts/alert.js';
import type { AlertGroup } from '../../../models/alerts/alert-group.js';
import type { Scope } from '../../../models/backups/backup-run.js';
import type { Zhiban } from '../../../src/app.js';
import { aBackup, findingId, GIB, postBackups, sendBackups } from '../../support/backup-sender.js';
import type { RecordedCall } from '../../support/fake-slack.js';
import { ADMIN_SLACK, Harness, startZhiban } from '../../support/harness.js';
import { jobRanSince, MovedClock } from '../../support/moved-clock.js';
import { cardTitle, slackCommand } from '../../support/slack-user.js';
import { waitUntil } from '../../support/wait-until.js';
import { FAST_ALERT_GROUPS } from '../../e2e/scenarios/alert-scenarios.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const CHANNEL = 'CBACKUPS01';
/** Database: full weekly, grace a fifth of it. */
const DB_FULL_DUE = 7 * DAY + 33.6 * HOUR;

describe('Backup checks (moved clock, real Agenda)', function () {
  this.timeout(60_000);
  let clock: MovedClock;
  let h: Harness;

  before(async function () {
    clock = MovedClock.install(new Date('2026-11-20T00:00:00Z'));
    h = await Harness.start({ label: 'backup-checks', slack: true, env: FAST_ALERT_GROUPS });
    await slackCommand(h, 'channel set backups', { userId: ADMIN_SLACK, channelId: CHANNEL });
    await h.zhiban.models.UserProfile.create({ _id: 'slack:UDATAOPS1', roles: ['dataops'] });
  });

  after(async function () {
    await h?.stop();
    clock?.restore();
  });

  const now = () => clock.now();
  const plus = (at: Date, ms: number) => new Date(at.getTime() + ms);
  const alertOf = (system: string, scope: Scope | undefined, key: string) =>
    h.zhiban.models.Alert.findById(findingId(system, scope, key)).lean<Alert>();
  const statusOf = async (system: string, scope: Scope | undefined, key: string) =>
    (await alertOf(system, scope, key))?.status;
  /** Moves the clock to `at` and waits for a check sweep that began then. */
  const sweepAt = async (at: Date, zhiban: Zhiban = h.zhiban) => {
    await clock.moveTo(at, zhiban);
    await jobRanSince(zhiban, CHECK_JOB, at);
  };
  const becomes = (system: string, scope: Scope | undefined, key: string, status: Alert['status']) =>
    waitUntil(async () => (await statusOf(system, scope, key)) === status, `${key} of ${system} ${status}`);
  /** Slack took the call (a post it refused, as over its rate, is tried again). */
  const sent = (call: RecordedCall) => (call.response as { ok?: boolean } | undefined)?.ok === true;
  /** The finding's card in the backups channel, once posted. */
  const card = (title: RegExp) =>
    h.slack!.waitFor('chat.postMessage', {
      predicate: (c) => sent(c) && c.body.channel === CHANNEL && !c.body.thread_ts && title.test(cardTitle(c.body)),
      // After a jump of days every system known so far is late too: their cards queue at Slack's rate.
      timeoutMs: 20_000,
    });

  it('raises a late full one minute past its grace, not one whose backup came exactly at the deadline', async function () {
    const t0 = now();
    const due = plus(t0, -7 * DAY + DB_FULL_DUE);
    await sendBackups(h, [
      aBackup('late-a', 'late-a-1', plus(t0, -7 * DAY)),
      aBackup('late-b', 'late-b-1', plus(t0, -7 * DAY)),
    ]);
    await sweepAt(plus(due, -5000));
    assert.equal(await statusOf('late-a', 'database', 'late:full'), undefined, 'not late before its deadline');
    // Late-b's next full finishes exactly at the deadline.
    await sendBackups(h, aBackup('late-b', 'late-b-2', due));
    await sweepAt(plus(due, MINUTE));
    const late = await alertOf('late-a', 'database', 'late:full');
    assert.equal(late?.status, 'firing');
    assert.equal(late?.source, 'zhiban-backups');
    assert.equal(late?.labels.check, 'late');
    assert.equal(late?.labels.kind, 'full');
    assert.match(
      late!.summary,
      /^late-a 数据库的全量备份逾期：上次成功于 .*，应在 .* 前再次成功（每 7 天，宽限 1天9小时）$/,
    );
    assert.equal(await statusOf('late-b', 'database', 'late:full'), undefined, 'on time is not late');
    const posted = await card(/备份逾期 · late-a/);
    assert.match(cardTitle(posted.body), /^\[P2 严重\] ALG-\d+ · 备份逾期 · late-a$/);

    // The late backup arrives: the finding resolves by itself, at once, and its group's thread says so.
    await sendBackups(h, aBackup('late-a', 'late-a-2', now()));
    await becomes('late-a', 'database', 'late:full', 'resolved');
    const group = await h.zhiban.models.AlertGroup.findOne({ system: 'late-a', name: '备份逾期' }).lean<AlertGroup>();
    assert.equal(group?.channel, 'backups');
    // The group's thread says what resolved. Both late findings of late-a (its full, and its
    // incremental, which a full also satisfies) resolve with this report; when the machine is busy
    // the group may tell them in two flushes, the second a group interval later, so the first line
    // about late-a's database backups is what is waited for.
    await h.slack!.waitFor('chat.postMessage', {
      predicate: (c) =>
        c.body.channel === CHANNEL &&
        Boolean(c.body.thread_ts) &&
        /已恢复 \d+ 条：[\s\S]*database\/(full|incremental): late-a 数据库的(全量|增量)备份逾期/.test(
          JSON.stringify(c.body),
        ),
      timeoutMs: 20_000,
    });
  });

  it('raises a failed run at once, in the backups channel, and resolves it when a later run succeeds', async function () {
    const t0 = now();
    await sendBackups(h, [
      aBackup('fail-a', 'fail-a-1', plus(t0, -DAY)),
      aBackup('fail-a', 'fail-a-2', plus(t0, -10 * MINUTE), { status: 'failed', message: 'ORA-19502: write error' }),
    ]);
    await becomes('fail-a', 'database', 'failed:full', 'firing');
    assert.match(
      (await alertOf('fail-a', 'database', 'failed:full'))!.summary,
      /fail-a-2 于 .* 失败：ORA-19502: write error$/,
    );
    await card(/备份失败 · fail-a/);
    await sendBackups(h, aBackup('fail-a', 'fail-a-3', now()));
    await becomes('fail-a', 'database', 'failed:full', 'resolved');
  });

  it('raises a run stuck past 6 hours without history, and resolves it when the run ends', async function () {
    const start = now();
    await sendBackups(
      h,
      aBackup('stuck-a', 'stuck-a-1', start, { status: 'running', startedAt: start.toISOString(), finishedAt: null }),
    );
    await sweepAt(plus(start, 6 * HOUR - 5000));
    assert.equal(await statusOf('stuck-a', 'database', 'stuck:full'), undefined);
    await sweepAt(plus(start, 6 * HOUR + MINUTE));
    assert.equal(await statusOf('stuck-a', 'database', 'stuck:full'), 'firing');
    await sendBackups(h, aBackup('stuck-a', 'stuck-a-1', now(), { startedAt: start.toISOString() }));
    await becomes('stuck-a', 'database', 'stuck:full', 'resolved');
  });

  it('raises a full under half the median of the five before it (a shrink of 51 %) at once, not a shrink of 49 %', async function () {
    const t0 = now();
    const history = (system: string) =>
      [5, 4, 3, 2, 1].map((days) =>
        aBackup(system, `${system}-${days}`, plus(t0, -days * DAY), { sizeBytes: 100 * GIB }),
      );
    await sendBackups(h, [...history('small-a'), aBackup('small-a', 'small-a-0', t0, { sizeBytes: 49 * GIB })]);
    await sendBackups(h, [...history('small-b'), aBackup('small-b', 'small-b-0', t0, { sizeBytes: 51 * GIB })]);
    await becomes('small-a', 'database', 'small', 'firing');
    await card(/备份过小 · small-a/);
    await sweepAt(plus(now(), 2 * MINUTE));
    assert.equal(await statusOf('small-b', 'database', 'small'), undefined, 'a 49 % shrink is not too small');
    // A later full big enough (51 % of the median of the five before it) clears it.
    await sendBackups(h, aBackup('small-a', 'small-a-next', now(), { sizeBytes: 51 * GIB }));
    await becomes('small-a', 'database', 'small', 'resolved');
  });

  it('raises an unverified full a day after it finished, and resolves it when its verification comes', async function () {
    const finished = now();
    await sendBackups(h, aBackup('unver-a', 'unver-a-1', finished, { verified: false, checksum: 'sha256:00' }));
    await sweepAt(plus(finished, DAY - 5000));
    assert.equal(await statusOf('unver-a', 'database', 'unverified'), undefined);
    await sweepAt(plus(finished, DAY + MINUTE));
    assert.equal(await statusOf('unver-a', 'database', 'unverified'), 'firing');
    await sendBackups(h, aBackup('unver-a', 'unver-a-1', finished, { verified: true }));
    await becomes('unver-a', 'database', 'unverified', 'resolved');
  });

  it('raises a missing off-site copy after its cadence and grace, and resolves it with a copy in the cloud', async function () {
    const known = now();
    // Business data: an off-site copy a day, grace 4.8 hours; this system's copies stay local.
    await sendBackups(h, aBackup('offsite-a', 'offsite-a-1', known, { scope: 'business' }));
    const due = plus(known, DAY + 4.8 * HOUR);
    await sweepAt(plus(due, -5000));
    assert.equal(await statusOf('offsite-a', 'business', 'offsite'), undefined);
    await sweepAt(plus(due, MINUTE));
    assert.equal(await statusOf('offsite-a', 'business', 'offsite'), 'firing');
    await sendBackups(h, aBackup('offsite-a', 'offsite-a-2', now(), { scope: 'business', location: 'cloud' }));
    await becomes('offsite-a', 'business', 'offsite', 'resolved');
  });

  it('raises a storage under 15 % free at once, and one that fills within 14 days by its trend', async function () {
    const total = 1000 * GIB;
    const report = (system: string, id: string, name: string, free: number) =>
      aBackup(system, id, now(), { storage: { name, totalBytes: total, freeBytes: free * GIB } });
    await sendBackups(h, report('store-a', 'store-a-1', 'nas-low', 140));
    await becomes('nas-low', undefined, 'storage_low', 'firing');
    await sendBackups(h, report('store-a', 'store-a-2', 'nas-low', 200));
    await becomes('nas-low', undefined, 'storage_low', 'resolved');

    // 500, 480, 460 GiB free over a day: 2 % of the total a day, full in about 11.5 days.
    await sendBackups(h, report('store-b', 'store-b-1', 'nas-trend', 500));
    await clock.advance(12 * HOUR, h.zhiban);
    await sendBackups(h, report('store-b', 'store-b-2', 'nas-trend', 480));
    assert.equal(await statusOf('nas-trend', undefined, 'storage_full_soon'), undefined, 'no trend from half a day');
    await clock.advance(12 * HOUR, h.zhiban);
    await sendBackups(h, report('store-b', 'store-b-3', 'nas-trend', 460));
    await becomes('nas-trend', undefined, 'storage_full_soon', 'firing');
    assert.match(
      (await alertOf('nas-trend', undefined, 'storage_full_soon'))!.summary,
      /^存储 nas-trend 按近 14 天的趋势约在 \d{4}-\d{2}-\d{2} 写满/,
    );
  });

  it('resolves a late incremental at once when dataops stops asking for one, and records the change', async function () {
    // A full a week old counts for the daily incremental: it is late at once.
    await sendBackups(h, aBackup('policy-a', 'policy-a-1', plus(now(), -6 * DAY)));
    await becomes('policy-a', 'database', 'late:incremental', 'firing');
    const { reply } = await slackCommand(h, 'policy set policy-a database incr=none', {
      command: '/backup',
      userId: 'UDATAOPS1',
    });
    assert.match(JSON.stringify(reply), /已修改 policy-a · 数据库 的备份策略：增量 每 1 天 → 无/);
    await becomes('policy-a', 'database', 'late:incremental', 'resolved');
    const audit = await h.zhiban.models.AuditEvent.findOne({
      action: 'backup.policy_set',
      objectId: 'policy-a/database',
    }).lean();
    assert.deepEqual(audit?.before, { incremental: '1d' });
    assert.deepEqual(audit?.after, { incremental: null });
    assert.equal(audit?.actor, 'slack:UDATAOPS1');
  });

  it('says each finding once when two processes check and take reports at once', async function () {
    const second = await startZhiban(h.env, h.options);
    try {
      const t0 = now();
      const failed = aBackup('two-a', 'two-a-1', t0, { status: 'failed', message: 'tape jam' });
      await Promise.all([postBackups(h, failed), postBackups(second, failed)]);
      await sendBackups(second, aBackup('two-b', 'two-b-1', plus(t0, -7 * DAY)));
      await becomes('two-a', 'database', 'failed:full', 'firing');
      const due = plus(t0, -7 * DAY + DB_FULL_DUE);
      // Both processes poll the one sweep job; whichever takes it, and the one after, say it once.
      await sweepAt(plus(due, MINUTE));
      await becomes('two-b', 'database', 'late:full', 'firing');
      await sweepAt(plus(due, 3 * MINUTE), second);
      await card(/备份失败 · two-a/);
      await card(/备份逾期 · two-b/);
      const posts = (who: string) =>
        h
          .slack!.callsTo('chat.postMessage')
          .filter((c) => c.body.channel === CHANNEL && !c.body.thread_ts && cardTitle(c.body).includes(who));
      assert.equal(posts('备份失败 · two-a').length, 1, 'one card for the failure');
      assert.equal(posts('备份逾期 · two-b').length, 1, 'one card for the late backup');
      assert.equal(await h.zhiban.models.AlertGroup.countDocuments({ system: 'two-a', name: '备份失败' }), 1);
      // Both processes may raise the same verdict at the same moment (the alert's count says how
      // often it was raised); what people see is one group, with one card.
      assert.equal(await h.zhiban.models.AlertGroup.countDocuments({ system: 'two-b', name: '备份逾期' }), 1);
    } finally {
      await second.stop();
    }
  });
});
