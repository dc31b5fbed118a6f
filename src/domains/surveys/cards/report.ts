// A satisfaction report as people read it (issue 15, seed 7.3.3): the overview (sent, answered,
// each indicator's mean and count, NPS), the same by incident category and by severity, the five
// lowest-rated incidents, and the comments — with who wrote them only for those allowed to see it.
import type { Card, CardField, Message } from '../../../chat/card.js';
import { truncate } from '../../../chat/text.js';
import { formatTime } from '../../../chat/time.js';
import type { Translate } from '../../../kernel/i18n.js';
import { QUESTIONS } from '../../../../models/surveys/survey.js';
import type { GroupNumbers, Split } from '../rules/report-numbers.js';
import type { SurveyReport } from '../rules/survey-report.js';

export interface ReportView {
  /** Show who wrote each comment (`survey.names`: pm, admin). */
  names: boolean;
  timezone: string;
  now: Date;
}

/** Comments shown in chat; the rest are counted. */
export const COMMENTS_SHOWN = 10;
const COMMENT_CHARS = 300;

/**
 * The report as a message of five cards (overview, by category, by severity, lowest-rated, comments),
 * or one card saying nothing was sent. Means to two places, rates and NPS as whole numbers.
 */
export function reportMessage(t: Translate, report: SurveyReport, view: ReportView): Message {
  const { period, numbers } = report;
  const title = t(period.soFar ? 'survey.report.title_so_far' : 'survey.report.title', {
    period: period.label,
    now: formatTime(view.now, view.timezone),
  });
  const footer = t('survey.report.footer', {
    from: formatTime(period.start, view.timezone),
    to: formatTime(period.soFar ? view.now : period.end, view.timezone),
    zone: view.timezone,
  });
  if (numbers.sent === 0) {
    const text = t('survey.report.empty', { period: period.label });
    return { text: `${title}\n${text}`, cards: [{ title, text, tone: 'neutral', footer }] };
  }
  const overview: Card = {
    title,
    text: t('survey.report.scales'),
    tone: 'info',
    fields: overviewFields(t, numbers),
    footer,
  };
  const cards: Card[] = [
    overview,
    splitCard(t, t('survey.report.by_category'), numbers.byCategory, (k) => t(`incident.category.${k}`)),
    splitCard(t, t('survey.report.by_severity'), numbers.bySeverity, (k) => t(`incident.severity.${k}`)),
    {
      title: t('survey.report.lowest_title'),
      text: numbers.lowest.length
        ? numbers.lowest
            .map((row) =>
              t('survey.report.lowest_line', {
                id: row.incidentId,
                title: truncate(row.title, 80),
                mean: decimal(row.mean),
                count: row.ratings,
              }),
            )
            .join('\n')
        : t('survey.report.lowest_none'),
      tone: 'minor',
    },
    commentsCard(t, report, view),
  ];
  const rate = percent(numbers.responseRate);
  return { text: `${title}: ${t('survey.report.answered_value', { answered: numbers.answered, rate })}`, cards };
}

function overviewFields(t: Translate, numbers: GroupNumbers): CardField[] {
  return [
    { label: t('survey.report.sent'), value: String(numbers.sent), short: true },
    {
      label: t('survey.report.answered'),
      value: t('survey.report.answered_value', { answered: numbers.answered, rate: percent(numbers.responseRate) }),
      short: true,
    },
    ...QUESTIONS.map((q) => {
      const { mean, count } = numbers.indicators[q];
      return {
        label: t(`survey.question.${q}.title`),
        value:
          mean === undefined ? t('survey.report.no_answers') : t('survey.report.mean', { mean: decimal(mean), count }),
        short: true,
      };
    }),
    {
      label: t('survey.report.nps'),
      value:
        numbers.nps.score === undefined
          ? t('survey.report.no_answers')
          : t('survey.report.nps_value', {
              score: signed(numbers.nps.score),
              promoters: numbers.nps.promoters,
              passives: numbers.nps.passives,
              detractors: numbers.nps.detractors,
            }),
    },
  ];
}

function splitCard<K extends string>(t: Translate, title: string, split: Split<K>, name: (key: K) => string): Card {
  return {
    title,
    tone: 'neutral',
    fields: split.map(({ key, numbers }) => ({
      label: key === 'none' ? t('survey.report.no_incident') : name(key),
      value: groupLine(t, numbers),
    })),
  };
}

/** One group on one line: sent, answered, each indicator's mean, NPS. */
function groupLine(t: Translate, numbers: GroupNumbers): string {
  const mean = (q: (typeof QUESTIONS)[number]) => {
    const value = numbers.indicators[q].mean;
    return value === undefined ? '—' : decimal(value);
  };
  return t('survey.report.group_line', {
    sent: numbers.sent,
    answered: numbers.answered,
    rate: percent(numbers.responseRate),
    timeliness: mean('timeliness'),
    quality: mean('quality'),
    overall: mean('overall'),
    loyalty: mean('loyalty'),
    nps: numbers.nps.score === undefined ? '—' : signed(numbers.nps.score),
  });
}

function commentsCard(t: Translate, report: SurveyReport, view: ReportView): Card {
  const { comments } = report.numbers;
  const lines = comments.slice(0, COMMENTS_SHOWN).map((c) => {
    const about = c.incidentId ? `${c.surveyId} · ${c.incidentId}` : c.surveyId;
    const text = truncate(c.text.replace(/\s+/g, ' '), COMMENT_CHARS);
    return view.names
      ? t('survey.report.comment_named', { about, person: c.person, text })
      : t('survey.report.comment', { about, text });
  });
  if (comments.length > COMMENTS_SHOWN) {
    lines.push(t('survey.report.comments_more', { count: comments.length - COMMENTS_SHOWN }));
  }
  return {
    title: t('survey.report.comments_title', { count: comments.length }),
    text: lines.length ? lines.join('\n') : t('survey.report.comments_none'),
    tone: 'neutral',
  };
}

/** 4.333… → `4.33`. */
export function decimal(value: number): string {
  return value.toFixed(2);
}

/** 0.75 → `75%`; none sent → `—`. */
export function percent(rate: number | undefined): string {
  return rate === undefined ? '—' : `${Math.round(rate * 100)}%`;
}

/** An NPS as people write it, a whole number with its sign: 33.3 → `+33`, −12.5 → `-13`, 0 → `0`. */
export function signed(score: number): string {
  const whole = Math.sign(score) * Math.round(Math.abs(score));
  return whole > 0 ? `+${whole}` : String(whole === 0 ? 0 : whole);
}
