// Check 8, past retention (seed 6.2.2 (3)): succeeded backups older than their system × scope's
// retention, for dataops to clean up. Zhiban deletes nothing and cannot see a deletion, so each
// backup is listed once, in the first daily report after it passes its retention; the latest full
// of a system × scope is never listed, however old (it may be the only backup there is).
import type { BackupPolicy, BackupPolicyModel } from '../../../../models/backups/backup-policy.js';
import { SCOPES, type BackupRun, type BackupRunModel, type Scope } from '../../../../models/backups/backup-run.js';
import { summaryKey, type BackupSummary, type BackupSummaryModel } from '../../../../models/backups/backup-summary.js';
import { DEFAULT_POLICIES } from './policy.js';
import { inChunks } from './in-chunks.js';
import { recentRuns } from './summary-view.js';

/** A day's list is read this far at most; the rest waits for the next day. */
export const LISTED_AT_MOST = 10_000;

export interface CleanupGroup {
  system: string;
  scope: Scope;
  count: number;
  oldest: Date;
}

export interface CleanupList {
  /** By system × scope, the most first. */
  groups: CleanupGroup[];
  /** The runs listed, to mark once the list is said. */
  ids: string[];
}

type Past = Pick<BackupRun, '_id' | 'system' | 'scope' | 'finishedAt'>;

export class RetentionList {
  constructor(
    private readonly deps: { runs: BackupRunModel; policies: BackupPolicyModel; summaries: BackupSummaryModel },
  ) {}

  /** What is past its retention at `now` and not listed yet. */
  async due(now: Date): Promise<CleanupList> {
    const set = await this.deps.policies
      .find({ 'overrides.retain': { $exists: true } }, { system: 1, scope: 1, overrides: 1 })
      .lean<BackupPolicy[]>();
    const own = new Map(set.map((p) => [p._id, p.overrides.retain ?? null]));
    const base = { status: 'succeeded' as const, cleanupListedAt: null };
    const fields = { system: 1, scope: 1, finishedAt: 1 };
    const found: Past[] = [];
    for (const scope of SCOPES) {
      const retain = DEFAULT_POLICIES[scope].retain;
      if (retain === null) continue;
      const cutoff = new Date(now.getTime() - retain);
      const runs = await this.deps.runs
        .find({ ...base, scope, finishedAt: { $lt: cutoff } }, fields)
        .limit(LISTED_AT_MOST)
        .lean<Past[]>();
      found.push(...runs.filter((run) => !own.has(summaryKey(run.system, run.scope))));
    }
    for (const policy of set) {
      const retain = own.get(policy._id);
      if (retain === null || retain === undefined) continue;
      const cutoff = new Date(now.getTime() - retain);
      const filter = { ...base, system: policy.system, scope: policy.scope, finishedAt: { $lt: cutoff } };
      found.push(...(await this.deps.runs.find(filter, fields).limit(LISTED_AT_MOST).lean<Past[]>()));
    }
    const latest = await this.latestFulls([...new Set(found.map((run) => summaryKey(run.system, run.scope)))]);
    const listed = found.filter((run) => !latest.has(run._id)).slice(0, LISTED_AT_MOST);
    return { groups: grouped(listed), ids: listed.map((run) => run._id) };
  }

  /** Marks the runs as listed (each is listed once). */
  async markListed(ids: readonly string[], now: Date): Promise<void> {
    for (const slice of inChunks(ids)) {
      await this.deps.runs.updateMany({ _id: { $in: slice } }, { $set: { cleanupListedAt: now } });
    }
  }

  private async latestFulls(keys: string[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const latest = new Set<string>();
    for (const slice of inChunks(keys)) {
      const summaries = await this.deps.summaries.find({ _id: { $in: slice } }, { recent: 1 }).lean<BackupSummary[]>();
      for (const summary of summaries) for (const run of recentRuns(summary, 'full').slice(0, 1)) latest.add(run.id);
    }
    return latest;
  }
}

function grouped(runs: readonly Past[]): CleanupGroup[] {
  const groups = new Map<string, CleanupGroup>();
  for (const run of runs) {
    const key = summaryKey(run.system, run.scope);
    const group = groups.get(key) ?? { system: run.system, scope: run.scope, count: 0, oldest: run.finishedAt! };
    group.count += 1;
    if (run.finishedAt! < group.oldest) group.oldest = run.finishedAt!;
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || a.oldest.getTime() - b.oldest.getTime());
}
