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
  | { kind: 'incident'; incidentId: string; by: string }
  | { kind: 'silenced'; silenceId: string; until: Date; by: string };

export interface AlertGroupPresenter {
  /** Posts the group's card the first time in its episode, edits it in place after that. */
  show(group: AlertGroup): Promise<void>;
  changes(group: AlertGroup, changes: GroupChanges): Promise<void>;
  note(group: AlertGroup, note: GroupNote): Promise<void>;
}

/** One alert in a line, without words to translate: which instance, and what its sender says. */
export function alertLine(alert: AlertLine): string {
  const where = alert.labels.instance ?? alert.labels.host ?? alert.labels.pod ?? alert.labels.service ?? alert._id;
  const text = `${where}: ${alert.summary || alert.name}`;
  return truncate(text, 200);
}
