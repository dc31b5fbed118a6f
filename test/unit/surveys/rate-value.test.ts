// The value a `survey.rate` button carries, `<surveyId>:<question>:<score>`, read strictly: what
// Zhiban puts on its buttons is read back; anything else — a question it does not ask, a score off
// the question's scale, a malformed id — is refused before anything is looked up.
import { strict as assert } from 'node:assert';
import { UserError } from '../../../src/chat/user-error.js';
import { parseRateValue, rateValue } from '../../../src/domains/surveys/rules/rate-value.js';

describe('survey.rate values', () => {
  it('reads back every value a survey’s buttons carry', () => {
    for (const [question, min, max] of [
      ['timeliness', 1, 5],
      ['quality', 1, 5],
      ['overall', 1, 5],
      ['loyalty', 0, 10],
    ] as const) {
      for (let score = min; score <= max; score++) {
        assert.deepEqual(parseRateValue(rateValue('SRV-12', question, score)), { surveyId: 'SRV-12', question, score });
      }
    }
  });

  const forged: Array<[string, string]> = [
    ['question x', 'SRV-3:x:4'],
    ['score 99', 'SRV-3:timeliness:99'],
    ['a service rating of 0', 'SRV-3:quality:0'],
    ['a service rating of 6', 'SRV-3:overall:6'],
    ['loyalty 11', 'SRV-3:loyalty:11'],
    ['a negative score', 'SRV-3:loyalty:-1'],
    ['a fraction', 'SRV-3:timeliness:4.5'],
    ['a score with a leading zero', 'SRV-3:timeliness:04'],
    ['an incident id', 'INC-3:timeliness:4'],
    ['a padded survey id', 'SRV-03:timeliness:4'],
    ['no score', 'SRV-3:timeliness'],
    ['one part too many', 'SRV-3:timeliness:4:5'],
    ['a question in capitals', 'SRV-3:TIMELINESS:4'],
    ['nothing', ''],
  ];
  for (const [what, value] of forged) {
    it(`refuses ${what} (${JSON.stringify(value)}) with survey.errors.bad_rating`, () => {
      assert.throws(
        () => parseRateValue(value),
        (error: unknown) => error instanceof UserError && error.code === 'survey.errors.bad_rating',
      );
    });
  }
});
