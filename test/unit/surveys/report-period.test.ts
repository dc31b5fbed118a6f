// Which period `/survey report [month|quarter] [period]` means: the current month or quarter so far,
// `last`, or one named (`2026-11`, `2026-Q4`), as calendar periods in TIMEZONE; anything else refused.
import { strict as assert } from 'node:assert';
import { UserError } from '../../../src/chat/user-error.js';
import { parseReportPeriod } from '../../../src/domains/surveys/rules/report-period.js';

const ZONE = 'Asia/Shanghai';
// 2026-11-15 10:00 in Shanghai.
const NOW = new Date('2026-11-15T02:00:00Z');

function read(typed: string) {
  const p = parseReportPeriod(typed.split(' ').filter(Boolean), NOW, ZONE);
  return [p.unit, p.label, p.start.toISOString(), p.end.toISOString(), p.soFar];
}

describe('survey report periods', () => {
  it('is the current month so far when nothing is said', () => {
    assert.deepEqual(read(''), ['month', '2026-11', '2026-10-31T16:00:00.000Z', '2026-11-30T16:00:00.000Z', true]);
  });

  it('is the current quarter so far for “quarter”', () => {
    assert.deepEqual(read('quarter'), [
      'quarter',
      '2026-Q4',
      '2026-09-30T16:00:00.000Z',
      '2026-12-31T16:00:00.000Z',
      true,
    ]);
  });

  it('is the one before for “last”', () => {
    assert.deepEqual(read('month last'), [
      'month',
      '2026-10',
      '2026-09-30T16:00:00.000Z',
      '2026-10-31T16:00:00.000Z',
      false,
    ]);
    assert.deepEqual(read('quarter last')[1], '2026-Q3');
    assert.deepEqual(read('last')[1], '2026-10');
  });

  it('reads a named month or quarter, with or without its unit', () => {
    assert.deepEqual(read('month 2026-02'), [
      'month',
      '2026-02',
      '2026-01-31T16:00:00.000Z',
      '2026-02-28T16:00:00.000Z',
      false,
    ]);
    assert.deepEqual(read('2026-Q1'), [
      'quarter',
      '2026-Q1',
      '2025-12-31T16:00:00.000Z',
      '2026-03-31T16:00:00.000Z',
      false,
    ]);
    assert.deepEqual(read('QUARTER 2026-q4')[1], '2026-Q4');
  });

  const refused: Array<[string, string]> = [
    ['month 13', 'month 2026-13'],
    ['a quarter 5', '2026-Q5'],
    ['a month named with its quarter unit', 'quarter 2026-11'],
    ['a quarter named with its month unit', 'month 2026-Q4'],
    ['a week', 'week'],
    ['words after the period', 'month last please'],
    ['a date', '2026-11-01'],
  ];
  for (const [what, typed] of refused) {
    it(`refuses ${what} with the correct form`, () => {
      assert.throws(
        () => read(typed),
        (e: unknown) => e instanceof UserError && e.code === 'survey.errors.bad_period' && e.usageOf === 'survey',
      );
    });
  }

  it('refuses a period that has not begun', () => {
    assert.throws(
      () => read('2027-01'),
      (e: unknown) => e instanceof UserError && e.code === 'survey.errors.future_period',
    );
  });
});
