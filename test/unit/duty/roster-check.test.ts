// The bad inputs of an imported roster (issue 17): each bad row reported with its number and
// reason, nothing accepted when one row is bad; fast-check generates rows with any one fault.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { checkRows } from '../../../src/domains/duty/rules/roster-check.js';
import type { SheetRow } from '../../../src/domains/duty/rules/spreadsheet.js';

const ZONE = 'Asia/Shanghai';
const ROLES: Record<string, string[]> = {
  'slack:UA': ['sysops'],
  'slack:UB': ['sysops'],
  'slack:UPM': ['pm'],
};
const rolesOf = async (key: string) => ROLES[key];
const row = (n: number, date: string, primary: string, secondary = '', days = ''): SheetRow => ({
  row: n,
  date,
  primary,
  secondary,
  days,
  primaryPhone: '',
  secondaryPhone: '',
});

describe('duty roster import checks', function () {
  it('accepts a good week as shifts from 09:00 to 09:00', async function () {
    const rows = Array.from({ length: 7 }, (_, i) => row(i + 2, `2026-12-0${i + 1}`, i % 2 ? 'slack:UB' : 'slack:UA'));
    const { shifts, problems } = await checkRows(rows, 'sysops', '09:00', ZONE, rolesOf);
    assert.deepEqual(problems, []);
    assert.equal(shifts.length, 7);
    assert.equal(shifts[0]!.start.toISOString(), '2026-12-01T01:00:00.000Z');
    assert.equal(shifts[6]!.end.toISOString(), '2026-12-08T01:00:00.000Z');
  });

  it('reports every bad row with its reason and accepts none', async function () {
    const rows = [
      row(2, '2026-12-02', 'slack:UA'),
      row(3, '2026-12-01', 'slack:UB'),
      row(4, '2026-13-01', 'slack:UA'),
      row(5, '2026-12-05', 'slack:UNKNOWN'),
      row(6, '2026-12-06', 'slack:UPM'),
      row(7, '2026-12-07', 'slack:UA', 'slack:UA'),
      row(8, '2026-12-08', ''),
      row(9, '2026-12-09', 'Zhang San'),
    ];
    const { shifts, problems } = await checkRows(rows, 'sysops', '09:00', ZONE, rolesOf);
    assert.deepEqual(shifts, []);
    assert.deepEqual(
      problems.map((p) => [p.row, p.code]),
      [
        [3, 'out_of_order'],
        [4, 'bad_date'],
        [5, 'unknown_person'],
        [6, 'no_role'],
        [7, 'same_person'],
        [8, 'no_primary'],
        [9, 'unknown_person'],
      ],
    );
  });

  it('never accepts a roster with one bad row among good ones (generated)', async function () {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 6 }),
        fc.constantFrom(
          (r: SheetRow) => ({ ...r, date: '2026-02-30' }),
          (r: SheetRow) => ({ ...r, primary: 'slack:UPM' }),
          (r: SheetRow) => ({ ...r, primary: 'nobody' }),
          (r: SheetRow) => ({ ...r, days: '0' }),
        ),
        async (bad, fault) => {
          const rows = Array.from({ length: 7 }, (_, i) => row(i + 2, `2026-12-${String(i + 10)}`, 'slack:UA'));
          rows[bad] = fault(rows[bad]!);
          const { shifts, problems } = await checkRows(rows, 'sysops', '09:00', ZONE, rolesOf);
          return shifts.length === 0 && problems.some((p) => p.row === bad + 2);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('takes phone numbers given with the roster only while phone numbers are on, and never echoes a bad one', async function () {
    const rows = [
      { ...row(2, '2026-12-01', 'slack:UA', 'slack:UB'), primaryPhone: '138 1234 5678', secondaryPhone: '' },
      { ...row(3, '2026-12-02', 'slack:UB'), primaryPhone: '13900001111' },
    ];
    const on = await checkRows(rows, 'sysops', '09:00', ZONE, rolesOf, true);
    assert.deepEqual(
      [...on.phones],
      [
        ['slack:UA', '13812345678'],
        ['slack:UB', '13900001111'],
      ],
    );
    const off = await checkRows(rows, 'sysops', '09:00', ZONE, rolesOf, false);
    assert.deepEqual(
      off.problems.map((p) => [p.row, p.code]),
      [
        [2, 'phones_off'],
        [3, 'phones_off'],
      ],
    );
    const bad = await checkRows([{ ...rows[0]!, primaryPhone: 'call 5678' }], 'sysops', '09:00', ZONE, rolesOf, true);
    assert.deepEqual(bad.problems, [{ row: 2, code: 'bad_phone', params: { person: 'slack:UA' } }]);
    assert.equal(bad.phones.size, 0);
  });
});
