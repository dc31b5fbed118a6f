// Sending a survey (issue 15): to one person, privately, at most once per cooldown (unless forced),
// open for a week with one reminder after two days. The cooldown is claimed before anything else is
// stored, with one conditional update per person, so two incidents closing at once (on one process
// or two) ask that person once.
import { UserError } from '../../../chat/user-error.js';
import type { Clock } from '../../../kernel/clock.js';
import type { CounterModel } from '../../../../models/core/counter.js';
import type { Incident } from '../../../../models/incidents/incident.js';
import type { SurveyContactModel } from '../../../../models/surveys/survey-contact.js';
import type { Survey, SurveyModel, SurveyReason } from '../../../../models/surveys/survey.js';
import type { AuditTrail } from '../../ops/rules/audit-trail.js';
import { issueLink } from './survey-link.js';
import type { SurveyActor, SurveyNews } from './survey-news.js';

/** A survey stays open this long (issue 15). */
export const OPEN_FOR_MS = 7 * 86_400_000;
/** The one reminder, if nothing was answered by then. */
export const REMIND_AFTER_MS = 2 * 86_400_000;

export interface SendRequest {
  /** Who is asked, `platform:id`. */
  person: string;
  /** The incident asked about, if any. */
  incident?: Pick<Incident, 'shortId' | 'title' | 'category' | 'severity'> | undefined;
  reason: SurveyReason;
  by: SurveyActor;
  /** Skip the cooldown (a pm's `force`); the send still counts as asking. */
  force?: boolean;
}

/** Sent, or not because the person was asked at `lastAskedAt`, within the cooldown. */
export type SendOutcome = { sent: Survey } | { cooldownSince: Date };

export interface SurveySendingDeps {
  surveys: SurveyModel;
  contacts: SurveyContactModel;
  counters: CounterModel;
  audit: Pick<AuditTrail, 'record'>;
  news: SurveyNews;
  /** Whether the person's platform is on (Notifier.reaches). */
  reaches(person: string): boolean;
  /** The key one person's cooldown is kept under: the first of their linked identities. */
  personOf(person: string): Promise<string>;
  cooldownMs: number;
  clock: Clock;
}

/** Sends surveys: SRV-n, the cooldown, the audit record, and the cards told to the person. */
export class SurveySending {
  constructor(private readonly deps: SurveySendingDeps) {}

  /**
   * Stores the survey, records it, and has its cards told to the person. Throws
   * `survey.errors.unreachable` (nothing stored) when the person is on no platform this Zhiban
   * speaks; answers `cooldownSince` when they were asked within the cooldown.
   */
  async send(request: SendRequest): Promise<SendOutcome> {
    const { surveys, contacts, counters, audit, news, clock } = this.deps;
    const { person, incident, reason, by, force = false } = request;
    if (!this.deps.reaches(person)) throw new UserError('survey.errors.unreachable', { person });
    const now = clock.now();
    const contact = await this.deps.personOf(person);
    const notSince = force ? undefined : new Date(now.getTime() - this.deps.cooldownMs);
    if (!(await contacts.claim(contact, now, notSince))) {
      return { cooldownSince: (await contacts.lastAsked(contact)) ?? now };
    }
    const shortId = `SRV-${await counters.next('SRV')}`;
    const link = issueLink();
    const survey = (
      await surveys.create({
        _id: shortId,
        shortId,
        person,
        ...(incident
          ? {
              incident: {
                id: incident.shortId,
                title: incident.title,
                category: incident.category,
                severity: incident.severity,
              },
            }
          : {}),
        reason,
        sentBy: by.key,
        state: 'open',
        sentAt: now,
        closesAt: new Date(now.getTime() + OPEN_FOR_MS),
        remindAt: new Date(now.getTime() + REMIND_AFTER_MS),
        answers: {},
        updatedAt: now,
        version: 0,
        linkHashes: [link.hash],
      })
    ).toObject() as Survey;
    await audit.record({
      actor: by.key,
      action: 'survey.send',
      objectType: 'survey',
      objectId: shortId,
      after: { person, ...(incident ? { incidentId: incident.shortId } : {}), ...(force ? { forced: true } : {}) },
      outcome: 'done',
      via: by.via,
    });
    await news.sent(survey, link.token);
    return { sent: survey };
  }
}
