// The reports domain's variables (README "Configuration"): whether the scheduled reports are made.
import { z } from 'zod';
import type { ConfigFragment } from '../module.js';

export interface ReportConfig {
  /** The daily, weekly and quarterly reports are posted on schedule (off: only `/ops report`). */
  scheduled: boolean;
}

export const REPORT_CONFIG: ConfigFragment<'reports'> = {
  section: 'reports',
  env: {
    REPORTS_SCHEDULE: z.enum(['on', 'off'], { error: 'must be one of: on, off' }).default('on'),
  },
  read: (parsed): ReportConfig => ({ scheduled: parsed.REPORTS_SCHEDULE === 'on' }),
};

declare module '../../config/index.js' {
  interface DomainConfig {
    reports: ReportConfig;
  }
}
