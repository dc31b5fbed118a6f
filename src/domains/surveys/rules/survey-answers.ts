// Answering a survey (issue 15): a rating, the comment, or everything at once from its page. Only
// the person it was sent to may answer, only while it is open; each answer is one conditional update
// on the survey, so concurrent clicks each land whole and the cards end up showing the last one.
// Answering in chat and on the page change the same answers: one survey, one answer.
import { truncate } from '../../../chat/text.js';
import { UserError } from '../../../chat/user-error.js';
import type { Clock } from '../../../kernel/clock.js';
import { formatTime } from '../../../chat/time.js';
import {
  COMMENT_MAX,
  QUESTIONS,
  type Question,
  type Survey,
  type SurveyModel,
} from '../../../../models/surveys/survey.js';
import type { AuditTrail } from '../../ops/rules/audit-trail.js';
import { issueLink, MAX_LINKS } from './survey-link.js';
import type { SurveyActor, SurveyNews } from './survey-news.js';

/** What one answer changes: some ratings, and the comment (an empty one removes it). */
export interface AnswerChange {
  ratings?: Partial<Record<Question, number>>;
  comment?: string;
}

/** The survey as the answer left it, and the token of the fresh link its cards now show. */
export interface Answered {
  survey: Survey;
  token: string;
}

export interface SurveyAnswersDeps {
  surveys: SurveyModel;
  audit: Pick<AuditTrail, 'record'>;
  news: SurveyNews;
  clock: Clock;
  timezone: string;
}

/** Takes answers: ratings, the comment, or both (from the page). */
export class SurveyAnswers {
  constructor(private readonly deps: SurveyAnswersDeps) {}

  /**
   * Records `change` on `survey` from `by`. Throws `survey.errors.not_yours` (recorded as refused)
   * when `by` is not the person it was sent to, `survey.errors.closed` once it has closed, and
   * `errors.too_long` for a comment over COMMENT_MAX; nothing is stored then. Scores must already
   * be on their scales (rate-value.ts and the page check them).
   */
  async answer(survey: Survey, change: AnswerChange, by: SurveyActor): Promise<Answered> {
    const { surveys, news, clock } = this.deps;
    await this.ensureAnswerable(survey, by, change.comment !== undefined ? 'survey.comment' : 'survey.rate');
    const comment = change.comment?.trim();
    if (comment !== undefined && comment.length > COMMENT_MAX)
      throw new UserError('errors.too_long', { max: COMMENT_MAX });
    const now = clock.now();
    const ratings = Object.fromEntries(
      QUESTIONS.filter((q) => change.ratings?.[q] !== undefined).map((q) => [`answers.${q}`, change.ratings![q]]),
    );
    const link = issueLink();
    const setComment = comment ? { comment } : {};
    // Taking a comment back is not answering; any rating or words are.
    const gives = Object.keys(ratings).length > 0 || Boolean(comment);
    const updated = await surveys
      .findOneAndUpdate(
        { _id: survey._id, person: by.key, state: 'open', closesAt: { $gt: now } },
        {
          $set: { ...ratings, ...setComment, updatedAt: now },
          ...(comment === '' ? { $unset: { comment: 1 } } : {}),
          ...(gives ? { $min: { answeredAt: now } } : {}),
          $inc: { version: 1 },
          $push: { linkHashes: { $each: [link.hash], $slice: -MAX_LINKS } },
        },
        { returnDocument: 'after' },
      )
      .lean<Survey>();
    if (!updated) {
      // It closed between reading it and answering: say so, as for one read closed.
      this.ensureOpen({ ...survey, state: 'closed', closedAt: survey.closedAt ?? now }, now);
    }
    await this.record(survey, updated!, change, by);
    await news.changed(updated!, link.token);
    return { survey: updated!, token: link.token };
  }

  /**
   * Throws `survey.errors.not_yours` (recording the refusal as `action`) when `by` is not the
   * person the survey was sent to, and `survey.errors.closed` once it has closed.
   */
  async ensureAnswerable(survey: Survey, by: SurveyActor, action: 'survey.rate' | 'survey.comment'): Promise<void> {
    if (by.key !== survey.person) {
      await this.deps.audit.record({
        actor: by.key,
        action,
        objectType: 'survey',
        objectId: survey.shortId,
        reason: 'not the person the survey was sent to',
        reasonCode: 'survey_not_addressee',
        reasonParams: {},
        outcome: 'refused',
        via: by.via,
      });
      throw new UserError('survey.errors.not_yours', { id: survey.shortId });
    }
    this.ensureOpen(survey, this.deps.clock.now());
  }

  /** Throws `survey.errors.closed` (with when) for a survey closed, or past its time. */
  ensureOpen(survey: Survey, now: Date): void {
    if (survey.state === 'open' && survey.closesAt.getTime() > now.getTime()) return;
    const at = survey.closedAt ?? survey.closesAt;
    throw new UserError('survey.errors.closed', { id: survey.shortId, at: formatTime(at, this.deps.timezone) });
  }

  private async record(before: Survey, after: Survey, change: AnswerChange, by: SurveyActor): Promise<void> {
    const asked = QUESTIONS.filter((q) => change.ratings?.[q] !== undefined);
    if (asked.length > 0) {
      await this.deps.audit.record({
        actor: by.key,
        action: 'survey.rate',
        objectType: 'survey',
        objectId: after.shortId,
        before: Object.fromEntries(asked.map((q) => [q, before.answers[q] ?? null])),
        after: Object.fromEntries(asked.map((q) => [q, after.answers[q] ?? null])),
        outcome: 'done',
        via: by.via,
      });
    }
    if (change.comment !== undefined && (change.comment.trim() || before.comment)) {
      await this.deps.audit.record({
        actor: by.key,
        action: 'survey.comment',
        objectType: 'survey',
        objectId: after.shortId,
        ...(after.comment ? { reason: truncate(after.comment, 2000) } : {}),
        outcome: 'done',
        via: by.via,
      });
    }
  }
}
