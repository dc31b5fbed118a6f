// The arithmetic of a satisfaction report (issue 15), on surveys already read: how many were sent
// and answered, the mean and count of each indicator, the Net Promoter Score of the loyalty
// question, the same split by incident category and severity, the five lowest-rated incidents,
// and the comments. Pure: no database, no words.
import type { Category, Severity } from '../../../../models/incidents/incident.js';
import { QUESTIONS, type Question, type Survey } from '../../../../models/surveys/survey.js';

/** The survey fields a report reads. */
export type ReportedSurvey = Pick<
  Survey,
  'shortId' | 'person' | 'incident' | 'sentAt' | 'answers' | 'comment' | 'answeredAt'
>;

export interface IndicatorNumbers {
  /** How many answered it. */
  count: number;
  /** Their mean, unrounded; undefined when nobody answered. */
  mean: number | undefined;
}

/**
 * Net Promoter Score: the share of promoters (9–10) minus that of detractors (0–6) among those who
 * answered the loyalty question, times 100 (from −100 to 100); passives are 7–8.
 */
export interface NpsNumbers {
  count: number;
  promoters: number;
  passives: number;
  detractors: number;
  /** Unrounded; undefined when nobody answered. */
  score: number | undefined;
}

export interface GroupNumbers {
  sent: number;
  /** Surveys with at least one rating or a comment. */
  answered: number;
  /** answered / sent, from 0 to 1; undefined when none was sent. */
  responseRate: number | undefined;
  indicators: Record<Question, IndicatorNumbers>;
  nps: NpsNumbers;
}

/** `none`: surveys sent by hand to a person, about no incident. */
export type Split<K extends string> = Array<{ key: K | 'none'; numbers: GroupNumbers }>;

export interface LowRated {
  incidentId: string;
  title: string;
  /** Mean of every 1–5 rating (timeliness, quality, overall) its surveys got. */
  mean: number;
  /** How many such ratings. */
  ratings: number;
}

export interface ReportComment {
  surveyId: string;
  incidentId: string | undefined;
  person: string;
  text: string;
  sentAt: Date;
}

export interface ReportNumbers extends GroupNumbers {
  byCategory: Split<Category>;
  bySeverity: Split<Severity>;
  /** At most five, lowest first (ties: the incident declared first). */
  lowest: LowRated[];
  /** In the order the surveys were sent. */
  comments: ReportComment[];
}

const SERVICE_RATINGS: readonly Question[] = ['timeliness', 'quality', 'overall'];
const LOWEST = 5;

/** Everything a report says about `surveys`, split by the given orders of category and severity. */
export function reportNumbers(
  surveys: readonly ReportedSurvey[],
  categories: readonly Category[],
  severities: readonly Severity[],
): ReportNumbers {
  return {
    ...groupNumbers(surveys),
    byCategory: split(surveys, categories, (s) => s.incident?.category),
    bySeverity: split(surveys, severities, (s) => s.incident?.severity),
    lowest: lowest(surveys),
    comments: [...surveys]
      .filter((s) => s.comment)
      .sort((a, b) => a.sentAt.getTime() - b.sentAt.getTime())
      .map((s) => ({
        surveyId: s.shortId,
        incidentId: s.incident?.id,
        person: s.person,
        text: s.comment!,
        sentAt: s.sentAt,
      })),
  };
}

export function groupNumbers(surveys: readonly ReportedSurvey[]): GroupNumbers {
  const sent = surveys.length;
  const answered = surveys.filter(isAnswered).length;
  const indicators = Object.fromEntries(
    QUESTIONS.map((q) => [q, indicator(surveys.map((s) => s.answers[q]))]),
  ) as Record<Question, IndicatorNumbers>;
  return {
    sent,
    answered,
    responseRate: sent > 0 ? answered / sent : undefined,
    indicators,
    nps: nps(surveys.map((s) => s.answers.loyalty)),
  };
}

export function nps(scores: ReadonlyArray<number | undefined>): NpsNumbers {
  const given = scores.filter((s): s is number => s !== undefined);
  const promoters = given.filter((s) => s >= 9).length;
  const detractors = given.filter((s) => s <= 6).length;
  const count = given.length;
  return {
    count,
    promoters,
    passives: count - promoters - detractors,
    detractors,
    score: count > 0 ? ((promoters - detractors) / count) * 100 : undefined,
  };
}

function isAnswered(survey: ReportedSurvey): boolean {
  return QUESTIONS.some((q) => survey.answers[q] !== undefined) || Boolean(survey.comment);
}

function indicator(scores: ReadonlyArray<number | undefined>): IndicatorNumbers {
  const given = scores.filter((s): s is number => s !== undefined);
  return { count: given.length, mean: given.length ? given.reduce((a, b) => a + b, 0) / given.length : undefined };
}

/** One group per key in `order` that has surveys, then `none` if any have no incident. */
function split<K extends string>(
  surveys: readonly ReportedSurvey[],
  order: readonly K[],
  keyOf: (survey: ReportedSurvey) => K | undefined,
): Split<K> {
  return [...order, 'none' as const]
    .map((key) => ({ key, surveys: surveys.filter((s) => (keyOf(s) ?? 'none') === key) }))
    .filter((group) => group.surveys.length > 0)
    .map(({ key, surveys: group }) => ({ key, numbers: groupNumbers(group) }));
}

function lowest(surveys: readonly ReportedSurvey[]): LowRated[] {
  const byIncident = new Map<string, { title: string; scores: number[]; first: number }>();
  for (const survey of surveys) {
    if (!survey.incident) continue;
    const scores = SERVICE_RATINGS.map((q) => survey.answers[q]).filter((s): s is number => s !== undefined);
    if (scores.length === 0) continue;
    const entry = byIncident.get(survey.incident.id) ?? { title: survey.incident.title, scores: [], first: Infinity };
    entry.scores.push(...scores);
    entry.first = Math.min(entry.first, incidentNumber(survey.incident.id));
    byIncident.set(survey.incident.id, entry);
  }
  return [...byIncident.entries()]
    .map(([incidentId, { title, scores, first }]) => ({
      incidentId,
      title,
      mean: scores.reduce((a, b) => a + b, 0) / scores.length,
      ratings: scores.length,
      first,
    }))
    .sort((a, b) => a.mean - b.mean || a.first - b.first)
    .slice(0, LOWEST)
    .map(({ first: _first, ...row }) => row);
}

/** `INC-12` → 12, for ordering ties the way incidents were declared. */
function incidentNumber(id: string): number {
  const n = Number(/(\d+)$/.exec(id)?.[1]);
  return Number.isFinite(n) ? n : Infinity;
}
