// Object mothers for the backups domain's unit tests: a summary with the one detail a test cares about.
import type { BackupSummary, RecentRun } from '../../../models/backups/backup-summary.js';

export const T0 = new Date('2026-11-20T02:00:00Z');
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export function at(ms: number): Date {
  return new Date(T0.getTime() + ms);
}

/** A succeeded run that finished at `finished` after `durationMs`. */
export function aRun(
  id: string,
  finished: Date,
  overrides: Partial<RecentRun> = {},
  durationMs = 30 * MINUTE,
): RecentRun {
  return {
    id,
    startedAt: new Date(finished.getTime() - durationMs),
    finishedAt: finished,
    location: 'local',
    verified: true,
    sizeBytes: 10 * 2 ** 30,
    ...overrides,
  };
}

/** An empty summary of e-pay's database, known since T0. */
export function aSummary(overrides: Partial<BackupSummary> = {}): BackupSummary {
  return {
    _id: 'e-pay|database',
    system: 'e-pay',
    scope: 'database',
    knownSince: T0,
    rev: 1,
    recent: {},
    failed: {},
    running: [],
    offsiteAt: null,
    findings: {},
    ...overrides,
  };
}
