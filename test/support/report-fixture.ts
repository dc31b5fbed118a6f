// A fixed quarter (2026-Q4 in Asia/Shanghai: 2026-09-30T16:00Z to 2026-12-31T16:00Z, 92 days)
// of incidents, alerts, backup runs and restores, with one of each in the quarter before, whose
// report numbers are worked out by hand in test/integration/reports/report-numbers.test.ts. The
// surveys are test/support/survey-fixture.ts's. Stored as their models store them.
import type { Models } from '../../models/index.js';
import type { Incident } from '../../models/incidents/incident.js';
import { QUARTER_OF_SURVEYS } from './survey-fixture.js';

const MIN = 60_000;
const HOUR = 3_600_000;

function incident(
  n: number,
  severity: Incident['severity'],
  category: Incident['category'],
  system: string | undefined,
  reported: string,
  ackAfterMs?: number,
  resolveAfterMs?: number,
): Incident {
  const at = new Date(reported);
  const stateAt: Incident['stateAt'] = { reported: at };
  if (ackAfterMs !== undefined) stateAt.acknowledged = new Date(at.getTime() + ackAfterMs);
  if (resolveAfterMs !== undefined) stateAt.resolved = new Date(at.getTime() + resolveAfterMs);
  return {
    _id: `INC-${n}`,
    shortId: `INC-${n}`,
    title: `incident ${n}`,
    severity,
    category,
    ...(system ? { system } : {}),
    state: resolveAfterMs !== undefined ? 'resolved' : ackAfterMs !== undefined ? 'acknowledged' : 'reported',
    reporter: 'slack:UREPORTER1',
    stateAt,
    lastUpdateAt: at,
    escalations: 0,
    timeline: [],
  };
}

/**
 *  id     sev  category   system  reported (UTC)     ack     resolved
 *  INC-1  P1   technical  gjj     2026-10-10 00:00   +10m    +2h
 *  INC-2  P2   technical  gjj     2026-10-10 01:00   +30m    +4h   (overlaps INC-1: gjj down 00:00–05:00, 5 h)
 *  INC-3  P3   routine    shebao  2026-11-05 00:00   +20m    —     (P3: not counted against availability)
 *  INC-4  P1   security   shebao  2026-12-31 12:00   —       —     (open at the quarter's end: 4 h)
 *  INC-5  P2   technical  —       2026-09-20 00:00   +5m     +1h   (the quarter before)
 */
export const FIXED_INCIDENTS: Incident[] = [
  incident(1, 'P1', 'technical', 'gjj', '2026-10-10T00:00:00Z', 10 * MIN, 2 * HOUR),
  incident(2, 'P2', 'technical', 'gjj', '2026-10-10T01:00:00Z', 30 * MIN, 4 * HOUR),
  incident(3, 'P3', 'routine', 'shebao', '2026-11-05T00:00:00Z', 20 * MIN),
  incident(4, 'P1', 'security', 'shebao', '2026-12-31T12:00:00Z'),
  incident(5, 'P2', 'technical', undefined, '2026-09-20T00:00:00Z', 5 * MIN, HOUR),
];

function alert(n: number, name: string, layer: string, seen: string, count: number) {
  const at = new Date(seen);
  return {
    _id: `fp-${n}`,
    source: 'generic',
    name,
    status: 'resolved',
    severity: 'major',
    layer,
    summary: '',
    labels: {},
    startsAt: at,
    firstSeenAt: at,
    lastSeenAt: at,
    count,
    groupKey: `g-${name}`,
  };
}

/** Q4: infrastructure 3, platform 1, application 2; DiskFull 4 alerts (16 reports), HighLatency 2 (2). Q3: 1. */
export const FIXED_ALERTS = [
  alert(1, 'DiskFull', 'infrastructure', '2026-10-01T00:00:00Z', 5),
  alert(2, 'DiskFull', 'infrastructure', '2026-10-02T00:00:00Z', 5),
  alert(3, 'DiskFull', 'infrastructure', '2026-11-02T00:00:00Z', 5),
  alert(4, 'DiskFull', 'platform', '2026-12-02T00:00:00Z', 1),
  alert(5, 'HighLatency', 'application', '2026-12-03T00:00:00Z', 1),
  alert(6, 'HighLatency', 'application', '2026-12-04T00:00:00Z', 1),
  alert(7, 'DiskFull', 'infrastructure', '2026-09-01T00:00:00Z', 1),
];

function run(n: number, scope: string, status: string, started: string) {
  const at = new Date(started);
  return {
    _id: `b-${n}`,
    system: 'gjj',
    scope,
    kind: 'full',
    status,
    startedAt: at,
    ...(status === 'running' ? {} : { finishedAt: new Date(at.getTime() + HOUR) }),
    location: 'remote',
    verified: false,
    firstSeenAt: at,
    lastSeenAt: at,
    reports: 1,
  };
}

/** Q4: database 3 of 4 succeeded, config 2 of 2, one still running (not counted): 5 of 6. Q3: database 0 of 1. */
export const FIXED_BACKUP_RUNS = [
  run(1, 'database', 'succeeded', '2026-10-01T00:00:00Z'),
  run(2, 'database', 'succeeded', '2026-10-02T00:00:00Z'),
  run(3, 'database', 'failed', '2026-10-03T00:00:00Z'),
  run(4, 'database', 'succeeded', '2026-11-03T00:00:00Z'),
  run(5, 'config', 'succeeded', '2026-11-04T00:00:00Z'),
  run(6, 'config', 'succeeded', '2026-12-04T00:00:00Z'),
  run(7, 'config', 'running', '2026-12-05T00:00:00Z'),
  run(8, 'database', 'failed', '2026-09-05T00:00:00Z'),
];

function restore(n: number, state: string, created: string, verifiedAfterMs?: number) {
  const at = new Date(created);
  const verifiedAt = verifiedAfterMs === undefined ? undefined : new Date(at.getTime() + verifiedAfterMs);
  return {
    _id: `RST-${n}`,
    system: 'gjj',
    state,
    createdAt: at,
    updatedAt: verifiedAt ?? at,
    ...(verifiedAt ? { verification: { by: 'slack:UDATAOPS01', at: verifiedAt, dataOk: true, systemOk: true } } : {}),
  };
}

/** Q4: verified after 2 h, 6 h and 4 h (median 4 h), one waiting; Q3: one verified after 1 h. */
export const FIXED_RESTORES = [
  restore(1, 'verified', '2026-10-02T00:00:00Z', 2 * HOUR),
  restore(2, 'verified', '2026-11-01T00:00:00Z', 6 * HOUR),
  restore(3, 'verified', '2026-12-01T00:00:00Z', 4 * HOUR),
  restore(4, 'pending', '2026-12-20T00:00:00Z'),
  restore(5, 'verified', '2026-09-10T00:00:00Z', HOUR),
];

/** Stores the whole fixed quarter. Restores go in raw: only the fields a report reads matter here. */
export async function storeFixedQuarter(models: Models): Promise<void> {
  await models.Incident.insertMany(FIXED_INCIDENTS);
  await models.Alert.insertMany(FIXED_ALERTS);
  await models.BackupRun.insertMany(FIXED_BACKUP_RUNS);
  await models.RestoreRequest.collection.insertMany(FIXED_RESTORES as never[]);
  await models.Survey.insertMany(QUARTER_OF_SURVEYS);
}
