// The backups' section of the reports (issue 16): compliance — the share of the backup runs that
// began in the period and finished that succeeded — overall and per scope, against the period
// before; counted by aggregation in the database (a quarter may hold 100,000 runs).
import { SCOPES, type BackupRunModel, type Scope } from '../../../models/backups/backup-run.js';
import type { ReportPeriod, ReportSection, ReportSheet, ReportSpan, SectionView } from '../report-section.js';
import { change, percent } from '../report-words.js';
import type { Translate } from '../../kernel/i18n.js';

export interface ScopeCompliance {
  scope: Scope;
  succeeded: number;
  failed: number;
}

export interface BackupNumbers {
  byScope: ScopeCompliance[];
  previous?: ScopeCompliance[];
}

const KEY = 'backup.report_section';

/** The backups' report section, over the BackupRun model. */
export function backupReportSection(runs: BackupRunModel): ReportSection<BackupNumbers> {
  return {
    id: 'backups',
    numbers: async (span) => ({
      byScope: await compliance(runs, span),
      ...(span.kind === 'daily' ? {} : { previous: await compliance(runs, span.previous) }),
    }),
    view: backupSectionView,
  };
}

async function compliance(runs: BackupRunModel, period: ReportPeriod): Promise<ScopeCompliance[]> {
  const rows = await runs.aggregate<{ _id: Scope; succeeded: number; failed: number }>([
    { $match: { startedAt: { $gte: period.start, $lt: period.end }, status: { $in: ['succeeded', 'failed'] } } },
    {
      $group: {
        _id: '$scope',
        succeeded: { $sum: { $cond: [{ $eq: ['$status', 'succeeded'] }, 1, 0] } },
        failed: { $sum: { $cond: [{ $eq: ['$status', 'failed'] }, 1, 0] } },
      },
    },
  ]);
  return SCOPES.flatMap((scope) => {
    const row = rows.find((r) => r._id === scope);
    return row ? [{ scope, succeeded: row.succeeded, failed: row.failed }] : [];
  });
}

/** Succeeded over finished, or undefined when none finished. */
export function shareOf(rows: readonly ScopeCompliance[]): number | undefined {
  const succeeded = rows.reduce((sum, r) => sum + r.succeeded, 0);
  const finished = succeeded + rows.reduce((sum, r) => sum + r.failed, 0);
  return finished ? succeeded / finished : undefined;
}

function backupSectionView(numbers: BackupNumbers, span: ReportSpan, t: Translate): SectionView {
  const title = t(`${KEY}.title`);
  const all = shareOf(numbers.byScope);
  const sheets = sheetsOf(numbers, span, t);
  if (all === undefined) return { title, lines: [t(`${KEY}.none`)], charts: [], sheets };
  const before = numbers.previous ? shareOf(numbers.previous) : undefined;
  const failed = numbers.byScope.reduce((sum, r) => sum + r.failed, 0);
  const lines = [
    before === undefined
      ? t(`${KEY}.overall`, { share: percent(all), failed })
      : t(`${KEY}.overall_vs`, { share: percent(all), failed, before: percent(before) }),
    ...numbers.byScope.map((row) =>
      t(`${KEY}.scope`, {
        scope: t(`backup.scope.${row.scope}`),
        share: percent(shareOf([row])!),
        succeeded: row.succeeded,
        finished: row.succeeded + row.failed,
      }),
    ),
  ];
  if (before !== undefined) lines.push(t(`${KEY}.points`, { change: change(all * 100, before * 100) }));
  return { title, lines, charts: [], sheets };
}

function sheetsOf(numbers: BackupNumbers, span: ReportSpan, t: Translate): ReportSheet[] {
  if (span.kind !== 'quarterly') return [];
  const col = (key: string) => t(`${KEY}.columns.${key}`);
  return [
    {
      name: t(`${KEY}.sheet`),
      columns: [
        { header: col('scope'), kind: 'text' },
        { header: col('succeeded'), kind: 'number' },
        { header: col('failed'), kind: 'number' },
        { header: col('compliance'), kind: 'percent' },
        { header: col('previous'), kind: 'percent' },
      ],
      rows: numbers.byScope.map((row) => {
        const before = numbers.previous?.find((p) => p.scope === row.scope);
        return [
          t(`backup.scope.${row.scope}`),
          row.succeeded,
          row.failed,
          shareOf([row]) ?? null,
          before ? (shareOf([before]) ?? null) : null,
        ];
      }),
    },
  ];
}
