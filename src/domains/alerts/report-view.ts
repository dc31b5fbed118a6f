// The alerts' report section in words, charts and workbook rows (src/domains/alerts/report.ts
// counts it). Pure: every word through `t()`.
import { LAYERS } from '../../../models/alerts/alert.js';
import type { Translate } from '../../kernel/i18n.js';
import { begunOnly, bucketsOf } from '../report-buckets.js';
import type { ReportChart, ReportSheet, ReportSpan, SectionView } from '../report-section.js';
import { change } from '../report-words.js';
import type { AlertNumbers } from './report.js';

const KEY = 'alert.report_section';

/** The alerts' section of a report in `t`'s language. */
export function alertSectionView(numbers: AlertNumbers, span: ReportSpan, t: Translate): SectionView {
  const total = LAYERS.reduce((sum, layer) => sum + numbers.byLayer[layer], 0);
  const title = t(`${KEY}.title`);
  if (total === 0) return { title, lines: [t(`${KEY}.none`)], charts: [], sheets: sheets(numbers, span, t) };
  const layers = LAYERS.map((layer) => `${t(`alert.layer.${layer}`)} ${numbers.byLayer[layer]}`).join(' · ');
  const previous = numbers.previous;
  const before = previous ? LAYERS.reduce((sum, layer) => sum + previous[layer], 0) : undefined;
  const lines = [
    before === undefined
      ? t(`${KEY}.total`, { total, layers })
      : t(`${KEY}.total_vs`, { total, layers, change: change(total, before) }),
    t(`${KEY}.noisiest`, {
      list: numbers.noisiest.map((n) => t(`${KEY}.noisy_one`, { name: n.name, alerts: n.alerts })).join(' · '),
    }),
  ];
  return { title, lines, charts: charts(numbers, span, t), sheets: sheets(numbers, span, t) };
}

function charts(numbers: AlertNumbers, span: ReportSpan, t: Translate): ReportChart[] {
  const layerName = (layer: string) => t(`alert.layer.${layer}`);
  const buckets = bucketsOf(span);
  if (!buckets || !numbers.perBucket) {
    return [
      {
        id: 'alerts-by-layer',
        title: t(`${KEY}.chart_by_layer`),
        shape: 'grouped',
        categories: LAYERS.map(layerName),
        series: [{ name: t(`${KEY}.alerts`), values: LAYERS.map((layer) => numbers.byLayer[layer]) }],
      },
    ];
  }
  const perBucket = numbers.perBucket;
  return [
    {
      id: span.kind === 'weekly' ? 'alerts-per-day' : 'alerts-per-week',
      title: t(span.kind === 'weekly' ? `${KEY}.chart_per_day` : `${KEY}.chart_per_week`),
      shape: 'stacked',
      categories: buckets.labels,
      series: LAYERS.map((layer) => ({ name: layerName(layer), values: begunOnly(perBucket[layer], buckets) })),
    },
  ];
}

function sheets(numbers: AlertNumbers, span: ReportSpan, t: Translate): ReportSheet[] {
  if (span.kind !== 'quarterly') return [];
  const col = (key: string) => t(`${KEY}.columns.${key}`);
  return [
    {
      name: t(`${KEY}.sheet_layers`),
      columns: [
        { header: col('layer'), kind: 'text' },
        { header: col('alerts'), kind: 'number' },
        { header: col('previous'), kind: 'number' },
      ],
      rows: LAYERS.map((layer) => [
        t(`alert.layer.${layer}`),
        numbers.byLayer[layer],
        numbers.previous?.[layer] ?? null,
      ]),
    },
    {
      name: t(`${KEY}.sheet_noisiest`),
      columns: [
        { header: col('name'), kind: 'text' },
        { header: col('alerts'), kind: 'number' },
        { header: col('reports'), kind: 'number' },
      ],
      rows: numbers.noisiest.map((n) => [n.name, n.alerts, n.reports]),
    },
  ];
}
