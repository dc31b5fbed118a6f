// Critical alert groups nobody acknowledges page from the roster (issue 17): after the P1 delay of
// INCIDENT_ESCALATION the on-duty primary is mentioned in the group's thread (and paged through the
// gateway), after another the secondary; an acknowledged group pages nobody more, and a minor one
// nobody at all.
import { strict as assert } from 'node:assert';
import { anAlert, sendAlerts } from '../../support/alert-sender.js';
import { rosterWorkbook, uploadRoster } from '../../support/duty-sheet.js';
import { EXECUTOR_SECRET, FakeExecutor } from '../../support/fake-executor.js';
import { ADMIN_SLACK, Harness } from '../../support/harness.js';
import { MovedClock } from '../../support/moved-clock.js';
import { slackClick, slackCommand } from '../../support/slack-user.js';
import { waitUntil } from '../../support/wait-until.js';

const MINUTE = 60_000;
const START = new Date('2026-12-01T10:00:00+08:00');
const A = 'slack:UALPA';
const B = 'slack:UALPB';

describe('Critical alert groups paged from the duty roster', function () {
  this.timeout(60_000);
  let clock: MovedClock;
  let gateway: FakeExecutor;
  let h: Harness;

  before(async function () {
    clock = MovedClock.install(START);
    gateway = await FakeExecutor.start(200);
    h = await Harness.start({
      label: 'duty-alert-paging',
      slack: true,
      env: {
        PAGER_WEBHOOK_URL: gateway.url,
        PAGER_WEBHOOK_SECRET: EXECUTOR_SECRET,
        ALERT_GROUP_WAIT: '1s',
        ALERT_GROUP_INTERVAL: '2s',
        ALERT_REPEAT_INTERVAL: '1h',
      },
    });
    await slackCommand(h, 'channel set alerts', { userId: ADMIN_SLACK, channelId: 'CALERTS01' });
    await h.zhiban.models.UserProfile.insertMany([
      { _id: A, roles: ['sysops'] },
      { _id: B, roles: ['sysops'] },
    ]);
    const sheet = await rosterWorkbook([['2026-12-01', A, B]]);
    assert.equal((await uploadRoster(h.url, 'sysops', sheet)).status, 200);
  });

  after(async function () {
    await h?.stop();
    await gateway?.stop();
    clock?.restore();
  });

  const group = (name: string) =>
    waitUntil(async () => (await h.zhiban.models.AlertGroup.findOne({ name }).lean()) ?? undefined, `group ${name}`);
  const pages = (shortId: string) =>
    h.zhiban.models.DutyPage.find({ subject: { $regex: `^alert:${shortId}:` } })
      .sort({ step: 1 })
      .lean();

  it('pages the primary after 5 minutes unacknowledged, then the secondary, and stops once acknowledged', async function () {
    await sendAlerts(h, [anAlert('ExportDown', 'gw-1'), anAlert('SlowPage', 'web-1', { severity: 'minor' })]);
    const critical = await waitUntil(async () => {
      const found = await group('ExportDown');
      return found.shortId ? found : undefined;
    }, 'the critical group announced');
    const minor = await group('SlowPage');
    const seen = critical.firstSeenAt.getTime();

    await clock.settleAt(new Date(seen + 5 * MINUTE - 5000), h.zhiban);
    assert.equal((await pages(critical.shortId!)).length, 0, 'not before the delay');
    await clock.settleAt(new Date(seen + 5 * MINUTE + 31_000), h.zhiban);
    const first = await waitUntil(async () => (await pages(critical.shortId!))[0], 'the primary paged');
    assert.deepEqual([first.level, first.to], ['primary', [A]]);
    const line = await h.slack!.waitFor('chat.postMessage', {
      predicate: (c) => Boolean(c.body.thread_ts) && /严重告警无人确认，按值班表通知值班主班/.test(String(c.body.text)),
    });
    assert.match(String(line.body.text), /^<@UALPA> /);
    const [call] = await gateway.waitForCalls(1);
    assert.equal((call!.body as unknown as { person: string }).person, A);

    await clock.settleAt(new Date(seen + 10 * MINUTE + 31_000), h.zhiban);
    const second = await waitUntil(async () => (await pages(critical.shortId!))[1], 'the secondary paged');
    assert.deepEqual([second.level, second.to], ['secondary', [B]]);

    await slackClick(h, 'alert.ack', `${critical.shortId}~${critical.episode}`, { userId: 'UALPA' });
    await waitUntil(async () => (await group('ExportDown')).ackedBy, 'acknowledged');
    await clock.settleAt(new Date(seen + 16 * MINUTE), h.zhiban);
    assert.equal((await pages(critical.shortId!)).length, 2, 'nobody paged once acknowledged');
    assert.equal((await pages(minor.shortId ?? 'none')).length, 0, 'a minor group pages nobody');
  });
});
