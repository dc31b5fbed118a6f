// A satisfaction survey sent to one person (seed 7.3): the plan's four indicators — timeliness of
// service, quality of service, overall satisfaction (each 1–5) and loyalty (0–10, the question NPS
// is computed from) — and an optional comment, open for a week, answered in chat or through a link.
import { Schema, type Connection, type Model } from 'mongoose';
import { CATEGORIES, SEVERITIES, type Category, type Severity } from '../incidents/incident.js';

/** Seed 7.3.2 (1)–(4), in the order they are asked. */
export const QUESTIONS = ['timeliness', 'quality', 'overall', 'loyalty'] as const;
export type Question = (typeof QUESTIONS)[number];

/** Each question's scale, both ends counted: the three service ratings 1–5, loyalty 0–10. */
export const SCALES: Readonly<Record<Question, { min: number; max: number }>> = {
  timeliness: { min: 1, max: 5 },
  quality: { min: 1, max: 5 },
  overall: { min: 1, max: 5 },
  loyalty: { min: 0, max: 10 },
};

/** Whether `score` is a whole number on `question`'s scale. */
export function onScale(question: Question, score: number): boolean {
  const { min, max } = SCALES[question];
  return Number.isInteger(score) && score >= min && score <= max;
}

/** A comment is at most this many characters. */
export const COMMENT_MAX = 2000;

export const SURVEY_STATES = ['open', 'closed'] as const;
export type SurveyState = (typeof SURVEY_STATES)[number];

/** Why it was sent: an incident the person declared closed, or someone sent it by hand. */
export const SURVEY_REASONS = ['incident_closed', 'manual'] as const;
export type SurveyReason = (typeof SURVEY_REASONS)[number];

/** The incident a survey asks about, as it was when sent (the report splits by these). */
export interface SurveyIncident {
  id: string;
  title: string;
  category: Category;
  severity: Severity;
}

export interface Survey {
  /** SRV-9 */
  _id: string;
  shortId: string;
  /** Who it was sent to, `platform:id`: the only one who may answer it. */
  person: string;
  incident?: SurveyIncident;
  reason: SurveyReason;
  /** `system` for one sent when an incident closed; else who sent it. */
  sentBy: string;
  state: SurveyState;
  sentAt: Date;
  /** Open until then; the sweep closes it at that time (answers after it are refused even before). */
  closesAt: Date;
  /** When the one reminder is due if nothing has been answered by then. */
  remindAt: Date;
  remindedAt?: Date;
  closedAt?: Date;
  answers: Partial<Record<Question, number>>;
  comment?: string;
  /** When anything (a rating or the comment) was first answered; absent: not answered. */
  answeredAt?: Date;
  updatedAt: Date;
  /** Counts every change its cards show, so the latest is what is told last (SurveyAnnouncer). */
  version: number;
  /**
   * sha256 (hex) of each one-time link issued for it, latest last (a few dozen at most): the link's
   * token itself is never stored, only shown in the messages sent to the person.
   */
  linkHashes: string[];
}

const surveySchema = new Schema<Survey>(
  {
    _id: { type: String, required: true },
    shortId: { type: String, required: true, unique: true },
    person: { type: String, required: true, maxlength: 100 },
    incident: {
      type: new Schema(
        {
          id: { type: String, required: true },
          title: { type: String, required: true, maxlength: 200 },
          category: { type: String, required: true, enum: CATEGORIES },
          severity: { type: String, required: true, enum: SEVERITIES },
        },
        { _id: false },
      ),
      required: false,
    },
    reason: { type: String, required: true, enum: SURVEY_REASONS },
    sentBy: { type: String, required: true },
    state: { type: String, required: true, enum: SURVEY_STATES },
    sentAt: { type: Date, required: true },
    closesAt: { type: Date, required: true },
    remindAt: { type: Date, required: true },
    remindedAt: Date,
    closedAt: Date,
    answers: {
      type: new Schema(
        Object.fromEntries(QUESTIONS.map((q) => [q, { type: Number, min: SCALES[q].min, max: SCALES[q].max }])),
        { _id: false },
      ),
      default: {},
    },
    comment: { type: String, maxlength: COMMENT_MAX },
    answeredAt: Date,
    updatedAt: { type: Date, required: true },
    version: { type: Number, required: true, default: 0 },
    linkHashes: { type: [String], default: [] },
  },
  { versionKey: false, minimize: false },
);
// The sweep's two questions: which open surveys are due to close, which are due a reminder.
surveySchema.index({ state: 1, closesAt: 1 });
surveySchema.index({ state: 1, remindAt: 1 });
// A link is found by its hash.
surveySchema.index({ linkHashes: 1 });
// A report reads one period's surveys.
surveySchema.index({ sentAt: 1 });

export type SurveyModel = Model<Survey>;

/** The `surveys` collection on `connection`. */
export function bindSurvey(connection: Connection): SurveyModel {
  return connection.model<Survey>('Survey', surveySchema, 'surveys');
}
