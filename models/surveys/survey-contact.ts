// When each person was last asked anything (a survey sent to them), so nobody is asked twice within
// the cooldown (SURVEY_COOLDOWN, 7 days): one document per person, claimed with a conditional update,
// so two incidents closing at once, on one process or two, send one survey.
import { Schema, type Connection, type Model } from 'mongoose';

export interface SurveyContact {
  /** The person, as the first of their linked identities (`slack:U123`): asked on one platform is asked. */
  _id: string;
  lastAskedAt: Date;
}

const surveyContactSchema = new Schema<SurveyContact, SurveyContactModel>(
  {
    _id: { type: String, required: true },
    lastAskedAt: { type: Date, required: true },
  },
  { versionKey: false },
);

export interface SurveyContactModel extends Model<SurveyContact> {
  /**
   * Records that `person` is asked now, unless they were asked after `notSince` (then false, and
   * nothing changes). Without `notSince` (a forced send) the time is recorded whatever it was.
   */
  claim(person: string, now: Date, notSince?: Date): Promise<boolean>;
  /** When `person` was last asked, if ever. */
  lastAsked(person: string): Promise<Date | undefined>;
}

surveyContactSchema.static(
  'claim',
  async function claim(this: SurveyContactModel, person: string, now: Date, notSince?: Date): Promise<boolean> {
    const filter = notSince ? { _id: person, lastAskedAt: { $lte: notSince } } : { _id: person };
    try {
      const result = await this.updateOne(filter, { $set: { lastAskedAt: now } }, { upsert: true });
      return result.matchedCount + result.upsertedCount === 1;
    } catch (error) {
      // The filter missed an existing document (asked recently), so the upsert collided with it.
      if ((error as { code?: number }).code === 11000) return false;
      throw error;
    }
  },
);

surveyContactSchema.static('lastAsked', async function lastAsked(this: SurveyContactModel, person: string) {
  const found = await this.findById(person).lean<SurveyContact | null>();
  return found?.lastAskedAt;
});

export function bindSurveyContact(connection: Connection): SurveyContactModel {
  return connection.model<SurveyContact, SurveyContactModel>('SurveyContact', surveyContactSchema, 'survey_contacts');
}
