// Pages that reach nobody (issue 10, part 2): an escalation or reminder that finds no one to mention
// says so loudly in the incidents channel and to whoever escalated, start-up and /ops whoami warn
// while a role escalations rely on is empty, and a reminder goes to the owner once there is one.
import { strict as assert } from 'node:assert';
import type { TimelineEntry } from '../../../models/incidents/incident.js';
import { ADMIN_SLACK, Harness } from '../../support/harness.js';
import { MovedClock } from '../../support/moved-clock.js';
import { replyText, slackClick, slackCommand } from '../../support/slack-user.js';
import { waitUntil } from '../../support/wait-until.js';

const CHANNEL = 'CINCNOBODY';
const MINUTE = 60_000;

describe('Pages that reach nobody', function () {
  this.timeout(30_000);
  let clock: MovedClock;
  let h: Harness;

  before(async function () {
    clock = MovedClock.install();
    h = await Harness.start({ label: 'unanswered-pages', slack: true });
    await slackCommand(h, 'channel set incidents', { userId: ADMIN_SLACK, channelId: CHANNEL });
    // A support engineer but nobody in project management, system ops or network security.
    await h.zhiban.models.UserProfile.create({ _id: 'slack:USUP', roles: ['support'] });
  });

  after(async function () {
    await h?.stop();
    clock?.restore();
  });

  const incident = (id: string) => h.zhiban.models.Incident.findById(id).lean();
  const channelPost = (pattern: RegExp) =>
    h.slack!.waitFor('chat.postMessage', {
      predicate: (c) => c.body.channel === CHANNEL && !c.body.thread_ts && pattern.test(replyText(c.body)),
    });

  it('tells whoever escalates that nobody holds the role, says so in the thread, and warns the channel', async function () {
    await slackCommand(h, 'declare P2 电子证照签发失败', { command: '/incident', userId: 'USUP' });
    const clicked = await slackClick(h, 'incident.escalate', 'INC-1~0', { userId: 'USUP' });
    assert.match(replyText(clicked.body), /找不到担任「项目管理」的人：升级没有通知到任何人/);
    assert.doesNotMatch(replyText(clicked.body), /已通知项目管理/);
    const escalated = (await incident('INC-1'))!.timeline.find((e) => e.kind === 'escalated')!;
    assert.deepEqual(
      [escalated.notify, escalated.pagedRoles],
      [undefined, ['pm']],
      'on record: meant pm, reached no one',
    );
    const line = await h.slack!.waitFor('chat.postMessage', {
      predicate: (c) => c.body.channel === CHANNEL && Boolean(c.body.thread_ts) && /升级/.test(String(c.body.text)),
    });
    assert.match(String(line.body.text), /没有人担任「项目管理」：没有通知到任何人/);
    assert.doesNotMatch(String(line.body.text), /请 项目管理 关注/);
    const warning = await channelPost(/INC-1 的提醒没有通知到任何人/);
    assert.match(replyText(warning.body), /\/ops role grant/);
  });

  it('warns in /ops whoami which roles escalations rely on are empty', async function () {
    const { reply } = await slackCommand(h, 'whoami', { userId: 'USUP' });
    assert.match(replyText(reply), /值班空缺/);
    assert.match(replyText(reply), /没有人担任：系统运维, 网络安全, 项目管理/);
    assert.doesNotMatch(replyText(reply), /没有人担任：[^"]*客户支持/, 'support is held');
  });

  it('sends the reminder to the owner once someone owns the incident, not to everyone on duty', async function () {
    await h.zhiban.models.UserProfile.create({ _id: 'slack:USYS', roles: ['sysops'] });
    await slackCommand(h, 'declare P1 统一支付平台不可用', { command: '/incident', userId: 'USUP' });
    await slackCommand(h, 'assign INC-2 slack:USUP', { command: '/incident', userId: ADMIN_SLACK });
    const declared = (await incident('INC-2'))!.timeline[0]!.at;
    await clock.moveTo(new Date(declared.getTime() + 5 * MINUTE), h.zhiban);
    const reminder = await waitUntil(
      async () => (await incident('INC-2'))?.timeline.find((e: TimelineEntry) => e.kind === 'renotified'),
      'the first reminder',
    );
    assert.deepEqual(reminder.notify, ['slack:USUP'], 'the owner is reminded, the on-duty sysops is not');
  });
});
