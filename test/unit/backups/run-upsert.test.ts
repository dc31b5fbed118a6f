// How reports of one run in one batch fold into one write: status only forward, verified stays.
import { strict as assert } from 'node:assert';
import type { BackupReport } from '../../../src/domains/backups/format.js';
import { foldReports } from '../../../src/domains/backups/rules/run-upsert.js';
import { at, HOUR } from './mothers.js';

function aReport(overrides: Partial<BackupReport> = {}): BackupReport {
  return {
    system: 'e-pay',
    scope: 'database',
    kind: 'full',
    status: 'succeeded',
    backupId: 'b1',
    startedAt: at(0),
    finishedAt: at(HOUR),
    sizeBytes: 1000,
    location: 'local',
    ...overrides,
  };
}

describe('folding the reports of one run', () => {
  it('keeps one report per backupId, in the order first seen', () => {
    const folded = foldReports([aReport({ backupId: 'a' }), aReport({ backupId: 'b' }), aReport({ backupId: 'a' })]);
    assert.deepEqual(
      folded.map((r) => r.backupId),
      ['a', 'b'],
    );
  });

  it('finishes a running report with the final one, keeping its start', () => {
    const [folded] = foldReports([
      aReport({ status: 'running', finishedAt: undefined, sizeBytes: undefined }),
      aReport({ startedAt: at(5), sizeBytes: 2000 }),
    ]);
    assert.equal(folded!.status, 'succeeded');
    assert.equal(folded!.startedAt.getTime(), at(0).getTime());
    assert.equal(folded!.sizeBytes, 2000);
  });

  it('does not move a final status back to running, nor to the other final status', () => {
    assert.equal(foldReports([aReport(), aReport({ status: 'running' })])[0]!.status, 'succeeded');
    assert.equal(foldReports([aReport(), aReport({ status: 'failed' })])[0]!.status, 'succeeded');
    assert.equal(foldReports([aReport({ status: 'failed' }), aReport()])[0]!.status, 'failed');
  });

  it('keeps verified once true, and takes what a repeat adds', () => {
    const [folded] = foldReports([aReport({ verified: true }), aReport({ verified: false, checksum: 'sha256:ab' })]);
    assert.equal(folded!.verified, true);
    assert.equal(folded!.checksum, 'sha256:ab');
  });

  it('does not move a run to another system, scope or kind', () => {
    assert.equal(foldReports([aReport(), aReport({ system: 'e-lib' })])[0]!.system, 'e-pay');
    assert.equal(foldReports([aReport({ status: 'running' }), aReport({ kind: 'incremental' })])[0]!.kind, 'full');
  });
});
