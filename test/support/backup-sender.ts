// A backup tool in tests: run reports (CONTRACT.md) POSTed to /webhooks/backups, an object mother
// for them, and the fingerprint of the alert a finding becomes.
import { summaryKey } from '../../models/backups/backup-summary.js';
import type { Scope } from '../../models/backups/backup-run.js';
import { findingFingerprint } from '../../src/domains/backups/rules/finding-alert.js';
import { WEBHOOK_TOKEN } from './harness.js';

export interface BackupReportBody {
  system: string;
  scope: string;
  kind: string;
  status: string;
  backupId: string;
  startedAt: string;
  finishedAt?: string | null;
  sizeBytes?: number | null;
  location: string;
  checksum?: string;
  verified?: boolean;
  message?: string;
  storage?: { name: string; totalBytes: number; freeBytes: number };
}

export const GIB = 2 ** 30;
const MINUTE = 60_000;

/**
 * `aBackup('e-pay', 'db-1', finished)`: a succeeded, verified full of e-pay's database at `local`
 * that took 30 minutes and finished at `finished` (now by default), 10 GiB.
 */
export function aBackup(
  system: string,
  backupId: string,
  finished: Date = new Date(),
  overrides: Partial<BackupReportBody> = {},
): BackupReportBody {
  return {
    system,
    scope: 'database',
    kind: 'full',
    status: 'succeeded',
    backupId,
    startedAt: new Date(finished.getTime() - 30 * MINUTE).toISOString(),
    finishedAt: finished.toISOString(),
    sizeBytes: 10 * GIB,
    location: 'local',
    verified: true,
    ...overrides,
  };
}

export interface BackupAnswer {
  status: number;
  json: { accepted?: number; error?: string; details?: Array<{ index: number; reason: string }> | string[] };
}

/** POSTs a body (a report, an array, or raw text) as a backup tool would; answers the HTTP status and JSON. */
export async function postBackups(
  to: { url: string },
  body: unknown,
  headers: Record<string, string> = {},
): Promise<BackupAnswer> {
  const res = await fetch(`${to.url}/webhooks/backups`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${WEBHOOK_TOKEN}`, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as BackupAnswer['json'] };
}

/** Sends reports and insists on 202. */
export async function sendBackups(to: { url: string }, reports: BackupReportBody | BackupReportBody[]): Promise<void> {
  const answer = await postBackups(to, reports);
  if (answer.status !== 202)
    throw new Error(`/webhooks/backups answered ${answer.status}: ${JSON.stringify(answer.json)}`);
}

/** The alert id of a finding: `late:full` of e-pay's database, `storage_low` of a storage (`scope` omitted). */
export function findingId(system: string, scope: Scope | undefined, key: string): string {
  return findingFingerprint(scope ? summaryKey(system, scope) : `storage:${system}`, key);
}
