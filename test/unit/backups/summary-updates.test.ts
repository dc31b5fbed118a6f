// What the check sweep trims from a summary: runs beyond the newest few, never what a check reads.
import { strict as assert } from 'node:assert';
import { runKey } from '../../../models/backups/backup-summary.js';
import { trimOp } from '../../../src/domains/backups/rules/summary-updates.js';
import { recentRuns, runningRuns } from '../../../src/domains/backups/rules/summary-view.js';
import { aRun, aSummary, at, DAY } from './mothers.js';

describe('trimming a summary', () => {
  const fulls = (count: number) => Array.from({ length: count }, (_, i) => aRun(`f${i}`, at(-i * DAY)));

  it('leaves a summary alone until its map holds twice what is read', () => {
    assert.equal(trimOp(aSummary({ recent: { full: fulls(12) } })), undefined);
  });

  it('removes the runs beyond the newest six, whatever order they came in', () => {
    const summary = aSummary({ recent: { full: fulls(13).reverse() } });
    const op = trimOp(summary) as { updateOne: { update: { $unset: Record<string, ''> } } };
    const removed = Object.keys(op.updateOne.update.$unset)
      .filter((path) => path.startsWith('recent.'))
      .sort();
    const expected = fulls(13)
      .slice(6)
      .map((run) => `recent.full.${runKey(run.id)}`)
      .sort();
    assert.deepEqual(removed, expected);
    assert.deepEqual(
      recentRuns(summary, 'full').map((run) => run.id),
      ['f0', 'f1', 'f2', 'f3', 'f4', 'f5'],
      'what the checks read is kept',
    );
  });

  it('keeps a run verified apart from the run, and drops both when the run goes', () => {
    const summary = aSummary({ recent: { full: fulls(13) } });
    summary.verified![runKey('gone')] = true;
    assert.deepEqual(
      recentRuns(summary, 'full').map((run) => run.id),
      ['f0', 'f1', 'f2', 'f3', 'f4', 'f5'],
      'a verification without its run is no run',
    );
    const op = trimOp(summary) as { updateOne: { update: { $unset: Record<string, ''> } } };
    assert.ok(
      op.updateOne.update.$unset[`verified.${runKey('f12')}`] === '',
      'the trimmed run’s verification goes too',
    );
  });

  it('takes a run for ended once it succeeded or failed, whatever came first', () => {
    const summary = aSummary({
      recent: { full: [aRun('done', at(0))] },
      running: [
        { id: 'done', kind: 'full', startedAt: at(-DAY) },
        { id: 'still', kind: 'full', startedAt: at(-DAY) },
      ],
    });
    assert.deepEqual(
      runningRuns(summary).map((run) => run.id),
      ['still'],
    );
  });
});
