// Which backup a restore is made from, on backups reported through the real webhook: `latest` is
// the newest verified full (over a newer unverified one, and older than the summaries keep too),
// else the newest full with a warning; a named backup is refused when unknown, another system's,
// failed or still running; the form's choices are a system's newest succeeded backups.
import { strict as assert } from 'node:assert';
import { UserError } from '../../../src/chat/user-error.js';
import { chooseBackup, recentBackups, type BackupBook } from '../../../src/domains/restores/rules/backup-choice.js';
import { aBackup, sendBackups } from '../../support/backup-sender.js';
import { Harness } from '../../support/harness.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('Choosing the backup to restore from', function () {
  let h: Harness;
  let book: BackupBook;
  const ago = (ms: number) => new Date(Date.now() - ms);

  before(async function () {
    h = await Harness.start({ label: 'restore-backup-choice' });
    book = { runs: h.zhiban.models.BackupRun, summaries: h.zhiban.models.BackupSummary };
    await sendBackups(h, [
      // e-pay: a verified full, then a newer one not verified, and an incremental after both.
      aBackup('e-pay', 'pay-full-old', ago(2 * DAY)),
      aBackup('e-pay', 'pay-full-new', ago(DAY), { verified: false }),
      aBackup('e-pay', 'pay-inc-1', ago(HOUR), { kind: 'incremental' }),
      aBackup('e-pay', 'pay-failed', ago(3 * HOUR), { status: 'failed', message: 'disk full', sizeBytes: null }),
      aBackup('e-pay', 'pay-running', ago(10 * 60_000), { status: 'running', finishedAt: null }),
      // e-lib: no full ever verified.
      aBackup('e-lib', 'lib-full-1', ago(2 * DAY), { verified: false }),
      aBackup('e-lib', 'lib-full-2', ago(DAY), { verified: false }),
      // e-gov: one verified full, then eight unverified ones (more than a summary keeps once trimmed).
      aBackup('e-gov', 'gov-verified', ago(20 * DAY)),
      ...Array.from({ length: 8 }, (_, n) => aBackup('e-gov', `gov-${n}`, ago((10 - n) * DAY), { verified: false })),
    ]);
  });

  after(async function () {
    await h?.stop();
  });

  const refusal = async (system: string, wanted: string) => {
    try {
      await chooseBackup(book, system, wanted);
    } catch (error) {
      if (error instanceof UserError) return { code: error.code, params: error.params };
      throw error;
    }
    assert.fail(`${system} ${wanted} was not refused`);
  };

  it('takes latest as the newest verified full, over a newer one never verified', async function () {
    const choice = await chooseBackup(book, 'e-pay', 'latest');
    assert.deepEqual([choice.backup.id, choice.unverified, choice.latest], ['pay-full-old', false, true]);
    assert.equal(choice.backup.scope, 'database');
  });

  it('finds the newest verified full however many unverified ones came after it', async function () {
    const choice = await chooseBackup(book, 'e-gov', 'LATEST');
    assert.deepEqual([choice.backup.id, choice.unverified], ['gov-verified', false]);
  });

  it('takes the newest full, marked unverified, when no full was ever verified', async function () {
    const choice = await chooseBackup(book, 'e-lib', 'latest');
    assert.deepEqual([choice.backup.id, choice.unverified, choice.latest], ['lib-full-2', true, true]);
  });

  it('takes a named backup of the system, an incremental too', async function () {
    const choice = await chooseBackup(book, 'e-pay', 'pay-inc-1');
    assert.deepEqual(
      [choice.backup.id, choice.backup.kind, choice.unverified, choice.latest],
      ['pay-inc-1', 'incremental', false, false],
    );
  });

  it('refuses an unknown system, an unknown, failed, running or other system’s backup, with the reason', async function () {
    assert.deepEqual(await refusal('e-nowhere', 'latest'), {
      code: 'restore.errors.unknown_system',
      params: { system: 'e-nowhere' },
    });
    assert.deepEqual(await refusal('e-pay', 'pay-nope'), {
      code: 'restore.errors.unknown_backup',
      params: { id: 'pay-nope', system: 'e-pay' },
    });
    assert.deepEqual(await refusal('e-pay', 'lib-full-1'), {
      code: 'restore.errors.other_system',
      params: { id: 'lib-full-1', system: 'e-pay', theirs: 'e-lib' },
    });
    assert.deepEqual(await refusal('e-pay', 'pay-failed'), {
      code: 'restore.errors.failed_backup',
      params: { id: 'pay-failed', message: 'disk full' },
    });
    assert.deepEqual(await refusal('e-pay', 'pay-running'), {
      code: 'restore.errors.running_backup',
      params: { id: 'pay-running' },
    });
  });

  it('offers a system’s newest succeeded backups, any scope and kind, newest first', async function () {
    const offered = await recentBackups(book, 'e-pay');
    assert.deepEqual(
      offered.map((b) => [b.id, b.kind, b.verified]),
      [
        ['pay-inc-1', 'incremental', true],
        ['pay-full-new', 'full', false],
        ['pay-full-old', 'full', true],
      ],
    );
    assert.equal((await recentBackups(book, 'e-gov', 3)).length, 3);
  });
});
