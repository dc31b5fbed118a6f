// Around a window that runs late (issue 14), with a moved clock: a started upgrade still in progress
// at its end is reminded in its thread, naming sysops and pm, every 15 minutes until it is completed;
// alerts of its system are marked as expected and not announced again while it runs, resolved
// notices still appear, and after it ends the same group is marked no more and repeats as usual.
import { strict as assert } from 'node:assert';
import { UPGRADE_SWEEP_EVERY_MS } from '../../../jobs/upgrades/sweep.js';
import type { AlertGroup } from '../../../models/alerts/alert-group.js';
import { anAlert, resolved, sendAlerts } from '../../support/alert-sender.js';
import { Harness } from '../../support/harness.js';
import { MovedClock } from '../../support/moved-clock.js';
import { sendCommand, slackCommand, submitLastModal } from '../../support/slack-user.js';
import { UpgradeWindows } from '../../../src/domains/upgrades/rules/windows.js';
import {
  announceUpgrade,
  HOUR,
  hoursAhead,
  SYSOPS,
  typed,
  upgradeOf,
  upgradeWorld,
  PM,
  PM_TWO,
  VIEWER,
} from '../../support/upgrade-world.js';
import { waitUntil } from '../../support/wait-until.js';

const MINUTE = 60_000;

describe('Upgrades: a window that overruns, and the alerts during it', function () {
  this.timeout(60_000);
  let clock: MovedClock;
  let h: Harness;

  before(async function () {
    clock = MovedClock.install(new Date('2026-12-01T02:00:00Z'));
    h = await Harness.start({
      label: 'upgrade-window',
      slack: true,
      env: { ALERT_GROUP_WAIT: '1s', ALERT_GROUP_INTERVAL: '2s', ALERT_REPEAT_INTERVAL: '30m' },
    });
    await upgradeWorld(h);
  });

  after(async function () {
    await h?.stop();
    clock?.restore();
  });

  const threadTexts = (pattern: RegExp) =>
    h.slack!.calls.filter(
      (c) => c.method === 'chat.postMessage' && c.body.thread_ts && pattern.test(String(c.body.text)),
    );
  const group = async () =>
    (await h.zhiban.models.AlertGroup.findOne({ system: 'e-pay', name: 'PayErrors' }).lean<AlertGroup>())!;

  it('marks an alert of the system expected while the window runs, and does not announce it again', async function () {
    const start = hoursAhead(clock.now(), 1);
    const end = new Date(start.getTime() + 30 * MINUTE);
    const upgrade = await announceUpgrade(h, `e-pay 2.0.0 ${typed(start)} ${typed(end)} 夜间升级`);
    await clock.settleAt(start, h.zhiban);
    await slackCommand(h, `start ${upgrade._id}`, { command: '/upgrade', userId: SYSOPS });
    assert.equal((await upgradeOf(h, upgrade._id)).state, 'in_progress');

    await sendAlerts(h, [anAlert('PayErrors', 'pay-1'), anAlert('PayErrors', 'pay-2')]);
    const marked = await waitUntil(
      async () => ((await group())?.maintenance === upgrade._id ? group() : undefined),
      'marked',
    );
    const posted = await h.slack!.waitFor('chat.postMessage', {
      predicate: (c) => /PayErrors/.test(JSON.stringify(c.body)) && !c.body.thread_ts,
    });
    assert.match(JSON.stringify(posted.body), /维护窗口 UPG-1 期间 — 预期告警，不重复通知/);

    // Past the repeat interval: nothing is announced again while the window runs.
    await clock.settleAt(new Date(clock.now().getTime() + 31 * MINUTE), h.zhiban);
    assert.equal(threadTexts(/仍在告警/).length, 0, 'no repeat during the window');
    assert.equal((await group()).lastNotifiedAt?.getTime(), marked.lastNotifiedAt?.getTime());

    // A resolved notice still appears.
    await sendAlerts(h, resolved(anAlert('PayErrors', 'pay-2')));
    await waitUntil(async () => ((await group()).resolved === 1 ? true : undefined), 'one resolved');
    await h.slack!.waitFor('chat.postMessage', {
      predicate: (c) => Boolean(c.body.thread_ts) && /pay-2/.test(String(c.body.text)),
    });
  });

  it('reminds sysops and pm of the overrun every 15 minutes until it is completed', async function () {
    const upgrade = await upgradeOf(h, 'UPG-1');
    const overrun = /UPG-1 在窗口结束（.*）\d+分钟后仍在进行 — 请系统运维和项目管理完成或回滚/;
    // The clock is already past the end (the alert test moved it): the first overrun reminder is due
    // at the sweep's next run.
    await clock.settleAt(new Date(clock.now().getTime() + UPGRADE_SWEEP_EVERY_MS), h.zhiban);
    await waitUntil(async () => (threadTexts(overrun).length === 1 ? true : undefined), 'the first overrun reminder');
    const [said] = threadTexts(overrun);
    for (const person of [SYSOPS, PM, PM_TWO]) {
      assert.match(JSON.stringify(said!.body), new RegExp(`<@${person}>`), `${person} is mentioned`);
    }
    assert.doesNotMatch(JSON.stringify(said!.body), new RegExp(`<@${VIEWER}>`));
    const { nextReminder, version } = await upgradeOf(h, 'UPG-1');
    const next = nextReminder!;
    assert.equal(next.kind, 'overrun');
    assert.equal((next.at.getTime() - upgrade.end.getTime()) % (15 * MINUTE), 0, 'on a 15-minute step from the end');
    await clock.settleAt(new Date(next.at.getTime() - 5000), h.zhiban);
    assert.equal(threadTexts(overrun).length, 1, 'not before the next step');
    // On to the step, and to the sweep's next run after it (it runs every 30 s).
    await clock.settleAt(new Date(next.at.getTime() + UPGRADE_SWEEP_EVERY_MS), h.zhiban);
    await waitUntil(async () => (threadTexts(overrun).length === 2 ? true : undefined), 'the second overrun reminder');
    assert.equal((await upgradeOf(h, 'UPG-1')).version, version, 'a reminder leaves the buttons as they were');
    // What the duty roster and reports read: an overrunning window still overlaps the hour ahead.
    const ahead = await new UpgradeWindows(h.zhiban.models.Upgrade).between(clock.now(), new Date(Date.now() + HOUR));
    assert.deepEqual(
      ahead.map((w) => [w.id, w.system, w.version, w.status, w.risk]),
      [['UPG-1', 'e-pay', '2.0.0', 'in_progress', 'low']],
    );
  });

  it('after the window, the group is no longer marked and repeats as usual', async function () {
    // A group that began late in the window, its repeat far off: the mark still goes with the window.
    await sendAlerts(h, anAlert('PayQueueLong', 'pay-3'));
    const late = async () =>
      (await h.zhiban.models.AlertGroup.findOne({ system: 'e-pay', name: 'PayQueueLong' }).lean<AlertGroup>())!;
    await waitUntil(async () => ((await late())?.maintenance === 'UPG-1' ? true : undefined), 'the late group marked');
    const opened = h.slack!.callsTo('views.open').length;
    const http = await sendCommand(h, 'complete UPG-1', { command: '/upgrade', userId: SYSOPS });
    assert.equal(http.status, 200);
    const form = await h.slack!.waitFor('views.open', { count: opened + 1 });
    assert.equal((form.body.view as { callback_id: string }).callback_id, 'upgrade.complete');
    await submitLastModal(h, { verified: 'yes' }, SYSOPS);
    await waitUntil(async () => ((await upgradeOf(h, 'UPG-1')).state === 'completed' ? true : undefined), 'completed');
    const overruns = threadTexts(/仍在进行/).length;
    assert.equal(threadTexts(/仍在告警/).length, 0);
    // Within a group_interval of the end both lose the mark: the one whose repeat the window held
    // back repeats now, the late one waits for its own repeat interval, as any group does.
    await clock.settleAt(new Date(clock.now().getTime() + 5000), h.zhiban);
    await waitUntil(async () => ((await group()).maintenance === null ? true : undefined), 'no longer marked');
    await waitUntil(async () => ((await late()).maintenance === null ? true : undefined), 'the late one too');
    const [held, fresh] = [(await group()).shortId, (await late()).shortId];
    await waitUntil(
      async () => (threadTexts(new RegExp(`${held} 仍在告警`)).length === 1 ? true : undefined),
      'the held-back repeat',
    );
    assert.equal(threadTexts(new RegExp(`${fresh} 仍在告警`)).length, 0, 'the late group’s repeat is not due yet');
    assert.equal(threadTexts(/仍在进行/).length, overruns, 'no overrun reminder after completion');
  });
});
