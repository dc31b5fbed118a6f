// The executor's side of CONTRACT.md without a network: the signature of "<timestamp>.<raw body>",
// refused when altered or older than 5 minutes; what is retried (5xx, 408, 429, no answer) and
// what is a refusal; the back-off (first retry within 30 s, at most 5 minutes); the body sent.
import { strict as assert } from 'node:assert';
import { createHmac } from 'node:crypto';
import { answerKind, DELIVERY_POLICY, retryDelayMs } from '../../../src/domains/restores/rules/delivery.js';
import { executorPayload } from '../../../src/domains/restores/rules/executor-client.js';
import { signatureHolds, signatureOf } from '../../../src/http/signature.js';
import { aRestore } from './mothers.js';

const SECRET = 'executor-secret';
const NOW_S = 1_795_140_001;

describe('executor signature', () => {
  const raw = '{"restoreId":"RST-3"}';
  const headers = (timestamp: number, body = raw) => ({
    timestamp: String(timestamp),
    signature: signatureOf(SECRET, timestamp, body),
  });

  it('is sha256= and the hex HMAC-SHA256 of "<timestamp>.<raw body>" keyed with the secret', () => {
    const expected = createHmac('sha256', SECRET).update(`${NOW_S}.${raw}`).digest('hex');
    assert.equal(signatureOf(SECRET, NOW_S, raw), `sha256=${expected}`);
  });

  it('holds for the body and timestamp signed, within 5 minutes either way', () => {
    assert.equal(signatureHolds(SECRET, headers(NOW_S), raw, NOW_S), true);
    assert.equal(signatureHolds(SECRET, headers(NOW_S - 300), raw, NOW_S), true);
    assert.equal(signatureHolds(SECRET, headers(NOW_S + 300), raw, NOW_S), true);
  });

  it('fails for a replay older than 5 minutes, an altered body or timestamp, another secret, or nothing', () => {
    assert.equal(signatureHolds(SECRET, headers(NOW_S - 301), raw, NOW_S), false, 'a replay');
    assert.equal(signatureHolds(SECRET, headers(NOW_S), '{"restoreId":"RST-4"}', NOW_S), false, 'another body');
    const moved = { ...headers(NOW_S - 10), timestamp: String(NOW_S) };
    assert.equal(signatureHolds(SECRET, moved, raw, NOW_S), false, 'a timestamp not the one signed');
    assert.equal(signatureHolds('other', headers(NOW_S), raw, NOW_S), false);
    assert.equal(signatureHolds(SECRET, { timestamp: undefined, signature: undefined }, raw, NOW_S), false);
    assert.equal(signatureHolds(SECRET, { timestamp: 'soon', signature: 'sha256=00' }, raw, NOW_S), false);
  });
});

describe('executor answers and back-off', () => {
  it('takes a 2xx, retries 5xx, 408, 429 and no answer, and takes any other status as a refusal', () => {
    const kinds = [200, 202, 204, 500, 502, 503, 408, 429, 0, 400, 401, 404, 409, 422, 301].map(answerKind);
    assert.deepEqual(kinds, [
      'taken',
      'taken',
      'taken',
      'retry',
      'retry',
      'retry',
      'retry',
      'retry',
      'retry',
      'refused',
      'refused',
      'refused',
      'refused',
      'refused',
      'refused',
    ]);
  });

  it('retries first within 30 s, then twice as late each time, never more than 5 minutes apart', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 20].map((attempt) => retryDelayMs(DELIVERY_POLICY, attempt) / 1000);
    assert.deepEqual(delays, [10, 20, 40, 80, 160, 300, 300, 300]);
    assert.ok(delays[0]! <= 30);
  });

  it('sends what is restored, where to, why, and who approved it, with where to report', () => {
    const restore = aRestore({
      approval: {
        ...aRestore().approval,
        state: 'approved',
        decidedAt: new Date('2026-11-20T03:00:00Z'),
        approvals: [
          { by: 'slack:UA', person: 'slack:UA', identities: ['slack:UA'], at: new Date('2026-11-20T02:30:00Z') },
          { by: 'web:bo', person: 'web:bo', identities: ['web:bo'], at: new Date('2026-11-20T03:00:00Z') },
        ],
      },
    });
    assert.deepEqual(executorPayload(restore), {
      restoreId: 'RST-3',
      system: 'e-pay',
      backup: {
        id: 'pay-full-1',
        scope: 'database',
        kind: 'full',
        finishedAt: '2026-11-20T01:00:00.000Z',
        sizeBytes: 10 * 2 ** 30,
        location: 'cloud',
        checksum: 'sha256:9f2c',
      },
      target: 'e-pay',
      reason: '误删了昨天的缴费记录',
      requester: 'slack:UREQ',
      approvers: ['slack:UA', 'web:bo'],
      approvedAt: '2026-11-20T03:00:00.000Z',
      reportTo: '/webhooks/restores/RST-3',
    });
  });
});
