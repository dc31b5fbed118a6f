// Makes a report's numbers: every declared section's (DomainKernel.reportSections), in the order
// people read them, counted in the database for one span.
import type { ReportSection, ReportSpan } from '../../report-section.js';

/**
 * The order sections are read in; a section of a domain not named here (a later domain's) comes
 * after these, in the order the domains are listed.
 */
export const SECTION_ORDER = ['incidents', 'alerts', 'backups', 'restores', 'upgrades', 'surveys'];

/** A report's numbers: one entry per section, plain JSON. */
export interface ReportData {
  span: ReportSpan;
  sections: Array<{ id: string; numbers: unknown }>;
}

/** The sections `sections()` gives, in SECTION_ORDER. */
export function orderedSections(sections: readonly ReportSection[]): ReportSection[] {
  const rank = (id: string) => {
    const at = SECTION_ORDER.indexOf(id);
    return at < 0 ? SECTION_ORDER.length : at;
  };
  return [...sections].sort((a, b) => rank(a.id) - rank(b.id));
}

/** Counts every section for `span`; the sections run one after another, to spare a shared database. */
export async function makeReport(sections: readonly ReportSection[], span: ReportSpan): Promise<ReportData> {
  const made: ReportData['sections'] = [];
  for (const section of orderedSections(sections)) made.push({ id: section.id, numbers: await section.numbers(span) });
  return { span, sections: made };
}
