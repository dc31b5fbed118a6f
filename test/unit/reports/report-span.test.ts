// Which period a report covers, in TIMEZONE (Asia/Shanghai, UTC+8): the daily digest of a day is
// the 24 hours up to 09:00 that day; weeks are ISO weeks; quarters are calendar quarters; `last`,
// a named period, nonsense and the future.
import { strict as assert } from 'node:assert';
import { dueAt, scheduledSpan, spanOf } from '../../../src/domains/reports/rules/report-span.js';

const ZONE = 'Asia/Shanghai';
/** 2026-12-01 10:30 in Shanghai, a Tuesday. */
const NOW = new Date('2026-12-01T02:30:00Z');

function span(kind: 'daily' | 'weekly' | 'quarterly', text?: string, now = NOW) {
  const found = spanOf(kind, text, now, ZONE);
  assert.ok(found.ok, `a span for ${kind} ${text ?? ''}`);
  return found.span;
}

describe('Reports: the period a report covers', function () {
  it('gives a daily digest the 24 hours up to 09:00 of its day', function () {
    const named = span('daily', '2026-11-30');
    assert.equal(named.label, '2026-11-30');
    assert.equal(named.start.toISOString(), '2026-11-29T01:00:00.000Z');
    assert.equal(named.end.toISOString(), '2026-11-30T01:00:00.000Z');
    assert.equal(named.soFar, false);
    assert.equal(named.previous.label, '2026-11-29');
    // This morning's (sent at 09:00 today) is `last`; the current one runs since then, so far.
    assert.equal(span('daily', 'last').label, '2026-12-01');
    const current = span('daily');
    assert.equal(current.label, '2026-12-02');
    assert.equal(current.start.toISOString(), '2026-12-01T01:00:00.000Z');
    assert.equal(current.soFar, true);
  });

  it('gives the scheduled daily digest at 09:00 the day that just closed', function () {
    const nine = new Date('2026-12-01T01:00:00Z');
    const sent = scheduledSpan('daily', nine, ZONE);
    assert.equal(sent.label, '2026-12-01');
    assert.equal(sent.end.toISOString(), nine.toISOString());
    assert.equal(sent.soFar, false);
    assert.equal(dueAt('daily', NOW, ZONE).toISOString(), nine.toISOString());
  });

  it('reads ISO weeks and quarters, current, last and named, each with the one before', function () {
    const week = span('weekly');
    assert.equal(week.label, '2026-W49');
    assert.equal(week.start.toISOString(), '2026-11-29T16:00:00.000Z', 'Monday 00:00 in Shanghai');
    assert.equal(week.previous.label, '2026-W48');
    assert.equal(span('weekly', 'last').label, '2026-W48');
    assert.equal(span('weekly', '2026-w01').start.toISOString(), '2025-12-28T16:00:00.000Z');
    const quarter = span('quarterly', '2026-Q3');
    assert.equal(quarter.start.toISOString(), '2026-06-30T16:00:00.000Z');
    assert.equal(quarter.end.toISOString(), '2026-09-30T16:00:00.000Z');
    assert.equal(quarter.previous.label, '2026-Q2');
    assert.equal(span('quarterly', 'last').label, '2026-Q3');
    assert.equal(scheduledSpan('quarterly', new Date('2027-01-01T01:00:00Z'), ZONE).label, '2026-Q4');
    assert.equal(scheduledSpan('weekly', new Date('2026-11-30T01:00:00Z'), ZONE).label, '2026-W48');
  });

  it('refuses what names no period of its kind, and a period not begun', function () {
    for (const [kind, text] of [
      ['daily', '2026-02-30'],
      ['daily', '2026-W48'],
      ['weekly', '2026-W54'],
      ['weekly', '2026-11-30'],
      ['quarterly', '2026-Q5'],
      ['quarterly', 'soon'],
    ] as const) {
      assert.deepEqual(spanOf(kind, text, NOW, ZONE), { ok: false, problem: 'bad_period' }, `${kind} ${text}`);
    }
    assert.deepEqual(spanOf('quarterly', '2027-Q1', NOW, ZONE), { ok: false, problem: 'future' });
    assert.deepEqual(spanOf('daily', '2026-12-09', NOW, ZONE), { ok: false, problem: 'future' });
  });
});
