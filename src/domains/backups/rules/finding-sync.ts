// Says what the checks found, once: each finding whose verdict differs from what was last said of
// it (models/backups/backup-summary.ts `findings`) is raised or resolved as an alert, then the new
// verdict is recorded, then the target's revision is read again: if a report or a policy change
// came in since the verdict was read, the caller checks that target again and says everything
// anew, so the alert ends as the latest data says, whoever wrote last. Alerts go first: a crash
// between the two says a finding twice (the alert is keyed, so nothing doubles), never loses one;
// a crash before the second look leaves a verdict the next sweep puts right. (The record is by
// `_id` alone rather than conditional on the revision: the embedded engine finds a document by
// index only for a filter naming exactly the index's keys.)
import { createHash } from 'node:crypto';
import type { Collection } from 'mongodb';
import type { Logger } from 'pino';
import type { FindingState } from '../../../../models/backups/backup-summary.js';
import type { IncomingAlert } from '../../alerts/rules/normalizer.js';
import type { About } from '../cards/finding-text.js';
import { findingAlert } from './finding-alert.js';
import { inChunks } from './in-chunks.js';
import type { Finding } from './finding.js';

/** Raises alerts in the alert intake, in the backups channel. */
export interface AlertRaiser {
  raise(alerts: IncomingAlert[]): Promise<void>;
}

/** A finding's name and summary in the team's language (cards/finding-text.ts). */
export interface FindingWords {
  name(check: Finding['check']): string;
  summary(about: About, finding: Finding): string;
}

/** One target (a summary or a storage) as checked: the revision read, what was last said, what is found now. */
export interface Checked {
  /** The document's id. */
  id: string;
  /** The fingerprint's prefix: the summary's id, or `storage:<name>`. */
  target: string;
  rev: number;
  said: Record<string, FindingState>;
  about: About;
  findings: Finding[];
}

/** A document with a revision and verdicts: a summary, or a storage. */
export type Tracked = { _id: string; rev: number; findings: Record<string, FindingState> };

const RAISE_BATCH = 500;

export class FindingSync {
  constructor(
    private readonly deps: {
      /** Where the targets' revisions and verdicts are (summaries, or storages). */
      book: Collection<Tracked>;
      alerts: AlertRaiser;
      words: FindingWords;
      logger: Logger;
    },
  ) {}

  /**
   * Says what changed. `again`: say every finding anew (the target moved while it was checked).
   * Answers how many alerts were raised or resolved, and the ids whose revision moved meanwhile.
   */
  async settle(checked: readonly Checked[], again = false): Promise<{ said: number; moved: string[] }> {
    const alerts: IncomingAlert[] = [];
    const records: Array<{ id: string; rev: number; set: Record<string, FindingState> }> = [];
    for (const target of checked) {
      const set: Record<string, FindingState> = {};
      for (const change of this.changes(target, again)) {
        alerts.push(change.alert);
        set[change.key] = change.state;
      }
      if (Object.keys(set).length > 0) records.push({ id: target.id, rev: target.rev, set });
    }
    for (let i = 0; i < alerts.length; i += RAISE_BATCH) await this.deps.alerts.raise(alerts.slice(i, i + RAISE_BATCH));
    if (records.length === 0) return { said: 0, moved: [] };
    const { book } = this.deps;
    await book.bulkWrite(
      records.map(({ id, set }) => ({
        updateOne: {
          filter: { _id: id },
          update: { $set: Object.fromEntries(Object.entries(set).map(([key, state]) => [`findings.${key}`, state])) },
        },
      })),
      { ordered: false },
    );
    const revs = new Map<string, number>();
    for (const slice of inChunks(records.map((r) => r.id))) {
      const now = await book.find({ _id: { $in: slice } }, { projection: { rev: 1 } }).toArray();
      for (const doc of now) revs.set(doc._id, doc.rev);
    }
    const moved = records.filter((r) => revs.get(r.id) !== r.rev).map((r) => r.id);
    return { said: alerts.length, moved };
  }

  /** The findings whose verdict differs from what was said (all of them, said or firing, when `again`). */
  private changes(target: Checked, again: boolean) {
    const found = new Map(target.findings.map((f) => [f.key, f]));
    const keys = new Set([...found.keys(), ...Object.keys(target.said ?? {})]);
    const changes: Array<{ key: string; alert: IncomingAlert; state: FindingState }> = [];
    for (const key of keys) {
      const finding = found.get(key);
      const said = target.said?.[key];
      if (finding?.firing) {
        const words = {
          name: this.deps.words.name(finding.check),
          summary: this.deps.words.summary(target.about, finding),
        };
        const hash = hashOf(words.name, finding.check, words.summary);
        if (!again && said?.firing && said.hash === hash) continue;
        const alert = findingAlert(target.target, target.about, finding, words, 'firing');
        changes.push({ key, alert, state: { firing: true, hash, summary: words.summary } });
      } else if (said && (said.firing || again)) {
        // Resolved in the words it fired with, so its group's thread names what cleared.
        const stored = finding ?? keyFinding(key);
        const words = { name: this.deps.words.name(stored.check), summary: said.summary };
        const alert = findingAlert(target.target, target.about, { ...stored, since: undefined }, words, 'resolved');
        changes.push({ key, alert, state: { firing: false, hash: said.hash, summary: said.summary } });
      }
    }
    return changes;
  }
}

/** A finding known only by its key (a check the policy no longer asks for): enough to resolve it. */
function keyFinding(key: string): Finding {
  const [check, kind] = key.split(':') as [Finding['check'], Finding['kind']];
  return { key, check, ...(kind ? { kind } : {}), firing: false, facts: {} };
}

function hashOf(...parts: string[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 16);
}
