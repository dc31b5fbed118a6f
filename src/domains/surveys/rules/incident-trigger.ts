// Asks the declarer of an incident how it went once it closes (issue 15; seed 7.2.2 (4): the
// result is fed back to the user and their satisfaction learnt) — unless Zhiban itself declared it,
// or the person was asked anything within the cooldown (SurveySending says so, and nothing is sent).
import type { Logger } from 'pino';
import type { Incident, TimelineEntry } from '../../../../models/incidents/incident.js';
import { SYSTEM_ACTOR_KEY } from '../../ops/audit-vocabulary.js';
import type { IncidentObserver } from '../../incidents/rules/incident-service.js';
import type { SurveySending } from './survey-sending.js';

/** An observer of the incident service (DomainServices.incidents) that sends the survey on closing. */
export class IncidentSurveyTrigger implements IncidentObserver {
  constructor(
    private readonly sending: Pick<SurveySending, 'send'>,
    private readonly logger: Logger,
  ) {}

  async changed(incident: Incident, entry: TimelineEntry): Promise<void> {
    if (entry.to !== 'closed' || incident.reporter === SYSTEM_ACTOR_KEY) return;
    try {
      const outcome = await this.sending.send({
        person: incident.reporter,
        incident,
        reason: 'incident_closed',
        by: { key: SYSTEM_ACTOR_KEY, via: 'job' },
      });
      if ('cooldownSince' in outcome) {
        this.logger.info({ incident: incident.shortId }, 'surveys: declarer asked recently; no survey sent');
      }
    } catch (error) {
      // Closing the incident has happened and must not be reported as failed because of the survey.
      this.logger.warn({ err: error, incident: incident.shortId }, 'surveys: could not send the survey');
    }
  }
}
