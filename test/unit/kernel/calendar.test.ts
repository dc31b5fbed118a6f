// Typed local times and report periods in the team's time zone, including the awkward days.
import { strict as assert } from 'node:assert';
import { parseLocalTime, periodOf } from '../../../src/kernel/calendar.js';

const SHANGHAI = 'Asia/Shanghai';
const NEW_YORK = 'America/New_York';
const iso = (d: Date) => d.toISOString();

describe('parseLocalTime', () => {
  it('reads a typed window time as wall-clock time in TIMEZONE', () => {
    const read = parseLocalTime('2026-12-01T22:00', SHANGHAI);
    assert.ok(read.ok);
    assert.equal(iso(read.at), '2026-12-01T14:00:00.000Z');
  });

  it('reads the same words as another instant in another zone', () => {
    const read = parseLocalTime('2026-12-01T22:00', NEW_YORK);
    assert.ok(read.ok);
    assert.equal(iso(read.at), '2026-12-02T03:00:00.000Z');
  });

  it('refuses what is not of the form, or names no calendar date', () => {
    for (const bad of [
      '2026-12-01 22:00',
      '2026-12-01T22',
      '2026-13-01T22:00',
      '2026-02-30T10:00',
      '2026-12-01T24:00',
      'tomorrow',
      '',
    ]) {
      assert.deepEqual(parseLocalTime(bad, SHANGHAI), { ok: false, problem: 'format' }, bad);
    }
  });

  it('refuses a minute the zone skips at the start of daylight saving time', () => {
    assert.deepEqual(parseLocalTime('2026-03-08T02:30', NEW_YORK), { ok: false, problem: 'no_such_time' });
    assert.ok(parseLocalTime('2026-03-08T03:30', NEW_YORK).ok);
  });
});

describe('periodOf', () => {
  const at = new Date('2026-11-30T20:00:00Z'); // 1 December, 04:00 in Shanghai

  it('gives the local calendar day, not the UTC one', () => {
    const day = periodOf('day', at, SHANGHAI);
    assert.deepEqual(
      [iso(day.start), iso(day.end), day.label],
      ['2026-11-30T16:00:00.000Z', '2026-12-01T16:00:00.000Z', '2026-12-01'],
    );
  });

  it('starts weeks on Monday and names them by ISO week', () => {
    const week = periodOf('week', at, SHANGHAI);
    assert.deepEqual([iso(week.start), week.label], ['2026-11-29T16:00:00.000Z', '2026-W49']);
    assert.equal(week.end.getTime() - week.start.getTime(), 7 * 86_400_000);
  });

  it('gives the calendar quarter, and the one before with offset -1', () => {
    const q4 = periodOf('quarter', at, SHANGHAI);
    assert.deepEqual(
      [iso(q4.start), iso(q4.end), q4.label],
      ['2026-09-30T16:00:00.000Z', '2026-12-31T16:00:00.000Z', '2026-Q4'],
    );
    const newYear = new Date('2026-12-31T16:30:00Z'); // 1 January 2027, 00:30 in Shanghai
    const last = periodOf('quarter', newYear, SHANGHAI, -1);
    assert.equal(last.label, '2026-Q4');
    assert.equal(periodOf('quarter', newYear, SHANGHAI).label, '2027-Q1');
  });

  it('keeps a day whole across a daylight-saving change (23 hours long)', () => {
    const day = periodOf('day', new Date('2026-03-08T12:00:00Z'), NEW_YORK);
    assert.equal(day.end.getTime() - day.start.getTime(), 23 * 3_600_000);
  });

  it('gives the month with its label', () => {
    const month = periodOf('month', at, SHANGHAI, -1);
    assert.deepEqual([iso(month.start), month.label], ['2026-10-31T16:00:00.000Z', '2026-11']);
  });
});
