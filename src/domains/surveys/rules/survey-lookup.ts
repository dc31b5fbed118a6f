// Finding a survey: by the id people type and buttons carry, or by one of its links.
import { truncate } from '../../../chat/text.js';
import { UserError } from '../../../chat/user-error.js';
import type { Survey, SurveyModel } from '../../../../models/surveys/survey.js';
import { isTokenShaped, linkHash } from './survey-link.js';

/** `srv-3`, `SRV-3` and `3` all name SRV-3. */
export function normalizeSurveyId(raw: string): string {
  const match = /^(?:srv-?)?(\d{1,9})$/i.exec(raw.trim());
  return match ? `SRV-${Number(match[1])}` : raw.trim();
}

/** Reads surveys for handlers and the page. */
export class SurveyLookup {
  constructor(private readonly surveys: SurveyModel) {}

  /** Throws `survey.errors.not_found` when there is none. */
  async get(id: string): Promise<Survey> {
    const found = await this.surveys.findById(normalizeSurveyId(id)).lean<Survey>();
    if (!found) throw new UserError('survey.errors.not_found', { id: truncate(id, 20) });
    return found;
  }

  /** The survey one of whose links this is, open or not; null for a token no survey has. */
  async byToken(token: string): Promise<Survey | null> {
    if (!isTokenShaped(token)) return null;
    return this.surveys.findOne({ linkHashes: linkHash(token) }).lean<Survey>();
  }
}
