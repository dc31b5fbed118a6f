// The time buckets a report's charts count in: the days of a weekly review, the weeks of a quarterly
// evaluation (seven-day steps from the quarter's first day). Counted in the database with one
// arithmetic expression, so no document is read into Node to be put in its bucket.
import { formatTime } from '../chat/time.js';
import type { ReportSpan } from './report-section.js';

const DAY_MS = 86_400_000;

/** `count` buckets of `sizeMs` from the span's start, each named by its first day (`12-01`). */
export interface Buckets {
  sizeMs: number;
  count: number;
  labels: string[];
  /**
   * How many of them have begun by the time the report is made (`count` for a period that is
   * over): the later ones of a report made "so far" have no numbers yet, which is not zero.
   */
  begun: number;
}

/** The buckets of `span`: days for a weekly review, weeks for a quarterly evaluation; none for a daily digest. */
export function bucketsOf(span: ReportSpan): Buckets | undefined {
  if (span.kind === 'daily') return undefined;
  const sizeMs = span.kind === 'weekly' ? DAY_MS : 7 * DAY_MS;
  // The whole period, even when it is only partly over: the chart's axis does not change as it fills.
  const count = Math.max(1, Math.ceil((span.end.getTime() - span.start.getTime()) / sizeMs));
  const labels = Array.from({ length: count }, (_, i) =>
    formatTime(new Date(span.start.getTime() + i * sizeMs), span.timezone).slice(5, 10),
  );
  const begun = span.soFar
    ? Math.min(count, Math.max(1, Math.ceil((span.at.getTime() - span.start.getTime()) / sizeMs)))
    : count;
  return { sizeMs, count, labels, begun };
}

/**
 * A bucket series as a chart draws it: the buckets not yet begun are `null` (drawn as nothing, not
 * as a zero bar), so a report made before its period ends does not show the rest as quiet days.
 */
export function begunOnly(values: readonly number[], buckets: Buckets): Array<number | null> {
  return values.map((value, i) => (i < buckets.begun ? value : null));
}

/**
 * The aggregation expression of the bucket `field` (a date, `'$stateAt.reported'`) falls in: whole
 * `sizeMs` steps since `start`. Days are 24 h steps from the local midnight the span begins at
 * (a day when clocks change is off by that hour; TIMEZONE Asia/Shanghai has none).
 */
export function bucketExpression(field: string, start: Date, sizeMs: number): object {
  return { $floor: { $divide: [{ $subtract: [field, start] }, sizeMs] } };
}

/** Counts by bucket, `{_id: index, count}` rows → one number per bucket (indexes outside are dropped). */
export function spread(rows: Array<{ index: number; count: number }>, count: number): number[] {
  const values = new Array<number>(count).fill(0);
  for (const row of rows) if (row.index >= 0 && row.index < count) values[row.index]! += row.count;
  return values;
}
