// The measured side of bench/quarterly-report.ts, in a process of its own so its memory is
// Zhiban's alone: connects to the prepared database, makes the quarterly evaluation of 2026-Q4
// (every section's numbers by aggregation, then the report drawn in both languages: charts as PNG,
// the workbook) and prints `RESULT {ms, peakRssMb, baseRssMb, files, bytes}` on stdout.
import { performance } from 'node:perf_hooks';
import { ensureIndexes } from '../models/index.js';
import { connectDatabase } from '../src/db/connect.js';
import { alertReportSection } from '../src/domains/alerts/report.js';
import { backupReportSection } from '../src/domains/backups/report-section.js';
import { incidentReportSection } from '../src/domains/incidents/report.js';
import { bindModels } from '../src/domains/registry.js';
import { reportMessage } from '../src/domains/reports/cards/report-message.js';
import { makeReport } from '../src/domains/reports/rules/report-maker.js';
import { spanOf } from '../src/domains/reports/rules/report-span.js';
import { restoreReportSection } from '../src/domains/restores/report.js';
import { surveyReportSection } from '../src/domains/surveys/report-section.js';
import { LOCALES, Translator } from '../src/kernel/i18n.js';
import { silentLogger } from '../src/kernel/logger.js';

const MB = 2 ** 20;

async function main(uri: string): Promise<void> {
  const connection = await connectDatabase(uri, silentLogger());
  const models = bindModels(connection);
  await ensureIndexes(models);
  const sections = [
    incidentReportSection(models.Incident),
    alertReportSection(models.Alert),
    backupReportSection(models.BackupRun),
    restoreReportSection(models.RestoreRequest),
    surveyReportSection(models.Survey),
  ];
  const translator = new Translator('zh-CN');
  const found = spanOf('quarterly', '2026-Q4', new Date('2027-01-01T01:00:00Z'), 'Asia/Shanghai');
  if (!found.ok) throw new Error('no span');
  const baseRss = process.memoryUsage().rss;
  let peak = baseRss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const started = performance.now();
  const data = await makeReport(sections, found.span);
  const numbersMs = performance.now() - started;
  let files = 0;
  let bytes = 0;
  for (const locale of LOCALES) {
    const message = await reportMessage(data, sections, translator.forLocale(locale));
    files += message.attachments?.length ?? 0;
    bytes += JSON.stringify(message).length;
  }
  const ms = performance.now() - started;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  await connection.close();
  const result = {
    ms: Math.round(ms),
    numbersMs: Math.round(numbersMs),
    peakRssMb: Math.round(peak / MB),
    baseRssMb: Math.round(baseRss / MB),
    files,
    bytes,
  };
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
}

main(process.argv[2]!).then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
