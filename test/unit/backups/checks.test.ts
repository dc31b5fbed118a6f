// The checks of one system × scope as rules: each boundary to the minute (on time vs one minute
// past grace), the medians of the stuck and too-small checks (a shrink of 49 % vs 51 %), what
// clears a finding, and what the policy switches off.
import { strict as assert } from 'node:assert';
import { checkSummary, STUCK_WITHOUT_HISTORY_MS } from '../../../src/domains/backups/rules/checks.js';
import type { Finding } from '../../../src/domains/backups/rules/finding.js';
import { DEFAULT_POLICIES, effectivePolicy, graceFor, type Policy } from '../../../src/domains/backups/rules/policy.js';
import { aRun, aSummary, at, DAY, HOUR, MINUTE, T0 } from './mothers.js';

const SETTINGS = { smallBelow: 0.5 };
const database = DEFAULT_POLICIES.database;

function finding(findings: Finding[], key: string): Finding | undefined {
  return findings.find((f) => f.key === key);
}

function firing(summary = aSummary(), now: Date, policy: Policy = database): string[] {
  return checkSummary(summary, policy, now, SETTINGS)
    .filter((f) => f.firing)
    .map((f) => f.key);
}

describe('backup checks', () => {
  describe('1. late', () => {
    // Database: full weekly; grace 20 % of a week (33.6 h).
    const lastFull = at(0);
    const due = lastFull.getTime() + 7 * DAY + graceFor(database, 7 * DAY);
    const summary = aSummary({ recent: { full: [aRun('f1', lastFull)], incremental: [aRun('i1', at(6 * DAY))] } });

    it('takes a fifth of the period as grace, at least an hour', () => {
      assert.equal(graceFor(database, 7 * DAY), 33.6 * HOUR);
      assert.equal(graceFor(database, HOUR), HOUR);
      assert.equal(graceFor({ ...database, grace: 2 * HOUR }, 7 * DAY), 2 * HOUR);
    });

    it('is not late exactly at the end of the grace', () => {
      assert.equal(finding(checkSummary(summary, database, new Date(due), SETTINGS), 'late:full')?.firing, false);
    });

    it('is late one minute past the grace, from the deadline on, and says when it was due', () => {
      const late = finding(checkSummary(summary, database, new Date(due + MINUTE), SETTINGS), 'late:full')!;
      assert.equal(late.firing, true);
      assert.equal(late.since?.getTime(), due);
      assert.equal(late.facts.lastAt, lastFull);
      assert.equal(late.facts.periodMs, 7 * DAY);
    });

    it('counts a full for the incremental cadence', () => {
      const fullOnly = aSummary({ recent: { full: [aRun('f1', at(3 * DAY))] } });
      const incDue = 3 * DAY + DAY + graceFor(database, DAY);
      assert.deepEqual(firing(fullOnly, at(incDue)), []);
      assert.deepEqual(firing(fullOnly, at(incDue + MINUTE)), ['late:incremental']);
    });

    it('counts from when the system became known for a scope never backed up', () => {
      const never = aSummary({ scope: 'config', knownSince: T0 });
      const policy = DEFAULT_POLICIES.config;
      const configDue = 30 * DAY + graceFor(policy, 30 * DAY);
      assert.deepEqual(firing(never, at(configDue), policy), []);
      const late = finding(checkSummary(never, policy, at(configDue + MINUTE), SETTINGS), 'late:full')!;
      assert.equal(late.firing, true);
      assert.equal(late.facts.lastAt, undefined);
      assert.equal(late.facts.sinceAt, T0);
    });

    it('asks nothing of a kind the policy has none of, nor of `other` by default', () => {
      const keys = checkSummary(aSummary(), DEFAULT_POLICIES.other, at(400 * DAY), SETTINGS).map((f) => f.key);
      assert.ok(!keys.some((k) => k.startsWith('late') || k === 'offsite'), keys.join());
      const noIncr = effectivePolicy('database', { incremental: null });
      assert.equal(finding(checkSummary(aSummary(), noIncr, at(DAY), SETTINGS), 'late:incremental'), undefined);
    });
  });

  describe('2. failed', () => {
    const failed = { id: 'f2', startedAt: at(DAY), finishedAt: at(DAY + HOUR), message: 'disk full' };

    it('fires for the latest failure of a kind, with its message', () => {
      const summary = aSummary({ recent: { full: [aRun('f1', at(0))] }, failed: { full: failed } });
      const found = finding(checkSummary(summary, database, at(DAY + 2 * HOUR), SETTINGS), 'failed:full')!;
      assert.equal(found.firing, true);
      assert.equal(found.facts.message, 'disk full');
      assert.equal(found.since?.getTime(), at(DAY + HOUR).getTime());
    });

    it('clears when a run of the kind that started later succeeds (a full also clears an incremental)', () => {
      const later = aSummary({
        recent: { full: [aRun('f3', at(2 * DAY))] },
        failed: { full: failed, incremental: failed },
      });
      assert.deepEqual(
        firing(later, at(2 * DAY + HOUR)).filter((k) => k.startsWith('failed')),
        [],
      );
      const earlier = aSummary({
        recent: { incremental: [aRun('i0', at(DAY - HOUR))] },
        failed: { incremental: failed },
      });
      assert.deepEqual(
        firing(earlier, at(DAY + 2 * HOUR)).filter((k) => k.startsWith('failed')),
        ['failed:incremental'],
        'a success that started before the failure does not clear it',
      );
    });
  });

  describe('3. stuck', () => {
    it('waits 6 hours without history', () => {
      const summary = aSummary({ running: [{ id: 'r1', kind: 'full', startedAt: at(0) }] });
      assert.equal(
        finding(checkSummary(summary, database, at(STUCK_WITHOUT_HISTORY_MS), SETTINGS), 'stuck:full')?.firing,
        false,
      );
      const stuck = finding(
        checkSummary(summary, database, at(STUCK_WITHOUT_HISTORY_MS + MINUTE), SETTINGS),
        'stuck:full',
      )!;
      assert.equal(stuck.firing, true);
      assert.deepEqual(stuck.running, ['r1']);
    });

    it('is 3 × the median duration of the last five runs of its kind', () => {
      // Durations 10, 20, 30, 40, 50 minutes (and an older 500 left out): median 30, limit 90 minutes.
      const recent = [10, 20, 30, 40, 50, 500].map((m, i) => aRun(`f${i}`, at(-i * DAY), {}, m * MINUTE));
      const start = at(DAY);
      const summary = aSummary({ recent: { full: recent }, running: [{ id: 'r1', kind: 'full', startedAt: start }] });
      const check = (ms: number) => finding(checkSummary(summary, database, at(DAY + ms), SETTINGS), 'stuck:full')!;
      assert.equal(check(90 * MINUTE).firing, false);
      assert.equal(check(91 * MINUTE).firing, true);
      assert.equal(check(91 * MINUTE).facts.limitMs, 90 * MINUTE);
      assert.equal(
        finding(checkSummary(summary, database, at(DAY + 10 * HOUR), SETTINGS), 'stuck:incremental')?.firing,
        false,
      );
    });
  });

  describe('4. too small', () => {
    const before = [100, 100, 100, 100, 100].map((gib, i) =>
      aRun(`f${i + 1}`, at(-(i + 1) * DAY), { sizeBytes: gib * 2 ** 30 }),
    );
    const withLatest = (share: number) =>
      aSummary({ recent: { full: [aRun('f0', at(0), { sizeBytes: Math.round(share * 100 * 2 ** 30) }), ...before] } });

    it('passes a full 51 % of the median of the five before it (a shrink of 49 %)', () => {
      assert.equal(finding(checkSummary(withLatest(0.51), database, at(HOUR), SETTINGS), 'small')?.firing, false);
    });

    it('fires for a full 49 % of it (a shrink of 51 %), naming the median and how many it was of', () => {
      const small = finding(checkSummary(withLatest(0.49), database, at(HOUR), SETTINGS), 'small')!;
      assert.equal(small.firing, true);
      assert.equal(small.facts.medianBytes, 100 * 2 ** 30);
      assert.equal(small.facts.count, 5);
      assert.equal(small.facts.percent, 50);
    });

    it('takes the threshold from the configuration', () => {
      const strict = { smallBelow: 0.6 };
      assert.equal(finding(checkSummary(withLatest(0.55), database, at(HOUR), strict), 'small')?.firing, true);
    });

    it('needs a size and one earlier full to compare with', () => {
      assert.equal(
        finding(
          checkSummary(aSummary({ recent: { full: [aRun('f0', at(0))] } }), database, at(HOUR), SETTINGS),
          'small',
        )?.firing,
        false,
      );
      const unsized = aSummary({ recent: { full: [aRun('f0', at(0), { sizeBytes: undefined }), ...before] } });
      assert.equal(finding(checkSummary(unsized, database, at(HOUR), SETTINGS), 'small')?.firing, false);
    });
  });

  describe('5. unverified', () => {
    const summary = (verified: boolean) => aSummary({ recent: { full: [aRun('f1', at(0), { verified })] } });

    it('fires one minute after a day without the tool’s integrity check, not at the day', () => {
      assert.equal(finding(checkSummary(summary(false), database, at(DAY), SETTINGS), 'unverified')?.firing, false);
      assert.equal(
        finding(checkSummary(summary(false), database, at(DAY + MINUTE), SETTINGS), 'unverified')?.firing,
        true,
      );
    });

    it('stays quiet for a verified full', () => {
      assert.equal(finding(checkSummary(summary(true), database, at(3 * DAY), SETTINGS), 'unverified')?.firing, false);
    });
  });

  describe('6. off-site copy', () => {
    it('fires after the off-site cadence and its grace, and counts from the latest off-site copy', () => {
      const summary = aSummary({ offsiteAt: at(0) });
      const due = 7 * DAY + graceFor(database, 7 * DAY);
      assert.equal(finding(checkSummary(summary, database, at(due), SETTINGS), 'offsite')?.firing, false);
      assert.equal(finding(checkSummary(summary, database, at(due + MINUTE), SETTINGS), 'offsite')?.firing, true);
      const none = effectivePolicy('database', { offsite: null });
      assert.equal(finding(checkSummary(summary, none, at(100 * DAY), SETTINGS), 'offsite'), undefined);
    });
  });
});
