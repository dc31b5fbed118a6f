// The restores' section of the reports (issue 16): restores waiting now (to approve, execute or
// verify), asked for in the period, verified in it, and the median time from request to verified.
// Counted in the database; only the verified ones' durations are read, to take their median.
import { OPEN_RESTORE_STATES, type RestoreRequestModel } from '../../../models/restores/restore-request.js';
import type { Translate } from '../../kernel/i18n.js';
import type { ReportPeriod, ReportSection, ReportSheet, ReportSpan, SectionView } from '../report-section.js';
import { hoursCell, meanTime } from '../report-words.js';

export interface RestoreNumbers {
  pendingNow: number;
  requested: number;
  verified: number;
  failed: number;
  /** From request to verified, of those verified in the period; undefined when none was. */
  medianMs?: number | undefined;
  previous?: { requested: number; verified: number; medianMs?: number | undefined };
}

const KEY = 'restore.report_section';

/** The restores' report section, over the RestoreRequest model. */
export function restoreReportSection(requests: RestoreRequestModel): ReportSection<RestoreNumbers> {
  return {
    id: 'restores',
    numbers: async (span) => {
      const [pendingNow, now] = await Promise.all([
        requests.countDocuments({ state: { $in: OPEN_RESTORE_STATES } }),
        periodNumbers(requests, span),
      ]);
      if (span.kind === 'daily') return { pendingNow, ...now };
      const before = await periodNumbers(requests, span.previous);
      const previous = { requested: before.requested, verified: before.verified, medianMs: before.medianMs };
      return { pendingNow, ...now, previous };
    },
    view: restoreSectionView,
  };
}

async function periodNumbers(requests: RestoreRequestModel, period: ReportPeriod) {
  const within = { $gte: period.start, $lt: period.end };
  const [requested, failed, durations] = await Promise.all([
    requests.countDocuments({ createdAt: within }),
    requests.countDocuments({ state: { $in: ['failed', 'verify_failed'] }, updatedAt: within }),
    requests.aggregate<{ ms: number }>([
      { $match: { state: 'verified', 'verification.at': within } },
      { $project: { _id: 0, ms: { $subtract: ['$verification.at', '$createdAt'] } } },
      { $sort: { ms: 1 } },
    ]),
  ]);
  return { requested, failed, verified: durations.length, medianMs: median(durations.map((d) => d.ms)) };
}

/** The middle value of sorted `values` (the mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const mid = Math.floor(values.length / 2);
  return values.length % 2 ? values[mid] : (values[mid - 1]! + values[mid]!) / 2;
}

function restoreSectionView(numbers: RestoreNumbers, span: ReportSpan, t: Translate): SectionView {
  const lines = [t(`${KEY}.pending`, { count: numbers.pendingNow })];
  if (numbers.requested + numbers.verified + numbers.failed === 0) lines.push(t(`${KEY}.none`));
  else {
    lines.push(
      t(`${KEY}.counts`, {
        requested: numbers.requested,
        verified: numbers.verified,
        failed: numbers.failed,
        median: meanTime(t, numbers.medianMs),
      }),
    );
  }
  if (numbers.previous) {
    lines.push(
      t(`${KEY}.previous`, {
        requested: numbers.previous.requested,
        verified: numbers.previous.verified,
        median: meanTime(t, numbers.previous.medianMs),
      }),
    );
  }
  return { title: t(`${KEY}.title`), lines, charts: [], sheets: sheets(numbers, span, t) };
}

function sheets(numbers: RestoreNumbers, span: ReportSpan, t: Translate): ReportSheet[] {
  if (span.kind !== 'quarterly') return [];
  const col = (key: string) => t(`${KEY}.columns.${key}`);
  return [
    {
      name: t(`${KEY}.sheet`),
      columns: [
        { header: col('period'), kind: 'text' },
        { header: col('requested'), kind: 'number' },
        { header: col('verified'), kind: 'number' },
        { header: col('median_h'), kind: 'hours' },
      ],
      rows: [
        [span.label, numbers.requested, numbers.verified, hoursCell(numbers.medianMs)],
        [
          span.previous.label,
          numbers.previous?.requested ?? null,
          numbers.previous?.verified ?? null,
          hoursCell(numbers.previous?.medianMs),
        ],
      ],
    },
  ];
}
