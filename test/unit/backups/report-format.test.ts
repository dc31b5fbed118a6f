// A backup report as the webhook reads it: each refusal names the field and what is wrong.
import { strict as assert } from 'node:assert';
import { readReport } from '../../../src/domains/backups/format.js';

const NOW = new Date('2026-11-20T02:00:00Z');
const valid = {
  system: 'e-pay',
  scope: 'database',
  kind: 'full',
  status: 'succeeded',
  backupId: 'e-pay-db-20261120',
  startedAt: '2026-11-20T01:00:00Z',
  finishedAt: '2026-11-20T01:40:00+08:00',
  sizeBytes: 123456,
  location: 'cloud',
};

function reason(change: Record<string, unknown>): string {
  const read = readReport({ ...valid, finishedAt: '2026-11-20T01:30:00Z', ...change }, NOW);
  assert.equal(read.ok, false, JSON.stringify(change).slice(0, 80));
  return (read as { reason: string }).reason;
}

describe('reading a backup report', () => {
  it('reads a full report, times in any offset, a storage, and null for what is not given', () => {
    const read = readReport(
      {
        ...valid,
        finishedAt: '2026-11-20T01:30:00Z',
        checksum: null,
        verified: true,
        message: 'ok\u0007',
        storage: { name: 'nas 01', totalBytes: 1000, freeBytes: 10 },
        extra: 'ignored',
      },
      NOW,
    );
    assert.ok(read.ok);
    assert.equal(read.report.startedAt.toISOString(), '2026-11-20T01:00:00.000Z');
    assert.equal(read.report.checksum, undefined);
    assert.equal(read.report.message, 'ok', 'control characters removed');
    assert.deepEqual(read.report.storage, { name: 'nas 01', totalBytes: 1000, freeBytes: 10 });
  });

  it('refuses what the issue lists, naming the field', () => {
    assert.match(reason({ scope: 'logs' }), /^scope: must be one of: business, database, config, os-image, other/);
    assert.match(reason({ kind: 'differential' }), /^kind: must be one of: full, incremental/);
    assert.match(reason({ status: 'done' }), /^status: must be one of: running, succeeded, failed/);
    assert.match(reason({ location: 'usb' }), /^location: must be one of: local, remote, tape, cloud/);
    assert.match(reason({ sizeBytes: -1 }), /^sizeBytes: must not be negative/);
    assert.match(reason({ sizeBytes: '12GB' }), /^sizeBytes: must be a number of bytes/);
    assert.match(reason({ sizeBytes: 1.5 }), /^sizeBytes: must be a whole number/);
    assert.match(reason({ finishedAt: '2026-11-20T00:59:59Z' }), /^finishedAt: before startedAt/);
    assert.match(
      reason({ startedAt: '2026-11-20T02:05:01Z', finishedAt: null }),
      /^startedAt: more than 5 minutes in the future/,
    );
    assert.match(reason({ finishedAt: '2026-11-20T02:06:00Z' }), /^finishedAt: more than 5 minutes in the future/);
    assert.match(reason({ message: 'x'.repeat(100 * 1024) }), /^message: longer than 2000 characters/);
  });

  it('accepts a time up to 5 minutes ahead (a clock a little off)', () => {
    assert.ok(readReport({ ...valid, startedAt: '2026-11-20T02:05:00Z', finishedAt: null }, NOW).ok);
  });

  it('refuses a missing or odd system and backupId, and a broken storage', () => {
    assert.match(reason({ system: undefined }), /^system: required/);
    assert.match(reason({ system: 'e pay' }), /^system: must be one word/);
    assert.match(reason({ system: 'e|pay' }), /^system: must be one word/);
    assert.match(reason({ backupId: '' }), /^backupId: required/);
    assert.match(reason({ startedAt: 'yesterday' }), /^startedAt: must be an RFC 3339 time/);
    assert.match(reason({ verified: 'yes' }), /^verified: must be true or false/);
    assert.match(
      reason({ storage: { name: 'nas', totalBytes: 10, freeBytes: 11 } }),
      /^storage.freeBytes: more free than total/,
    );
    assert.match(reason({ storage: 'nas' }), /^storage: must be an object/);
    assert.match(
      readReport('x', NOW).ok ? '' : (readReport('x', NOW) as { reason: string }).reason,
      /^\(report\): must be a backup report object/,
    );
  });
});
