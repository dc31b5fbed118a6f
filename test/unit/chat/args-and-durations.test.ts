// How typed text becomes words, and how "30m" becomes milliseconds.
import { strict as assert } from 'node:assert';
import { tokenize } from '../../../src/chat/args.js';
import { parseDuration } from '../../../src/config/duration.js';

describe('tokenize', () => {
  it('splits words on spaces', () => {
    assert.deepStrictEqual(tokenize('channel set alerts'), ['channel', 'set', 'alerts']);
  });

  it('ignores repeated, leading and trailing whitespace', () => {
    assert.deepStrictEqual(tokenize('  channel   set \t alerts  '), ['channel', 'set', 'alerts']);
  });

  it('keeps words inside "double quotes" together, spaces and all', () => {
    assert.deepStrictEqual(tokenize('declare "payment  gateway down" P1'), ['declare', 'payment  gateway down', 'P1']);
  });

  it('keeps words inside Chinese quotes “…” together', () => {
    assert.deepStrictEqual(tokenize('declare “支付 网关 超时” P1'), ['declare', '支付 网关 超时', 'P1']);
  });

  it('gives an empty quoted word as an empty string', () => {
    assert.deepStrictEqual(tokenize('update INC-1 ""'), ['update', 'INC-1', '']);
  });

  it('gives no words for an empty string or only spaces', () => {
    assert.deepStrictEqual(tokenize(''), []);
    assert.deepStrictEqual(tokenize('   '), []);
  });

  it('keeps an unclosed quote as part of a plain word', () => {
    assert.deepStrictEqual(tokenize('declare "half open'), ['declare', '"half', 'open']);
  });
});

describe('parseDuration', () => {
  const valid: Array<[string, number]> = [
    ['30s', 30_000],
    ['5m', 300_000],
    ['4h', 14_400_000],
    ['1d', 86_400_000],
    ['1w', 604_800_000],
    ['2H', 7_200_000],
    [' 5m ', 300_000],
    ['0s', 0],
  ];
  for (const [text, ms] of valid) {
    it(`reads ${JSON.stringify(text)} as ${ms} ms`, () => {
      assert.equal(parseDuration(text), ms);
    });
  }

  for (const text of ['', '10', '5x', '-5m', '1.5h', 'm', '5mm', 'soon', '1234567s']) {
    it(`refuses ${JSON.stringify(text)} with null`, () => {
      assert.equal(parseDuration(text), null);
    });
  }
});
