// What the survey rules tell whoever says things (the SurveyAnnouncer): each change is stored
// first, then told, with the token of a fresh link when the message told shows one.
import type { Survey } from '../../../../models/surveys/survey.js';

export interface SurveyNews {
  /** A survey was just sent: its cards go to the person. */
  sent(survey: Survey, token: string): Promise<void>;
  /** It was answered (in chat or on its page): its cards show the answers. */
  changed(survey: Survey, token: string): Promise<void>;
  /** Two days and nothing answered: the one reminder. */
  reminded(survey: Survey, token: string): Promise<void>;
  /** It closed: its cards say so and offer nothing more to click. */
  closed(survey: Survey): Promise<void>;
}

/** Who did it, as the audit trail records it: `platform:id` (or `system`) and where from. */
export interface SurveyActor {
  key: string;
  /** `slack`, `discord`, `web`, `link` (the survey's page) or `job`. */
  via: string;
}
