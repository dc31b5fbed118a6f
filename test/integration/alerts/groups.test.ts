// Alert groups on a real database with second-scale timers (group_wait 1s, group_interval 2s; the
// repeat_interval of 4s has a suite of its own, so its lines do not crowd the others): the card
// waits for group_wait, joins are batched per group_interval, an unchanged group is announced
// again, resolution turns the card green, a group firing again gets a new card, and two processes
// say each thing once.
import { strict as assert } from 'node:assert';
import type { Alert } from '../../../models/alerts/alert.js';
import type { AlertGroup } from '../../../models/alerts/alert-group.js';
import { groupKeyOf } from '../../../src/domains/alerts/rules/group-key.js';
import { anAlert, resolved, sendAlerts } from '../../support/alert-sender.js';
import type { RecordedCall } from '../../support/fake-slack.js';
import { ADMIN_SLACK, Harness, startZhiban } from '../../support/harness.js';
import { cardTitle, replyText, slackCommand } from '../../support/slack-user.js';
import { waitUntil } from '../../support/wait-until.js';

const CHANNEL = 'CALERTGRP1';
const GREEN = '#2EB67D';

describe('Alert groups and their timers', function () {
  this.timeout(30_000);
  let h: Harness;

  before(async function () {
    h = await Harness.start({
      label: 'alert-groups',
      slack: true,
      env: { ALERT_GROUP_WAIT: '1s', ALERT_GROUP_INTERVAL: '2s', ALERT_REPEAT_INTERVAL: '1h' },
    });
    await slackCommand(h, 'channel set alerts', { userId: ADMIN_SLACK, channelId: CHANNEL });
  });

  after(async function () {
    await h?.stop();
  });

  const group = (name: string) => h.zhiban.models.AlertGroup.findOne({ name }).lean<AlertGroup>();
  const cardPosts = (name: string) =>
    h
      .slack!.callsTo('chat.postMessage')
      .filter((c) => c.body.channel === CHANNEL && !c.body.thread_ts && cardTitle(c.body).includes(name));
  const waitForCard = (name: string, timeoutMs = 5000) =>
    h.slack!.waitFor('chat.postMessage', {
      predicate: (c) => c.body.channel === CHANNEL && !c.body.thread_ts && cardTitle(c.body).includes(name),
      timeoutMs,
    });
  const tsOf = (call: RecordedCall) => (call.response as { ts: string }).ts;
  const threadOf = (ts: string) => h.slack!.callsTo('chat.postMessage').filter((c) => c.body.thread_ts === ts);
  const editsOf = (ts: string) => h.slack!.callsTo('chat.update').filter((c) => c.body.ts === ts);

  it('groups alerts by name, system and severity, each group with its own ALG id', async function () {
    await sendAlerts(h, [
      anAlert('GroupKeyA', 'db-1'),
      anAlert('GroupKeyA', 'db-2'),
      anAlert('GroupKeyA', 'db-3', { labels: { system: 'e-gov', instance: 'db-3' } }),
      anAlert('GroupKeyA', 'db-4', { severity: 'major' }),
    ]);
    const alerts = await h.zhiban.models.Alert.find({ name: 'GroupKeyA' }).sort({ _id: 1 }).lean<Alert[]>();
    const keys = new Map(alerts.map((a) => [a.labels.instance, a.groupKey]));
    assert.equal(keys.get('db-1'), keys.get('db-2'), 'same name, system and severity: one group');
    assert.notEqual(keys.get('db-1'), keys.get('db-3'), 'another system: another group');
    assert.notEqual(keys.get('db-1'), keys.get('db-4'), 'another severity: another group');
    const groups = await h.zhiban.models.AlertGroup.find({ name: 'GroupKeyA' }).lean<AlertGroup[]>();
    assert.equal(groups.length, 3);
    assert.equal(new Set(groups.map((g) => g.shortId)).size, 3);
    for (const g of groups) assert.match(g.shortId ?? '', /^ALG-\d+$/);
    const epay = groups.find((g) => g._id === keys.get('db-1'))!;
    assert.deepEqual(epay.labels, groupKeyOf({ alertname: 'GroupKeyA', system: 'e-pay' }, 'critical').labels);
    assert.equal(epay.system, 'e-pay');
    assert.equal(epay.layer, 'platform');
  });

  it('waits group_wait, then posts one card with the alerts that came together', async function () {
    const sentAt = Date.now();
    await sendAlerts(h, anAlert('CpuHigh', 'app-1'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    await sendAlerts(h, anAlert('CpuHigh', 'app-2'));
    const post = await waitForCard('CpuHigh');
    assert.ok(post.at - sentAt >= 950, `the card waited group_wait (came after ${post.at - sentAt} ms)`);
    const id = (await group('CpuHigh'))!.shortId!;
    assert.equal(cardTitle(post.body), `[严重] ${id} · CpuHigh · e-pay`);
    assert.match(replyText(post.body), /app-1: CpuHigh on app-1/);
    assert.match(replyText(post.body), /app-2: CpuHigh on app-2/);
    assert.match(replyText(post.body), /2 \/ 0 \/ 0/, 'two firing, none resolved or silenced');
    assert.match(replyText(post.body), /#D0021B/, 'a critical group is red');
    assert.match(replyText(post.body), new RegExp(`"action_id":"alert.ack","value":"${id}"`));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal(cardPosts('CpuHigh').length, 1, 'one card');
    assert.equal(threadOf(tsOf(post)).length, 0, 'the first alerts are on the card, not in its thread');
  });

  it('batches alerts that join within group_interval into one edit and one thread message', async function () {
    await sendAlerts(h, anAlert('MemHigh', 'app-1'));
    const post = await waitForCard('MemHigh');
    const ts = tsOf(post);
    const joinedAt = Date.now();
    await sendAlerts(h, anAlert('MemHigh', 'app-2'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    await sendAlerts(h, [anAlert('MemHigh', 'app-3'), anAlert('MemHigh', 'app-4')]);
    const line = await h.slack!.waitFor('chat.postMessage', { predicate: (c) => c.body.thread_ts === ts });
    assert.ok(line.at - post.at >= 1900, `not before group_interval after the card (${line.at - post.at} ms)`);
    assert.match(String(line.body.text), /新增告警 3 条/);
    for (const instance of ['app-2', 'app-3', 'app-4']) assert.match(String(line.body.text), new RegExp(instance));
    const edit = await h.slack!.waitFor('chat.update', { predicate: (c) => c.body.ts === ts });
    assert.match(replyText(edit.body), /4 \/ 0 \/ 0/);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    assert.equal(threadOf(ts).length, 1, `one thread message for the three (sent ${joinedAt})`);
    assert.equal(editsOf(ts).length, 1, 'one edit');
  });

  it('names a few joining alerts and counts the rest', async function () {
    await sendAlerts(h, anAlert('Storm', 'node-0'));
    const ts = tsOf(await waitForCard('Storm'));
    await sendAlerts(
      h,
      Array.from({ length: 47 }, (_, i) => anAlert('Storm', `node-${i + 1}`)),
    );
    const line = await h.slack!.waitFor('chat.postMessage', { predicate: (c) => c.body.thread_ts === ts });
    assert.match(String(line.body.text), /新增告警 47 条/);
    assert.match(String(line.body.text), /…另有 37 条/);
    assert.equal((String(line.body.text).match(/^• /gm) ?? []).length, 10);
  });

  it('turns the card green and says so in its thread when every alert resolves', async function () {
    const alerts = [anAlert('Gateway5xx', 'gw-1'), anAlert('Gateway5xx', 'gw-2')];
    await sendAlerts(h, alerts);
    const ts = tsOf(await waitForCard('Gateway5xx'));
    await sendAlerts(h, alerts.map(resolved));
    const line = await h.slack!.waitFor('chat.postMessage', {
      predicate: (c) => c.body.thread_ts === ts && /全部恢复/.test(String(c.body.text)),
    });
    assert.match(String(line.body.text), /已恢复 2 条/);
    const edit = await h.slack!.waitFor('chat.update', {
      predicate: (c) => c.body.ts === ts && replyText(c.body).includes(GREEN),
    });
    assert.match(replyText(edit.body), /已恢复/);
    assert.doesNotMatch(replyText(edit.body), /alert\.ack/, 'a resolved card has no buttons');
    const stored = await group('Gateway5xx');
    assert.equal(stored?.state, 'resolved');
    assert.equal(stored?.resolved, 2);
    assert.equal(stored?.nextFlushAt, null, 'nothing more to say');
  });

  it('says each thing once when two processes share the database', async function () {
    const other = await startZhiban(h.env, h.options);
    try {
      const alerts = [anAlert('TwoProcs', 'a-1'), anAlert('TwoProcs', 'a-2')];
      await Promise.all([sendAlerts(h, alerts[0]!), sendAlerts(other, alerts[1]!)]);
      const ts = tsOf(await waitForCard('TwoProcs'));
      await sendAlerts(other, anAlert('TwoProcs', 'a-3'));
      await h.slack!.waitFor('chat.postMessage', { predicate: (c) => c.body.thread_ts === ts });
      await new Promise((resolve) => setTimeout(resolve, 2500));
      assert.equal(cardPosts('TwoProcs').length, 1, 'one card');
      assert.equal(threadOf(ts).length, 1, 'one thread line');
      assert.equal(await h.zhiban.models.AlertGroup.countDocuments({ name: 'TwoProcs' }), 1);
    } finally {
      await other.stop();
    }
  });

  it('gives a group that fires again after resolving a new card of its own', async function () {
    const alert = anAlert('Flappy', 'mq-1');
    await sendAlerts(h, alert);
    const first = await waitForCard('Flappy');
    await sendAlerts(h, resolved(alert));
    await waitUntil(async () => (await group('Flappy'))?.state === 'resolved', 'the first episode to end');
    await sendAlerts(h, alert);
    const second = await h.slack!.waitFor('chat.postMessage', {
      predicate: (c) => c.body.channel === CHANNEL && !c.body.thread_ts && cardTitle(c.body).includes('Flappy'),
      count: 2,
    });
    assert.notEqual(tsOf(second), tsOf(first));
    assert.equal(cardTitle(second.body), cardTitle(first.body), 'the same ALG id');
    assert.equal((await group('Flappy'))?.episode, 2);
  });
});

describe('Alert groups: repeat_interval', function () {
  this.timeout(30_000);
  let h: Harness;

  before(async function () {
    h = await Harness.start({
      label: 'alert-repeat',
      slack: true,
      env: { ALERT_GROUP_WAIT: '1s', ALERT_GROUP_INTERVAL: '2s', ALERT_REPEAT_INTERVAL: '4s' },
    });
    await slackCommand(h, 'channel set alerts', { userId: ADMIN_SLACK, channelId: CHANNEL });
  });

  after(async function () {
    await h?.stop();
  });

  it('announces an unchanged firing group again in its thread, and not a silenced one', async function () {
    await sendAlerts(h, [anAlert('SlowDisk', 'db-9'), anAlert('QuietDisk', 'db-8')]);
    const isCard = (name: string) => (c: RecordedCall) => !c.body.thread_ts && cardTitle(c.body).includes(name);
    const post = await h.slack!.waitFor('chat.postMessage', { predicate: isCard('SlowDisk') });
    const quiet = await h.slack!.waitFor('chat.postMessage', { predicate: isCard('QuietDisk') });
    await slackCommand(h, 'silence alertname=QuietDisk 1h', { command: '/alert', userId: ADMIN_SLACK });
    const ts = (post.response as { ts: string }).ts;
    const again = await h.slack!.waitFor('chat.postMessage', {
      predicate: (c) => c.body.thread_ts === ts && /仍在告警/.test(String(c.body.text)),
      timeoutMs: 10_000,
    });
    assert.ok(again.at - post.at >= 3900, `after repeat_interval (${again.at - post.at} ms)`);
    assert.match(String(again.body.text), /仍在告警：1 条/);
    assert.equal(h.slack!.callsTo('chat.postMessage').filter(isCard('SlowDisk')).length, 1, 'the same card');
    await new Promise((resolve) => setTimeout(resolve, 1500)); // past the silenced group's own repeat time
    const quietTs = (quiet.response as { ts: string }).ts;
    const quietThread = h.slack!.callsTo('chat.postMessage').filter((c) => c.body.thread_ts === quietTs);
    assert.equal(quietThread.length, 0, 'a silenced group is not announced again');
  });
});
