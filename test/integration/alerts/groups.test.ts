// Alert groups on a real database with the default timers (group_wait 30s, group_interval 5m,
// repeat_interval 4h; the repeat has a suite of its own, so its lines do not crowd the others), on
// a clock the test moves: the card waits for group_wait, joins are batched per group_interval, an
// unchanged group is announced again, resolution turns the card green, a group firing again gets a
// new card, and two processes say each thing once. "Not yet" is checked just before each deadline,
// once the sweeps due then have run and the outbox has sent what they said.
import { strict as assert } from 'node:assert';
import type { Alert } from '../../../models/alerts/alert.js';
import type { AlertGroup } from '../../../models/alerts/alert-group.js';
import { groupKeyOf } from '../../../src/domains/alerts/rules/group-key.js';
import { anAlert, resolved, sendAlerts } from '../../support/alert-sender.js';
import type { RecordedCall } from '../../support/fake-slack.js';
import { ADMIN_SLACK, Harness, startZhiban } from '../../support/harness.js';
import { MovedClock } from '../../support/moved-clock.js';
import { cardTitle, replyText, slackCommand } from '../../support/slack-user.js';
import { waitUntil } from '../../support/wait-until.js';

const CHANNEL = 'CALERTGRP1';
const GREEN = '#2EB67D';
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const GROUP_WAIT = 30 * SECOND;
const GROUP_INTERVAL = 5 * MINUTE;
const REPEAT_INTERVAL = 4 * HOUR;
/** How far before a deadline the clock stops to check that nothing happened early. */
const JUST_BEFORE = 5 * SECOND;

const plus = (at: Date | number, ms: number) => new Date(new Date(at).getTime() + ms);

/** The test's clock and Zhiban: moves that wait for what falls due. */
function timeline(clock: () => MovedClock, h: () => Harness) {
  return {
    settleAt: (at: Date) => clock().settleAt(at, h().zhiban),
    advance: (ms: number) => clock().advance(ms, h().zhiban),
    moveTo: (at: Date) => clock().moveTo(at, h().zhiban),
    /** Takes the clock past the group's next flush: its change once group_wait or group_interval allow, or its timer. */
    async passFlush(name: string): Promise<void> {
      const g = (await h().zhiban.models.AlertGroup.findOne({ name }).lean<AlertGroup>())!;
      await clock().pass(g.pending ? g.earliestFlushAt : g.nextFlushAt!, h().zhiban, JUST_BEFORE);
    },
  };
}

describe('Alert groups and their timers', function () {
  this.timeout(30_000);
  let clock: MovedClock;
  let h: Harness;
  const time = timeline(
    () => clock,
    () => h,
  );

  before(async function () {
    clock = MovedClock.install();
    h = await Harness.start({ label: 'alert-groups', slack: true });
    await slackCommand(h, 'channel set alerts', { userId: ADMIN_SLACK, channelId: CHANNEL });
  });

  after(async function () {
    await h?.stop();
    clock?.restore();
  });

  const group = (name: string) => h.zhiban.models.AlertGroup.findOne({ name }).lean<AlertGroup>();
  const cardPosts = (name: string) =>
    h
      .slack!.callsTo('chat.postMessage')
      .filter((c) => c.body.channel === CHANNEL && !c.body.thread_ts && cardTitle(c.body).includes(name));
  // Generous: a card comes from a background round, which a loaded machine (CI) may run late.
  const waitForCard = (name: string, timeoutMs = 15_000) =>
    h.slack!.waitFor('chat.postMessage', {
      predicate: (c) => c.body.channel === CHANNEL && !c.body.thread_ts && cardTitle(c.body).includes(name),
      timeoutMs,
    });
  const tsOf = (call: RecordedCall) => (call.response as { ts: string }).ts;
  const threadOf = (ts: string) => h.slack!.callsTo('chat.postMessage').filter((c) => c.body.thread_ts === ts);
  const editsOf = (ts: string) => h.slack!.callsTo('chat.update').filter((c) => c.body.ts === ts);
  /** When the group's last flush ran; the next may not come before one group_interval after it. */
  const flushedAt = async (name: string) => (await group(name))!.lastFlushAt!;
  /** Sends the alerts and moves the clock past group_wait: the new group's card comes. */
  const firstCard = async (name: string, alerts: Parameters<typeof sendAlerts>[1]) => {
    await sendAlerts(h, alerts);
    await time.passFlush(name);
    return waitForCard(name);
  };

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
    const sentAt = clock.now();
    await sendAlerts(h, anAlert('CpuHigh', 'app-1'));
    await time.advance(10 * SECOND);
    await sendAlerts(h, anAlert('CpuHigh', 'app-2'));
    const firstSeen = (await group('CpuHigh'))!.firstSeenAt;
    await time.settleAt(plus(firstSeen, GROUP_WAIT - JUST_BEFORE));
    assert.equal(cardPosts('CpuHigh').length, 0, 'no card before group_wait');
    await time.moveTo(plus(firstSeen, GROUP_WAIT));
    const post = await waitForCard('CpuHigh');
    const waited = post.at - sentAt.getTime();
    assert.ok(waited >= GROUP_WAIT, `the card waited group_wait (came after ${waited} ms)`);
    const id = (await group('CpuHigh'))!.shortId!;
    assert.equal(cardTitle(post.body), `[P1 紧急] ${id} · CpuHigh · e-pay`);
    assert.match(replyText(post.body), /app-1: CpuHigh on app-1/);
    assert.match(replyText(post.body), /app-2: CpuHigh on app-2/);
    assert.match(replyText(post.body), /2 \/ 0 \/ 0/, 'two firing, none resolved or silenced');
    assert.match(replyText(post.body), /#D0021B/, 'a critical group is red');
    assert.match(replyText(post.body), new RegExp(`"action_id":"alert.ack","value":"${id}~1"`));
    // Its next flush, a group_interval on, has nothing new to say.
    await time.settleAt(plus(await flushedAt('CpuHigh'), GROUP_INTERVAL + SECOND));
    assert.equal(cardPosts('CpuHigh').length, 1, 'one card');
    assert.equal(threadOf(tsOf(post)).length, 0, 'the first alerts are on the card, not in its thread');
  });

  it('batches alerts that join within group_interval into one edit and one thread message', async function () {
    const post = await firstCard('MemHigh', anAlert('MemHigh', 'app-1'));
    const ts = tsOf(post);
    const shownAt = await flushedAt('MemHigh');
    await sendAlerts(h, anAlert('MemHigh', 'app-2'));
    await time.advance(MINUTE);
    await sendAlerts(h, [anAlert('MemHigh', 'app-3'), anAlert('MemHigh', 'app-4')]);
    await time.settleAt(plus(shownAt, GROUP_INTERVAL - JUST_BEFORE));
    assert.equal(threadOf(ts).length, 0, 'no thread message before group_interval');
    assert.equal(editsOf(ts).length, 0, 'no edit before group_interval');
    await time.moveTo(plus(shownAt, GROUP_INTERVAL));
    const line = await h.slack!.waitFor('chat.postMessage', { predicate: (c) => c.body.thread_ts === ts });
    const after = line.at - shownAt.getTime();
    assert.ok(after >= GROUP_INTERVAL, `not before group_interval after the card (${after} ms)`);
    assert.match(String(line.body.text), /新增告警 3 条/);
    for (const instance of ['app-2', 'app-3', 'app-4']) assert.match(String(line.body.text), new RegExp(instance));
    const edit = await h.slack!.waitFor('chat.update', { predicate: (c) => c.body.ts === ts });
    assert.match(replyText(edit.body), /4 \/ 0 \/ 0/);
    await time.settleAt(plus(await flushedAt('MemHigh'), GROUP_INTERVAL + SECOND));
    assert.equal(threadOf(ts).length, 1, 'one thread message for the three');
    assert.equal(editsOf(ts).length, 1, 'one edit');
  });

  it('names a few joining alerts and counts the rest', async function () {
    const ts = tsOf(await firstCard('Storm', anAlert('Storm', 'node-0')));
    await sendAlerts(
      h,
      Array.from({ length: 47 }, (_, i) => anAlert('Storm', `node-${i + 1}`)),
    );
    await time.passFlush('Storm');
    const line = await h.slack!.waitFor('chat.postMessage', { predicate: (c) => c.body.thread_ts === ts });
    assert.match(String(line.body.text), /新增告警 47 条/);
    assert.match(String(line.body.text), /…另有 37 条/);
    assert.equal((String(line.body.text).match(/^• /gm) ?? []).length, 10);
  });

  it('turns the card green and says so in its thread when every alert resolves', async function () {
    const alerts = [anAlert('Gateway5xx', 'gw-1'), anAlert('Gateway5xx', 'gw-2')];
    const ts = tsOf(await firstCard('Gateway5xx', alerts));
    await sendAlerts(h, alerts.map(resolved));
    await time.passFlush('Gateway5xx');
    const line = await h.slack!.waitFor('chat.postMessage', {
      predicate: (c) => c.body.thread_ts === ts && /全部恢复/.test(String(c.body.text)),
    });
    assert.match(String(line.body.text), /已恢复 2 条/);
    const edit = await h.slack!.waitFor('chat.update', {
      predicate: (c) => c.body.ts === ts && replyText(c.body).includes(GREEN),
    });
    assert.match(replyText(edit.body), /已恢复/);
    assert.doesNotMatch(replyText(edit.body), /alert\.ack/, 'a resolved card has no buttons');
    // The flush stores what it says before it records the group's state, so the card can be
    // shown a moment before the state is written.
    const stored = await waitUntil(async () => {
      const now = await group('Gateway5xx');
      return now?.state === 'resolved' ? now : undefined;
    }, 'the group recorded as resolved');
    assert.equal(stored?.state, 'resolved');
    assert.equal(stored?.resolved, 2);
    assert.equal(stored?.nextFlushAt, null, 'nothing more to say');
  });

  it('says each thing once when two processes share the database', async function () {
    const other = await startZhiban(h.env, h.options);
    try {
      const alerts = [anAlert('TwoProcs', 'a-1'), anAlert('TwoProcs', 'a-2')];
      await Promise.all([sendAlerts(h, alerts[0]!), sendAlerts(other, alerts[1]!)]);
      await time.passFlush('TwoProcs');
      const ts = tsOf(await waitForCard('TwoProcs'));
      await sendAlerts(other, anAlert('TwoProcs', 'a-3'));
      await time.passFlush('TwoProcs');
      await h.slack!.waitFor('chat.postMessage', { predicate: (c) => c.body.thread_ts === ts });
      // Both processes' sweeps have had the next interval to say anything twice.
      await time.settleAt(plus(await flushedAt('TwoProcs'), GROUP_INTERVAL + SECOND));
      assert.equal(cardPosts('TwoProcs').length, 1, 'one card');
      assert.equal(threadOf(ts).length, 1, 'one thread line');
      assert.equal(await h.zhiban.models.AlertGroup.countDocuments({ name: 'TwoProcs' }), 1);
    } finally {
      await other.stop();
    }
  });

  it('gives a group that fires again after resolving a new card of its own', async function () {
    const alert = anAlert('Flappy', 'mq-1');
    const first = await firstCard('Flappy', alert);
    await sendAlerts(h, resolved(alert));
    await time.passFlush('Flappy');
    await waitUntil(async () => (await group('Flappy'))?.state === 'resolved', 'the first episode to end');
    await sendAlerts(h, alert);
    await time.passFlush('Flappy'); // its flush, one interval after the last, opens a new episode
    await waitUntil(async () => (await group('Flappy'))?.episode === 2, 'the second episode');
    await time.passFlush('Flappy'); // whose card waits group_wait
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
  let clock: MovedClock;
  let h: Harness;
  const time = timeline(
    () => clock,
    () => h,
  );

  before(async function () {
    clock = MovedClock.install();
    h = await Harness.start({ label: 'alert-repeat', slack: true });
    await slackCommand(h, 'channel set alerts', { userId: ADMIN_SLACK, channelId: CHANNEL });
  });

  after(async function () {
    await h?.stop();
    clock?.restore();
  });

  const group = (name: string) => h.zhiban.models.AlertGroup.findOne({ name }).lean<AlertGroup>();

  it('announces an unchanged firing group again in its thread after 4 hours, and not a silenced one', async function () {
    await sendAlerts(h, [anAlert('SlowDisk', 'db-9'), anAlert('QuietDisk', 'db-8')]);
    await time.passFlush('SlowDisk');
    const isCard = (name: string) => (c: RecordedCall) => !c.body.thread_ts && cardTitle(c.body).includes(name);
    const post = await h.slack!.waitFor('chat.postMessage', { predicate: isCard('SlowDisk') });
    const quiet = await h.slack!.waitFor('chat.postMessage', { predicate: isCard('QuietDisk') });
    await slackCommand(h, 'silence alertname=QuietDisk 1d', { command: '/alert', userId: ADMIN_SLACK });
    const ts = (post.response as { ts: string }).ts;
    const shownAt = (await group('SlowDisk'))!.lastNotifiedAt!;
    const quietDue = (await group('QuietDisk'))!.nextFlushAt!;
    const isRepeat = (c: RecordedCall) => c.body.thread_ts === ts && /仍在告警/.test(String(c.body.text));
    await time.settleAt(plus(shownAt, REPEAT_INTERVAL - JUST_BEFORE));
    assert.equal(h.slack!.callsTo('chat.postMessage').filter(isRepeat).length, 0, 'not before repeat_interval');
    await time.passFlush('SlowDisk');
    const again = await h.slack!.waitFor('chat.postMessage', { predicate: isRepeat });
    const after = again.at - shownAt.getTime();
    assert.ok(after >= REPEAT_INTERVAL, `after repeat_interval (${after} ms)`);
    assert.match(String(again.body.text), /仍在告警：1 条/);
    assert.equal(h.slack!.callsTo('chat.postMessage').filter(isCard('SlowDisk')).length, 1, 'the same card');
    // Past the silenced group's own repeat time: its flush ran, and said nothing.
    await time.settleAt(plus(quietDue, MINUTE));
    assert.ok((await group('QuietDisk'))!.lastFlushAt! >= quietDue, 'the silenced group was flushed');
    const quietTs = (quiet.response as { ts: string }).ts;
    const quietThread = h.slack!.callsTo('chat.postMessage').filter((c) => c.body.thread_ts === quietTs);
    assert.equal(quietThread.length, 0, 'a silenced group is not announced again');
  });
});
