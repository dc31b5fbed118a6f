// What the survey page's form sent, read strictly: each question absent (left as it was) or one whole
// number on its scale, the comment at most COMMENT_MAX characters; anything else is an error in the
// person's language, and nothing is stored.
import type { Translate } from '../../../kernel/i18n.js';
import { COMMENT_MAX, onScale, QUESTIONS, SCALES, type Question } from '../../../../models/surveys/survey.js';
import type { AnswerChange } from '../rules/survey-answers.js';

export type PageAnswer =
  | { ok: true; change: AnswerChange }
  | { ok: false; error: string; typed: { ratings: Partial<Record<Question, number>>; comment?: string | undefined } };

/** The change the form asks for, or every problem with it in `t`'s words (and what was typed, to show again). */
export function readPageAnswer(body: unknown, t: Translate): PageAnswer {
  const form = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const ratings: Partial<Record<Question, number>> = {};
  const errors: string[] = [];
  for (const question of QUESTIONS) {
    const value = form[question];
    if (value === undefined || value === '') continue;
    const score = typeof value === 'string' && /^\d{1,2}$/.test(value) ? Number(value) : NaN;
    if (onScale(question, score)) ratings[question] = score;
    else {
      const { min, max } = SCALES[question];
      errors.push(t('survey.page.bad_score', { question: t(`survey.question.${question}.title`), min, max }));
    }
  }
  const raw = form.comment;
  let comment: string | undefined;
  if (raw !== undefined) {
    if (typeof raw !== 'string') errors.push(t('survey.page.bad_comment', { max: COMMENT_MAX }));
    else if (raw.trim().length > COMMENT_MAX) errors.push(t('survey.page.bad_comment', { max: COMMENT_MAX }));
    else comment = raw;
  }
  if (errors.length > 0) return { ok: false, error: errors.join(' '), typed: { ratings, comment } };
  return { ok: true, change: { ratings, ...(comment !== undefined ? { comment } : {}) } };
}
