// `/backup status`: every system × scope the policy asks something of (or that reported anyway),
// with its latest full and incremental and one verdict, worst first. The verdict is the checks'
// own (rules/checks.ts) at the time asked, so status and findings never disagree.
import type { BackupPolicy, BackupPolicyModel } from '../../../../models/backups/backup-policy.js';
import { SCOPES, type Scope } from '../../../../models/backups/backup-run.js';
import type { BackupSummary, BackupSummaryModel, RecentRun } from '../../../../models/backups/backup-summary.js';
import type { Clock } from '../../../kernel/clock.js';
import { checkSummary, type CheckSettings } from './checks.js';
import type { Finding } from './finding.js';
import { effectivePolicy, hasPolicy, type Policy } from './policy.js';
import { recentRuns } from './summary-view.js';

/** Worst first: what a row shows is its worst firing finding. */
export const VERDICTS = ['failed', 'late', 'stuck', 'small', 'unverified', 'offsite', 'ok'] as const;
export type Verdict = (typeof VERDICTS)[number];

export interface StatusRow {
  system: string;
  scope: Scope;
  verdict: Verdict;
  policy: Policy;
  full?: RecentRun | undefined;
  incremental?: RecentRun | undefined;
  /** The recent succeeded fulls, newest first (the report's size a day earlier). */
  fulls: RecentRun[];
  /** The firing findings, worst first. */
  firing: Finding[];
}

export interface BackupStatusDeps {
  summaries: BackupSummaryModel;
  policies: BackupPolicyModel;
  settings: CheckSettings;
  clock: Clock;
}

export class BackupStatus {
  constructor(private readonly deps: BackupStatusDeps) {}

  /** The rows of every known system, or of one; worst first, then by system and scope. */
  async rows(system?: string): Promise<StatusRow[]> {
    const filter = system !== undefined ? { system } : {};
    const [summaries, policies] = await Promise.all([
      this.deps.summaries.find(filter).lean<BackupSummary[]>(),
      this.deps.policies.find(filter, { overrides: 1 }).lean<Array<Pick<BackupPolicy, '_id' | 'overrides'>>>(),
    ]);
    const overrides = new Map(policies.map((p) => [p._id, p.overrides]));
    const now = this.deps.clock.now();
    return summaries
      .map((summary) =>
        rowOf(summary, effectivePolicy(summary.scope, overrides.get(summary._id)), now, this.deps.settings),
      )
      .filter((row) => hasPolicy(row.policy) || row.full || row.incremental || row.firing.length > 0)
      .sort(worstFirst);
  }

  /** Whether any report of the system arrived. */
  async known(system: string): Promise<boolean> {
    return (await this.deps.summaries.exists({ system })) !== null;
  }
}

export function rowOf(summary: BackupSummary, policy: Policy, now: Date, settings: CheckSettings): StatusRow {
  const firing = checkSummary(summary, policy, now, settings)
    .filter((f) => f.firing)
    .sort((a, b) => rank(a.check) - rank(b.check));
  return {
    system: summary.system,
    scope: summary.scope,
    verdict: (firing[0]?.check as Verdict | undefined) ?? 'ok',
    policy,
    full: recentRuns(summary, 'full')[0],
    fulls: recentRuns(summary, 'full'),
    incremental: recentRuns(summary, 'incremental')[0],
    firing,
  };
}

function rank(verdict: string): number {
  const at = (VERDICTS as readonly string[]).indexOf(verdict);
  return at < 0 ? VERDICTS.length : at;
}

export function worstFirst(a: StatusRow, b: StatusRow): number {
  return (
    rank(a.verdict) - rank(b.verdict) ||
    (a.system < b.system ? -1 : a.system > b.system ? 1 : 0) ||
    SCOPES.indexOf(a.scope) - SCOPES.indexOf(b.scope)
  );
}
