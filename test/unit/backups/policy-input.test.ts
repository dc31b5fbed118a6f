// `/backup policy set` as typed and as a form: each setting, its range, and the coded errors.
import { strict as assert } from 'node:assert';
import { parsePolicyForm, parsePolicyWords, parseScope } from '../../../handlers/backups/input.js';
import { UserError } from '../../../src/chat/user-error.js';
import { durationToken, policyWords } from '../../../src/domains/backups/rules/policies.js';
import { DEFAULT_POLICIES, effectivePolicy, overriddenFields } from '../../../src/domains/backups/rules/policy.js';
import { DAY, HOUR, MINUTE } from './mothers.js';

function refusal(run: () => unknown): UserError {
  try {
    run();
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  assert.fail('no UserError');
}

describe('backup policy input', () => {
  it('reads every setting the issue names, `incr` for incremental', () => {
    assert.deepEqual(parsePolicyWords(['full=7d', 'incr=1d', 'grace=2h', 'offsite=7d', 'retain=90d']), {
      full: 7 * DAY,
      incremental: DAY,
      grace: 2 * HOUR,
      offsite: 7 * DAY,
      retain: 90 * DAY,
    });
  });

  it('reads none (no check) and default (the plan again)', () => {
    assert.deepEqual(parsePolicyWords(['incr=none', 'offsite=OFF', 'full=default']), {
      incremental: null,
      offsite: null,
      full: 'default',
    });
  });

  it('refuses an unknown key, a bad duration, a value out of range, a key twice, and grace=none', () => {
    assert.equal(refusal(() => parsePolicyWords(['weekly=1'])).code, 'backup.errors.bad_setting');
    assert.equal(refusal(() => parsePolicyWords(['full'])).code, 'backup.errors.bad_setting');
    const bad = refusal(() => parsePolicyWords(['full=7x']));
    assert.equal(bad.code, 'backup.errors.bad_duration');
    assert.deepEqual(bad.params, { value: 'full=7x' });
    const range = refusal(() => parsePolicyWords(['full=7m']));
    assert.equal(range.code, 'backup.errors.out_of_range');
    assert.deepEqual(range.params, { field: 'full', min: '1h', max: '400d' });
    assert.equal(refusal(() => parsePolicyWords(['incr=1m'])).code, 'backup.errors.out_of_range');
    assert.equal(refusal(() => parsePolicyWords(['full=1d', 'full=2d'])).code, 'backup.errors.twice');
    assert.equal(refusal(() => parsePolicyWords(['grace=none'])).code, 'backup.errors.grace_none');
  });

  it('reads the form, an empty input leaving its setting alone', () => {
    assert.deepEqual(parsePolicyForm({ full: '14d', incremental: '', grace: ' ', offsite: 'none', retain: '' }), {
      full: 14 * DAY,
      offsite: null,
    });
  });

  it('reads a scope, and refuses a missing or unknown one', () => {
    assert.equal(parseScope('OS-IMAGE'), 'os-image');
    assert.equal(refusal(() => parseScope(undefined)).code, 'backup.errors.missing_scope');
    assert.equal(refusal(() => parseScope('logs')).code, 'backup.errors.bad_scope');
  });

  it('writes a policy back as typed, for the audit trail', () => {
    assert.equal(durationToken(7 * DAY), '7d');
    assert.equal(durationToken(90 * MINUTE), '90m');
    assert.deepEqual(policyWords(DEFAULT_POLICIES.config), {
      full: '30d',
      incremental: null,
      grace: 'default',
      offsite: null,
      retain: '365d',
    });
  });

  it('lays what was set over the plan’s defaults, and knows which', () => {
    const policy = effectivePolicy('business', { incremental: null, retain: 30 * DAY });
    assert.deepEqual(policy, { ...DEFAULT_POLICIES.business, incremental: null, retain: 30 * DAY });
    assert.deepEqual([...overriddenFields({ incremental: null, retain: 30 * DAY })], ['incremental', 'retain']);
  });
});
