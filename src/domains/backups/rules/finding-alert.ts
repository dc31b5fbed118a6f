// A finding as an alert (issue 12: findings reuse the alert machinery): one stable fingerprint per
// system × scope × check (or storage × check), firing while the condition holds and resolved when
// it clears, with labels a silence can match (`system`, `scope`, `kind`, `check`, `storage`).
import { createHash } from 'node:crypto';
import type { AlertSeverity } from '../../../../models/alerts/alert.js';
import type { IncomingAlert } from '../../alerts/rules/normalizer.js';
import type { About } from '../cards/finding-text.js';
import type { CheckName, Finding } from './finding.js';

/** The `source` of every alert the backup checks raise. */
export const BACKUP_ALERT_SOURCE = 'zhiban-backups';

/** How bad each finding is: a backup that is missing, failed or shrunken may be needed tomorrow. */
export const CHECK_SEVERITY: Readonly<Record<CheckName, AlertSeverity>> = {
  failed: 'major',
  late: 'major',
  small: 'major',
  storage_low: 'major',
  stuck: 'minor',
  unverified: 'minor',
  offsite: 'minor',
  storage_full_soon: 'minor',
};

/** The same for a finding of the same thing in every process and after every restart. */
export function findingFingerprint(target: string, key: string): string {
  return `backup-${createHash('sha256').update(`${target}#${key}`).digest('hex').slice(0, 24)}`;
}

/** What a finding becomes in the alert intake; `words` are its name and summary in the team's language. */
export function findingAlert(
  target: string,
  about: About,
  finding: Pick<Finding, 'key' | 'check' | 'kind' | 'since'>,
  words: { name: string; summary: string },
  status: 'firing' | 'resolved',
): IncomingAlert {
  const labels: Record<string, string> = { check: finding.check };
  if (about.system) labels.system = about.system;
  if (about.scope) labels.scope = about.scope;
  if (finding.kind) labels.kind = finding.kind;
  if (about.storage) labels.storage = about.storage;
  // Where, as the card's lines name an alert: `database/full`, or the storage.
  labels.instance = about.storage ?? [about.scope, finding.kind].filter(Boolean).join('/');
  return {
    source: BACKUP_ALERT_SOURCE,
    name: words.name,
    status,
    severity: CHECK_SEVERITY[finding.check],
    layer: finding.check.startsWith('storage') ? 'infrastructure' : 'platform',
    summary: words.summary,
    labels,
    fingerprint: findingFingerprint(target, finding.key),
    startsAt: finding.since,
    endsAt: undefined,
  };
}
