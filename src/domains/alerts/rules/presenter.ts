// The port through which the grouping says things: the card of a group and the lines in its thread.
// src/domains/alerts/announcer.ts says them in the alerts channel.
import { truncate } from '../../../chat/text.js';
import type { Alert } from '../../../../models/alerts/alert.js';
import type { AlertGroup } from '../../../../models/alerts/alert-group.js';

export type AlertLine = Pick<Alert, '_id' | 'name' | 'summary' | 'labels'>;

/** What changed since the last flush: up to a few alerts of each kind, and how many in all. */
export interface GroupChanges {
  joined: AlertLine[];
  joinedCount: number;
  resolved: AlertLine[];
  resolvedCount: number;
  /** Every alert of the group is resolved now. */
  allResolved: boolean;
}

export type GroupNote =
  | { kind: 'repeat' }
  | { kind: 'acked'; by: string }
  /** The sender left `count` firing alerts out of its notification (Alertmanager's max_alerts). */
  | { kind: 'truncated'; count: number }
  | { kind: 'incident'; incidentId: string; by: string }
  | { kind: 'silenced'; silenceId: string; until: Date; by: string };

export interface AlertGroupPresenter {
  /** Posts the group's card the first time in its episode, edits it in place after that. */
  show(group: AlertGroup): Promise<void>;
  changes(group: AlertGroup, changes: GroupChanges): Promise<void>;
  note(group: AlertGroup, note: GroupNote): Promise<void>;
  /** The first card of an episode was just shown (the group fires, or fires again). */
  began?(group: AlertGroup): Promise<void>;
}

/** Labels that say where, in the order people look for them. */
const WHERE = ['instance', 'host', 'pod', 'service'] as const;
/** Labels every alert of a group has in common by construction, or that say nothing of where. */
const NOT_WHERE = new Set(['alertname', 'severity', 'system', 'layer', 'category']);
const LABELS_NAMED = 3;

/**
 * One alert in a line, without words to translate: which one, and what its sender says. It is
 * named by where it is (`instance`, `host`, `pod`, `service`), else by the labels that tell it apart
 * from the rest of its group (those not among the group's own labels, as Alertmanager's templates
 * list `Labels` minus `CommonLabels`), and by its fingerprint only when nothing else does.
 */
export function alertLine(alert: AlertLine, groupLabels: Readonly<Record<string, string>> = {}): string {
  const where =
    WHERE.map((name) => alert.labels[name]).find((value) => value) ??
    distinguishing(alert.labels, groupLabels) ??
    alert._id;
  return truncate(`${where}: ${alert.summary || alert.name}`, 200);
}

function distinguishing(labels: Readonly<Record<string, string>>, groupLabels: Readonly<Record<string, string>>) {
  const own = Object.entries(labels)
    .filter(([name, value]) => !NOT_WHERE.has(name) && groupLabels[name] !== value && value !== '')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, LABELS_NAMED);
  return own.length > 0 ? own.map(([name, value]) => `${name}=${value}`).join(', ') : undefined;
}
