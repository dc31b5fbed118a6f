// Survey links asked for from one address, so guessing a link is slowed on every process alike,
// as the console's sign-in is (models/web/login-attempt.ts). Only the latest few times are kept;
// the key is a hash, so no address is stored in clear.
import { Schema, type Connection, type Model } from 'mongoose';

export interface SurveyLinkAttempt {
  /** sha256 (hex) of the address. */
  _id: string;
  /** The latest attempts that did not open a survey (at most the limit), oldest first. */
  attempts: Date[];
  /** Housekeeping only: past this, the attempts no longer count. */
  purgeAt: Date;
}

const surveyLinkAttemptSchema = new Schema<SurveyLinkAttempt>(
  {
    _id: { type: String, required: true },
    attempts: { type: [Date], default: [] },
    purgeAt: { type: Date, required: true },
  },
  { versionKey: false },
);
surveyLinkAttemptSchema.index({ purgeAt: 1 }, { expireAfterSeconds: 0 });

export type SurveyLinkAttemptModel = Model<SurveyLinkAttempt>;

export function bindSurveyLinkAttempt(connection: Connection): SurveyLinkAttemptModel {
  return connection.model<SurveyLinkAttempt>('SurveyLinkAttempt', surveyLinkAttemptSchema, 'survey_link_attempts');
}
