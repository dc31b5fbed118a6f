// The upgrades' section of the reports, against a real database: upgrades completed, rolled back
// and cancelled in the period (and in the one before), the windows of the next 24 hours soonest
// first, in words in both languages, and the quarterly workbook's rows.
import { strict as assert } from 'node:assert';
import type { Connection } from 'mongoose';
import { bindUpgrade, type UpgradeModel } from '../../../models/upgrades/upgrade.js';
import { connectDatabase } from '../../../src/db/connect.js';
import { spanOf } from '../../../src/domains/reports/rules/report-span.js';
import { upgradeReportSection } from '../../../src/domains/upgrades/report.js';
import { Translator } from '../../../src/kernel/i18n.js';
import { silentLogger } from '../../../src/kernel/logger.js';
import { testDatabaseUri } from '../../support/db.js';

const ZONE = 'Asia/Shanghai';
const AT = new Date('2026-12-01T01:00:00Z'); // 09:00 in Shanghai
const zh = new Translator('zh-CN').forLocale('zh-CN');
const en = new Translator('zh-CN').forLocale('en');

/** An upgrade as the domain stores it, with what the section reads. */
function anUpgrade(id: string, state: string, times: { start: string; end: string; endedAt?: string }) {
  return {
    _id: id,
    system: `sys-${id}`,
    toVersion: '2.4.0',
    summary: 's',
    plan: {},
    risk: 'low',
    start: new Date(times.start),
    end: new Date(times.end),
    state,
    author: 'slack:U1',
    version: 1,
    timeline: [],
    ...(times.endedAt ? { endedAt: new Date(times.endedAt) } : {}),
    createdAt: new Date('2026-09-01T00:00:00Z'),
    updatedAt: new Date('2026-09-01T00:00:00Z'),
  };
}

describe('Reports: the upgrades section', function () {
  this.timeout(30_000);
  let connection: Connection;
  let upgrades: UpgradeModel;

  before(async function () {
    connection = await connectDatabase(testDatabaseUri('upgrade-report'), silentLogger());
    await connection.db!.dropDatabase();
    upgrades = bindUpgrade(connection);
    await upgrades.insertMany([
      // 2026-Q4 (Shanghai): two completed, one rolled back, one cancelled.
      anUpgrade('UPG-1', 'completed', {
        start: '2026-10-10T14:00Z',
        end: '2026-10-10T16:00Z',
        endedAt: '2026-10-10T15:00Z',
      }),
      anUpgrade('UPG-2', 'completed', {
        start: '2026-11-20T14:00Z',
        end: '2026-11-20T16:00Z',
        endedAt: '2026-11-20T15:30Z',
      }),
      anUpgrade('UPG-3', 'rolled_back', {
        start: '2026-11-25T14:00Z',
        end: '2026-11-25T16:00Z',
        endedAt: '2026-11-25T14:40Z',
      }),
      anUpgrade('UPG-4', 'cancelled', {
        start: '2026-11-28T14:00Z',
        end: '2026-11-28T16:00Z',
        endedAt: '2026-11-27T08:00Z',
      }),
      // Q3: one completed on its last evening in Shanghai (still Q3 there, 2026-09-30 23:30).
      anUpgrade('UPG-5', 'completed', {
        start: '2026-09-30T14:00Z',
        end: '2026-09-30T16:00Z',
        endedAt: '2026-09-30T15:30Z',
      }),
      // The next 24 h after 2026-12-01 09:00: one in progress, one tonight; one the day after is not listed.
      anUpgrade('UPG-6', 'in_progress', { start: '2026-12-01T00:00Z', end: '2026-12-01T02:00Z' }),
      anUpgrade('UPG-7', 'scheduled', { start: '2026-12-01T14:00Z', end: '2026-12-01T16:00Z' }),
      anUpgrade('UPG-8', 'scheduled', { start: '2026-12-02T14:00Z', end: '2026-12-02T16:00Z' }),
    ]);
  });

  after(async function () {
    await connection?.close();
  });

  it('counts the quarter beside the one before and lists the next 24 h of windows', async function () {
    const found = spanOf('quarterly', '2026-Q4', AT, ZONE);
    assert.ok(found.ok);
    const section = upgradeReportSection(upgrades);
    const numbers = await section.numbers(found.span);
    assert.deepEqual(numbers, {
      completed: 2,
      rolledBack: 1,
      cancelled: 1,
      upcoming: [
        {
          id: 'UPG-6',
          system: 'sys-UPG-6',
          version: '2.4.0',
          start: Date.parse('2026-12-01T00:00Z'),
          end: Date.parse('2026-12-01T02:00Z'),
        },
        {
          id: 'UPG-7',
          system: 'sys-UPG-7',
          version: '2.4.0',
          start: Date.parse('2026-12-01T14:00Z'),
          end: Date.parse('2026-12-01T16:00Z'),
        },
      ],
      previous: { completed: 1, rolledBack: 0 },
    });
    const inChinese = section.view(numbers, found.span, zh);
    assert.equal(inChinese.title, '升级');
    assert.deepEqual(inChinese.lines, [
      '完成 2 次，回滚 1 次，取消 1 次。',
      '上一期：完成 1 次，回滚 0 次。',
      '未来 24 小时内的维护窗口：\nUPG-6 sys-UPG-6 → 2.4.0，2026-12-01 08:00 – 2026-12-01 10:00\nUPG-7 sys-UPG-7 → 2.4.0，2026-12-01 22:00 – 2026-12-02 00:00',
    ]);
    const [sheet] = section.view(numbers, found.span, en).sheets;
    assert.deepEqual(sheet, {
      name: 'Upgrades',
      columns: [
        { header: 'Period', kind: 'text' },
        { header: 'Completed', kind: 'number' },
        { header: 'Rolled back', kind: 'number' },
      ],
      rows: [
        ['2026-Q4', 2, 1],
        ['2026-Q3', 1, 0],
      ],
    });
  });

  it('says a quiet day in words, and keeps no previous period or workbook in the daily digest', async function () {
    const found = spanOf('daily', '2026-11-10', AT, ZONE);
    assert.ok(found.ok);
    const section = upgradeReportSection(upgrades);
    const numbers = await section.numbers(found.span);
    assert.equal(numbers.previous, undefined);
    const view = section.view({ ...numbers, upcoming: [] }, found.span, en);
    assert.deepEqual(view.lines, [
      'No upgrade was completed, rolled back or cancelled in this period.',
      'No maintenance window in the next 24 hours.',
    ]);
    assert.deepEqual(view.sheets, []);
  });
});
