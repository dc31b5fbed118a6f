// The audit trail as CSV, in the reader's language: one row per record, the columns of
// `/ops audit`'s lines (time in TIMEZONE to the second, actor, action, object, before, after,
// reason, outcome, via). RFC 4180 quoting by csv-stringify; UTF-8 with a byte-order mark so that
// Excel reads Chinese as Chinese rather than as the system code page.
import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { stringify as stringifyNow } from 'csv-stringify/sync';
import type { Translate } from '../../../kernel/i18n.js';
import { auditWords, type AuditRecord } from './audit-words.js';

/** The byte-order mark csv-stringify writes first (`bom: true`). */
export const UTF8_BOM = '\uFEFF';

/** The header row in the reader's language; the time column names the zone. */
export function auditCsvHeader(t: Translate, zone: string): string[] {
  return [
    t('audit_cmd.csv.time', { zone }),
    t('audit_cmd.csv.actor'),
    t('audit_cmd.csv.action'),
    t('audit_cmd.csv.object'),
    t('audit_cmd.csv.before'),
    t('audit_cmd.csv.after'),
    t('audit_cmd.csv.reason'),
    t('audit_cmd.csv.outcome'),
    t('audit_cmd.csv.via'),
  ];
}

/** One record as a row, in the reader's words, each cell safe to open in a spreadsheet. */
export function auditCsvRow(t: Translate, record: AuditRecord, zone: string): string[] {
  const w = auditWords(t, record, zone, true);
  return [w.time, w.actor, w.action, w.object, w.before, w.after, w.reason, w.outcome, w.via].map(inert);
}

/** The whole file as a stream of UTF-8 bytes, read from `records` as it is consumed (any size). */
export function auditCsvStream(t: Translate, records: AsyncIterable<AuditRecord>, zone: string): Readable {
  async function* rows() {
    yield auditCsvHeader(t, zone);
    for await (const record of records) yield auditCsvRow(t, record, zone);
  }
  const source = Readable.from(rows());
  const csv = stringify({ bom: true });
  // pipe() does not pass on a failure of the source (the database went away): the reader must see it.
  source.on('error', (error) => csv.destroy(error));
  return source.pipe(csv);
}

/**
 * A few rows as CSV text, header first and without the byte-order mark, one string per row (a row
 * may hold line breaks inside its quotes): for a chat answer.
 */
export function auditCsvRows(t: Translate, records: readonly AuditRecord[], zone: string): string[] {
  return [auditCsvHeader(t, zone), ...records.map((r) => auditCsvRow(t, r, zone))].map((row) =>
    stringifyNow([row]).replace(/\n$/, ''),
  );
}

/**
 * A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, or a tab or return first) gets
 * a leading `'`: people type incident updates and silence reasons, and opening the export must not
 * run what they typed (OWASP, "CSV injection").
 */
function inert(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}
