// A roster as a spreadsheet (issue 17: "teams keep rosters in Excel"), read and written with
// exceljs as `.xlsx` or `.csv`. One row per shift: `date` (YYYY-MM-DD, the day its handover
// starts it), `primary`, `secondary` (optional) and `days` (optional, 1 by default), people by
// their identity key (`slack:U012AB`, `discord:81234`, `web:wang`), and optionally `primary_phone`
// and `secondary_phone` (read, never written back out). Headers may be in English or Chinese (日期,
// 主班, 副班, 天数, 主班电话, 副班电话). Reading checks only the shape; the rules check the meaning.
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';

export type SheetFormat = 'xlsx' | 'csv';

/** One row as read: its row number in the file (the header is row 1) and its cells as text. */
export interface SheetRow {
  row: number;
  date: string;
  primary: string;
  secondary: string;
  days: string;
  /** Phone numbers given with the roster (never written back out). */
  primaryPhone: string;
  secondaryPhone: string;
}

/** One row to write. */
export interface SheetShift {
  date: string;
  primary: string;
  secondary?: string;
  days: number;
}

const COLUMNS = ['date', 'primary', 'secondary', 'days'] as const;
type Column = (typeof COLUMNS)[number] | 'primary_phone' | 'secondary_phone';
const HEADER_NAMES: Record<string, Column> = {
  date: 'date',
  日期: 'date',
  primary: 'primary',
  主班: 'primary',
  secondary: 'secondary',
  副班: 'secondary',
  days: 'days',
  天数: 'days',
  primary_phone: 'primary_phone',
  主班电话: 'primary_phone',
  secondary_phone: 'secondary_phone',
  副班电话: 'secondary_phone',
};

/** The file could not be read as a roster at all (not a spreadsheet, no `date`/`primary` header). */
export class SheetShapeError extends Error {
  constructor(readonly problem: 'unreadable' | 'no_header' | 'too_many_rows') {
    super(problem);
  }
}

/** At most this many rows are read: a year of daily shifts, with room. */
export const MAX_ROWS = 500;

/** The rows of the first sheet of `data`. Throws SheetShapeError when it cannot be read as a roster. */
export async function readSheet(data: Buffer, format: SheetFormat): Promise<SheetRow[]> {
  const workbook = new ExcelJS.Workbook();
  let sheet: ExcelJS.Worksheet | undefined;
  try {
    if (format === 'xlsx') {
      await workbook.xlsx.load(data as unknown as ArrayBuffer);
      sheet = workbook.worksheets[0];
    } else {
      // Every cell kept as the text it is: exceljs would otherwise turn dates into instants in UTC.
      sheet = await workbook.csv.read(Readable.from([data]), { map: (value: unknown) => value });
    }
  } catch {
    throw new SheetShapeError('unreadable');
  }
  if (!sheet) throw new SheetShapeError('unreadable');
  const header = new Map<Column, number>();
  sheet.getRow(1).eachCell((cell, col) => {
    const name = HEADER_NAMES[cellText(cell.value).toLowerCase()];
    if (name && !header.has(name)) header.set(name, col);
  });
  if (!header.has('date') || !header.has('primary')) throw new SheetShapeError('no_header');
  if (sheet.rowCount - 1 > MAX_ROWS) throw new SheetShapeError('too_many_rows');
  const rows: SheetRow[] = [];
  for (let n = 2; n <= sheet.rowCount; n += 1) {
    const row = sheet.getRow(n);
    const read = (column: Column) => {
      const col = header.get(column);
      return col === undefined ? '' : cellText(row.getCell(col).value);
    };
    const parsed = {
      row: n,
      date: read('date'),
      primary: read('primary'),
      secondary: read('secondary'),
      days: read('days'),
      primaryPhone: read('primary_phone'),
      secondaryPhone: read('secondary_phone'),
    };
    if (parsed.date || parsed.primary || parsed.secondary || parsed.days) rows.push(parsed);
  }
  return rows;
}

/** A cell as text: an Excel date as its calendar day (Excel stores days, which exceljs gives as UTC midnight). */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('text' in value && typeof value.text === 'string') return value.text.trim();
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('richText' in value)
      return value.richText
        .map((part) => part.text)
        .join('')
        .trim();
    return '';
  }
  return String(value).trim();
}

/** The shifts as a workbook of one sheet, `.xlsx` or `.csv` bytes, with the English headers. */
export async function writeSheet(shifts: readonly SheetShift[], format: SheetFormat, name: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(name.slice(0, 31) || 'roster');
  sheet.addRow([...COLUMNS]);
  for (const shift of shifts) sheet.addRow([shift.date, shift.primary, shift.secondary ?? '', shift.days]);
  sheet.getColumn(1).width = 12;
  sheet.getColumn(2).width = 24;
  sheet.getColumn(3).width = 24;
  const bytes = format === 'xlsx' ? await workbook.xlsx.writeBuffer() : await workbook.csv.writeBuffer();
  return Buffer.from(bytes as ArrayBuffer);
}
