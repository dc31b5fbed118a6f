// The duty roster as a new user meets it (issue 17, "Done when"), written once and run on Slack,
// Discord and the web console: project management asks how to import, a spreadsheet with a bad row
// is refused whole with each row's reason, a week's roster is imported, `/duty now` names who is
// on duty; a P1 pages that person first and the secondary after INCIDENT_ESCALATION's 5 minutes;
// at 09:00 the handover card reaches the incoming person, who takes over from it, on record; bad
// input is answered privately in the person’s language.
import { strict as assert } from 'node:assert';
import { localDay, parseLocalDay } from '../../../src/kernel/calendar.js';
import { rosterWorkbook, uploadRoster, type RosterRow } from '../../support/duty-sheet.js';
import type { Harness } from '../../support/harness.js';
import { waitUntil } from '../../support/wait-until.js';
import { cardIn, threadLine, type ChatDriver } from './chat-driver.js';
import type { ClockOf } from './every-platform.js';

const ZONE = 'Asia/Shanghai';
const MINUTE = 60_000;

/** Tomorrow, 08:40 in Shanghai: the 09:00 handover is 20 minutes away. */
export function dutyMorning(): Date {
  const tomorrow = parseLocalDay(localDay(new Date(Date.now() + 86_400_000), ZONE), ZONE)!;
  return new Date(tomorrow.start.getTime() + (8 * 60 + 40) * MINUTE);
}

/** The local day `days` from `at` in Shanghai, as `2026-12-01`. */
const dayFrom = (at: Date, days: number) => localDay(new Date(at.getTime() + days * 86_400_000), ZONE);

export function dutyScenarios(driver: ChatDriver, h: () => Harness, clock: ClockOf): void {
  const { key } = driver;
  const pm = driver.user(60);
  const alice = driver.user(61);
  const bob = driver.user(62);
  const models = () => h().zhiban.models;
  const morning = dutyMorning();
  const handoverAt = new Date(morning.getTime() + 20 * MINUTE);
  let incident = '';

  before(async function () {
    await driver.bind('incidents');
    await models().UserProfile.insertMany([
      { _id: key(pm), roles: ['pm'] },
      { _id: key(alice), roles: ['sysops'] },
      { _id: key(bob), roles: ['sysops'] },
    ]);
  });

  it('imports a week’s roster from a spreadsheet, refusing a bad file whole, and /duty now names who is on duty', async function () {
    const how = await driver.type(pm, '/duty import sysops');
    assert.equal(how.private, true);
    assert.match(how.text, /\/duty\/sysops\.xlsx/);
    assert.match(how.text, /Authorization: Bearer \$WEBHOOK_TOKEN/);

    const bad: RosterRow[] = [
      [dayFrom(morning, -1), key(alice), key(bob)],
      [dayFrom(morning, -2), key(bob)],
      [dayFrom(morning, 1), 'slack:UNOBODY0'],
      [dayFrom(morning, 2), key(pm)],
    ];
    const refused = await uploadRoster(h().url, 'sysops', await rosterWorkbook(bad));
    assert.equal(refused.status, 422);
    const reasons = (refused.json.details as Array<{ row: number; reason: string }>).map((d) => [d.row, d.reason]);
    assert.deepEqual(
      reasons.map(([row]) => row),
      [3, 4, 5],
    );
    assert.match(String(reasons[0]![1]), /第 3 行：日期 .* 早于上一行的班次结束/);
    assert.match(String(reasons[1]![1]), /第 4 行：不认识的人员「slack:UNOBODY0」/);
    assert.match(String(reasons[2]![1]), new RegExp(`第 5 行：${key(pm)} 没有「sysops」角色`));
    const nothing = await driver.type(pm, '/duty now sysops');
    assert.match(nothing.text, /系统运维：还没有值班表/, 'nothing half-imported');

    // The week from yesterday: alice until this morning's 09:00, then bob, then turns.
    const week: RosterRow[] = Array.from({ length: 7 }, (_, i) => {
      const [primary, secondary] = i % 2 === 0 ? [alice, bob] : [bob, alice];
      return [dayFrom(morning, i - 1), key(primary), key(secondary)];
    });
    const imported = await uploadRoster(h().url, 'sysops', await rosterWorkbook(week));
    assert.equal(imported.status, 200, JSON.stringify(imported.json));
    assert.equal(imported.json.imported, 7);

    const now = await driver.type(alice, '/duty now sysops');
    assert.equal(now.private, true);
    assert.match(
      now.text,
      new RegExp(`系统运维：主班 ${key(alice)}，副班 ${key(bob)}，至 ${dayFrom(morning, 0)} 09:00；下一班 ${key(bob)}`),
    );
    const weekView = await driver.type(bob, '/duty week sysops');
    assert.match(weekView.text, new RegExp(`主班 ${key(bob)} · 副班 ${key(alice)}（导入）`));
  });

  it('pages the on-duty primary of a P1 first and the secondary after the delay', async function () {
    const declared = await driver.type(pm, '/incident declare P1 technical 网上办事大厅无法访问');
    incident = /INC-\d+/.exec(declared.text)![0];
    const card = await cardIn(driver, 'incidents', new RegExp(`^\\[P1\\] ${incident} · `));
    await threadLine(driver, card, new RegExp(`${incident} · .*按值班表通知：值班主班`));
    const stored = async () => (await models().Incident.findById(incident).lean())!;
    assert.deepEqual((await stored()).timeline.find((e) => e.kind === 'paged')?.notify, [key(alice)]);
    assert.equal((await stored()).timeline.filter((e) => e.kind === 'renotified').length, 0, 'not the secondary yet');

    const declaredAt = (await stored()).stateAt.reported!;
    await clock().settleAt(new Date(new Date(declaredAt).getTime() + 5 * MINUTE), h().zhiban);
    await threadLine(driver, card, new RegExp(`${incident} · .*再次通知：值班副班`));
    const second = await waitUntil(
      async () => (await stored()).timeline.find((e) => e.kind === 'renotified'),
      'the secondary paged',
    );
    assert.deepEqual(second.notify, [key(bob)]);
    // Acknowledged: no further step (project management) is needed.
    const acked = await driver.click(alice, card, 'incident.ack', incident);
    assert.ok(acked.card, acked.text.slice(0, 200));
  });

  it('brings the 09:00 handover card to the incoming person, who takes over from it', async function () {
    await clock().settleAt(new Date(handoverAt.getTime() + 31_000), h().zhiban);
    const card = await waitUntil(
      async () => (await driver.direct(bob)).find((c) => /^HO-\d+ · 交接班 · 系统运维/.test(c.title)),
      'the handover card for bob',
    );
    assert.match(card.text, new RegExp(`${key(alice)} → ${key(bob)}`));
    assert.match(card.text, new RegExp(`${incident} P1 网上办事大厅无法访问`), 'the open incident is handed over');
    assert.match(card.text, new RegExp(`等待 ${key(bob)} 点击「接班」`));
    const id = /^HO-\d+/.exec(card.title)![0];
    const taken = await driver.click(bob, card, 'duty.takeover', id);
    assert.ok(taken.card, `the card changes in place: ${taken.text.slice(0, 200)}`);
    assert.match(taken.card.text, new RegExp(`${key(bob)} 已于 .* 接班`));
    assert.equal(taken.card.buttons.length, 0);
    const record = await driver.type(pm, '/duty handovers sysops');
    assert.match(record.text, new RegExp(`${id} .*系统运维：${key(alice)} → ${key(bob)}，${key(bob)} 已于 .* 接班`));
  });

  it('answers bad /duty input privately in the person’s language, changing nothing', async function () {
    const english = driver.user(63);
    await models().UserProfile.create({ _id: key(english), roles: ['sysops'], locale: 'en' });
    const team = await driver.type(alice, '/duty now nosuchteam');
    assert.equal(team.private, true);
    assert.match(team.text, /没有「nosuchteam」这个值班组/);
    const phones = await driver.type(english, '/duty phone 13812345678');
    assert.match(phones.text, /Phone numbers are off \(DUTY_PHONE_KEY is not set\)/);
    const role = await driver.type(alice, `/duty set sysops ${key(alice)}`);
    assert.match(role.text, /需要以下角色之一：管理员, 项目管理/);
    const when = await driver.type(pm, `/duty override sysops ${key(bob)} tomorrow later`);
    assert.match(when.text, /时间「tomorrow」不对：写 2026-12-01T09:00/);
    const backward = await driver.type(pm, `/duty override sysops ${key(bob)} 2026-12-09T09:00 2026-12-08T09:00`);
    assert.match(backward.text, /结束时间（2026-12-08 09:00）须晚于开始时间（2026-12-09 09:00）/);
    // The correct form follows (Slack escapes its angle brackets).
    assert.match(backward.text, /\/duty override \S*组\S* \S*人员\S* \S*2026-12-01T09:00\S* \S*2026-12-02T09:00/);
    assert.equal((await models().DutyRoster.findById('sysops').lean())?.overrides.length, 0);
    assert.equal(await models().DutyPhone.countDocuments(), 0);
  });

  it('imports shifts typed in chat, mentions or keys, all or nothing', async function () {
    const [d8, d9] = [dayFrom(morning, 7), dayFrom(morning, 8)];
    const bad = await driver.type(pm, `/duty import sysops ${d8} ${driver.mention(alice)}; ${d9} ${key(pm)}`);
    assert.equal(bad.private, true);
    assert.match(bad.text, /没有导入（一条不对就整份不导入）/);
    assert.match(bad.text, new RegExp(`第 2 行：${key(pm)} 没有「sysops」角色`));
    const roster = async () => (await models().DutyRoster.findById('sysops').lean())!;
    assert.equal((await roster()).shifts.length, 7, 'nothing half-imported');
    const good = await driver.type(
      pm,
      `/duty import sysops ${d8} ${driver.mention(alice)} ${key(bob)}; ${d9} ${key(bob)}`,
    );
    assert.match(
      good.text,
      new RegExp(`已导入系统运维的值班表：2 个班次，${d8} 09:00 至 ${dayFrom(morning, 9)} 09:00`),
    );
    const shifts = (await roster()).shifts.slice(-2);
    assert.deepEqual(
      shifts.map((s) => [s.primary, s.secondary ?? null]),
      [
        [key(alice), key(bob)],
        [key(bob), null],
      ],
    );
    const audit = await models()
      .AuditEvent.findOne({ action: 'duty.import', actor: key(pm) })
      .lean();
    assert.ok(audit, 'the import is on record as the person who typed it');
  });
}
