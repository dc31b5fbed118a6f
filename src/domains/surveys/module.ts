// The surveys domain (issue 15; seed 7.3): a survey of the plan's four indicators sent privately to
// whoever declared an incident once it closes (or by hand with `/survey send`), answered with
// buttons in chat or on its one-time page (`GET /s/:token`), reminded once and closed after a week
// by a sweep, and reported by month or quarter (`/survey report`, and each quarter in `reports`).
import { registerSurvey } from '../../../handlers/surveys/register.js';
import { SurveyJobs } from '../../../jobs/surveys/sweeps.js';
import { bindSurveyModels } from '../../../models/surveys/index.js';
import { requireUserRef } from '../../chat/preconditions.js';
import type { DomainModule } from '../module.js';
import { SurveyAnnouncer } from './announcer.js';
import { SURVEY_CONFIG } from './config.js';
import { surveyPageRoutes } from './page/survey-routes.js';
import { SURVEY_PERMISSIONS } from './permissions.js';
import { IncidentSurveyTrigger } from './rules/incident-trigger.js';
import { LinkThrottle } from './rules/link-throttle.js';
import { QuarterlyReport } from './rules/quarterly-report.js';
import { SurveyAnswers } from './rules/survey-answers.js';
import { SurveyLookup } from './rules/survey-lookup.js';
import { SurveySending } from './rules/survey-sending.js';
import { SurveySweep } from './rules/survey-sweep.js';
import { surveyReportSection } from './report-section.js';

export const surveys: DomainModule = {
  name: 'surveys',
  commands: { survey: ['send', 'report'] },
  permissions: SURVEY_PERMISSIONS,
  config: SURVEY_CONFIG,
  models: bindSurveyModels,
  build({ config, models, agenda, notifier, personSpeech, translate, clock, services, httpUrl, ...kernel }) {
    const logger = kernel.logger.child({ component: 'surveys' });
    const { audit, users } = services.ops;
    const timezone = config.timezone;
    const announcer = new SurveyAnnouncer({
      notifier,
      surveys: models.Survey,
      linkBase: () => config.surveys.publicUrl ?? httpUrl(),
      clock,
      timezone,
    });
    const sending = new SurveySending({
      surveys: models.Survey,
      contacts: models.SurveyContact,
      counters: models.Counter,
      audit,
      news: announcer,
      reaches: (person) => notifier.reaches(person),
      personOf: async (person) => (await users.group(person)).primary,
      cooldownMs: config.surveys.cooldownMs,
      clock,
    });
    const answers = new SurveyAnswers({ surveys: models.Survey, audit, news: announcer, clock, timezone });
    const lookup = new SurveyLookup(models.Survey);
    const sweep = new SurveySweep({
      surveys: models.Survey,
      attempts: models.SurveyLinkAttempt,
      audit,
      news: announcer,
      clock,
    });
    const quarterly = new QuarterlyReport({
      surveys: models.Survey,
      runs: models.SurveyReportRun,
      publish: (report) => announcer.report(report),
      clock,
      timezone,
    });
    services.incidents.observe(new IncidentSurveyTrigger(sending, logger));
    const jobs = new SurveyJobs(
      agenda,
      {
        remindDue: () => sweep.remindDue(),
        closeDue: () => sweep.closeDue(),
        forgetOldAttempts: () => sweep.forgetOldAttempts(),
        quarterlyIfDue: () => quarterly.runIfDue(),
      },
      timezone,
      logger,
    );
    jobs.define();
    return {
      reportSections: [surveyReportSection(models.Survey)],
      register: (router) =>
        registerSurvey(router, {
          sending,
          answers,
          lookup,
          surveys: models.Survey,
          incidents: services.incidents,
          announcer,
          personSpeech,
          resolveUser: (ctx, typed) => requireUserRef(ctx, typed, 'survey'),
          cooldownMs: config.surveys.cooldownMs,
          clock,
          timezone,
        }),
      scheduleJobs: () => jobs.schedule(),
      routes: surveyPageRoutes({
        lookup,
        answers,
        throttle: new LinkThrottle(models.SurveyLinkAttempt, clock),
        personSpeech,
        translate,
        defaultLocale: config.defaultLocale,
        publicUrl: config.surveys.publicUrl,
        clock,
        timezone,
        logger,
      }),
    };
  },
};
