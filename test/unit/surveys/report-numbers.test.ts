// The report's arithmetic on the fixed quarter of test/support/survey-fixture.ts, every number
// worked out by hand below: response rate, mean and count per indicator, NPS (promoters 9–10 minus
// detractors 0–6, of those who answered the loyalty question), the splits by category and severity,
// the five lowest-rated incidents, the comments; and how the card writes them.
import { strict as assert } from 'node:assert';
import { CATEGORIES, SEVERITIES } from '../../../models/incidents/incident.js';
import { decimal, percent, signed } from '../../../src/domains/surveys/cards/report.js';
import { nps, reportNumbers, type GroupNumbers } from '../../../src/domains/surveys/rules/report-numbers.js';
import { QUARTER_OF_SURVEYS } from '../../support/survey-fixture.js';

// The table of surveys and their answers is in test/support/survey-fixture.ts.
const SURVEYS = QUARTER_OF_SURVEYS;

/** A group's numbers as `[sent, answered, t, q, o, loyalty, nps]`, means to 2 places. */
function row(g: GroupNumbers) {
  const mean = (m: number | undefined) => (m === undefined ? '—' : decimal(m));
  return [
    g.sent,
    g.answered,
    mean(g.indicators.timeliness.mean),
    mean(g.indicators.quality.mean),
    mean(g.indicators.overall.mean),
    mean(g.indicators.loyalty.mean),
    g.nps.score === undefined ? '—' : signed(g.nps.score),
  ];
}

describe('survey report arithmetic', () => {
  const numbers = reportNumbers(SURVEYS, CATEGORIES, SEVERITIES);

  it('counts surveys sent and answered (a comment alone is an answer)', () => {
    assert.equal(numbers.sent, 10);
    // Every survey but SRV-6.
    assert.equal(numbers.answered, 9);
    assert.equal(numbers.responseRate, 0.9);
    assert.equal(percent(numbers.responseRate), '90%');
  });

  it('gives each indicator’s mean over those who answered it, and how many did', () => {
    // timeliness: 5+3+4+2+4+3+1 = 22 over 7; quality: 4+3+5+1+3+2 = 18 over 6;
    // overall: 5+2+4+2+3+3+1 = 20 over 7; loyalty: 10+6+9+3+9+7+5+0 = 49 over 8.
    assert.deepEqual(numbers.indicators.timeliness, { count: 7, mean: 22 / 7 });
    assert.deepEqual(numbers.indicators.quality, { count: 6, mean: 3 });
    assert.deepEqual(numbers.indicators.overall, { count: 7, mean: 20 / 7 });
    assert.deepEqual(numbers.indicators.loyalty, { count: 8, mean: 6.125 });
    assert.deepEqual([22 / 7, 3, 20 / 7].map(decimal), ['3.14', '3.00', '2.86']);
  });

  it('computes NPS as promoters (9–10) minus detractors (0–6) over those who answered, −100…100', () => {
    // Promoters 10, 9, 9; passive 7; detractors 6, 3, 5, 0: (3 − 4) / 8 × 100 = −12.5.
    assert.deepEqual(numbers.nps, { count: 8, promoters: 3, passives: 1, detractors: 4, score: -12.5 });
    assert.equal(signed(-12.5), '-13', 'rounded half away from zero');
    assert.equal(signed(100 / 6), '+17');
    assert.equal(signed(0), '0');
    assert.deepEqual(nps([10, 10]).score, 100);
    assert.deepEqual(nps([0, 6]).score, -100);
    assert.deepEqual(nps([7, 8]).score, 0);
    assert.equal(nps([]).score, undefined, 'no NPS without answers');
  });

  it('splits by incident category in the plan’s order, then surveys about no incident', () => {
    assert.deepEqual(
      numbers.byCategory.map((g) => [g.key, ...row(g.numbers)]),
      [
        // SRV-4, SRV-9: t 2,3; q 1,3; o 2,3; l 3,5 (both detractors).
        ['routine', 2, 2, '2.50', '2.00', '2.50', '4.00', '-100'],
        // SRV-1, 2, 5, 10: t 5,3,4,1 = 13/4; q 4,3,2 = 9/3; o 5,2,1 = 8/3; l 10,6,9,0 = 25/4; 2 promoters, 2 detractors.
        ['technical', 4, 4, '3.25', '3.00', '2.67', '6.25', '0'],
        ['security', 1, 1, '4.00', '5.00', '4.00', '9.00', '+100'],
        ['special', 1, 1, '—', '—', '—', '—', '—'],
        // SRV-6 (unanswered), SRV-8: o 3, l 7 (passive).
        ['none', 2, 1, '—', '—', '3.00', '7.00', '0'],
      ],
    );
  });

  it('splits by severity, P1 to P4, then surveys about no incident', () => {
    assert.deepEqual(
      numbers.bySeverity.map((g) => [g.key, ...row(g.numbers)]),
      [
        ['P1', 2, 2, '4.50', '4.50', '4.50', '9.50', '+100'],
        ['P2', 2, 2, '3.50', '3.00', '2.00', '7.50', '0'],
        ['P3', 2, 2, '1.50', '1.50', '1.50', '1.50', '-100'],
        // SRV-7 gave only a comment; SRV-9: 3, 3, 3, 5.
        ['P4', 2, 2, '3.00', '3.00', '3.00', '5.00', '-100'],
        ['none', 2, 1, '—', '—', '3.00', '7.00', '0'],
      ],
    );
  });

  it('lists the five lowest-rated incidents by the mean of their 1–5 ratings, ties in declaration order', () => {
    // INC-7 (1+2+1)/3; INC-4 (2+1+2)/3; INC-2 (3+3+2+4)/4 = 3 and INC-6 (3+3+3)/3 = 3, INC-2 first;
    // INC-3 13/3; INC-1 14/3 is the sixth and left out; INC-5 has no rating.
    assert.deepEqual(
      numbers.lowest.map((r) => [r.incidentId, decimal(r.mean), r.ratings]),
      [
        ['INC-7', '1.33', 3],
        ['INC-4', '1.67', 3],
        ['INC-2', '3.00', 4],
        ['INC-6', '3.00', 3],
        ['INC-3', '4.33', 3],
      ],
    );
  });

  it('keeps the comments in the order the surveys were sent, with who wrote them', () => {
    assert.deepEqual(
      numbers.comments.map((c) => [c.surveyId, c.incidentId, c.person, c.text]),
      [
        ['SRV-1', 'INC-1', 'slack:UPERSON1', 'fast'],
        ['SRV-3', 'INC-3', 'slack:UPERSON3', 'thanks'],
        ['SRV-7', 'INC-5', 'slack:UPERSON7', 'slow to reply'],
      ],
    );
  });

  it('says nothing it cannot know for a period without surveys', () => {
    const empty = reportNumbers([], CATEGORIES, SEVERITIES);
    assert.equal(empty.sent, 0);
    assert.equal(empty.responseRate, undefined);
    assert.equal(empty.indicators.overall.mean, undefined);
    assert.equal(empty.nps.score, undefined);
    assert.deepEqual([empty.byCategory, empty.bySeverity, empty.lowest, empty.comments], [[], [], [], []]);
  });
});
