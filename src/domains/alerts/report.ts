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
  const daily = span.kind === 'daily';
  const [counts, noisiest] = await Promise.all([countByLayer(alerts, span), noisiestNames(alerts, span)]);
  const numbers: AlertNumbers = { byLayer: counts.byLayer, noisiest };
  if (daily) return numbers;
  return { ...numbers, previous: counts.previous, perBucket: counts.perBucket };
}

const seenIn = (period: ReportPeriod) => ({ firstSeenAt: { $gte: period.start, $lt: period.end } });
const byLayerOf = (count: (layer: Layer) => number) =>
  Object.fromEntries(LAYERS.map((layer) => [layer, count(layer)])) as Record<Layer, number>;

/**
 * The period's alerts by layer, and (weekly, quarterly) the period before's and the period's per
 * bucket: one pass over the alerts of both periods, grouped by period, layer and bucket (a quarter
 * holds a million alerts; every pass over them costs seconds on the embedded engine).
 */
async function countByLayer(
  alerts: AlertModel,
  span: ReportSpan,
): Promise<Pick<AlertNumbers, 'byLayer' | 'previous' | 'perBucket'>> {
  const buckets = bucketsOf(span);
  const from = span.kind === 'daily' ? span.start : span.previous.start;
  const rows = await alerts.aggregate<{ _id: { layer: Layer; index: number }; count: number }>([
    { $match: { firstSeenAt: { $gte: from, $lt: span.end } } },
    {
      $group: {
        _id: {
          layer: '$layer',
          // −1: the period before; else the bucket (0 for a daily digest, which has none).
          index: {
            $cond: [
              { $lt: ['$firstSeenAt', span.start] },
              -1,
              buckets ? bucketExpression('$firstSeenAt', span.start, buckets.sizeMs) : 0,
            ],
          },
        },
        count: { $sum: 1 },
      },
    },
  ]);
  const current = rows.filter((r) => r._id.index >= 0);
  const sum = (list: typeof rows, layer: Layer) =>
    list.filter((r) => r._id.layer === layer).reduce((total, r) => total + r.count, 0);
  const byLayer = byLayerOf((layer) => sum(current, layer));
  if (!buckets) return { byLayer };
  const previous = byLayerOf((layer) =>
    sum(
      rows.filter((r) => r._id.index < 0),
      layer,
    ),
  );
  const perBucket = Object.fromEntries(
    LAYERS.map((layer) => [
      layer,
      spread(
        current.filter((r) => r._id.layer === layer).map((r) => ({ index: r._id.index, count: r.count })),
        buckets.count,
      ),
    ]),
  ) as Record<Layer, number[]>;
  return { byLayer, previous, perBucket };
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
