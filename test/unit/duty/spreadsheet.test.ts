// A roster through the spreadsheet library and back (issue 17): .xlsx and .csv written by Zhiban
// read back to the same rows; Chinese headers and Excel dates read; a file that is no roster refused.
import { strict as assert } from 'node:assert';
import ExcelJS from 'exceljs';
import { readSheet, SheetShapeError, writeSheet } from '../../../src/domains/duty/rules/spreadsheet.js';

const SHIFTS = [
  { date: '2026-12-01', primary: 'slack:UA', secondary: 'slack:UB', days: 1 },
  { date: '2026-12-02', primary: 'web:wang', days: 1 },
  { date: '2026-12-03', primary: 'discord:81234', secondary: 'slack:UA', days: 7 },
];

describe('duty roster spreadsheets', function () {
  for (const format of ['xlsx', 'csv'] as const) {
    it(`reads back what it writes as .${format}`, async function () {
      const bytes = await writeSheet(SHIFTS, format, 'sysops');
      const rows = await readSheet(bytes, format);
      assert.deepEqual(
        rows.map((r) => [r.row, r.date, r.primary, r.secondary, r.days]),
        [
          [2, '2026-12-01', 'slack:UA', 'slack:UB', '1'],
          [3, '2026-12-02', 'web:wang', '', '1'],
          [4, '2026-12-03', 'discord:81234', 'slack:UA', '7'],
        ],
      );
    });
  }

  it('reads Chinese headers, phone columns, and dates Excel stores as dates', async function () {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('值班表');
    sheet.addRow(['日期', '主班', '副班', '主班电话']);
    sheet.addRow([new Date(Date.UTC(2026, 11, 1)), 'slack:UA', 'slack:UB', '13812345678']);
    const rows = await readSheet(Buffer.from(await workbook.xlsx.writeBuffer()), 'xlsx');
    assert.deepEqual(
      rows.map((r) => [r.date, r.primary, r.secondary, r.primaryPhone, r.secondaryPhone]),
      [['2026-12-01', 'slack:UA', 'slack:UB', '13812345678', '']],
    );
  });

  it('refuses a file that is not a spreadsheet, and one without the date and primary headers', async function () {
    await assert.rejects(
      readSheet(Buffer.from('not a zip'), 'xlsx'),
      (e) => e instanceof SheetShapeError && e.problem === 'unreadable',
    );
    await assert.rejects(
      readSheet(Buffer.from('name,phone\nwang,1\n'), 'csv'),
      (e) => e instanceof SheetShapeError && e.problem === 'no_header',
    );
  });
});
