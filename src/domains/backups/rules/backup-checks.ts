// Runs the checks (issue 12, checks 1–7) and says what they find through FindingSync: over every
// system × scope and storage (the sweep, at least once a minute), or over those a report just
// changed (the at-once check: a failure, a too-small full, a report that arrives already late).
// Reads one summary per system × scope, the policies that were changed, and each storage's samples
// of the last 14 days; never the runs' history.
import type { Collection } from 'mongodb';
import type { Logger } from 'pino';
import type { BackupPolicy, BackupPolicyModel } from '../../../../models/backups/backup-policy.js';
import type { BackupRunModel } from '../../../../models/backups/backup-run.js';
import type { BackupStorage, BackupStorageModel } from '../../../../models/backups/backup-storage.js';
import { SCOPES } from '../../../../models/backups/backup-run.js';
import {
  runKey,
  summaryKey,
  type BackupSummary,
  type BackupSummaryModel,
} from '../../../../models/backups/backup-summary.js';
import type { StorageSample, StorageSampleModel } from '../../../../models/backups/storage-sample.js';
import type { Clock } from '../../../kernel/clock.js';
import { checkSummary, type CheckSettings } from './checks.js';
import { FindingSync, type AlertRaiser, type Checked, type FindingWords, type Tracked } from './finding-sync.js';
import { effectivePolicy } from './policy.js';
import { checkStorage, TREND_WINDOW_MS } from './storage-checks.js';
import { inChunks } from './in-chunks.js';
import { missingScopeOps, trimOp } from './summary-updates.js';

/** A target that keeps moving under the checks (a report a millisecond) is left to the next sweep. */
const ATTEMPTS = 3;

export interface BackupChecksDeps {
  summaries: BackupSummaryModel;
  policies: BackupPolicyModel;
  runs: BackupRunModel;
  storages: BackupStorageModel;
  samples: StorageSampleModel;
  alerts: AlertRaiser;
  words: FindingWords;
  settings: CheckSettings;
  clock: Clock;
  logger: Logger;
}

export class BackupChecks {
  private readonly summarySync: FindingSync;
  private readonly storageSync: FindingSync;
  /**
   * Systems this process has seen with all five summaries: the at-once checks need not look again.
   * Only a shortcut; the sweep completes every system it reads.
   */
  private readonly complete = new Set<string>();

  constructor(private readonly deps: BackupChecksDeps) {
    const book = (model: { collection: unknown }) => model.collection as Collection<Tracked>;
    const common = { alerts: deps.alerts, words: deps.words, logger: deps.logger };
    this.summarySync = new FindingSync({ ...common, book: book(deps.summaries) });
    this.storageSync = new FindingSync({ ...common, book: book(deps.storages) });
  }

  /** Every system × scope and every storage; answers how many alerts were raised or resolved. */
  async sweep(): Promise<number> {
    return (await this.checkSummaries()) + (await this.checkStorages());
  }

  /** These summaries (`system|scope`), or all; a long list in slices (see in-chunks.ts). */
  async checkSummaries(keys?: readonly string[]): Promise<number> {
    if (keys === undefined) return this.checkSomeSummaries(undefined);
    let said = 0;
    for (const slice of inChunks(keys)) said += await this.checkSomeSummaries(slice);
    return said;
  }

  private async checkSomeSummaries(keys: readonly string[] | undefined): Promise<number> {
    let said = 0;
    let ids = keys;
    for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
      const checked = await this.readSummaries(ids);
      const settled = await this.summarySync.settle(checked, attempt > 0);
      said += settled.said;
      if (settled.moved.length === 0) return said;
      ids = settled.moved;
    }
    this.deps.logger.info({ moving: ids?.length }, 'backup checks: summaries kept changing; the next sweep takes them');
    return said;
  }

  /** These storages, or all. */
  async checkStorages(names?: readonly string[]): Promise<number> {
    let said = 0;
    let ids = names;
    for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
      const checked = await this.readStorages(ids);
      const settled = await this.storageSync.settle(checked, attempt > 0);
      said += settled.said;
      if (settled.moved.length === 0) return said;
      ids = settled.moved;
    }
    return said;
  }

  private async readSummaries(keys?: readonly string[]): Promise<Checked[]> {
    const filter = keys ? { _id: { $in: [...keys] } } : {};
    const [summaries, policies] = await Promise.all([
      this.deps.summaries.find(filter).lean<BackupSummary[]>(),
      this.deps.policies.find(filter, { overrides: 1 }).lean<Array<Pick<BackupPolicy, '_id' | 'overrides'>>>(),
    ]);
    await this.completeSystems(summaries, keys !== undefined);
    const overrides = new Map(policies.map((p) => [p._id, p.overrides]));
    const now = this.deps.clock.now();
    await Promise.all([this.dropFinishedRuns(summaries, now), this.trim(summaries)]);
    return summaries.map((summary) => ({
      id: summary._id,
      target: summary._id,
      rev: summary.rev,
      said: summary.findings ?? {},
      about: { system: summary.system, scope: summary.scope },
      findings: checkSummary(
        summary,
        effectivePolicy(summary.scope, overrides.get(summary._id)),
        now,
        this.deps.settings,
      ),
    }));
  }

  /**
   * A run a summary lists as running may have finished in a race (its final report's write came
   * between the running report's two): before a run is called stuck, the runs say if it still runs.
   */
  private async dropFinishedRuns(summaries: BackupSummary[], now: Date): Promise<void> {
    const suspects = summaries
      .filter((summary) => Object.keys(summary.running ?? {}).length > 0)
      .flatMap((summary) =>
        checkSummary(summary, effectivePolicy(summary.scope, undefined), now, this.deps.settings)
          .filter((f) => f.check === 'stuck' && f.firing)
          .flatMap((f) => (f.running ?? []).map((id) => ({ summary, id }))),
      );
    if (suspects.length === 0) return;
    // By `_id` alone, which the embedded engine finds by index; the status is looked at here.
    const runs: Array<{ _id: string; status: string }> = [];
    for (const slice of inChunks(suspects.map((s) => s.id))) {
      runs.push(...(await this.deps.runs.find({ _id: { $in: slice } }, { status: 1 }).lean<typeof runs>()));
    }
    const still = new Set(runs.filter((run) => run.status === 'running').map((run) => run._id));
    const gone = suspects.filter((s) => !still.has(s.id));
    if (gone.length === 0) return;
    // Not a change of the summary's data (its revision stays): only its list of runs brought up to date.
    await this.deps.summaries.bulkWrite(
      gone.map(({ summary, id }) => {
        delete summary.running[runKey(id)];
        return { updateOne: { filter: { _id: summary._id }, update: { $unset: { [`running.${runKey(id)}`]: '' } } } };
      }),
    );
  }

  /**
   * A system becomes known with its first report and gets the policy of every scope: the scopes it
   * has not reported yet get their (empty) summaries here, known since its first report. `some`:
   * only some summaries were read, so the others of their systems are looked up by `_id`.
   */
  private async completeSystems(read: readonly BackupSummary[], some: boolean): Promise<void> {
    const known = new Map<string, { since: Date; scopes: Set<string> }>();
    const add = (summary: Pick<BackupSummary, 'system' | 'scope' | 'knownSince'>) => {
      const system = known.get(summary.system) ?? { since: summary.knownSince, scopes: new Set<string>() };
      system.scopes.add(summary.scope);
      if (summary.knownSince < system.since) system.since = summary.knownSince;
      known.set(summary.system, system);
    };
    for (const summary of read) add(summary);
    if (some) for (const system of this.complete) known.delete(system);
    if (some && known.size > 0) {
      const all = [...known.keys()].flatMap((system) => SCOPES.map((scope) => summaryKey(system, scope)));
      for (const slice of inChunks(all)) {
        const others = await this.deps.summaries
          .find({ _id: { $in: slice } }, { system: 1, scope: 1, knownSince: 1 })
          .lean<Array<Pick<BackupSummary, 'system' | 'scope' | 'knownSince'>>>();
        for (const summary of others) add(summary);
      }
    }
    const ops = [...known].flatMap(([system, { since, scopes }]) => missingScopeOps(system, scopes, since));
    if (ops.length > 0) await this.collection(this.deps.summaries).bulkWrite(ops, { ordered: false });
    for (const system of known.keys()) this.complete.add(system);
  }

  /** The maps of runs back to the newest few, where they have grown. */
  private async trim(summaries: readonly BackupSummary[]): Promise<void> {
    const ops = summaries.flatMap((summary) => trimOp(summary) ?? []);
    if (ops.length > 0) await this.collection(this.deps.summaries).bulkWrite(ops, { ordered: false });
  }

  private collection(model: { collection: unknown }): Collection<BackupSummary> {
    return model.collection as Collection<BackupSummary>;
  }

  private async readStorages(names?: readonly string[]): Promise<Checked[]> {
    const filter = names ? { _id: { $in: [...names] } } : {};
    const storages = await this.deps.storages.find(filter).lean<BackupStorage[]>();
    if (storages.length === 0) return [];
    const now = this.deps.clock.now();
    const samples = await this.deps.samples
      .find({ name: { $in: storages.map((s) => s._id) }, at: { $gt: new Date(now.getTime() - TREND_WINDOW_MS) } })
      .sort({ at: 1 })
      .lean<StorageSample[]>();
    return storages.map((storage) => ({
      id: storage._id,
      target: `storage:${storage._id}`,
      rev: storage.rev,
      said: storage.findings ?? {},
      about: { storage: storage._id },
      findings: checkStorage(
        storage,
        samples.filter((s) => s.name === storage._id),
        now,
      ),
    }));
  }
}
