// A duty roster as a team keeps it in Excel, for tests: rows of date, primary, secondary written
// with exceljs, and the upload a script makes (PUT /duty/<team>.xlsx with WEBHOOK_TOKEN).
import ExcelJS from 'exceljs';
import { WEBHOOK_TOKEN } from './harness.js';

export type RosterRow = [date: string, primary: string, secondary?: string, primaryPhone?: string];

/** The rows as `.xlsx` bytes with the Chinese headers a team would type (a phone column when a row has one). */
export async function rosterWorkbook(rows: readonly RosterRow[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('值班表');
  const phones = rows.some((row) => row[3] !== undefined);
  sheet.addRow(['日期', '主班', '副班', ...(phones ? ['主班电话'] : [])]);
  for (const [date, primary, secondary, phone] of rows) {
    sheet.addRow([date, primary, secondary ?? '', ...(phones ? [phone ?? ''] : [])]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Uploads a roster file to Zhiban; answers the status and the JSON body. */
export async function uploadRoster(
  zhibanUrl: string,
  team: string,
  body: Buffer | string,
  ext: 'xlsx' | 'csv' = 'xlsx',
  token = WEBHOOK_TOKEN,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${zhibanUrl}/duty/${team}.${ext}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}
