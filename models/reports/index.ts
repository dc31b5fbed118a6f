// The reports domain's models.
import type { Connection } from 'mongoose';
import { bindReportRun, type ReportRunModel } from './report-run.js';

export interface ReportModels {
  ReportRun: ReportRunModel;
}

export function bindReportModels(connection: Connection): ReportModels {
  return { ReportRun: bindReportRun(connection) };
}

declare module '../index.js' {
  interface Models extends ReportModels {}
}
