// Reading what people typed for `/survey send`, with a coded error for each mistake.
import { truncate } from '../../src/chat/text.js';
import { UserError } from '../../src/chat/user-error.js';

export interface SendWords {
  /** `INC-12`, or how the person was named (a mention, `slack:U123`). */
  target: string;
  force: boolean;
}

/** `<INC-n|user> [force]` */
export function parseSendWords(words: readonly string[]): SendWords {
  const rest = [...words];
  const force = rest.length > 1 && rest[rest.length - 1]!.toLowerCase() === 'force';
  if (force) rest.pop();
  const [target, ...extra] = rest;
  if (target === undefined || target.trim() === '' || target.toLowerCase() === 'force') {
    throw new UserError('survey.errors.missing_target', {}, 'survey');
  }
  if (extra.length > 0)
    throw new UserError('survey.errors.extra_words', { words: truncate(extra.join(' '), 40) }, 'survey');
  return { target, force };
}

/** Whether `target` names an incident (`INC-12`, `inc-12`) rather than a person. */
export function isIncidentId(target: string): boolean {
  return /^inc-?\d{1,9}$/i.test(target.trim());
}

/** A `survey.comment` button's value or form's private value: a survey id, nothing else. */
export function requireSurveyId(value: string | undefined): string {
  const id = (value ?? '').trim();
  if (!/^SRV-[1-9]\d{0,8}$/.test(id)) throw new UserError('survey.errors.bad_rating', { value: truncate(id, 40) });
  return id;
}
