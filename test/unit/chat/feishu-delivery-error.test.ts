// Feishu's failures, mapped once to what the outbox does with them.
import { strict as assert } from 'node:assert';
import { feishuDeliveryError, feishuResult } from '../../../src/chat/feishu/feishu-delivery-error.js';

const http = (status: number, data: unknown, headers: Record<string, string> = {}) => ({
  isAxiosError: true,
  response: { status, data, headers },
});

describe('Feishu delivery errors', function () {
  it('waits as told on 429 or code 99991400, a second when not told', function () {
    const told = feishuDeliveryError(http(429, { code: 99991400, msg: 'too fast' }, { 'x-ogw-ratelimit-reset': '3' }));
    assert.equal(told.reason, 'rate_limited');
    assert.equal(told.retryAfterMs, 3000);
    assert.equal(feishuDeliveryError(http(400, { code: 99991400 })).retryAfterMs, 1000);
    assert.throws(() => feishuResult({ code: 99991400, msg: 'limit' }, 'send'), { reason: 'rate_limited' });
  });

  it('gives up on a refusal, says a withdrawn message is missing, and retries 5xx and silence as maybe arrived', function () {
    const refused = feishuDeliveryError(http(400, { code: 230002, msg: 'bot not in chat' }), 'send');
    assert.equal(refused.reason, 'rejected');
    assert.match(refused.message, /^feishu: send HTTP 400 230002/);
    assert.equal(feishuDeliveryError(http(400, { code: 230011, msg: 'withdrawn' })).reason, 'missing');
    const busy = feishuDeliveryError(http(503, 'Service Unavailable'));
    assert.deepEqual([busy.reason, busy.mayHaveArrived], ['unavailable', true]);
    const silent = feishuDeliveryError(
      Object.assign(new Error('timeout of 20000ms exceeded'), { code: 'ECONNABORTED' }),
    );
    assert.deepEqual([silent.reason, silent.mayHaveArrived], ['unavailable', true]);
    assert.match(silent.message, /ECONNABORTED/);
  });

  it('passes an answer with code 0 through, and never puts a token in its words', function () {
    assert.deepEqual(feishuResult({ code: 0, data: { message_id: 'om_1' } }, 'send'), {
      code: 0,
      data: { message_id: 'om_1' },
    });
    const error = feishuDeliveryError({
      ...http(401, { code: 99991663, msg: 'invalid token' }),
      config: { headers: { Authorization: 'Bearer t-secret-token' } },
    });
    assert.ok(!error.message.includes('t-secret-token'));
  });
});
