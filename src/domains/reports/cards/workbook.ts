// The quarterly evaluation as an .xlsx workbook (exceljs), the file an auditor keeps: one sheet per
// section's table, headers in the reader's language, numbers as numbers, shares as percentages,
// hours with two decimals, dates as dates (in the team's zone, written as that wall-clock day).
import ExcelJS from 'exceljs';
import type { ReportSheet, SheetColumnKind } from '../../report-section.js';
import { formatTime } from '../../../chat/time.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const FORMATS: Record<SheetColumnKind, string | undefined> = {
  text: undefined,
  number: '0',
  percent: '0.0%',
  hours: '0.00',
  date: 'yyyy-mm-dd',
};

/** Excel allows 31 characters and none of `\ / ? * [ ] :` in a sheet's name, and no two alike. */
function sheetName(name: string, taken: Set<string>): string {
  const clean = [...name.replace(/[\\/?*[\]:]/g, ' ')].slice(0, 28).join('').trim() || 'Sheet';
  let candidate = clean;
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${clean} ${n}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

/**
 * The workbook of `sheets` (an empty sheet still has its headers). `timezone` places dates: Excel
 * has no zones, so a date cell holds the local calendar day as written in TIMEZONE.
 */
export async function workbookOf(title: string, sheets: readonly ReportSheet[], timezone: string): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Zhiban';
  book.title = title;
  // Fixed, so the same report gives the same file.
  book.created = new Date(0);
  book.modified = new Date(0);
  const taken = new Set<string>();
  for (const sheet of sheets) {
    const ws = book.addWorksheet(sheetName(sheet.name, taken));
    ws.columns = sheet.columns.map((column) => ({
      header: column.header,
      width: Math.max(12, [...column.header].length * 2 + 2),
      ...(FORMATS[column.kind] ? { style: { numFmt: FORMATS[column.kind] } } : {}),
    }));
    ws.getRow(1).font = { bold: true };
    ws.views = [{ state: 'frozen', ySplit: 1 }];
    for (const row of sheet.rows) {
      ws.addRow(
        row.map((cell, i) =>
          cell instanceof Date && sheet.columns[i]?.kind === 'date' ? localDate(cell, timezone) : cell,
        ),
      );
    }
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The wall-clock day of `at` in `timezone`, as the UTC midnight Excel shows as that day. */
function localDate(at: Date, timezone: string): Date {
  return new Date(`${formatTime(at, timezone).slice(0, 10)}T00:00:00Z`);
}
