// POST /webhooks/backups on a real database: one report or many, a run's status moving only
// forward (duplicates, out of order, a late verification), the summary the checks read, storages,
// and bad input per field with the valid reports of the same batch stored.
import { strict as assert } from 'node:assert';
import type { BackupRun } from '../../../models/backups/backup-run.js';
import type { BackupSummary } from '../../../models/backups/backup-summary.js';
import { latestFailed, recentRuns, runningRuns } from '../../../src/domains/backups/rules/summary-view.js';
import { aBackup, GIB, postBackups, sendBackups } from '../../support/backup-sender.js';
import { Harness } from '../../support/harness.js';
import { waitUntil } from '../../support/wait-until.js';

const HOUR = 3_600_000;

describe('Backup intake webhook', function () {
  let h: Harness;
  const run = (id: string) => h.zhiban.models.BackupRun.findById(id).lean<BackupRun>();
  const summary = (system: string, scope = 'database') =>
    h.zhiban.models.BackupSummary.findById(`${system}|${scope}`).lean<BackupSummary>();
  const ago = (ms: number) => new Date(Date.now() - ms);

  before(async function () {
    h = await Harness.start({ label: 'backup-intake' });
  });

  after(async function () {
    await h?.stop();
  });

  it('stores one report, and makes its system known with a summary for every scope', async function () {
    const answer = await postBackups(h, aBackup('e-pay', 'one-1', ago(HOUR), { checksum: 'sha256:abc' }));
    assert.deepStrictEqual(answer, { status: 202, json: { accepted: 1 } });
    const stored = await run('one-1');
    assert.equal(stored?.system, 'e-pay');
    assert.equal(stored?.status, 'succeeded');
    assert.equal(stored?.sizeBytes, 10 * GIB);
    assert.equal(stored?.checksum, 'sha256:abc');
    assert.equal(stored?.verified, true);
    assert.equal(stored?.reports, 1);
    // Its other scopes are made by the checks that follow the report, known since the same moment.
    const summaries = await waitUntil(async () => {
      const found = await h.zhiban.models.BackupSummary.find({ system: 'e-pay' }).lean<BackupSummary[]>();
      return found.length === 5 ? found : undefined;
    }, 'a summary for each of the five scopes');
    assert.deepEqual(summaries.map((s) => s.scope).sort(), ['business', 'config', 'database', 'os-image', 'other']);
    assert.equal(new Set(summaries.map((s) => s.knownSince.getTime())).size, 1, 'known since its first report');
    const db = summaries.find((s) => s.scope === 'database')!;
    assert.deepEqual(
      recentRuns(db, 'full').map((r) => r.id),
      ['one-1'],
    );
  });

  it('stores an array, and updates one record from running to succeeded', async function () {
    const started = ago(2 * HOUR);
    const running = aBackup('e-lib', 'lib-1', ago(HOUR), {
      status: 'running',
      startedAt: started.toISOString(),
      finishedAt: null,
      sizeBytes: null,
    });
    assert.deepStrictEqual(await postBackups(h, [running, aBackup('e-lib', 'lib-0', ago(30 * HOUR))]), {
      status: 202,
      json: { accepted: 2 },
    });
    assert.equal((await run('lib-1'))?.status, 'running');
    assert.deepEqual(
      runningRuns((await summary('e-lib'))!).map((r) => r.id),
      ['lib-1'],
    );
    await sendBackups(h, aBackup('e-lib', 'lib-1', ago(HOUR)));
    const done = await run('lib-1');
    assert.equal(done?.status, 'succeeded');
    assert.equal(done?.startedAt.getTime(), started.getTime(), 'the start the running report gave');
    assert.equal(done?.reports, 2);
    assert.equal(await h.zhiban.models.BackupRun.countDocuments({ _id: 'lib-1' }), 1);
    const after = await summary('e-lib');
    assert.deepEqual(runningRuns(after!), [], 'no longer running');
    assert.deepEqual(
      recentRuns(after!, 'full').map((r) => r.id),
      ['lib-1', 'lib-0'],
      'newest first',
    );
  });

  it('ends a run reported succeeded before running as succeeded', async function () {
    await sendBackups(h, aBackup('e-tax', 'tax-1', ago(HOUR)));
    await sendBackups(h, aBackup('e-tax', 'tax-1', ago(HOUR), { status: 'running', finishedAt: null }));
    assert.equal((await run('tax-1'))?.status, 'succeeded');
    assert.deepEqual(
      runningRuns((await summary('e-tax'))!),
      [],
      'the late running report is not taken for a run in progress',
    );
  });

  it('keeps the first final status: a failed report after succeeded changes nothing', async function () {
    await sendBackups(h, aBackup('e-tax', 'tax-2', ago(HOUR)));
    const answer = await postBackups(
      h,
      aBackup('e-tax', 'tax-2', ago(HOUR), { status: 'failed', message: 'late noise' }),
    );
    assert.deepStrictEqual(answer, { status: 202, json: { accepted: 1 } });
    const stored = await run('tax-2');
    assert.equal(stored?.status, 'succeeded');
    assert.equal(stored?.message, undefined);
    assert.equal(latestFailed((await summary('e-tax'))!, 'full'), undefined);
  });

  it('doubles nothing when a batch is sent again after a lost answer', async function () {
    const batch = Array.from({ length: 8 }, (_, i) => aBackup('e-retry', `retry-${i}`, ago((8 - i) * HOUR)));
    await sendBackups(h, batch);
    const before = await summary('e-retry');
    await sendBackups(h, batch);
    assert.equal(await h.zhiban.models.BackupRun.countDocuments({ system: 'e-retry' }), 8);
    const after = await summary('e-retry');
    assert.deepEqual(after?.recent, before?.recent, 'the same recent runs');
    assert.equal(Object.keys(after!.recent.full!).length, 8, 'each run once');
    assert.equal(recentRuns(after!, 'full')[0]?.id, 'retry-7');
    const runs = await h.zhiban.models.BackupRun.find({ system: 'e-retry' }).lean<BackupRun[]>();
    assert.ok(runs.every((r) => r.reports === 2));
  });

  it('keeps the latest runs however late an older one arrives', async function () {
    await sendBackups(h, aBackup('e-old', 'old-new', ago(HOUR)));
    const cloud = aBackup('e-old', 'old-old', ago(48 * HOUR), { location: 'cloud' });
    await sendBackups(h, cloud);
    const s = await summary('e-old');
    assert.deepEqual(
      recentRuns(s!, 'full').map((r) => r.id),
      ['old-new', 'old-old'],
    );
    assert.equal(
      s?.offsiteAt?.toISOString(),
      new Date(cloud.finishedAt!).toISOString(),
      'the cloud copy is off-site, at its own time',
    );
  });

  it('stores the same backupId twice in one batch once, in its latest state', async function () {
    const start = ago(3 * HOUR).toISOString();
    const answer = await postBackups(h, [
      aBackup('e-twice', 'twice-1', ago(2 * HOUR), { status: 'running', startedAt: start, finishedAt: null }),
      aBackup('e-twice', 'twice-1', ago(2 * HOUR), { startedAt: start, verified: false }),
    ]);
    assert.deepStrictEqual(answer, { status: 202, json: { accepted: 2 } });
    const stored = await run('twice-1');
    assert.equal(stored?.status, 'succeeded');
    assert.equal(stored?.reports, 1, 'one write of the folded report');
  });

  it('takes verified: true from a later report of the same run', async function () {
    await sendBackups(h, aBackup('e-verify', 'v-1', ago(HOUR), { verified: false }));
    assert.equal(recentRuns((await summary('e-verify'))!, 'full')[0]?.verified, false);
    await sendBackups(h, aBackup('e-verify', 'v-1', ago(HOUR), { verified: true }));
    assert.equal((await run('v-1'))?.verified, true);
    assert.equal(recentRuns((await summary('e-verify'))!, 'full')[0]?.verified, true);
    await sendBackups(h, aBackup('e-verify', 'v-1', ago(HOUR), { verified: false }));
    assert.equal((await run('v-1'))?.verified, true, 'once verified, it stays verified');
  });

  it('records the storage a report names: its latest capacity and a sample for the hour', async function () {
    const storage = { name: 'nas-intake', totalBytes: 1000 * GIB, freeBytes: 400 * GIB };
    await sendBackups(h, [
      aBackup('e-store', 's-1', ago(HOUR), { storage }),
      aBackup('e-store', 's-2', ago(HOUR), { storage: { ...storage, freeBytes: 390 * GIB } }),
    ]);
    const latest = await h.zhiban.models.BackupStorage.findById('nas-intake').lean();
    assert.equal(latest?.freeBytes, 390 * GIB, 'the last of the batch');
    assert.equal(await h.zhiban.models.StorageSample.countDocuments({ name: 'nas-intake' }), 1);
    assert.equal((await run('s-1'))?.storage, 'nas-intake');
  });

  describe('bad input', function () {
    it('answers 400 with each refused report’s index and reason, and stores the valid ones of the batch', async function () {
      const good = (id: string) => aBackup('e-bad', id, ago(HOUR));
      const future = new Date(Date.now() + 10 * 60_000).toISOString();
      const batch = [
        good('bad-ok-1'),
        { ...good('bad-1'), scope: 'logs' },
        { ...good('bad-2'), kind: 'differential' },
        { ...good('bad-3'), status: 'done' },
        { ...good('bad-4'), location: 'usb' },
        { ...good('bad-5'), sizeBytes: -5 },
        { ...good('bad-6'), sizeBytes: '5GB' },
        { ...good('bad-7'), finishedAt: ago(2 * HOUR).toISOString() },
        { ...good('bad-8'), startedAt: future, finishedAt: future },
        { ...good('bad-9'), message: 'x'.repeat(100 * 1024) },
        good('bad-ok-2'),
      ];
      const answer = await postBackups(h, batch);
      assert.equal(answer.status, 400);
      assert.equal(answer.json.error, 'invalid_reports');
      assert.equal(answer.json.accepted, 2);
      const details = answer.json.details as Array<{ index: number; reason: string }>;
      assert.deepEqual(
        details.map((d) => d.index),
        [1, 2, 3, 4, 5, 6, 7, 8, 9],
      );
      const reasons = details.map((d) => d.reason);
      assert.match(reasons[0]!, /^scope: must be one of/);
      assert.match(reasons[1]!, /^kind: must be one of/);
      assert.match(reasons[2]!, /^status: must be one of/);
      assert.match(reasons[3]!, /^location: must be one of/);
      assert.match(reasons[4]!, /^sizeBytes: must not be negative/);
      assert.match(reasons[5]!, /^sizeBytes: must be a number of bytes/);
      assert.match(reasons[6]!, /^finishedAt: before startedAt/);
      assert.match(reasons[7]!, /^startedAt: more than 5 minutes in the future/);
      assert.match(reasons[8]!, /^message: longer than 2000 characters/);
      assert.equal(await h.zhiban.models.BackupRun.countDocuments({ system: 'e-bad' }), 2);
      assert.equal(await h.zhiban.models.BackupRun.countDocuments({ _id: /^bad-\d$/ }), 0);
    });

    it('refuses a body that is not a report or an array, broken JSON, over 1 MiB, and no token', async function () {
      const text = await postBackups(h, '"a backup"');
      assert.equal(text.status, 400);
      assert.equal(text.json.error, 'invalid_payload');
      assert.equal((await postBackups(h, '[{"system":')).json.error, 'malformed_json');
      const big = [{ ...aBackup('e-big', 'big-1'), message: 'x'.repeat(2 * 1024 * 1024) }];
      assert.equal((await postBackups(h, big)).status, 413);
      for (const authorization of ['', 'Bearer wrong-token']) {
        const answer = await postBackups(h, aBackup('e-auth', 'auth-1'), { authorization });
        assert.equal(answer.status, 401);
      }
      assert.equal(await h.zhiban.models.BackupRun.countDocuments({ system: { $in: ['e-big', 'e-auth'] } }), 0);
    });
  });
});
