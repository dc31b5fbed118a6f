// The incidents' report section in words, charts and workbook rows (src/domains/incidents/report.ts
// counts it). Pure: every word through `t()`.
import { SEVERITIES } from '../../../models/incidents/incident.js';
import { formatDuration } from '../../chat/time.js';
import type { Translate } from '../../kernel/i18n.js';
import { begunOnly, bucketsOf } from '../report-buckets.js';
import type { ReportChart, ReportSheet, ReportSpan, SectionView } from '../report-section.js';
import { change, hoursCell, meanTime, percent } from '../report-words.js';
import type { IncidentNumbers } from './report.js';

const KEY = 'incident.report_section';

/** The incidents' section of a report in `t`'s language. */
export function incidentSectionView(numbers: IncidentNumbers, span: ReportSpan, t: Translate): SectionView {
  const lines: string[] = [];
  const at = span.at.getTime();
  lines.push(
    numbers.openNow.length
      ? t(`${KEY}.open`, {
          list: numbers.openNow
            .map((o) =>
              t(`${KEY}.open_one`, { severity: o.severity, count: o.count, age: formatDuration(t, at - o.oldestAt) }),
            )
            .join(' · '),
        })
      : t(`${KEY}.open_none`),
  );
  const previous = numbers.previous;
  lines.push(
    previous
      ? t(`${KEY}.opened_resolved_vs`, {
          opened: numbers.opened,
          resolved: numbers.resolved,
          openedChange: change(numbers.opened, previous.opened),
          resolvedChange: change(numbers.resolved, previous.resolved),
        })
      : t(`${KEY}.opened_resolved`, { opened: numbers.opened, resolved: numbers.resolved }),
  );
  if (span.kind !== 'daily') {
    if (numbers.bySeverity.length === 0) lines.push(t(`${KEY}.times_none`));
    for (const row of numbers.bySeverity) {
      lines.push(
        t(`${KEY}.times`, {
          severity: row.severity,
          count: row.count,
          mtta: meanTime(t, row.mttaMs),
          mttr: meanTime(t, row.mttrMs),
        }),
      );
    }
    if (previous) {
      lines.push(
        t(`${KEY}.times_vs`, {
          mtta: meanTime(t, numbers.times.mttaMs),
          mttr: meanTime(t, numbers.times.mttrMs),
          previousMtta: meanTime(t, previous.times.mttaMs),
          previousMttr: meanTime(t, previous.times.mttrMs),
        }),
      );
    }
  }
  for (const row of numbers.availability ?? []) {
    lines.push(t(`${KEY}.availability`, { system: row.system, share: percent(row.share) }));
  }
  return { title: t(`${KEY}.title`), lines, charts: charts(numbers, span, t), sheets: sheets(numbers, span, t) };
}

function charts(numbers: IncidentNumbers, span: ReportSpan, t: Translate): ReportChart[] {
  const buckets = bucketsOf(span);
  if (!buckets || !numbers.perBucket) return [];
  const perBucket = numbers.perBucket;
  // No incident in the period: the words say so; an empty axis says nothing.
  if (SEVERITIES.every((s) => perBucket[s].every((n) => n === 0))) return [];
  return [
    {
      id: span.kind === 'weekly' ? 'incidents-per-day' : 'incidents-per-week',
      title: t(span.kind === 'weekly' ? `${KEY}.chart_per_day` : `${KEY}.chart_per_week`),
      shape: 'stacked',
      categories: buckets.labels,
      series: SEVERITIES.map((severity) => ({ name: severity, values: begunOnly(perBucket[severity], buckets) })),
    },
  ];
}

function sheets(numbers: IncidentNumbers, span: ReportSpan, t: Translate): ReportSheet[] {
  if (span.kind !== 'quarterly') return [];
  const col = (key: string) => t(`${KEY}.columns.${key}`);
  const buckets = bucketsOf(span)!;
  return [
    {
      name: t(`${KEY}.sheet_incidents`),
      columns: [
        { header: col('category'), kind: 'text' },
        { header: col('severity'), kind: 'text' },
        { header: col('count'), kind: 'number' },
        { header: col('mtta_h'), kind: 'hours' },
        { header: col('mttr_h'), kind: 'hours' },
      ],
      rows: (numbers.byCategory ?? []).map((row) => [
        t(`incident.category.${row.category}`),
        row.severity,
        row.count,
        hoursCell(row.mttaMs),
        hoursCell(row.mttrMs),
      ]),
    },
    {
      name: t(`${KEY}.sheet_trend`),
      columns: [
        { header: col('week_from'), kind: 'date' },
        ...SEVERITIES.map((s) => ({ header: s, kind: 'number' as const })),
      ],
      // Only the weeks begun: a week still to come has no row rather than a row of zeros.
      rows: buckets.labels
        .slice(0, buckets.begun)
        .map((_, i) => [
          new Date(span.start.getTime() + i * buckets.sizeMs),
          ...SEVERITIES.map((s) => numbers.perBucket?.[s][i] ?? 0),
        ]),
    },
    {
      name: t(`${KEY}.sheet_availability`),
      columns: [
        { header: col('system'), kind: 'text' },
        { header: col('availability'), kind: 'percent' },
        { header: col('down_h'), kind: 'hours' },
      ],
      rows: (numbers.availability ?? []).map((row) => [row.system, row.share, hoursCell(row.downMs)]),
    },
  ];
}
