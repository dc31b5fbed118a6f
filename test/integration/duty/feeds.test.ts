// The roster over HTTP (issue 17): an import by a script with WEBHOOK_TOKEN (all or nothing), the
// export as .xlsx and .csv read back by the spreadsheet library and imported again unchanged, the
// team's and one person's iCalendar feeds behind CALENDAR_TOKEN, read back with ical.js.
import { strict as assert } from 'node:assert';
import { readSheet } from '../../../src/domains/duty/rules/spreadsheet.js';
import { readCalendar } from '../../../src/kernel/icalendar.js';
import { uploadRoster } from '../../support/duty-sheet.js';
import { Harness } from '../../support/harness.js';
import { MovedClock } from '../../support/moved-clock.js';

const CALENDAR_TOKEN = 'test-calendar-token-0123456789';
const START = new Date('2026-12-01T10:00:00+08:00');
const CSV = [
  'date,primary,secondary,days',
  '2026-12-01,slack:UFEEDA,slack:UFEEDB,1',
  '2026-12-02,slack:UFEEDB,slack:UFEEDA,1',
  '2026-12-03,slack:UFEEDA,,2',
].join('\n');

describe('Duty roster feeds and spreadsheets over HTTP', function () {
  this.timeout(30_000);
  let clock: MovedClock;
  let h: Harness;
  const get = (path: string) => fetch(`${h.url}${path}`);

  before(async function () {
    clock = MovedClock.install(START);
    h = await Harness.start({ label: 'duty-feeds', env: { CALENDAR_TOKEN, WEB_CONSOLE: 'off' } });
    await h.zhiban.models.UserProfile.insertMany([
      { _id: 'slack:UFEEDA', roles: ['sysops'] },
      { _id: 'slack:UFEEDB', roles: ['sysops'] },
    ]);
  });

  after(async function () {
    await h?.stop();
    clock?.restore();
  });

  it('imports only with WEBHOOK_TOKEN, and a file that is no roster changes nothing', async function () {
    assert.equal((await uploadRoster(h.url, 'sysops', CSV, 'csv', CALENDAR_TOKEN)).status, 401);
    const odd = await uploadRoster(h.url, 'sysops', 'who,when\nx,y\n', 'csv');
    assert.equal(odd.status, 422);
    assert.equal(odd.json.error, 'unreadable_file');
    assert.equal((await uploadRoster(h.url, 'nobody', CSV, 'csv')).status, 404);
    const empty = await uploadRoster(h.url, 'sysops', 'date,primary\n', 'csv');
    assert.deepEqual(
      [empty.status, empty.json.details],
      [422, [{ row: 2, code: 'no_rows', reason: '第 2 行：表头下面没有任何班次' }]],
    );
    const huge = await uploadRoster(h.url, 'sysops', Buffer.alloc(3 * 1024 * 1024, 0x41), 'xlsx');
    assert.deepEqual([huge.status, huge.json.error], [413, 'too_large']);
    const phones = await uploadRoster(
      h.url,
      'sysops',
      `${CSV.replace('days', 'days,primary_phone')},13812345678`,
      'csv',
    );
    assert.equal(phones.status, 422, 'phone numbers are off without DUTY_PHONE_KEY');
    assert.deepEqual(phones.json.details, [
      {
        row: 4,
        code: 'phones_off',
        reason: '第 4 行：表里有手机号，但手机号功能未开启（需要设置 DUTY_PHONE_KEY）：请删去手机号列',
      },
    ]);
    assert.doesNotMatch(JSON.stringify(phones.json), /13812345678/);
    assert.equal(await h.zhiban.models.DutyRoster.countDocuments(), 0);
    const done = await uploadRoster(h.url, 'sysops', CSV, 'csv');
    assert.equal(done.status, 200, JSON.stringify(done.json));
    assert.deepEqual(done.json, {
      team: 'sysops',
      imported: 3,
      from: '2026-12-01T01:00:00.000Z',
      to: '2026-12-05T01:00:00.000Z',
    });
  });

  it('exports what was imported as .xlsx and .csv, and importing the export changes nothing', async function () {
    assert.equal((await get('/duty/sysops.xlsx')).status, 401, 'the calendar token is needed');
    const before = await h.zhiban.models.DutyRoster.findById('sysops').lean();
    for (const ext of ['xlsx', 'csv'] as const) {
      const res = await get(`/duty/sysops.${ext}?token=${CALENDAR_TOKEN}`);
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-disposition') ?? '', new RegExp(`duty-sysops\\.${ext}`));
      const bytes = Buffer.from(await res.arrayBuffer());
      const rows = await readSheet(bytes, ext);
      assert.deepEqual(
        rows.map((r) => [r.date, r.primary, r.secondary, r.days]),
        [
          ['2026-12-01', 'slack:UFEEDA', 'slack:UFEEDB', '1'],
          ['2026-12-02', 'slack:UFEEDB', 'slack:UFEEDA', '1'],
          ['2026-12-03', 'slack:UFEEDA', '', '2'],
        ],
      );
      assert.equal((await uploadRoster(h.url, 'sysops', bytes, ext)).status, 200);
    }
    const after = await h.zhiban.models.DutyRoster.findById('sysops').lean();
    assert.deepEqual(after?.shifts, before?.shifts);
  });

  it('serves the team’s feed and each person’s own, read back as iCalendar', async function () {
    assert.equal((await get('/duty/sysops.ics')).status, 401);
    const team = readCalendar(await (await get(`/duty/sysops.ics?token=${CALENDAR_TOKEN}`)).text());
    assert.equal(team.name, 'Zhiban · 系统运维');
    assert.deepEqual(
      team.events.map((e) => [e.start.toISOString(), e.end.toISOString(), e.summary]),
      [
        ['2026-12-01T01:00:00.000Z', '2026-12-02T01:00:00.000Z', '系统运维值班：slack:UFEEDA'],
        ['2026-12-02T01:00:00.000Z', '2026-12-03T01:00:00.000Z', '系统运维值班：slack:UFEEDB'],
        ['2026-12-03T01:00:00.000Z', '2026-12-05T01:00:00.000Z', '系统运维值班：slack:UFEEDA'],
      ],
    );
    const bob = await get(`/duty/people/slack:UFEEDB.ics`);
    assert.equal(bob.status, 401);
    const mine = readCalendar(await (await get(`/duty/people/slack:UFEEDB.ics?token=${CALENDAR_TOKEN}`)).text());
    assert.deepEqual(
      mine.events.map((e) => e.summary),
      ['系统运维值班：slack:UFEEDA', '系统运维值班：slack:UFEEDB'],
      'the shifts where they are secondary, then primary',
    );
  });

  it('shows the week of every roster as a page in the console’s look, behind the calendar token', async function () {
    assert.equal((await get('/duty/week.html')).status, 401);
    const res = await get(`/duty/week.html?token=${CALENDAR_TOKEN}`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'none'; style-src 'self'/);
    const html = await res.text();
    assert.match(html, /<h1>值班表 · 2026-W49<\/h1>/);
    const row = /<tr><th scope="row">系统运维<\/th>(.*?)<\/tr>/.exec(html)?.[1] ?? '';
    const cells = row
      .split('</td>')
      .slice(0, 7)
      .map((cell) => /class="(?:primary|empty)">([^<]*)/.exec(cell)?.[1]);
    assert.deepEqual(cells, ['无人', 'slack:UFEEDA', 'slack:UFEEDB', 'slack:UFEEDA', 'slack:UFEEDA', '无人', '无人']);
    assert.match(html, /<th scope="col" class="today">周二 12-01<\/th>/);
    const css = await get('/duty/style.css');
    assert.match(await css.text(), /--accent/, 'the console’s own colours');
    const next = await (await get(`/duty/week.html?token=${CALENDAR_TOKEN}&week=next`)).text();
    assert.match(next, /2026-W50/);
  });
});
