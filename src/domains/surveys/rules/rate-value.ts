// What a `survey.rate` button carries (CONTRACT.md): `<surveyId>:<question>:<score>`, e.g.
// `SRV-3:timeliness:4`. Read strictly: a value Zhiban could not have put on a button is refused
// before anything is looked up.
import { UserError } from '../../../chat/user-error.js';
import { truncate } from '../../../chat/text.js';
import { onScale, QUESTIONS, type Question } from '../../../../models/surveys/survey.js';

export interface RateValue {
  surveyId: string;
  question: Question;
  score: number;
}

const SHAPE = /^(SRV-[1-9]\d{0,8}):([a-z]{1,20}):(0|[1-9]\d?)$/;

/** The button value of a rating. */
export function rateValue(surveyId: string, question: Question, score: number): string {
  return `${surveyId}:${question}:${score}`;
}

/** Reads a `survey.rate` value; throws `survey.errors.bad_rating` for anything else. */
export function parseRateValue(value: string): RateValue {
  const match = SHAPE.exec(value);
  const question = match?.[2] as Question | undefined;
  const score = Number(match?.[3]);
  if (!match || !question || !(QUESTIONS as readonly string[]).includes(question) || !onScale(question, score)) {
    throw new UserError('survey.errors.bad_rating', { value: truncate(value, 40) });
  }
  return { surveyId: match[1]!, question, score };
}
