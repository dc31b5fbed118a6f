// Silences on a real database with the default timers (group_wait 30s, group_interval 5m) on a
// clock the test moves: silenced alerts are stored and counted but not announced, their resolution
// is, and a silence ends by the expiry job when the clock passes its end, or by /alert unsilence.
import { strict as assert } from 'node:assert';
import type { Alert } from '../../../models/alerts/alert.js';
import type { AlertGroup } from '../../../models/alerts/alert-group.js';
import type { Silence } from '../../../models/alerts/silence.js';
import { SILENCE_EXPIRY_JOB } from '../../../jobs/alerts/sweeps.js';
import { anAlert, resolved, sendAlerts } from '../../support/alert-sender.js';
import type { RecordedCall } from '../../support/fake-slack.js';
import { ADMIN_SLACK, Harness } from '../../support/harness.js';
import { jobRanSince, MovedClock } from '../../support/moved-clock.js';
import { cardTitle, replyText, slackCommand } from '../../support/slack-user.js';
import { waitUntil } from '../../support/wait-until.js';

const CHANNEL = 'CALERTSIL1';
const GROUP_INTERVAL = 5 * 60_000;
const HOUR = 3_600_000;

describe('Alert silences', function () {
  this.timeout(30_000);
  let clock: MovedClock;
  let h: Harness;

  before(async function () {
    clock = MovedClock.install();
    h = await Harness.start({ label: 'alert-silences', slack: true });
    await slackCommand(h, 'channel set alerts', { userId: ADMIN_SLACK, channelId: CHANNEL });
  });

  after(async function () {
    await h?.stop();
    clock?.restore();
  });

  const alertCommand = (text: string) => slackCommand(h, text, { command: '/alert', userId: ADMIN_SLACK });
  const silenceIdOf = (reply: Record<string, unknown>) => /SIL-\d+/.exec(replyText(reply))![0];
  const group = (name: string) => h.zhiban.models.AlertGroup.findOne({ name }).lean<AlertGroup>();
  const silence = (id: string) => h.zhiban.models.Silence.findById(id).lean<Silence>();
  const isCard = (name: string) => (c: RecordedCall) =>
    c.body.channel === CHANNEL && !c.body.thread_ts && cardTitle(c.body).includes(name);
  const tsOf = (call: RecordedCall) => (call.response as { ts: string }).ts;
  /** Takes the clock past the group's next flush (group_wait or group_interval, whichever it waits for). */
  const passFlush = async (name: string) => {
    const g = (await group(name))!;
    await clock.pass(g.pending ? g.earliestFlushAt : g.nextFlushAt!, h.zhiban);
  };

  it('stores and counts silenced alerts without announcing them', async function () {
    const { reply } = await alertCommand('silence system=e-hr 1h 例行维护');
    assert.match(replyText(reply), /已静默 system=e-hr，至 .*（SIL-\d+）/);
    const id = silenceIdOf(reply);
    await sendAlerts(h, [anAlert('HrDown', 'hr-1', { labels: { system: 'e-hr', instance: 'hr-1' } })]);
    await sendAlerts(h, [anAlert('HrDown', 'hr-2', { labels: { system: 'e-hr', instance: 'hr-2' } })]);
    await passFlush('HrDown');
    await waitUntil(async () => (await group('HrDown'))?.silenced === 2, 'the flush to count them');
    // Stored, and marked by the flush before it says anything.
    const stored = await h.zhiban.models.Alert.find({ name: 'HrDown' }).lean<Alert[]>();
    assert.deepEqual(
      stored.map((a) => a.silencedBy),
      [id, id],
    );
    const g = await group('HrDown');
    assert.equal(g?.firing, 2);
    assert.equal(g?.silenced, 2);
    // The flush a group_interval on has had its chance to say something too.
    await clock.settleAt(new Date(g!.lastFlushAt!.getTime() + GROUP_INTERVAL + 1000), h.zhiban);
    assert.equal(h.slack!.callsTo('chat.postMessage').filter(isCard('HrDown')).length, 0, 'no card');
    const list = await alertCommand('list');
    assert.match(replyText(list.reply), new RegExp(`${g!.shortId} \\[P1 紧急\\] HrDown · e-hr — 2 条 .*\\(已静默\\)`));
    assert.match(replyText(list.reply), new RegExp(`${id} system=e-hr`));
    assert.equal((await silence(id))?.reason, '例行维护');
  });

  it('announces the resolution of alerts silenced after their card was shown', async function () {
    const first = anAlert('QueueLag', 'mq-1', { labels: { system: 'e-mq', instance: 'mq-1' } });
    const second = anAlert('QueueLag', 'mq-2', { labels: { system: 'e-mq', instance: 'mq-2' } });
    await sendAlerts(h, first);
    await passFlush('QueueLag');
    const ts = tsOf(await h.slack!.waitFor('chat.postMessage', { predicate: isCard('QueueLag') }));
    await alertCommand('silence alertname=QueueLag system=e-mq 2h');
    const silencedCard = await h.slack!.waitFor('chat.update', { predicate: (c) => c.body.ts === ts });
    assert.match(replyText(silencedCard.body), /已静默/);
    assert.match(replyText(silencedCard.body), /#9B9B9B/, 'a silenced card is grey');
    await sendAlerts(h, second);
    await passFlush('QueueLag');
    await h.slack!.waitFor('chat.update', {
      predicate: (c) => c.body.ts === ts && replyText(c.body).includes('2 / 0 / 2'),
    });
    await sendAlerts(h, [resolved(first), resolved(second)]);
    await passFlush('QueueLag');
    const line = await h.slack!.waitFor('chat.postMessage', {
      predicate: (c) => c.body.thread_ts === ts && /全部恢复/.test(String(c.body.text)),
    });
    assert.match(
      String(line.body.text),
      /已恢复 1 条：\n• mq-1/,
      'the alert announced as firing is announced as resolved',
    );
    const thread = h.slack!.callsTo('chat.postMessage').filter((c) => c.body.thread_ts === ts);
    assert.equal(thread.filter((c) => /新增告警/.test(String(c.body.text))).length, 0, 'the silenced one never joined');
    await h.slack!.waitFor('chat.update', {
      predicate: (c) => c.body.ts === ts && replyText(c.body).includes('#2EB67D'),
    });
  });

  it('ends a silence when the clock passes its end, and then announces what it held back', async function () {
    const { reply } = await alertCommand('silence system=e-tax 1h');
    const id = silenceIdOf(reply);
    await sendAlerts(h, anAlert('TaxSlow', 'tax-1', { labels: { system: 'e-tax', instance: 'tax-1' } }));
    await passFlush('TaxSlow');
    await waitUntil(async () => (await group('TaxSlow'))?.lastFlushAt, 'the held group to be flushed');
    const { startsAt, endsAt } = (await silence(id))!;
    assert.equal(endsAt.getTime() - startsAt.getTime(), HOUR);
    await clock.settleAt(new Date(endsAt.getTime() - 5000), h.zhiban);
    assert.equal((await silence(id))?.expired, false, 'not before its end');
    await clock.pass(endsAt, h.zhiban);
    await jobRanSince(h.zhiban, SILENCE_EXPIRY_JOB, endsAt);
    assert.equal((await silence(id))?.expired, true, 'the expiry job ended it');
    assert.equal((await silence(id))?.expiredBy, 'system');
    assert.equal((await h.zhiban.models.Alert.findOne({ name: 'TaxSlow' }).lean<Alert>())?.silencedBy, undefined);
    await passFlush('TaxSlow');
    const card = await h.slack!.waitFor('chat.postMessage', { predicate: isCard('TaxSlow') });
    assert.match(replyText(card.body), /1 \/ 0 \/ 0/);
    const audit = await h.zhiban.models.AuditEvent.findOne({ objectId: id, action: 'alert.silence_expired' }).lean();
    assert.equal(audit?.actor, 'system');
  });

  it('ends a silence at once with /alert unsilence, once', async function () {
    const { reply } = await alertCommand('silence system=e-edu 30m');
    const id = silenceIdOf(reply);
    const ended = await alertCommand(`unsilence ${id.toLowerCase()}`);
    assert.match(replyText(ended.reply), new RegExp(`已取消静默 ${id}（system=e-edu）`));
    assert.equal((await silence(id))?.expired, true);
    assert.equal((await silence(id))?.expiredBy, `slack:${ADMIN_SLACK}`);
    const again = await alertCommand(`unsilence ${id}`);
    assert.match(replyText(again.reply), new RegExp(`静默 ${id} 已经结束了`));
    const audits = await h.zhiban.models.AuditEvent.find({ objectId: id }).sort({ at: 1 }).lean();
    assert.deepEqual(
      audits.map((a) => a.action),
      ['alert.silence', 'alert.unsilence'],
    );
  });

  it('keeps one active silence per set of matchers: asking again extends it', async function () {
    const first = await alertCommand('silence system=e-kb alertname=KbDown 1h');
    const again = await alertCommand('silence alertname=KbDown system=e-kb 4h');
    assert.equal(silenceIdOf(again.reply), silenceIdOf(first.reply));
    assert.match(replyText(again.reply), /已在生效/);
    const s = await silence(silenceIdOf(first.reply));
    assert.ok(s!.endsAt.getTime() - s!.startsAt.getTime() >= 4 * 3_600_000 - 5000);
  });
});
