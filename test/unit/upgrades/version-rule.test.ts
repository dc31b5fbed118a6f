// The version naming rule and "newer than current": semantic versioning's precedence (semver.org
// §11), a system's own pattern, and what newer means under a pattern with no order.
import { strict as assert } from 'node:assert';
import {
  checkVersion,
  compareSemVer,
  compilePattern,
  parseSemVer,
} from '../../../src/domains/upgrades/rules/version-rule.js';

const cmp = (a: string, b: string) => Math.sign(compareSemVer(parseSemVer(a)!, parseSemVer(b)!));

describe('version rule', () => {
  it('reads semantic versions with or without a leading v, and refuses what is not one', () => {
    assert.deepEqual(parseSemVer('2.4.0'), { core: [2, 4, 0], pre: [] });
    assert.deepEqual(parseSemVer('v2.4.0-rc.1+build.5'), { core: [2, 4, 0], pre: ['rc', 1] });
    for (const bad of ['2.4', '2', '02.4.0', '2.4.0-', '2.4.0-01', 'v', 'latest', '2.4.0.1', ' 2.4.0']) {
      assert.equal(parseSemVer(bad), undefined, bad);
    }
  });

  it('orders versions as semver.org’s example does', () => {
    const ordered = [
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
      '1.0.1',
      '1.10.0',
      '2.0.0',
    ];
    for (let i = 0; i + 1 < ordered.length; i++) {
      assert.equal(cmp(ordered[i]!, ordered[i + 1]!), -1, `${ordered[i]} < ${ordered[i + 1]}`);
      assert.equal(cmp(ordered[i + 1]!, ordered[i]!), 1, `${ordered[i + 1]} > ${ordered[i]}`);
    }
    assert.equal(cmp('v2.4.0', '2.4.0+build'), 0, 'v and build metadata do not count');
  });

  it('checks a version against the default rule and the current version', () => {
    assert.equal(checkVersion('2.4.0', {}), undefined, 'a first version needs only the rule');
    assert.deepEqual(checkVersion('2.4', { current: '2.3.0' }), { kind: 'not_semver' });
    assert.deepEqual(checkVersion('2.3.0', { current: '2.3.0' }), { kind: 'not_newer', current: '2.3.0' });
    assert.deepEqual(checkVersion('2.4.0-rc.1', { current: '2.4.0' }), { kind: 'not_newer', current: '2.4.0' });
    assert.equal(checkVersion('v2.4.0-rc.1', { current: '2.3.9' }), undefined);
  });

  it('checks a system’s own pattern, and calls newer what differs from every version it ran', () => {
    const context = { pattern: 'R\\d{4}\\.\\d{2}', current: 'R2026.11', ran: ['R2026.09', 'R2026.11'] };
    assert.deepEqual(checkVersion('2.4.0', context), { kind: 'not_pattern', pattern: context.pattern });
    assert.deepEqual(checkVersion('R2026.11', context), { kind: 'not_newer', current: 'R2026.11' });
    assert.deepEqual(checkVersion('R2026.09', context), { kind: 'already_ran', version: 'R2026.09' });
    assert.equal(checkVersion('R2026.12', context), undefined);
    assert.deepEqual(checkVersion('R2026.123', context), { kind: 'not_pattern', pattern: context.pattern }, 'whole');
  });

  it('still orders by semver when a pattern’s versions are semantic versions', () => {
    const context = { pattern: '\\d+\\.\\d+\\.\\d+', current: '3.0.0' };
    assert.deepEqual(checkVersion('2.9.0', context), { kind: 'not_newer', current: '3.0.0' });
  });

  it('refuses patterns that do not compile, are empty or too long', () => {
    assert.equal(compilePattern('('), undefined);
    assert.equal(compilePattern(''), undefined);
    assert.equal(compilePattern('a'.repeat(201)), undefined);
    assert.ok(compilePattern('\\d+')?.test('42'));
    assert.equal(compilePattern('\\d+')?.test('42a'), false);
  });
});
