// Escalation through Agenda: an unacknowledged incident is re-notified up to three times, then
// project management is told; acknowledging stops it; open P1/P2 without updates get reminders.
// The intervals are configured down to a second so the real scheduler runs them in the test.
import { strict as assert } from 'node:assert';
import { ADMIN_SLACK, Harness } from '../../support/harness.js';
import { slackClick, slackCommand } from '../../support/slack-user.js';
import { waitUntil } from '../../support/wait-until.js';

describe('Incident escalation and reminders', function () {
  this.timeout(30_000);
  let h: Harness;

  before(async function () {
    h = await Harness.start({
      label: 'escalation',
      slack: true,
      env: { INCIDENT_ESCALATION: 'P1=1s,P2=1s,P3=1h,P4=never', INCIDENT_STALE_AFTER: '2s' },
    });
    await slackCommand(h, 'channel set incidents', { userId: ADMIN_SLACK, channelId: 'CINC' });
    await h.zhiban.models.UserProfile.create({ _id: 'slack:USYS', roles: ['sysops'] });
    await h.zhiban.models.UserProfile.create({ _id: 'slack:UPM', roles: ['pm'] });
  });

  after(async function () {
    await h?.stop();
  });

  const incident = (id: string) => h.zhiban.models.Incident.findById(id).lean();

  it('re-notifies an unacknowledged P1 three times in its thread, then escalates to project management', async function () {
    await slackCommand(h, 'declare P1 政务外网出口中断', { command: '/incident' });
    const done = await waitUntil(async () => {
      const i = await incident('INC-1');
      return i?.timeline.some((e) => e.kind === 'escalated') ? i : undefined;
    }, 'the escalation');
    const reminders = done.timeline.filter((e) => e.kind === 'renotified');
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
  });

  it('stops re-notifying once someone acknowledges', async function () {
    await slackCommand(h, 'declare P2 公积金查询缓慢', { command: '/incident' });
    await slackClick(h, 'incident.ack', 'INC-2', { userId: 'USYS' });
    const jobs = await h.zhiban.models.Incident.db
      .collection('agenda_jobs')
      .countDocuments({ name: 'incident.unacked', 'data.id': 'INC-2' });
    assert.equal(jobs, 0, 'the re-notification job was cancelled');
    const i = await incident('INC-2');
    assert.equal(i?.timeline.filter((e) => /仍无人确认/.test(e.text ?? '')).length, 0);
  });

  it('reminds an open P2 that has had no update, and an update moves the reminder on', async function () {
    const reminded = await waitUntil(async () => {
      const i = await incident('INC-2');
      return i?.timeline.some((e) => /没有进展更新/.test(e.text ?? '')) ? i : undefined;
    }, 'the stale reminder');
    const before = reminded.timeline.filter((e) => /没有进展更新/.test(e.text ?? '')).length;
    assert.ok(before >= 1);
    await slackCommand(h, 'update INC-2 已定位到缓存失效', { command: '/incident', userId: 'USYS' });
    const after = await incident('INC-2');
    assert.ok(after!.lastUpdateAt > reminded.lastUpdateAt, 'the update is the latest news');
  });

  it('never re-notifies a P4', async function () {
    await slackCommand(h, 'declare P4 帮助页面链接失效', { command: '/incident' });
    const jobs = await h.zhiban.models.Incident.db
      .collection('agenda_jobs')
      .countDocuments({ name: 'incident.unacked', 'data.id': 'INC-3' });
    assert.equal(jobs, 0);
  });
});
