// The reports domain (issue 16; seed 3.3, 7.3.3, chapter 10): the daily digest, the weekly review
// and the quarterly evaluation, with charts (PNG) and, each quarter, a workbook (.xlsx); posted on
// schedule in the `reports` channel and made on demand with `/ops report`. Its numbers are every
// domain's report section (src/domains/report-section.ts), declared in their DomainParts and read
// here through DomainKernel.reportSections(): the reports domain knows no other domain's models.
import { registerReports } from '../../../handlers/reports/register.js';
import { ReportJobs } from '../../../jobs/reports/schedule.js';
import { bindReportModels } from '../../../models/reports/index.js';
import type { DomainModule } from '../module.js';
import type { ReportKind } from '../report-section.js';
import { ReportAnnouncer } from './announcer.js';
import { REPORT_CONFIG } from './config.js';
import { REPORT_PERMISSIONS } from './permissions.js';
import { ScheduledReports } from './rules/scheduled-reports.js';

export const reports: DomainModule = {
  name: 'reports',
  // `report` is a subcommand of the ops domain's `/ops` (CONTRACT.md); the catalog joins it there.
  commands: { ops: ['report'] },
  permissions: REPORT_PERMISSIONS,
  config: REPORT_CONFIG,
  models: bindReportModels,
  build({ config, models, agenda, notifier, translate, clock, services, reportSections, ...kernel }) {
    const logger = kernel.logger.child({ component: 'reports' });
    const timezone = config.timezone;
    const announcer = new ReportAnnouncer({ notifier, translate, sections: reportSections });
    const scheduled = new ScheduledReports({
      runs: models.ReportRun,
      sections: reportSections,
      announcer,
      clock,
      timezone,
    });
    const runIfDue = async (kind: ReportKind) => config.reports.scheduled && scheduled.runIfDue(kind);
    const jobs = new ReportJobs(agenda, runIfDue, timezone, logger);
    jobs.define();
    return {
      register: (router) =>
        registerReports(router, {
          announcer,
          sections: reportSections,
          audit: services.ops.audit,
          clock,
          timezone,
        }),
      // REPORTS_SCHEDULE=off: not scheduled, and a job stored by an earlier start makes nothing.
      scheduleJobs: async () => {
        if (config.reports.scheduled) await jobs.schedule();
      },
    };
  },
};
