// The incidents' section of the reports (issue 16): open incidents by severity and the oldest's age,
// opened and resolved in the period (and the period before), MTTA and MTTR per severity, incidents
// per day (week) by severity, by category and severity for the quarter, and each system's
// availability — the share of the quarter without an open P1 or P2 incident on it. Counted by
// aggregation in the database; only the P1/P2 incidents of a quarter are read, to join overlaps.
import {
  CATEGORIES,
  OPEN_STATES,
  SEVERITIES,
  type Category,
  type IncidentModel,
  type Severity,
} from '../../../models/incidents/incident.js';
import { bucketExpression, bucketsOf, spread } from '../report-buckets.js';
import type { ReportPeriod, ReportSection, ReportSpan } from '../report-section.js';
import { incidentSectionView } from './report-view.js';

/** Mean times in milliseconds; undefined when no incident got that far. */
export interface IncidentTimes {
  count: number;
  mttaMs?: number | undefined;
  mttrMs?: number | undefined;
}

export interface IncidentNumbers {
  /** Open at the report's time, by severity, with when the oldest was reported (epoch ms). */
  openNow: Array<{ severity: Severity; count: number; oldestAt: number }>;
  opened: number;
  /** Resolved in the period. */
  resolved: number;
  /** Reported in the period: their count and mean times, overall and by severity. */
  times: IncidentTimes;
  bySeverity: Array<IncidentTimes & { severity: Severity }>;
  previous?: { opened: number; resolved: number; times: IncidentTimes };
  /** Weekly and quarterly: reported per bucket (day, week), by severity. */
  perBucket?: Record<Severity, number[]>;
  /** Quarterly: by category and severity. */
  byCategory?: Array<IncidentTimes & { category: Category; severity: Severity }>;
  /** Quarterly: each system an incident named, with the share of the period no P1/P2 was open on it. */
  availability?: Array<{ system: string; share: number; downMs: number }>;
}

const SEVERE: readonly Severity[] = ['P1', 'P2'];

/** The incidents' report section, over the Incident model. */
export function incidentReportSection(incidents: IncidentModel): ReportSection<IncidentNumbers> {
  return {
    id: 'incidents',
    numbers: (span) => incidentNumbers(incidents, span),
    view: incidentSectionView,
  };
}

async function incidentNumbers(incidents: IncidentModel, span: ReportSpan): Promise<IncidentNumbers> {
  const [openNow, opened, resolved, bySeverity] = await Promise.all([
    openBySeverity(incidents),
    countReported(incidents, span),
    countResolved(incidents, span),
    timesBy(incidents, span, { severity: '$severity' }),
  ]);
  const numbers: IncidentNumbers = {
    openNow,
    opened,
    resolved,
    times: total(bySeverity),
    bySeverity: SEVERITIES.flatMap((severity) => {
      const row = bySeverity.find((r) => r.key.severity === severity);
      return row ? [{ severity, ...timesOf(row.sums) }] : [];
    }),
  };
  if (span.kind === 'daily') return numbers;
  const [previousOpened, previousResolved, previousTimes] = await Promise.all([
    countReported(incidents, span.previous),
    countResolved(incidents, span.previous),
    timesBy(incidents, span.previous, {}),
  ]);
  numbers.previous = { opened: previousOpened, resolved: previousResolved, times: total(previousTimes) };
  numbers.perBucket = await perBucket(incidents, span);
  if (span.kind !== 'quarterly') return numbers;
  const byCategory = await timesBy(incidents, span, { category: '$category', severity: '$severity' });
  numbers.byCategory = CATEGORIES.flatMap((category) =>
    SEVERITIES.flatMap((severity) => {
      const row = byCategory.find((r) => r.key.category === category && r.key.severity === severity);
      return row ? [{ category, severity, ...timesOf(row.sums) }] : [];
    }),
  );
  numbers.availability = await availability(incidents, span);
  return numbers;
}

async function openBySeverity(incidents: IncidentModel): Promise<IncidentNumbers['openNow']> {
  const rows = await incidents.aggregate<{ _id: Severity; count: number; oldest: Date }>([
    { $match: { state: { $in: OPEN_STATES } } },
    { $group: { _id: '$severity', count: { $sum: 1 }, oldest: { $min: '$stateAt.reported' } } },
  ]);
  return SEVERITIES.flatMap((severity) => {
    const row = rows.find((r) => r._id === severity);
    return row ? [{ severity, count: row.count, oldestAt: new Date(row.oldest).getTime() }] : [];
  });
}

function countReported(incidents: IncidentModel, period: ReportPeriod): Promise<number> {
  return incidents.countDocuments({ 'stateAt.reported': { $gte: period.start, $lt: period.end } });
}

function countResolved(incidents: IncidentModel, period: ReportPeriod): Promise<number> {
  return incidents.countDocuments({ 'stateAt.resolved': { $gte: period.start, $lt: period.end } });
}

interface TimesRow {
  key: Record<string, string>;
  sums: TimeSums;
}

/** What mean times are made of: how many, how many acknowledged (resolved), and their summed times. */
interface TimeSums {
  count: number;
  acked: number;
  ackSum: number;
  fixed: number;
  fixSum: number;
}

/** Incidents reported in `period`, grouped by `key`, with the sums their MTTA and MTTR come from. */
async function timesBy(
  incidents: IncidentModel,
  period: ReportPeriod,
  key: Record<string, string>,
): Promise<TimesRow[]> {
  // A missing step time makes the difference null, which $sum counts as 0 and the $cond leaves out.
  const rows = await incidents.aggregate<TimeSums & { _id: Record<string, string> | null }>([
    { $match: { 'stateAt.reported': { $gte: period.start, $lt: period.end } } },
    {
      $project: {
        severity: 1,
        category: 1,
        ack: { $subtract: ['$stateAt.acknowledged', '$stateAt.reported'] },
        fix: { $subtract: ['$stateAt.resolved', '$stateAt.reported'] },
      },
    },
    {
      $group: {
        _id: Object.keys(key).length ? key : null,
        count: { $sum: 1 },
        acked: { $sum: { $cond: [{ $gt: ['$ack', null] }, 1, 0] } },
        ackSum: { $sum: '$ack' },
        fixed: { $sum: { $cond: [{ $gt: ['$fix', null] }, 1, 0] } },
        fixSum: { $sum: '$fix' },
      },
    },
  ]);
  return rows.map(({ _id, ...sums }) => ({ key: _id ?? {}, sums }));
}

/** Count, MTTA and MTTR of `sums`. */
function timesOf(sums: TimeSums): IncidentTimes {
  return {
    count: sums.count,
    mttaMs: sums.acked ? sums.ackSum / sums.acked : undefined,
    mttrMs: sums.fixed ? sums.fixSum / sums.fixed : undefined,
  };
}

/** The times of all rows together: sums added, then divided (a mean of means would weigh groups wrongly). */
function total(rows: TimesRow[]): IncidentTimes {
  const all: TimeSums = { count: 0, acked: 0, ackSum: 0, fixed: 0, fixSum: 0 };
  for (const { sums } of rows) {
    for (const field of Object.keys(all) as Array<keyof TimeSums>) all[field] += sums[field];
  }
  return timesOf(all);
}

async function perBucket(incidents: IncidentModel, span: ReportSpan): Promise<Record<Severity, number[]>> {
  const buckets = bucketsOf(span)!;
  const rows = await incidents.aggregate<{ _id: { severity: Severity; index: number }; count: number }>([
    { $match: { 'stateAt.reported': { $gte: span.start, $lt: span.end } } },
    {
      $group: {
        _id: { severity: '$severity', index: bucketExpression('$stateAt.reported', span.start, buckets.sizeMs) },
        count: { $sum: 1 },
      },
    },
  ]);
  return Object.fromEntries(
    SEVERITIES.map((severity) => [
      severity,
      spread(
        rows.filter((r) => r._id.severity === severity).map((r) => ({ index: r._id.index, count: r.count })),
        buckets.count,
      ),
    ]),
  ) as Record<Severity, number[]>;
}

/**
 * Each system an incident of the period named, with the share of the period during which no P1 or
 * P2 incident on it was open (reported, not yet resolved); overlapping incidents count once.
 */
async function availability(incidents: IncidentModel, span: ReportSpan): Promise<IncidentNumbers['availability']> {
  const start = span.start.getTime();
  const end = Math.min(span.end.getTime(), span.at.getTime());
  const [systems, severe] = await Promise.all([
    incidents.distinct('system', {
      'stateAt.reported': { $gte: span.start, $lt: span.end },
      system: { $type: 'string' },
    }) as Promise<string[]>,
    incidents
      .find(
        {
          severity: { $in: SEVERE },
          system: { $type: 'string' },
          'stateAt.reported': { $lt: span.end },
          $or: [{ 'stateAt.resolved': { $gte: span.start } }, { 'stateAt.resolved': { $exists: false } }],
        },
        { system: 1, 'stateAt.reported': 1, 'stateAt.resolved': 1 },
      )
      .sort({ system: 1, 'stateAt.reported': 1 })
      .lean<Array<{ system: string; stateAt: { reported: Date; resolved?: Date } }>>(),
  ]);
  const down = new Map<string, number>();
  let current: { system: string; from: number; to: number } | undefined;
  const close = () => {
    if (current) down.set(current.system, (down.get(current.system) ?? 0) + current.to - current.from);
  };
  for (const incident of severe) {
    const from = Math.max(start, new Date(incident.stateAt.reported).getTime());
    const to = Math.min(end, incident.stateAt.resolved ? new Date(incident.stateAt.resolved).getTime() : end);
    if (to <= from) continue;
    // Sorted by system, then start: an interval that begins before the current one ends joins it.
    if (current && current.system === incident.system && from <= current.to) {
      current.to = Math.max(current.to, to);
      continue;
    }
    close();
    current = { system: incident.system, from, to };
  }
  close();
  const length = Math.max(1, end - start);
  const named = [...new Set([...systems, ...down.keys()])].sort();
  return named.map((system) => {
    const downMs = down.get(system) ?? 0;
    return { system, share: 1 - downMs / length, downMs };
  });
}
