// Escalation through Agenda at the real intervals (P1 every 5 minutes, P2 15, P3 an hour; a
// reminder after 30 minutes without an update): an unacknowledged incident is re-notified up to
// three times, then project management is told; acknowledging stops it; open P1/P2 without
// updates get reminders. The test moves the clock to just before each deadline (nothing yet, after
// a sweep proves Agenda looked), then to the deadline, and waits for the real scheduler to run the job.
import { strict as assert } from 'node:assert';
import { STALE_JOB } from '../../../jobs/incidents/escalation.js';
import type { TimelineEntry } from '../../../models/incidents/incident.js';
import { ADMIN_SLACK, Harness } from '../../support/harness.js';
import { jobRanSince, MovedClock } from '../../support/moved-clock.js';
import { slackClick, slackCommand } from '../../support/slack-user.js';
import { waitUntil } from '../../support/wait-until.js';

const MINUTE = 60_000;
/** How far before a deadline the clock stops to check that nothing happened early. */
const JUST_BEFORE = 5000;

describe('Incident escalation and reminders', function () {
  this.timeout(30_000);
  let clock: MovedClock;
  let h: Harness;

  before(async function () {
    clock = MovedClock.install();
    h = await Harness.start({ label: 'escalation', slack: true });
    await slackCommand(h, 'channel set incidents', { userId: ADMIN_SLACK, channelId: 'CINC' });
    await h.zhiban.models.UserProfile.create({ _id: 'slack:USYS', roles: ['sysops'] });
    await h.zhiban.models.UserProfile.create({ _id: 'slack:UPM', roles: ['pm'] });
  });

  after(async function () {
    await h?.stop();
    clock?.restore();
  });

  const incident = (id: string) => h.zhiban.models.Incident.findById(id).lean();
  const entries = async (id: string, match: (e: TimelineEntry) => boolean) =>
    ((await incident(id))?.timeline ?? []).filter(match);
  const plus = (at: Date, ms: number) => new Date(at.getTime() + ms);
  /** Moves the clock to `at` and waits until what was due then has run. */
  const moveAndLook = (at: Date) => clock.settleAt(at, h.zhiban);

  it('re-notifies an unacknowledged P1 every 5 minutes, three times in its thread, then escalates to project management', async function () {
    await slackCommand(h, 'declare P1 政务外网出口中断', { command: '/incident' });
    let last = (await incident('INC-1'))!.timeline[0]!.at;
    const renotified = (e: TimelineEntry) => e.kind === 'renotified';
    for (let attempt = 1; attempt <= 3; attempt++) {
      await moveAndLook(plus(last, 5 * MINUTE - JUST_BEFORE));
      assert.equal((await entries('INC-1', renotified)).length, attempt - 1, `reminder ${attempt} not yet`);
      await clock.moveTo(plus(last, 5 * MINUTE), h.zhiban);
      const reminder = await waitUntil(
        async () => (await entries('INC-1', renotified))[attempt - 1],
        `reminder ${attempt}`,
      );
      assert.ok(reminder.at.getTime() - last.getTime() >= 5 * MINUTE, `reminder ${attempt} came 5 minutes later`);
      last = reminder.at;
    }
    const done = await waitUntil(async () => {
      const i = await incident('INC-1');
      return i?.timeline.some((e) => e.kind === 'escalated') ? i : undefined;
    }, 'the escalation');
    const reminders = done.timeline.filter(renotified);
    assert.equal(reminders.length, 3);
    assert.match(done.timeline.find((e) => e.kind === 'escalated')!.text!, /项目管理/);
    assert.equal(done.escalations, 1);
    const third = await h.slack!.waitFor('chat.postMessage', {
      predicate: (c) => Boolean(c.body.thread_ts) && /第 3 次提醒/.test(String(c.body.text)),
      timeoutMs: 15_000,
    });
    assert.match(String(third.body.text), /INC-1/, 'the reminders are in the incident card’s thread');
    assert.match(String(third.body.text), /^<@USYS> /, 'the on-duty sysops engineer is mentioned');
    assert.deepEqual(reminders[2]!.notify, ['slack:USYS'], 'who was paged is on record');
    const escalated = await h.slack!.waitFor('chat.postMessage', {
      predicate: (c) => Boolean(c.body.thread_ts) && /升级/.test(String(c.body.text)),
      timeoutMs: 15_000,
    });
    assert.match(String(escalated.body.text), /^<@UPM> /, 'project management is mentioned on escalation');
    // A fourth one would be due 5 minutes after the third: there is none.
    await moveAndLook(plus(last, 5 * MINUTE + 1000));
    assert.equal((await entries('INC-1', renotified)).length, 3, 'three reminders, no more');
  });

  it('stops re-notifying a P2 once someone acknowledges', async function () {
    await slackCommand(h, 'declare P2 公积金查询缓慢', { command: '/incident' });
    await slackClick(h, 'incident.ack', 'INC-2', { userId: 'USYS' });
    // The re-notification stays due (cancelling it would cost the click a round trip); when it
    // runs it finds the incident acknowledged and says nothing.
    const declared = (await incident('INC-2'))!.timeline[0]!.at;
    const due = plus(declared, 15 * MINUTE + 1000);
    await clock.moveTo(due, h.zhiban);
    await jobRanSince(h.zhiban, { name: 'incident.unacked', 'data.id': 'INC-2' }, due);
    assert.equal((await entries('INC-2', (e) => e.kind === 'renotified')).length, 0);
    assert.equal((await entries('INC-2', (e) => /仍无人确认/.test(e.text ?? ''))).length, 0);
  });

  it('reminds an open P2 after 30 minutes without an update, and an update moves the reminder on', async function () {
    const stale = (e: TimelineEntry) => /没有进展更新/.test(e.text ?? '');
    const since = (await incident('INC-2'))!.lastUpdateAt;
    await moveAndLook(plus(since, 30 * MINUTE - JUST_BEFORE));
    assert.equal((await entries('INC-2', stale)).length, 0, 'not before 30 minutes');
    await clock.moveTo(plus(since, 30 * MINUTE), h.zhiban);
    const first = await waitUntil(async () => (await entries('INC-2', stale))[0], 'the stale reminder');
    assert.ok(first.at.getTime() - since.getTime() >= 30 * MINUTE);

    // Ten minutes later someone gives an update: the next reminder is 30 minutes after it, not after the first one.
    await clock.advance(10 * MINUTE, h.zhiban);
    await slackCommand(h, 'update INC-2 已定位到缓存失效', { command: '/incident', userId: 'USYS' });
    const updated = (await incident('INC-2'))!.lastUpdateAt;
    assert.ok(updated > first.at, 'the update is the latest news');
    const oldTurn = plus(first.at, 30 * MINUTE + 1000);
    await clock.moveTo(oldTurn, h.zhiban);
    await jobRanSince(h.zhiban, { name: STALE_JOB, 'data.id': 'INC-2' }, oldTurn);
    assert.equal((await entries('INC-2', stale)).length, 1, 'the reminder the update replaced says nothing');
    await moveAndLook(plus(updated, 30 * MINUTE - JUST_BEFORE));
    assert.equal((await entries('INC-2', stale)).length, 1, 'not before 30 minutes after the update');
    await clock.moveTo(plus(updated, 30 * MINUTE), h.zhiban);
    const second = await waitUntil(async () => (await entries('INC-2', stale))[1], 'the reminder after the update');
    assert.ok(second.at.getTime() - updated.getTime() >= 30 * MINUTE);
  });

  it('never re-notifies a P4', async function () {
    await slackCommand(h, 'declare P4 帮助页面链接失效', { command: '/incident' });
    const jobs = await h.zhiban.models.Incident.db
      .collection('agenda_jobs')
      .countDocuments({ name: 'incident.unacked', 'data.id': 'INC-3' });
    assert.equal(jobs, 0);
    const declared = (await incident('INC-3'))!.timeline[0]!.at;
    await moveAndLook(plus(declared, 2 * 60 * MINUTE));
    assert.equal((await entries('INC-3', (e) => e.kind === 'renotified')).length, 0, 'not even after two hours');
  });
});
