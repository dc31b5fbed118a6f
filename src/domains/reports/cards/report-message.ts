// A report as a message in one language: a card with one field per section (its lines), the charts
// drawn as PNG images and, for the quarterly evaluation, the workbook; plus the plain text of it all.
import type { Attachment, Message } from '../../../chat/card.js';
import { formatTime } from '../../../chat/time.js';
import type { Translate } from '../../../kernel/i18n.js';
import type { ReportSection, SectionView } from '../../report-section.js';
import { chartPng } from '../charts/chart-png.js';
import { orderedSections, type ReportData } from '../rules/report-maker.js';
import { workbookOf, XLSX_TYPE } from './workbook.js';

const KEY = 'report';

/** The report's views, one per section whose numbers it has (a section no longer declared is left out). */
export function sectionViews(data: ReportData, sections: readonly ReportSection[], t: Translate): SectionView[] {
  return orderedSections(sections).flatMap((section) => {
    const made = data.sections.find((s) => s.id === section.id);
    return made ? [section.view(made.numbers, data.span, t)] : [];
  });
}

/** The title: `每日简报 2026-12-01`, with "so far" when the period is not over. */
export function reportTitle(data: ReportData, t: Translate): string {
  const { kind, label, soFar, at, timezone } = data.span;
  const title = t(`${KEY}.title.${kind}`, { label });
  return soFar ? t(`${KEY}.so_far`, { title, at: formatTime(at, timezone) }) : title;
}

/** The whole report in `t`'s language, with its files (charts; the workbook of a quarterly one). */
export async function reportMessage(
  data: ReportData,
  sections: readonly ReportSection[],
  t: Translate,
): Promise<Message> {
  const views = sectionViews(data, sections, t);
  const title = reportTitle(data, t);
  const { span } = data;
  const period = t(`${KEY}.period`, {
    from: formatTime(span.start, span.timezone),
    to: formatTime(span.soFar ? span.at : span.end, span.timezone),
  });
  const attachments: Attachment[] = views.flatMap((view) =>
    view.charts.map((chart) => ({
      name: `${span.kind}-${span.label}-${chart.id}.png`,
      contentType: 'image/png',
      title: chart.title,
      data: chartPng(chart).toString('base64'),
    })),
  );
  if (span.kind === 'quarterly') {
    const book = await workbookOf(
      title,
      views.flatMap((view) => view.sheets),
      span.timezone,
    );
    attachments.push({
      name: `${t(`${KEY}.file_name`)}-${span.label}.xlsx`,
      contentType: XLSX_TYPE,
      title: t(`${KEY}.workbook`, { label: span.label }),
      data: book.toString('base64'),
    });
  }
  const text = [title, period, ...views.flatMap((view) => [`${view.title}:`, ...view.lines])].join('\n');
  return {
    text,
    cards: [
      {
        title,
        text: period,
        tone: 'info',
        fields: views.map((view) => ({ label: view.title, value: view.lines.join('\n') })),
        footer: t(`${KEY}.footer`, { at: formatTime(span.at, span.timezone) }),
      },
    ],
    attachments,
  };
}
