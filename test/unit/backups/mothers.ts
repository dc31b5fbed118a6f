// Object mothers for the backups domain's unit tests: a summary with the one detail a test cares about.
import type { Kind } from '../../../models/backups/backup-run.js';
import {
  runKey,
  type BackupSummary,
  type FailedRun,
  type RecentRun,
  type RunningRun,
} from '../../../models/backups/backup-summary.js';

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

/** A summary's runs as lists, as a test writes them (the summary keeps them in maps by runKey). */
export interface SummaryRuns {
  recent?: Partial<Record<Kind, RecentRun[]>>;
  failed?: Partial<Record<Kind, FailedRun>>;
  running?: RunningRun[];
}

const byKey = <T extends { id: string }>(runs: readonly T[]) =>
  Object.fromEntries(runs.map((run) => [runKey(run.id), run]));

/** An empty summary of e-pay's database, known since T0, with the runs given. */
export function aSummary(
  overrides: Partial<Omit<BackupSummary, 'recent' | 'failed' | 'running'>> & SummaryRuns = {},
): BackupSummary {
  const { recent = {}, failed = {}, running = [], ...rest } = overrides;
  const runs = Object.values(recent).flat();
  return {
    _id: 'e-pay|database',
    system: 'e-pay',
    scope: 'database',
    knownSince: T0,
    rev: 1,
    offsiteAt: null,
    findings: {},
    ...rest,
    recent: Object.fromEntries(
      Object.entries(recent).map(([kind, list]) => [kind, byKey(list.map(({ verified: _, ...run }) => run))]),
    ),
    verified: Object.fromEntries(runs.filter((run) => run.verified).map((run) => [runKey(run.id), true as const])),
    failed: Object.fromEntries(Object.entries(failed).map(([kind, run]) => [kind, byKey([run])])),
    running: byKey(running),
  };
}
