// Paging from the roster (issue 17, "Tests"): a roster imported from a spreadsheet; a P1 pages the
// on-duty primary at once, the secondary after INCIDENT_ESCALATION's delay, then project
// management, each step once; P1 pages also go to the pager gateway, signed, with the phone number
// opened only into the body, retried after a 500 under the same Idempotency-Key and never again
// after a 2xx. Then the 09:00 handover nobody takes over: the outgoing person stays the one paged,
// the secondary and pm are reminded after 15 minutes, and the incoming person takes over.
import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import type { TimelineEntry } from '../../../models/incidents/incident.js';
import { IDEMPOTENCY_HEADER } from '../../../src/http/signed-post.js';
import { rosterWorkbook, uploadRoster } from '../../support/duty-sheet.js';
import { EXECUTOR_SECRET, FakeExecutor } from '../../support/fake-executor.js';
import { ADMIN_SLACK, Harness } from '../../support/harness.js';
import { MovedClock } from '../../support/moved-clock.js';
import { replyText, slackClick, slackCommand } from '../../support/slack-user.js';
import { waitUntil } from '../../support/wait-until.js';

const MINUTE = 60_000;
/** 08:40 in Shanghai on 1 December 2026: the handover of 09:00 is 20 minutes away. */
const START = new Date('2026-12-01T08:40:00+08:00');
const HANDOVER = new Date('2026-12-01T09:00:00+08:00');
const A = 'slack:UDUTYA';
const B = 'slack:UDUTYB';
const PM = 'slack:UDUTYPM';

describe('Paging from the duty roster', function () {
  this.timeout(60_000);
  let clock: MovedClock;
  let gateway: FakeExecutor;
  let h: Harness;

  before(async function () {
    clock = MovedClock.install(START);
    gateway = await FakeExecutor.start(200);
    h = await Harness.start({
      label: 'duty-paging',
      slack: true,
      env: {
        PAGER_WEBHOOK_URL: gateway.url,
        PAGER_WEBHOOK_SECRET: EXECUTOR_SECRET,
        DUTY_PHONE_KEY: randomBytes(32).toString('base64'),
        TIMEZONE: 'Asia/Shanghai',
      },
    });
    await slackCommand(h, 'channel set incidents', { userId: ADMIN_SLACK, channelId: 'CINC' });
    await slackCommand(h, 'channel set announcements', { userId: ADMIN_SLACK, channelId: 'CANN' });
    await h.zhiban.models.UserProfile.insertMany([
      { _id: A, roles: ['sysops'] },
      { _id: B, roles: ['sysops'] },
      { _id: PM, roles: ['pm'] },
    ]);
    const sheet = await rosterWorkbook([
      ['2026-11-30', A, B],
      ['2026-12-01', B, A, '139-0000-1111'],
    ]);
    const uploaded = await uploadRoster(h.url, 'sysops', sheet);
    assert.equal(uploaded.status, 200, JSON.stringify(uploaded.json));
  });

  after(async function () {
    await h?.stop();
    await gateway?.stop();
    clock?.restore();
  });

  const incident = (id: string) => h.zhiban.models.Incident.findById(id).lean();
  const paging = async (id: string) =>
    ((await incident(id))?.timeline ?? []).filter((e: TimelineEntry) =>
      ['paged', 'renotified', 'escalated'].includes(e.kind),
    );

  it('keeps a phone number sealed and shows it masked', async function () {
    const set = await slackCommand(h, 'phone 138-1234-5678', { command: '/duty', userId: 'UDUTYA' });
    assert.match(replyText(set.reply), /138\*\*\*\*5678/);
    const stored = await h.zhiban.models.DutyPhone.findById(A).lean();
    assert.ok(stored);
    assert.doesNotMatch(JSON.stringify(stored), /12345678/);
    const audit = await h.zhiban.models.AuditEvent.findOne({ action: 'duty.phone', objectId: A }).lean();
    assert.doesNotMatch(JSON.stringify(audit), /12345678/);
  });

  it('pages the primary at once, the secondary after 5 minutes, then pm, each step once', async function () {
    gateway.answerNext(500);
    await slackCommand(h, 'declare P1 网上缴费大面积失败', { command: '/incident', userId: ADMIN_SLACK });
    const first = await waitUntil(async () => (await paging('INC-1'))[0], 'the primary paged');
    assert.equal(first.kind, 'paged');
    assert.deepEqual(first.notify, [A]);
    const said = await h.slack!.waitFor('chat.postMessage', {
      predicate: (c) => Boolean(c.body.thread_ts) && /按值班表通知：值班主班/.test(String(c.body.text)),
    });
    assert.match(String(said.body.text), /^<@UDUTYA> /, 'the primary is mentioned in the thread');

    // The gateway: a 500 first, then the same call again (same key) after the back-off, taken.
    const [call] = await gateway.waitForCalls(1);
    assert.equal(call!.signed, true, 'signed as the restore executor call is');
    const body = call!.body as unknown as Record<string, unknown>;
    assert.equal(body.person, A);
    assert.equal(body.phone, '13812345678');
    assert.match(String(body.what), /^P1 INC-1 网上缴费大面积失败/);
    const key = call!.headers[IDEMPOTENCY_HEADER.toLowerCase()];
    assert.equal(key, 'incident:INC-1:0:slack:UDUTYA');
    await clock.advance(31_000, h.zhiban);
    const calls = await gateway.waitForCalls(2);
    assert.equal(calls[1]!.headers[IDEMPOTENCY_HEADER.toLowerCase()], key);
    await waitUntil(
      async () => (await h.zhiban.models.DutyPagerCall.findById(key).lean())?.state === 'delivered',
      'the page delivered',
    );

    const declared = (await incident('INC-1'))!.stateAt.reported!;
    await clock.settleAt(new Date(declared.getTime() + 5 * MINUTE - 5000), h.zhiban);
    assert.equal((await paging('INC-1')).length, 1, 'the secondary not before the delay');
    await clock.moveTo(new Date(declared.getTime() + 5 * MINUTE), h.zhiban);
    const second = await waitUntil(async () => (await paging('INC-1'))[1], 'the secondary paged');
    assert.deepEqual([second.kind, second.notify], ['renotified', [B]]);
    await clock.settleAt(new Date(declared.getTime() + 10 * MINUTE), h.zhiban);
    const third = await waitUntil(async () => (await paging('INC-1'))[2], 'pm paged');
    assert.deepEqual([third.kind, third.notify], ['escalated', [PM]]);
    await clock.settleAt(new Date(declared.getTime() + 16 * MINUTE), h.zhiban);
    assert.equal((await paging('INC-1')).length, 3, 'no step after pm');
    assert.equal(await h.zhiban.models.DutyPage.countDocuments({ subject: 'incident:INC-1' }), 3);
    assert.equal(gateway.calls.filter((c) => c.headers[IDEMPOTENCY_HEADER.toLowerCase()] === key).length, 2);
    // B's number came with the imported roster, sealed like one set in chat.
    const toB = await waitUntil(
      async () => gateway.calls.find((c) => (c.body as unknown as { person: string }).person === B),
      'the secondary’s page at the gateway',
    );
    assert.equal((toB.body as unknown as { phone: string }).phone, '13900001111');
    assert.doesNotMatch(JSON.stringify(await h.zhiban.models.DutyPhone.findById(B).lean()), /13900001111/);
  });

  it('opens the 09:00 handover, keeps paging the outgoing person until the incoming one takes over', async function () {
    await clock.settleAt(new Date(HANDOVER.getTime() + 31_000), h.zhiban);
    const handover = await waitUntil(
      async () => (await h.zhiban.models.DutyHandover.findOne({ team: 'sysops' }).lean()) ?? undefined,
      'the handover opened',
    );
    assert.deepEqual([handover.outgoing, handover.incoming, handover.state], [A, B, 'open']);
    assert.deepEqual(
      handover.items.find((i) => i.kind === 'incidents')?.items.map((i) => i.id),
      ['INC-1'],
      'the open incident is handed over',
    );
    const card = await h.slack!.waitFor('chat.postMessage', {
      predicate: (c) => c.body.channel === 'UDUTYB' && /交接班/.test(JSON.stringify(c.body)),
    });
    assert.match(JSON.stringify(card.body), /duty\.takeover/);
    const posted = await h.slack!.waitFor('chat.postMessage', {
      predicate: (c) => c.body.channel === 'CANN' && /交接班/.test(JSON.stringify(c.body)),
    });
    assert.match(JSON.stringify(posted.body), /网上缴费大面积失败/, 'the team’s home channel lists the open incident');

    await slackCommand(h, 'declare P2 统一身份认证登录慢', { command: '/incident', userId: ADMIN_SLACK });
    const first = await waitUntil(async () => (await paging('INC-2'))[0], 'INC-2 paged');
    assert.deepEqual(first.notify, [A], 'the outgoing person until the take-over');
    const now = await slackCommand(h, 'now sysops', { command: '/duty', userId: 'UDUTYPM' });
    assert.match(replyText(now.reply), /主班 slack:UDUTYB/);
    assert.match(replyText(now.reply), /尚未接班/);

    await clock.settleAt(new Date(HANDOVER.getTime() + 15 * MINUTE + 31_000), h.zhiban);
    await waitUntil(
      async () => (await h.zhiban.models.DutyHandover.findById(handover._id).lean())?.remindedAt,
      'the reminder',
    );
    await h.slack!.waitFor('chat.postMessage', {
      predicate: (c) => c.body.channel === 'UDUTYPM' && /还没有接班/.test(JSON.stringify(c.body)),
    });

    const refused = await slackClick(h, 'duty.takeover', `${handover.shortId}~0`, { userId: 'UDUTYA' });
    assert.match(replyText(refused.body), /须由接班人 slack:UDUTYB 点击接班/);
    // Twenty clicks at once (a double tap, a slow network): one take-over on record.
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => slackClick(h, 'duty.takeover', `${handover.shortId}~0`, { userId: 'UDUTYB' })),
    );
    const taken = await h.zhiban.models.DutyHandover.findById(handover._id).lean();
    assert.deepEqual([taken?.state, taken?.takenBy], ['taken', B]);
    assert.equal(
      await h.zhiban.models.AuditEvent.countDocuments({ action: 'duty.takeover', objectId: handover.shortId }),
      1,
    );
    assert.equal(answers.filter((a) => /已由 slack:UDUTYB 接班/.test(replyText(a.body))).length, 19);
    await h.slack!.waitFor('chat.update', {
      predicate: (c) => c.body.channel === 'CANN' && /slack:UDUTYB 已于 .* 接班/.test(JSON.stringify(c.body)),
    });
    await slackCommand(h, 'declare P3 办事指南页面错字', { command: '/incident', userId: ADMIN_SLACK });
    const third = await waitUntil(async () => (await paging('INC-3'))[0], 'INC-3 paged');
    assert.deepEqual(third.notify, [B], 'the incoming person once they took over');
  });
});
