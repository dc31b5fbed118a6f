// The audit trail's filters as people type them: an object, a person, whole days in the team's
// time zone; and what is refused, by field.
import { strict as assert } from 'node:assert';
import { readAuditQuery, type AuditQueryInput } from '../../../src/domains/ops/audit-query.js';
import { exportPath, problemText } from '../../../src/domains/ops/rules/audit-export.js';

// 2026-03-10 09:00 in Shanghai.
const context = { platform: 'slack' as const, zone: 'Asia/Shanghai', now: new Date('2026-03-10T01:00:00Z') };

function problems(input: AuditQueryInput): string[] {
  const read = readAuditQuery(input, context);
  return read.ok ? [] : read.problems.map(problemText);
}

describe('audit filters', () => {
  it('reads an object id, a mention and a typed person', () => {
    assert.deepStrictEqual(readAuditQuery({ id: 'inc-12' }, context), { ok: true, query: { objectId: 'INC-12' } });
    assert.deepStrictEqual(readAuditQuery({ id: 'slack:alerts' }, context), {
      ok: true,
      query: { objectId: 'slack:alerts' },
    });
    const by = readAuditQuery({ by: '<@UALICE0001|alice>' }, context);
    assert.deepStrictEqual(by, { ok: true, query: { by: 'slack:UALICE0001' } });
    const web = readAuditQuery({ by: 'web:alice' }, { ...context, platform: 'web' });
    assert.deepStrictEqual(web, { ok: true, query: { by: 'web:alice' } });
    assert.deepStrictEqual(readAuditQuery({ by: 'System' }, context), { ok: true, query: { by: 'system' } });
  });

  it('reads days as whole days in the team’s zone, to the end of the last day', () => {
    const read = readAuditQuery({ from: '2026-03-01', to: '2026-03-02' }, context);
    assert.deepStrictEqual(read, {
      ok: true,
      query: {
        fromDay: '2026-03-01',
        toDay: '2026-03-02',
        from: new Date('2026-02-28T16:00:00Z'),
        to: new Date('2026-03-02T16:00:00Z'),
      },
    });
  });

  it('runs to the end of today when only from is given', () => {
    const read = readAuditQuery({ from: '2026-03-09' }, context);
    assert.ok(read.ok);
    assert.equal(read.query.toDay, '2026-03-10');
    assert.deepStrictEqual(read.query.to, new Date('2026-03-10T16:00:00Z'));
  });

  it('takes a range of 366 days and refuses one of 367', () => {
    assert.ok(readAuditQuery({ from: '2025-03-10', to: '2026-03-10' }, context).ok);
    assert.deepStrictEqual(problems({ from: '2025-03-09', to: '2026-03-10' }), [
      'to: the range is 367 days, at most 366',
    ]);
  });

  it('refuses bad input by field, each problem named', () => {
    assert.deepStrictEqual(problems({}), ['filter: give at least one of id, by, from']);
    assert.deepStrictEqual(problems({ from: '2026-02-30' }), ['from: not a date, give YYYY-MM-DD']);
    assert.deepStrictEqual(problems({ from: '1 March' }), ['from: not a date, give YYYY-MM-DD']);
    assert.deepStrictEqual(problems({ from: '2026-03-05', to: '2026-03-04' }), [
      'from: 2026-03-05 is after to (2026-03-04)',
    ]);
    assert.deepStrictEqual(problems({ from: '2026-03-11' }), ['from: 2026-03-11 is after to (2026-03-10)']);
    assert.deepStrictEqual(problems({ to: '2026-03-04' }), ['to: give from as well']);
    assert.deepStrictEqual(problems({ by: 'alice smith', id: 'x'.repeat(101), from: 'soon', to: 'later' }), [
      'id: not an object id such as INC-12 or slack:U123',
      'by: not a person, give platform:id such as slack:U123 or web:alice',
      'from: not a date, give YYYY-MM-DD',
      'to: not a date, give YYYY-MM-DD',
    ]);
  });

  it('writes the same filters back as the console’s download path', () => {
    const read = readAuditQuery({ id: 'INC-3', by: 'slack:UALICE0001', from: '2026-03-01' }, context);
    assert.ok(read.ok);
    assert.equal(
      exportPath(read.query),
      '/api/audit/export?id=INC-3&by=slack%3AUALICE0001&from=2026-03-01&to=2026-03-10',
    );
  });
});
