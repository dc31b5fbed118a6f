// The surveys domain's models: the surveys, when each person was last asked, link attempts, and
// which scheduled reports were made.
import type { Connection } from 'mongoose';
import { bindSurvey } from './survey.js';
import { bindSurveyContact } from './survey-contact.js';
import { bindSurveyLinkAttempt } from './survey-link-attempt.js';
import { bindSurveyReportRun } from './survey-report-run.js';

/** The surveys domain's models on `connection` (Survey, SurveyContact, SurveyLinkAttempt, SurveyReportRun). */
export function bindSurveyModels(connection: Connection) {
  return {
    Survey: bindSurvey(connection),
    SurveyContact: bindSurveyContact(connection),
    SurveyLinkAttempt: bindSurveyLinkAttempt(connection),
    SurveyReportRun: bindSurveyReportRun(connection),
  };
}

export type SurveyModels = ReturnType<typeof bindSurveyModels>;

declare module '../index.js' {
  interface Models extends SurveyModels {}
}
