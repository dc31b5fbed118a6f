// What people type to silence alerts, and which alerts a silence's matchers then match.
import { strict as assert } from 'node:assert';
import { parseMatcher, parseSilenceForm, parseSilenceWords } from '../../../handlers/alerts/input.js';
import { UserError } from '../../../src/chat/user-error.js';
import { isSafePattern, matcherFilter, matcherKey, matchesAll } from '../../../src/domains/alerts/rules/matchers.js';

const anAlert = {
  name: 'DiskFull',
  severity: 'critical' as const,
  layer: 'infrastructure' as const,
  labels: { alertname: 'DiskFull', system: 'e-pay', instance: 'db-1', severity: 'page' },
};

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof UserError) return error.code;
    throw error;
  }
  return 'accepted';
}

describe('/alert silence input', () => {
  it('reads matchers, then a duration, then the reason', () => {
    assert.deepEqual(parseSilenceWords(['system=e-pay', 'instance=~db-.*', '2h', '扩容', '中']), {
      matchers: [
        { name: 'system', value: 'e-pay' },
        { name: 'instance', value: 'db-.*', regex: true },
      ],
      durationMs: 2 * 3_600_000,
      reason: '扩容 中',
    });
  });

  const cases: Array<[string[], string]> = [
    [['2h'], 'alert.errors.missing_matcher'],
    [[], 'alert.errors.missing_matcher'],
    [['system=e-pay'], 'alert.errors.missing_duration'],
    [['system=e-pay', 'soon'], 'alert.errors.bad_duration'],
    [['system=e-pay', '30s'], 'alert.errors.duration_range'],
    [['system=e-pay', '8d'], 'alert.errors.duration_range'],
    [['=e-pay', '1h'], 'alert.errors.bad_matcher'],
    [['system=', '1h'], 'alert.errors.bad_matcher'],
    [['sys.tem=x', '1h'], 'alert.errors.bad_matcher'],
    [['$where=x', '1h'], 'alert.errors.bad_matcher'],
    [[`system=${'x'.repeat(10_240)}`, '1h'], 'errors.too_long'],
    [['system=~(a+)+', '1h'], 'alert.errors.bad_regex'],
    [['system=~[', '1h'], 'alert.errors.bad_regex'],
    [['system=e-pay', '1h', 'r'.repeat(501)], 'errors.too_long'],
  ];
  for (const [words, code] of cases) {
    it(`refuses ${JSON.stringify(words.join(' ').slice(0, 40))} with ${code}`, () => {
      assert.equal(
        refusal(() => parseSilenceWords(words)),
        code,
      );
    });
  }

  it('reads the form: matchers separated by spaces or commas', () => {
    const input = parseSilenceForm({ matchers: 'system=e-pay, alertname=DiskFull', duration: '30m', reason: ' ' });
    assert.equal(input.matchers.length, 2);
    assert.equal(input.durationMs, 30 * 60_000);
    assert.equal(input.reason, undefined);
  });
});

describe('silence matchers', () => {
  it('matches on labels, and on the severity and layer Zhiban stored', () => {
    assert.equal(matchesAll(anAlert, [parseMatcher('system=e-pay'), parseMatcher('alertname=DiskFull')]), true);
    assert.equal(matchesAll(anAlert, [parseMatcher('severity=critical')]), true, 'the stored severity, not the label');
    assert.equal(matchesAll(anAlert, [parseMatcher('layer=infrastructure')]), true);
    assert.equal(matchesAll(anAlert, [parseMatcher('instance=~db-\\d+')]), true);
    assert.equal(matchesAll(anAlert, [parseMatcher('instance=~db')]), false, 'a regex matches the whole value');
    assert.equal(matchesAll(anAlert, [parseMatcher('system=e-pay'), parseMatcher('zone=cn-1')]), false);
  });

  it('finds candidates in the database by the equality matchers only', () => {
    assert.deepEqual(
      matcherFilter([parseMatcher('system=e-pay'), parseMatcher('severity=major'), parseMatcher('x=~y')]),
      {
        'labels.system': 'e-pay',
        severity: 'major',
      },
    );
  });

  it('names a set of matchers the same whatever their order', () => {
    assert.equal(
      matcherKey([parseMatcher('b=2'), parseMatcher('a=1')]),
      matcherKey([parseMatcher('a=1'), parseMatcher('b=2')]),
    );
  });

  it('refuses patterns that can backtrack for ever', () => {
    assert.equal(isSafePattern('(a+)+$'), false);
    assert.equal(isSafePattern('(x*)*'), false);
    assert.equal(isSafePattern('db-(1|2)+'), true);
  });
});
