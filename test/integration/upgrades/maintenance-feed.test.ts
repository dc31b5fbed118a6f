// GET /maintenance.ics (issue 14): the announced windows as iCalendar, written with ical.js and read
// back here by the same library; only with CALENDAR_TOKEN (`?token=` or a bearer header); a draft
// awaiting approval is not in it, a cancelled window is, marked CANCELLED.
import { strict as assert } from 'node:assert';
import { UpgradeWindows } from '../../../src/domains/upgrades/rules/windows.js';
import { readCalendar } from '../../../src/kernel/icalendar.js';
import { Harness } from '../../support/harness.js';
import { MovedClock } from '../../support/moved-clock.js';
import { slackCommand } from '../../support/slack-user.js';
import { announceUpgrade, hoursAhead, PM, typed, upgradeWorld } from '../../support/upgrade-world.js';

const TOKEN = 'calendar-token-0123456789abcdef';
const HOUR = 3_600_000;

describe('Upgrades: the maintenance calendar feed', function () {
  this.timeout(60_000);
  let clock: MovedClock;
  let h: Harness;

  before(async function () {
    clock = MovedClock.install(new Date('2026-12-01T02:00:00Z'));
    h = await Harness.start({ label: 'upgrade-feed', slack: true, env: { CALENDAR_TOKEN: TOKEN } });
    await upgradeWorld(h);
  });

  after(async function () {
    await h?.stop();
    clock?.restore();
  });

  const feed = (query = `?token=${TOKEN}`, headers: Record<string, string> = {}) =>
    fetch(`${h.url}/maintenance.ics${query}`, { headers });

  it('refuses a missing or wrong token with 401 JSON naming the token', async function () {
    for (const answer of [await feed(''), await feed('?token=wrong')]) {
      assert.equal(answer.status, 401);
      const body = (await answer.json()) as { error: string; details: string[] };
      assert.equal(body.error, 'unauthorized');
      assert.match(body.details.join(' '), /^token: /);
    }
  });

  it('lists the announced windows, parsed back by ical.js, with a cancelled one struck out', async function () {
    const start = hoursAhead(clock.now(), 24);
    const end = new Date(start.getTime() + 2 * HOUR);
    const pay = await announceUpgrade(h, `e-pay 2.4.0 ${typed(start)} ${typed(end)} 缴费升级`);
    const lib = await announceUpgrade(
      h,
      `e-lib 1.2.0 ${typed(new Date(start.getTime() + 4 * HOUR))} ${typed(new Date(start.getTime() + 5 * HOUR))} 检索升级`,
    );
    await slackCommand(h, `cancel ${lib._id} 改期`, { command: '/upgrade', userId: PM });
    // A high-risk draft is not announced, so not in the feed (made as the form would, without chat).
    await h.zhiban.models.Upgrade.create({
      ...pay,
      _id: 'UPG-99',
      system: 'e-tax',
      state: 'pending_approval',
      timeline: [],
    });

    const answer = await feed('', { authorization: `Bearer ${TOKEN}` });
    assert.equal(answer.status, 200);
    assert.match(answer.headers.get('content-type') ?? '', /^text\/calendar/);
    const calendar = readCalendar(await answer.text());
    assert.equal(calendar.name, '值班 维护窗口');
    assert.deepEqual(
      calendar.events.map((e) => [e.uid, e.status, e.start.toISOString(), e.end.toISOString()]),
      [
        [`${pay._id}@zhiban`, 'CONFIRMED', start.toISOString(), end.toISOString()],
        [
          `${lib._id}@zhiban`,
          'CANCELLED',
          new Date(start.getTime() + 4 * HOUR).toISOString(),
          new Date(start.getTime() + 5 * HOUR).toISOString(),
        ],
      ],
    );
    // What the duty roster and reports read: scheduled and in-progress windows of a period only.
    const windows = new UpgradeWindows(h.zhiban.models.Upgrade);
    const around = await windows.between(new Date(start.getTime() - HOUR), new Date(start.getTime() + 6 * HOUR));
    assert.deepEqual(
      around.map((w) => [w.id, w.status, w.start.toISOString(), w.end.toISOString()]),
      [[pay._id, 'scheduled', start.toISOString(), end.toISOString()]],
      'not the cancelled one, nor the draft',
    );
    assert.deepEqual(await windows.between(end, new Date(end.getTime() + HOUR)), [], 'a window ends before [end, …)');
    const [first] = calendar.events;
    assert.equal(first!.summary, `e-pay 2.4.0（${pay._id}，已计划）`);
    assert.match(first!.description ?? '', /缴费升级\n版本：（无记录） → 2\.4\.0\n风险：低/);
  });
});
