// The surveys' section of the reports (issue 16): surveys sent in the period and answered, the mean
// of each of the four indicators and the Net Promoter Score (report-numbers.ts defines them), and
// the same for the period before; counted by aggregation in the database.
import { QUESTIONS, type Question, type SurveyModel } from '../../../models/surveys/survey.js';
import type { Translate } from '../../kernel/i18n.js';
import type { ReportPeriod, ReportSection, ReportSheet, ReportSpan, SectionView } from '../report-section.js';
import { change } from '../report-words.js';

export interface SurveyNumbers {
  sent: number;
  answered: number;
  /** Each indicator's mean (undefined when nobody answered it) and count. */
  indicators: Record<Question, { mean?: number | undefined; count: number }>;
  /** Promoters minus detractors over those who answered the loyalty question, × 100. */
  nps?: number | undefined;
  previous?: Omit<SurveyNumbers, 'previous'>;
}

const KEY = 'survey.report_section';

/** The surveys' report section, over the Survey model. */
export function surveyReportSection(surveys: SurveyModel): ReportSection<SurveyNumbers> {
  return {
    id: 'surveys',
    numbers: async (span) => ({
      ...(await numbersOf(surveys, span)),
      ...(span.kind === 'daily' ? {} : { previous: await numbersOf(surveys, span.previous) }),
    }),
    view: surveySectionView,
  };
}

async function numbersOf(surveys: SurveyModel, period: ReportPeriod): Promise<Omit<SurveyNumbers, 'previous'>> {
  const given = (q: Question) => ({ $gt: [`$answers.${q}`, null] });
  const [row] = await surveys.aggregate<Record<string, number>>([
    { $match: { sentAt: { $gte: period.start, $lt: period.end } } },
    {
      $group: {
        _id: null,
        sent: { $sum: 1 },
        answered: {
          $sum: { $cond: [{ $or: [...QUESTIONS.map(given), { $gt: ['$comment', null] }] }, 1, 0] },
        },
        ...Object.fromEntries(
          QUESTIONS.flatMap((q) => [
            [`${q}_n`, { $sum: { $cond: [given(q), 1, 0] } }],
            [`${q}_sum`, { $sum: `$answers.${q}` }],
          ]),
        ),
        promoters: { $sum: { $cond: [{ $gte: ['$answers.loyalty', 9] }, 1, 0] } },
        detractors: {
          $sum: { $cond: [{ $and: [given('loyalty'), { $lte: ['$answers.loyalty', 6] }] }, 1, 0] },
        },
      },
    },
  ]);
  const n = (key: string) => row?.[key] ?? 0;
  const indicators = Object.fromEntries(
    QUESTIONS.map((q) => [q, { count: n(`${q}_n`), mean: n(`${q}_n`) ? n(`${q}_sum`) / n(`${q}_n`) : undefined }]),
  ) as SurveyNumbers['indicators'];
  const loyal = n('loyalty_n');
  return {
    sent: n('sent'),
    answered: n('answered'),
    indicators,
    nps: loyal ? ((n('promoters') - n('detractors')) / loyal) * 100 : undefined,
  };
}

/** Rounded half away from zero: an NPS of −12.5 reads −13, as +12.5 reads +13. */
const whole = (value: number) => Math.sign(value) * Math.round(Math.abs(value));

const one = (value: number | undefined) => (value === undefined ? '–' : (Math.round(value * 100) / 100).toFixed(2));

function surveySectionView(numbers: SurveyNumbers, span: ReportSpan, t: Translate): SectionView {
  const title = t(`${KEY}.title`);
  const sheets = sheetsOf(numbers, span, t);
  if (numbers.sent === 0) return { title, lines: [t(`${KEY}.none`)], charts: [], sheets };
  const lines = [t(`${KEY}.counts`, { sent: numbers.sent, answered: numbers.answered })];
  if (span.kind !== 'daily') {
    lines.push(
      t(`${KEY}.indicators`, {
        ...Object.fromEntries(QUESTIONS.map((q) => [q, one(numbers.indicators[q].mean)])),
        nps: numbers.nps === undefined ? '–' : whole(numbers.nps),
      }),
    );
    const before = numbers.previous?.nps;
    if (numbers.nps !== undefined && before !== undefined) {
      lines.push(t(`${KEY}.nps_vs`, { change: change(whole(numbers.nps), whole(before)) }));
    }
  }
  return { title, lines, charts: [], sheets };
}

function sheetsOf(numbers: SurveyNumbers, span: ReportSpan, t: Translate): ReportSheet[] {
  if (span.kind !== 'quarterly') return [];
  const col = (key: string) => t(`${KEY}.columns.${key}`);
  const round = (value: number | undefined) => (value === undefined ? null : Math.round(value * 100) / 100);
  const row = (label: string, of: Omit<SurveyNumbers, 'previous'> | undefined) => [
    label,
    of?.sent ?? null,
    of?.answered ?? null,
    ...QUESTIONS.map((q) => round(of?.indicators[q].mean)),
    round(of?.nps),
  ];
  return [
    {
      name: t(`${KEY}.sheet`),
      columns: [
        { header: col('period'), kind: 'text' },
        { header: col('sent'), kind: 'number' },
        { header: col('answered'), kind: 'number' },
        ...QUESTIONS.map((q) => ({ header: col(q), kind: 'number' as const })),
        { header: col('nps'), kind: 'number' },
      ],
      rows: [row(span.label, numbers), row(span.previous.label, numbers.previous)],
    },
  ];
}
