// What a domain contributes to the team's reports (issue 16): its numbers over a period, computed by
// aggregation in the database, and those numbers in words, charts and workbook rows. Each domain
// writes its section in its own folder (`src/domains/<d>/report.ts`) and declares it in its
// DomainParts (`reportSections`); the reports domain reads every declared section through
// DomainKernel.reportSections(). The arrows point inward: a domain knows this contract, never the
// reports domain, so a domain built before reports (all of them) needs nothing built after it.
import type { Translate } from '../kernel/i18n.js';

export const REPORT_KINDS = ['daily', 'weekly', 'quarterly'] as const;
/** The daily digest, the weekly review, the quarterly evaluation. */
export type ReportKind = (typeof REPORT_KINDS)[number];

/** A span of time: `[start, end)`, with its name (`2026-12-01`, `2026-W49`, `2026-Q4`). */
export interface ReportPeriod {
  label: string;
  start: Date;
  end: Date;
}

/** What one report covers. */
export interface ReportSpan extends ReportPeriod {
  kind: ReportKind;
  /** The period before, for "against the week (quarter) before". */
  previous: ReportPeriod;
  /** When the report is made: "open now" and "windows in the next 24 h" are read at this instant. */
  at: Date;
  /**
   * The report covers its period only so far (asked for during it). `end` is still the period's end:
   * nothing can have happened after `at`, and the charts keep the whole period's axis.
   */
  soFar: boolean;
  /** The team's zone (TIMEZONE): days and weeks begin at its midnight. */
  timezone: string;
}

/** A chart to draw: one value per category for each series, in the reader's words. */
export interface ReportChart {
  /** Names the file: `incidents-per-day`. */
  id: string;
  title: string;
  /** Stacked bars (incidents per day by severity) or bars side by side. */
  shape: 'stacked' | 'grouped';
  categories: string[];
  /** `null`: no number yet (a bucket of a report made "so far" that has not begun), drawn empty. */
  series: Array<{ name: string; values: Array<number | null> }>;
}

/** How a workbook column is written: numbers as numbers, dates as dates, shares as percentages. */
export type SheetColumnKind = 'text' | 'number' | 'percent' | 'hours' | 'date';

/** One sheet of the quarterly workbook (an auditor's file): headers in the reader's language. */
export interface ReportSheet {
  name: string;
  columns: Array<{ header: string; kind: SheetColumnKind }>;
  /** `null` is an empty cell (no data, e.g. no MTTA when nothing was acknowledged). */
  rows: Array<Array<string | number | Date | null>>;
}

/** One section of a report in one language. */
export interface SectionView {
  title: string;
  /** What it says; a section with no data says so in one line (and draws no chart). */
  lines: string[];
  charts: ReportChart[];
  /** Only the quarterly evaluation has a workbook; other kinds may leave this empty. */
  sheets: ReportSheet[];
}

/**
 * A domain's section. `N` is its numbers: plain JSON (numbers, strings, arrays, objects; instants as
 * epoch milliseconds), so a report can be kept and drawn again in any language.
 */
export interface ReportSection<N = unknown> {
  /** `incidents`, `alerts`, …: orders the sections (see the reports domain's SECTION_ORDER). */
  id: string;
  /** The numbers of `span`, by aggregation in the database. */
  numbers(span: ReportSpan): Promise<N>;
  /** Those numbers in the words of `t`; pure (no database, no clock). */
  view(numbers: N, span: ReportSpan, t: Translate): SectionView;
}
