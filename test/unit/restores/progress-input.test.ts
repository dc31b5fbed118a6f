// The executor's progress report as the webhook reads it, and the checksum comparison that makes a
// succeeded restore a failed verification (seed 6.3.2 (4)).
import { strict as assert } from 'node:assert';
import { readProgress } from '../../../src/domains/restores/progress-format.js';
import { compareChecksum } from '../../../src/domains/restores/rules/progress.js';

describe('restore progress report', () => {
  it('reads running, succeeded with a checksum, and failed with a message', () => {
    assert.deepEqual(readProgress({ status: 'running' }), {
      ok: true,
      report: { status: 'running', checksum: undefined, message: undefined },
    });
    assert.deepEqual(readProgress({ status: 'succeeded', checksum: ' sha256:ab ', extra: 1 }), {
      ok: true,
      report: { status: 'succeeded', checksum: 'sha256:ab', message: undefined },
    });
    assert.deepEqual(readProgress({ status: 'failed', message: 'disk full' }), {
      ok: true,
      report: { status: 'failed', checksum: undefined, message: 'disk full' },
    });
  });

  it('names every bad field at once', () => {
    assert.deepEqual(readProgress({ status: 'done', checksum: 7, message: 'x'.repeat(2001) }), {
      ok: false,
      details: [
        'status: must be one of running, succeeded, failed',
        'checksum: must be a string',
        'message: at most 2000 characters',
      ],
    });
    assert.deepEqual(readProgress({ status: 'succeeded', checksum: '  ' }), {
      ok: false,
      details: ['checksum: required when status is succeeded (the restored data’s checksum)'],
    });
    assert.deepEqual(readProgress('running'), {
      ok: false,
      details: ['(body): must be an object {status, checksum?, message?}'],
    });
  });

  it('compares checksums without regard to case or surrounding space, and knows when it cannot', () => {
    assert.equal(compareChecksum('sha256:AB12', ' sha256:ab12 '), 'match');
    assert.equal(compareChecksum('sha256:ab12', 'sha256:ab13'), 'mismatch');
    assert.equal(compareChecksum(undefined, 'sha256:ab12'), 'unknown');
    assert.equal(compareChecksum('sha256:ab12', undefined), 'unknown');
  });
});
