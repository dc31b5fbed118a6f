// The checks of one system × scope (the checks 1–6), from its summary, its policy and the
// time now. Pure: the same inputs give the same findings, in whichever process, so the sweep,
// the at-once check after a report and `/backup status` agree.
import { KINDS, type Kind } from '../../../../models/backups/backup-run.js';
import type { BackupSummary, FailedRun, RecentRun, RunningRun } from '../../../../models/backups/backup-summary.js';
import { findingKey, median, type Finding } from './finding.js';
import { graceFor, periodOf, type Policy } from './policy.js';
import { latestFailed, recentRuns, runningRuns } from './summary-view.js';

const HOUR = 3_600_000;

export interface CheckSettings {
  /** A succeeded full under this share of the median of the five before it is too small (0.5: 50 %). */
  smallBelow: number;
}

/** Without a run's duration to go by, a run is stuck after this long. */
export const STUCK_WITHOUT_HISTORY_MS = 6 * HOUR;
/** A run is stuck after this many times the median duration of the last five of its kind. */
export const STUCK_FACTOR = 3;
/** How many earlier runs the medians of the stuck and too-small checks read. */
export const MEDIAN_OF = 5;
/** Seed 6.2.2 (2): a full's integrity is to be checked within a day of it finishing. */
export const VERIFY_WITHIN_MS = 24 * HOUR;

/** What the checks read of a summary, its maps sorted once. */
interface Runs {
  knownSince: Date;
  offsiteAt: Date | undefined;
  recent: Record<Kind, RecentRun[]>;
  failed: Record<Kind, FailedRun | undefined>;
  running: RunningRun[];
}

/** Every finding of the system × scope, firing or not (a check the policy does not ask for is left out). */
export function checkSummary(summary: BackupSummary, policy: Policy, now: Date, settings: CheckSettings): Finding[] {
  const runs: Runs = {
    knownSince: summary.knownSince,
    offsiteAt: summary.offsiteAt ?? undefined,
    recent: { full: recentRuns(summary, 'full'), incremental: recentRuns(summary, 'incremental') },
    failed: { full: latestFailed(summary, 'full'), incremental: latestFailed(summary, 'incremental') },
    running: runningRuns(summary),
  };
  const findings: Finding[] = [];
  for (const kind of KINDS) {
    const late = lateFinding(runs, policy, kind, now);
    if (late) findings.push(late);
    findings.push(failedFinding(runs, kind), stuckFinding(runs, kind, now));
  }
  findings.push(smallFinding(runs, settings), unverifiedFinding(runs, now));
  const offsite = offsiteFinding(runs, policy, now);
  if (offsite) findings.push(offsite);
  return findings;
}

const lastFinished = (runs: readonly RecentRun[]): Date | undefined =>
  runs.reduce<Date | undefined>(
    (latest, run) => (!latest || run.finishedAt > latest ? run.finishedAt : latest),
    undefined,
  );

/** 1. No succeeded run within period + grace (a full counts for the incremental cadence too). */
function lateFinding(runs: Runs, policy: Policy, kind: Kind, now: Date): Finding | undefined {
  const period = periodOf(policy, kind);
  if (period === null) return undefined;
  const done = kind === 'full' ? runs.recent.full : [...runs.recent.incremental, ...runs.recent.full];
  const last = lastFinished(done);
  const grace = graceFor(policy, period);
  const due = new Date((last ?? runs.knownSince).getTime() + period + grace);
  return {
    key: findingKey('late', kind),
    check: 'late',
    kind,
    firing: now.getTime() > due.getTime(),
    since: due,
    facts: {
      lastAt: last,
      sinceAt: last ? undefined : runs.knownSince,
      dueAt: due,
      periodMs: period,
      graceMs: grace,
    },
  };
}

/** 2. The latest run of the kind failed: no run of it (or, for an incremental, a full) succeeded since. */
function failedFinding(runs: Runs, kind: Kind): Finding {
  const failed = runs.failed[kind];
  const later = [...runs.recent[kind], ...(kind === 'incremental' ? runs.recent.full : [])].some(
    (run) => failed && run.startedAt > failed.startedAt,
  );
  const firing = Boolean(failed) && !later;
  return {
    key: findingKey('failed', kind),
    check: 'failed',
    kind,
    firing,
    ...(failed ? { since: failed.finishedAt } : {}),
    facts: { id: failed?.id, failedAt: failed?.finishedAt, message: failed?.message },
  };
}

/** 3. Running for longer than 3 × the median duration of the last five of its kind (6 h with none). */
function stuckFinding(runs: Runs, kind: Kind, now: Date): Finding {
  const durations = runs.recent[kind]
    .slice(0, MEDIAN_OF)
    .map((run) => run.finishedAt.getTime() - run.startedAt.getTime());
  const typical = median(durations);
  const limit = typical === undefined ? STUCK_WITHOUT_HISTORY_MS : STUCK_FACTOR * typical;
  const stuck = runs.running.filter((run) => run.kind === kind && now.getTime() - run.startedAt.getTime() > limit);
  const oldest = stuck[0];
  return {
    key: findingKey('stuck', kind),
    check: 'stuck',
    kind,
    firing: stuck.length > 0,
    ...(oldest ? { since: new Date(oldest.startedAt.getTime() + limit) } : {}),
    facts: { id: oldest?.id, startedAt: oldest?.startedAt, limitMs: limit, count: stuck.length },
    running: stuck.map((run) => run.id),
  };
}

/** 4. The latest succeeded full is under `smallBelow` of the median size of the five before it. */
function smallFinding(runs: Runs, settings: CheckSettings): Finding {
  const [latest, ...before] = runs.recent.full;
  const sizes = before.slice(0, MEDIAN_OF).flatMap((run) => (run.sizeBytes !== undefined ? [run.sizeBytes] : []));
  const typical = median(sizes);
  const firing =
    latest?.sizeBytes !== undefined && typical !== undefined && latest.sizeBytes < typical * settings.smallBelow;
  return {
    key: 'small',
    check: 'small',
    firing,
    ...(latest ? { since: latest.finishedAt } : {}),
    facts: {
      id: latest?.id,
      sizeBytes: latest?.sizeBytes,
      medianBytes: typical,
      count: sizes.length,
      percent: Math.round(settings.smallBelow * 100),
    },
  };
}

/** 5. The latest succeeded full was not reported verified within a day of finishing. */
function unverifiedFinding(runs: Runs, now: Date): Finding {
  const latest = runs.recent.full[0];
  const due = latest ? new Date(latest.finishedAt.getTime() + VERIFY_WITHIN_MS) : undefined;
  return {
    key: 'unverified',
    check: 'unverified',
    firing: Boolean(latest && due && !latest.verified && now.getTime() > due.getTime()),
    ...(due ? { since: due } : {}),
    facts: { id: latest?.id, finishedAt: latest?.finishedAt },
  };
}

/** 6. No succeeded copy at remote, tape or cloud within the off-site cadence (and its grace). */
function offsiteFinding(runs: Runs, policy: Policy, now: Date): Finding | undefined {
  if (policy.offsite === null) return undefined;
  const last = runs.offsiteAt;
  const grace = graceFor(policy, policy.offsite);
  const due = new Date((last ?? runs.knownSince).getTime() + policy.offsite + grace);
  return {
    key: 'offsite',
    check: 'offsite',
    firing: now.getTime() > due.getTime(),
    since: due,
    facts: { lastAt: last, sinceAt: last ? undefined : runs.knownSince, dueAt: due, periodMs: policy.offsite },
  };
}
