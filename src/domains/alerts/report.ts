// The alerts' section of the reports (issue 16): alerts first seen in the period by layer (and the
// period before), the five noisiest alert names, and alerts per day (week) by layer; counted by
// aggregation in the database, never read into Node (a quarter may hold a million alerts).
import { LAYERS, type AlertModel, type Layer } from '../../../models/alerts/alert.js';
import { bucketExpression, bucketsOf, spread } from '../report-buckets.js';
import type { ReportPeriod, ReportSection, ReportSpan } from '../report-section.js';
import { alertSectionView } from './report-view.js';

export interface AlertNumbers {
  byLayer: Record<Layer, number>;
  /** At most five: the names with the most alerts, then the most reports (`count`) of them. */
  noisiest: Array<{ name: string; alerts: number; reports: number }>;
  previous?: Record<Layer, number>;
  /** Weekly and quarterly: per bucket (day, week), by layer. */
  perBucket?: Record<Layer, number[]>;
}

const NOISIEST = 5;

/** The alerts' report section, over the Alert model. */
export function alertReportSection(alerts: AlertModel): ReportSection<AlertNumbers> {
  return { id: 'alerts', numbers: (span) => alertNumbers(alerts, span), view: alertSectionView };
}

async function alertNumbers(alerts: AlertModel, span: ReportSpan): Promise<AlertNumbers> {
  const [byLayer, noisiest] = await Promise.all([countByLayer(alerts, span), noisiestNames(alerts, span)]);
  const numbers: AlertNumbers = { byLayer, noisiest };
  if (span.kind === 'daily') return numbers;
  const [previous, perBucket] = await Promise.all([countByLayer(alerts, span.previous), byBucket(alerts, span)]);
  return { ...numbers, previous, perBucket };
}

const seenIn = (period: ReportPeriod) => ({ firstSeenAt: { $gte: period.start, $lt: period.end } });

async function countByLayer(alerts: AlertModel, period: ReportPeriod): Promise<Record<Layer, number>> {
  const rows = await alerts.aggregate<{ _id: Layer; count: number }>([
    { $match: seenIn(period) },
    { $group: { _id: '$layer', count: { $sum: 1 } } },
  ]);
  return Object.fromEntries(LAYERS.map((layer) => [layer, rows.find((r) => r._id === layer)?.count ?? 0])) as Record<
    Layer,
    number
  >;
}

async function noisiestNames(alerts: AlertModel, period: ReportPeriod): Promise<AlertNumbers['noisiest']> {
  const rows = await alerts.aggregate<{ _id: string; alerts: number; reports: number }>([
    { $match: seenIn(period) },
    { $group: { _id: '$name', alerts: { $sum: 1 }, reports: { $sum: '$count' } } },
    { $sort: { alerts: -1, reports: -1, _id: 1 } },
    { $limit: NOISIEST },
  ]);
  return rows.map((row) => ({ name: row._id, alerts: row.alerts, reports: row.reports }));
}

async function byBucket(alerts: AlertModel, span: ReportSpan): Promise<Record<Layer, number[]>> {
  const buckets = bucketsOf(span)!;
  const rows = await alerts.aggregate<{ _id: { layer: Layer; index: number }; count: number }>([
    { $match: seenIn(span) },
    {
      $group: {
        _id: { layer: '$layer', index: bucketExpression('$firstSeenAt', span.start, buckets.sizeMs) },
        count: { $sum: 1 },
      },
    },
  ]);
  return Object.fromEntries(
    LAYERS.map((layer) => [
      layer,
      spread(
        rows.filter((r) => r._id.layer === layer).map((r) => ({ index: r._id.index, count: r.count })),
        buckets.count,
      ),
    ]),
  ) as Record<Layer, number[]>;
}
