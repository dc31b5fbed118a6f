// Timers of minutes and days on a clock the test moves, each run by the real scheduler (Agenda) in
// a second or so of real time: the 5-minute escalation of an unacknowledged P1, a one-day silence
// that ends and lets its alert be announced, and the hourly housekeeping purging a link code a day
// after it expired.
import { strict as assert } from 'node:assert';
import { performance } from 'node:perf_hooks';
import { SILENCE_EXPIRY_JOB } from '../../../jobs/alerts/sweeps.js';
import { HOUSEKEEPING_JOB } from '../../../jobs/housekeeping.js';
import type { AlertGroup } from '../../../models/alerts/alert-group.js';
import type { Silence } from '../../../models/alerts/silence.js';
import { JOBS_COLLECTION } from '../../../src/scheduler.js';
import { anAlert, sendAlerts } from '../../support/alert-sender.js';
import { ADMIN_SLACK, Harness } from '../../support/harness.js';
import { jobRanSince, MovedClock } from '../../support/moved-clock.js';
import { cardTitle, replyText, slackClick, slackCommand } from '../../support/slack-user.js';
import { waitUntil } from '../../support/wait-until.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const ALERTS = 'CLONGALERTS';

describe('Long timers on a moved clock', function () {
  this.timeout(30_000);
  let clock: MovedClock;
  let h: Harness;

  before(async function () {
    clock = MovedClock.install();
    h = await Harness.start({ label: 'long-timers', slack: true });
    await slackCommand(h, 'channel set incidents', { userId: ADMIN_SLACK, channelId: 'CLONGINC' });
    await slackCommand(h, 'channel set alerts', { userId: ADMIN_SLACK, channelId: ALERTS });
    await h.zhiban.models.UserProfile.create({ _id: 'slack:USYS', roles: ['sysops'] });
  });

  after(async function () {
    await h?.stop();
    clock?.restore();
  });

  const plus = (at: Date, ms: number) => new Date(at.getTime() + ms);
  const realSince = (start: number) => Math.round(performance.now() - start);

  it('re-notifies an unacknowledged P1 five minutes after it was declared, in a second or so of real time', async function () {
    await slackCommand(h, 'declare P1 统一身份认证登录失败', { command: '/incident' });
    const declared = (await h.zhiban.models.Incident.findById('INC-1').lean())!.timeline[0]!.at;
    const start = performance.now();
    await clock.pass(plus(declared, 5 * MINUTE), h.zhiban);
    const reminder = await waitUntil(async () => {
      const i = await h.zhiban.models.Incident.findById('INC-1').lean();
      return i?.timeline.find((e) => e.kind === 'renotified');
    }, 'the first re-notification');
    const real = realSince(start);
    assert.ok(reminder.at.getTime() - declared.getTime() >= 5 * MINUTE, 'five minutes by the clock');
    assert.ok(real < 5000, `five minutes passed in ${real} ms of real time`);
    await slackClick(h, 'incident.ack', 'INC-1', { userId: 'USYS' }); // no more reminders in the day to come
  });

  it('ends a one-day silence a day later and announces its alert; the hourly housekeeping purges a link code a day after it expired', async function () {
    const start = performance.now();
    const { reply } = await slackCommand(h, 'silence system=e-archive 1d 年度归档', {
      command: '/alert',
      userId: ADMIN_SLACK,
    });
    const id = /SIL-\d+/.exec(replyText(reply))![0];
    const silence = () => h.zhiban.models.Silence.findById(id).lean<Silence>();
    const { startsAt, endsAt } = (await silence())!;
    assert.equal(endsAt.getTime() - startsAt.getTime(), DAY);
    await sendAlerts(h, anAlert('ArchiveLag', 'arc-1', { labels: { system: 'e-archive', instance: 'arc-1' } }));
    const group = () => h.zhiban.models.AlertGroup.findOne({ name: 'ArchiveLag' }).lean<AlertGroup>();
    await clock.pass((await group())!.earliestFlushAt, h.zhiban);
    await waitUntil(async () => (await group())?.silenced === 1, 'the flush to hold the alert back');
    await slackCommand(h, 'link', { command: '/ops', userId: 'USYS' });
    const code = (await h.zhiban.models.LinkCode.findOne({ owner: 'slack:USYS' }).lean())!;
    assert.equal(code.purgeAt.getTime() - code.expiresAt.getTime(), DAY, 'kept a day past its expiry');
    const isCard = (c: { body: Record<string, unknown> }) =>
      c.body.channel === ALERTS && !c.body.thread_ts && cardTitle(c.body).includes('ArchiveLag');

    // Just before the end of the day: everything due by then ran (the housekeeping a day late), nothing more.
    const eve = plus(endsAt, -5000);
    await clock.settleAt(eve, h.zhiban);
    await jobRanSince(h.zhiban, HOUSEKEEPING_JOB, eve);
    assert.equal((await silence())?.expired, false, 'the silence holds until its end');
    assert.equal(h.slack!.callsTo('chat.postMessage').filter(isCard).length, 0, 'no card while silenced');
    assert.ok(await h.zhiban.models.LinkCode.exists({ _id: code._id }), 'the code is kept until its purge time');

    await clock.pass(endsAt, h.zhiban);
    await jobRanSince(h.zhiban, SILENCE_EXPIRY_JOB, endsAt);
    assert.equal((await silence())?.expired, true);
    assert.equal((await silence())?.expiredBy, 'system');
    // The released group is flushed by the next sweep.
    await clock.pass(clock.now(), h.zhiban);
    const card = await h.slack!.waitFor('chat.postMessage', { predicate: isCard });
    assert.match(replyText(card.body), /1 \/ 0 \/ 0/);

    // The housekeeping's next hourly run comes after the code's purge time, and removes it.
    const housekeeping = await h.zhiban.models.LinkCode.db.db!.collection(JOBS_COLLECTION).findOne({
      name: HOUSEKEEPING_JOB,
    });
    const nextRun: Date = housekeeping!.nextRunAt;
    assert.ok(nextRun > code.purgeAt && nextRun.getTime() - eve.getTime() <= HOUR + 1000, 'an hour after its last run');
    await clock.settleAt(nextRun, h.zhiban);
    await jobRanSince(h.zhiban, HOUSEKEEPING_JOB, nextRun);
    assert.equal(await h.zhiban.models.LinkCode.exists({ _id: code._id }), null, 'purged');
    const real = realSince(start);
    assert.ok(real < 10_000, `a day and an hour passed in ${real} ms of real time`);
  });
});
