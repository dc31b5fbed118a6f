// `/survey` and the survey buttons and forms: parse, check the role (or that the person clicking is
// the one asked), call the rules, answer. A rating changes the clicked card in place, in the
// language of the person it was sent to.
import type { BaseContext, CommandContext } from '../../src/chat/context.js';
import type { Router } from '../../src/chat/router.js';
import { dispatchSubcommand } from '../../src/chat/subcommands.js';
import { formatTime } from '../../src/chat/time.js';
import { UserError } from '../../src/chat/user-error.js';
import type { PersonSpeech } from '../../src/chat/wording.js';
import { decide } from '../../src/access/permissions.js';
import type { Clock } from '../../src/kernel/clock.js';
import type { Incident } from '../../models/incidents/incident.js';
import type { SurveyModel } from '../../models/surveys/survey.js';
import { SYSTEM_ACTOR_KEY } from '../../src/domains/ops/audit-vocabulary.js';
import type { SurveyAnnouncer } from '../../src/domains/surveys/announcer.js';
import { reportMessage } from '../../src/domains/surveys/cards/report.js';
import { SURVEY_PERMISSIONS } from '../../src/domains/surveys/permissions.js';
import { parseRateValue } from '../../src/domains/surveys/rules/rate-value.js';
import { parseReportPeriod } from '../../src/domains/surveys/rules/report-period.js';
import type { SurveyAnswers } from '../../src/domains/surveys/rules/survey-answers.js';
import type { SurveyLookup } from '../../src/domains/surveys/rules/survey-lookup.js';
import { surveyReport } from '../../src/domains/surveys/rules/survey-report.js';
import type { SurveySending } from '../../src/domains/surveys/rules/survey-sending.js';
import { commentForm, sendForm } from './forms.js';
import { isIncidentId, parseSendWords, requireSurveyId } from './input.js';

export interface SurveyHandlerDeps {
  sending: Pick<SurveySending, 'send'>;
  answers: Pick<SurveyAnswers, 'answer' | 'ensureAnswerable'>;
  lookup: SurveyLookup;
  surveys: SurveyModel;
  incidents: { get(id: string): Promise<Incident> };
  announcer: Pick<SurveyAnnouncer, 'messages'>;
  personSpeech: Pick<PersonSpeech, 'wordsFor'>;
  /** Turns what was typed as a person (`<@U123>`, `slack:U123`) into a `platform:id`. */
  resolveUser(ctx: BaseContext, typed: string): string;
  cooldownMs: number;
  clock: Clock;
  timezone: string;
}

/** `/survey send|report`, the `survey.rate` and `survey.comment` buttons, and the `survey.send` and `survey.comment` forms. */
export function registerSurvey(router: Router, deps: SurveyHandlerDeps): void {
  const { answers, lookup } = deps;
  const who = (ctx: BaseContext) => ({ key: ctx.actorKey, via: ctx.actor.platform });

  /** Sends a survey about an incident (to its declarer) or to a person; `force` skips the cooldown. */
  const sendTo = async (ctx: BaseContext, target: string, force: boolean) => {
    let incident: Incident | undefined;
    let person: string;
    if (isIncidentId(target)) {
      incident = await deps.incidents.get(target);
      if (incident.reporter === SYSTEM_ACTOR_KEY) {
        throw new UserError('survey.errors.declared_by_zhiban', { id: incident.shortId });
      }
      person = incident.reporter;
    } else {
      person = deps.resolveUser(ctx, target);
    }
    const outcome = await deps.sending.send({ person, incident, reason: 'manual', by: who(ctx), force });
    if ('cooldownSince' in outcome) {
      throw new UserError('survey.errors.cooldown', {
        person,
        at: formatTime(outcome.cooldownSince, deps.timezone),
        days: Math.round(deps.cooldownMs / 86_400_000),
      });
    }
    const about = incident ? incident.shortId : '—';
    await ctx.replyPrivate({ text: ctx.t('survey.sent', { id: outcome.sent.shortId, person, about }) });
  };

  const send = async (ctx: CommandContext, words: string[]) => {
    await ctx.authorize('survey.send');
    if (words.length === 0) return ctx.openForm(sendForm(ctx.t));
    const { target, force } = parseSendWords(words);
    if (force) await ctx.authorize('survey.force');
    await sendTo(ctx, target, force);
  };

  router.command('survey', (ctx) =>
    dispatchSubcommand(
      ctx,
      ctx.args,
      {
        send,
        report: async (c, words) => {
          await c.authorize('survey.report');
          const now = deps.clock.now();
          const period = parseReportPeriod(words, now, deps.timezone);
          const report = await surveyReport(deps.surveys, period);
          // Who wrote a comment is for project management's eyes (issue 15); asked without recording a refusal.
          const names = decide(SURVEY_PERMISSIONS['survey.names'], { roles: c.roles, actorKey: c.actorKey }).allowed;
          await c.replyPrivate(reportMessage(c.t, report, { names, timezone: deps.timezone, now }));
        },
      },
      { name: 'survey', usage: 'survey', whenEmpty: (c) => send(c, []) },
    ),
  );

  router.form('survey.send', async (ctx) => {
    await ctx.authorize('survey.send');
    const { target, force } = parseSendWords((ctx.values.target ?? '').trim().split(/\s+/).filter(Boolean));
    if (force) await ctx.authorize('survey.force');
    await sendTo(ctx, target, force);
  });

  router.action('survey.rate', async (ctx) => {
    const { surveyId, question, score } = parseRateValue(ctx.value);
    const survey = await lookup.get(surveyId);
    const { survey: answered, token } = await answers.answer(survey, { ratings: { [question]: score } }, who(ctx));
    // The card is the asked person's, in their language (the one who clicked is that person).
    const t = await deps.personSpeech.wordsFor(answered.person);
    const shown = deps.announcer.messages(t, answered, token);
    await ctx.update(question === 'loyalty' ? shown.loyalty : shown.ratings);
  });

  router.action('survey.comment', async (ctx) => {
    const survey = await lookup.get(requireSurveyId(ctx.value));
    await answers.ensureAnswerable(survey, who(ctx), 'survey.comment');
    await ctx.openForm(commentForm(ctx.t, survey));
  });

  router.form('survey.comment', async (ctx) => {
    const survey = await lookup.get(requireSurveyId(ctx.privateValue));
    const { survey: answered } = await answers.answer(survey, { comment: ctx.values.comment ?? '' }, who(ctx));
    const said = answered.comment ? 'survey.comment_saved' : 'survey.comment_removed';
    await ctx.replyPrivate({ text: ctx.t(said, { id: answered.shortId }) });
  });
}
