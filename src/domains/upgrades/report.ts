// The upgrades' section of the reports (issue 16): upgrades completed and rolled back in the
// period (seed 4.2–4.3: every release is reviewed), the quarter before beside them in the weekly
// and quarterly reports, and the maintenance windows of the next 24 hours (the daily digest's
// "windows in the next 24 h"). Counted in the database; only the next day's few windows are read.
import type { UpgradeModel } from '../../../models/upgrades/upgrade.js';
import { formatTime } from '../../chat/time.js';
import type { Translate } from '../../kernel/i18n.js';
import type { ReportPeriod, ReportSection, ReportSheet, ReportSpan, SectionView } from '../report-section.js';

/** A window of the next 24 h, as kept in a report: instants as epoch milliseconds. */
export interface UpcomingWindow {
  id: string;
  system: string;
  version: string;
  start: number;
  end: number;
}

export interface UpgradeNumbers {
  completed: number;
  rolledBack: number;
  cancelled: number;
  /** Windows scheduled or in progress that overlap the 24 h after the report is made, soonest first. */
  upcoming: UpcomingWindow[];
  previous?: { completed: number; rolledBack: number };
}

const KEY = 'upgrade.report_section';
const DAY_MS = 86_400_000;
/** Windows listed at most; the rest are counted. */
const UPCOMING_SHOWN = 10;

/** The upgrades' report section, over the Upgrade model. */
export function upgradeReportSection(upgrades: UpgradeModel): ReportSection<UpgradeNumbers> {
  return {
    id: 'upgrades',
    numbers: async (span) => {
      const soon = { start: span.at, end: new Date(span.at.getTime() + DAY_MS) };
      const [now, upcoming] = await Promise.all([ended(upgrades, span), windowsIn(upgrades, soon)]);
      if (span.kind === 'daily') return { ...now, upcoming };
      const before = await ended(upgrades, span.previous);
      return { ...now, upcoming, previous: { completed: before.completed, rolledBack: before.rolledBack } };
    },
    view: upgradeSectionView,
  };
}

async function ended(upgrades: UpgradeModel, period: ReportPeriod) {
  const counts = await upgrades.aggregate<{ _id: string; n: number }>([
    {
      $match: {
        state: { $in: ['completed', 'rolled_back', 'cancelled'] },
        endedAt: { $gte: period.start, $lt: period.end },
      },
    },
    { $group: { _id: '$state', n: { $sum: 1 } } },
  ]);
  const of = (state: string) => counts.find((c) => c._id === state)?.n ?? 0;
  return { completed: of('completed'), rolledBack: of('rolled_back'), cancelled: of('cancelled') };
}

async function windowsIn(upgrades: UpgradeModel, span: { start: Date; end: Date }): Promise<UpcomingWindow[]> {
  const found = await upgrades
    .find({ state: { $in: ['scheduled', 'in_progress'] }, start: { $lt: span.end }, end: { $gt: span.start } })
    .sort({ start: 1 })
    .limit(UPCOMING_SHOWN + 1)
    .select({ system: 1, toVersion: 1, start: 1, end: 1 })
    .lean();
  return found.map((u) => ({
    id: u._id,
    system: u.system,
    version: u.toVersion,
    start: u.start.getTime(),
    end: u.end.getTime(),
  }));
}

function upgradeSectionView(numbers: UpgradeNumbers, span: ReportSpan, t: Translate): SectionView {
  const lines: string[] = [];
  if (numbers.completed + numbers.rolledBack + numbers.cancelled === 0) lines.push(t(`${KEY}.none`));
  else lines.push(t(`${KEY}.counts`, { ...numbers }));
  if (numbers.previous) lines.push(t(`${KEY}.previous`, { ...numbers.previous }));
  if (numbers.upcoming.length === 0) lines.push(t(`${KEY}.upcoming_none`));
  else {
    const shown = numbers.upcoming.slice(0, UPCOMING_SHOWN);
    const list = shown.map((w) =>
      t(`${KEY}.window`, {
        id: w.id,
        system: w.system,
        version: w.version,
        start: formatTime(new Date(w.start), span.timezone),
        end: formatTime(new Date(w.end), span.timezone),
      }),
    );
    const more = numbers.upcoming.length > UPCOMING_SHOWN ? [t(`${KEY}.upcoming_more`)] : [];
    lines.push(`${t(`${KEY}.upcoming`)}\n${[...list, ...more].join('\n')}`);
  }
  return { title: t(`${KEY}.title`), lines, charts: [], sheets: sheets(numbers, span, t) };
}

function sheets(numbers: UpgradeNumbers, span: ReportSpan, t: Translate): ReportSheet[] {
  if (span.kind !== 'quarterly') return [];
  const col = (key: string) => t(`${KEY}.columns.${key}`);
  return [
    {
      name: t(`${KEY}.sheet`),
      columns: [
        { header: col('period'), kind: 'text' },
        { header: col('completed'), kind: 'number' },
        { header: col('rolled_back'), kind: 'number' },
      ],
      rows: [
        [span.label, numbers.completed, numbers.rolledBack],
        [span.previous.label, numbers.previous?.completed ?? null, numbers.previous?.rolledBack ?? null],
      ],
    },
  ];
}
