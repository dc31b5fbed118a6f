// What time does to surveys (issue 15): the one reminder two days after sending when nothing has
// been answered, and closing at the end of the week. The due times live in the survey itself, so a
// recurring sweep finds them (jobs/surveys/sweeps.ts); each survey is claimed with a conditional
// update, so two sweeps at once (two processes) remind and close it once.
import type { Clock } from '../../../kernel/clock.js';
import type { Survey, SurveyModel } from '../../../../models/surveys/survey.js';
import type { SurveyLinkAttemptModel } from '../../../../models/surveys/survey-link-attempt.js';
import type { AuditTrail } from '../../ops/rules/audit-trail.js';
import { SYSTEM_ACTOR_KEY } from '../../ops/audit-vocabulary.js';
import { issueLink, MAX_LINKS } from './survey-link.js';
import type { SurveyNews } from './survey-news.js';

/** Surveys looked at per sweep; the rest wait for the next one. */
const BATCH = 100;

export interface SurveySweepDeps {
  surveys: SurveyModel;
  attempts: SurveyLinkAttemptModel;
  audit: Pick<AuditTrail, 'record'>;
  news: SurveyNews;
  clock: Clock;
}

/** The due reminders and closes, claimed one survey at a time. */
export class SurveySweep {
  constructor(private readonly deps: SurveySweepDeps) {}

  /** Reminds every open survey due a reminder that nobody has answered; resolves with how many. */
  async remindDue(): Promise<number> {
    const { surveys, audit, news, clock } = this.deps;
    const now = clock.now();
    const unanswered = { state: 'open' as const, remindedAt: null, answeredAt: null };
    const due = await surveys
      .find({ ...unanswered, remindAt: { $lte: now }, closesAt: { $gt: now } }, { _id: 1 })
      .limit(BATCH)
      .lean<Array<Pick<Survey, '_id'>>>();
    let reminded = 0;
    for (const { _id } of due) {
      const link = issueLink();
      const claimed = await surveys
        .findOneAndUpdate(
          { _id, ...unanswered },
          { $set: { remindedAt: now }, $push: { linkHashes: { $each: [link.hash], $slice: -MAX_LINKS } } },
          { returnDocument: 'after' },
        )
        .lean<Survey>();
      if (!claimed) continue;
      await audit.record({
        actor: SYSTEM_ACTOR_KEY,
        action: 'survey.remind',
        objectType: 'survey',
        objectId: claimed.shortId,
        outcome: 'done',
        via: 'job',
      });
      await news.reminded(claimed, link.token);
      reminded += 1;
    }
    return reminded;
  }

  /** Closes every open survey whose week is over; resolves with how many. */
  async closeDue(): Promise<number> {
    const { surveys, audit, news, clock } = this.deps;
    const now = clock.now();
    const due = await surveys
      .find({ state: 'open', closesAt: { $lte: now } }, { _id: 1 })
      .limit(BATCH)
      .lean<Array<Pick<Survey, '_id'>>>();
    let closed = 0;
    for (const { _id } of due) {
      const claimed = await surveys
        .findOneAndUpdate(
          { _id, state: 'open' },
          { $set: { state: 'closed', closedAt: now, updatedAt: now }, $inc: { version: 1 } },
          { returnDocument: 'after' },
        )
        .lean<Survey>();
      if (!claimed) continue;
      await audit.record({
        actor: SYSTEM_ACTOR_KEY,
        action: 'survey.close',
        objectType: 'survey',
        objectId: claimed.shortId,
        outcome: 'done',
        via: 'job',
      });
      await news.closed(claimed);
      closed += 1;
    }
    return closed;
  }

  /** Forgets link attempts that no longer count (real MongoDB's TTL index does it too). */
  async forgetOldAttempts(): Promise<number> {
    const { deletedCount } = await this.deps.attempts.deleteMany({ purgeAt: { $lt: this.deps.clock.now() } });
    return deletedCount;
  }
}
