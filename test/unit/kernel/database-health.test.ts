// DatabaseHealth on its own: a probe answers within its deadline whatever the ping does, a stalled
// database is sent one ping at a time, and a late answer makes it available again.
import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { DatabaseHealth } from '../../../src/db/health.js';
import { isDatabaseUnavailable } from '../../../src/db/unavailable.js';
import { silentLogger } from '../../../src/kernel/logger.js';

/** A ping that answers only when the test says so. */
function heldPing() {
  const pending: Array<{ resolve: () => void; reject: (e: Error) => void }> = [];
  const ping = sinon.spy(
    () =>
      new Promise<void>((resolve, reject) => {
        pending.push({ resolve, reject });
      }),
  );
  return { ping, pending };
}

describe('DatabaseHealth', () => {
  it('answers false within its deadline while the ping hangs, and true the moment the ping answers', async () => {
    const { ping, pending } = heldPing();
    const health = new DatabaseHealth(ping, silentLogger());
    assert.equal(health.available, true);
    const started = performance.now();
    assert.equal(await health.probe(30), false);
    assert.ok(performance.now() - started < 500);
    assert.equal(health.available, false);
    pending[0]!.resolve();
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(health.available, true, 'the late answer counts');
  });

  it('sends a stalled database one ping at a time, however many ask', async () => {
    const { ping, pending } = heldPing();
    const health = new DatabaseHealth(ping, silentLogger());
    const answers = await Promise.all([health.probe(10), health.probe(20), health.probe(30)]);
    assert.deepEqual(answers, [false, false, false]);
    assert.equal(ping.callCount, 1);
    pending[0]!.resolve();
    await new Promise((resolve) => setImmediate(resolve));
    const next = health.probe(1000);
    assert.equal(ping.callCount, 2, 'once answered, the next probe sends a new ping');
    pending[1]!.resolve();
    assert.equal(await next, true);
  });

  it('is unavailable after a ping that fails, until one answers', async () => {
    let fails = true;
    const health = new DatabaseHealth(async () => {
      if (fails) throw Object.assign(new Error('connect ECONNREFUSED'), { name: 'MongoNetworkError' });
    }, silentLogger());
    assert.equal(await health.probe(1000), false);
    assert.equal(health.available, false);
    fails = false;
    assert.equal(await health.probe(1000), true);
    assert.equal(health.available, true);
  });
});

describe('isDatabaseUnavailable', () => {
  it('knows the driver’s errors for "no server", "connection broke or timed out" and "no free connection", also wrapped', () => {
    const named = (name: string) => Object.assign(new Error(name), { name });
    for (const name of [
      'MongoServerSelectionError',
      'MongooseServerSelectionError',
      'MongoNetworkTimeoutError',
      'MongoNetworkError',
      'MongoPoolClearedError',
      'MongoWaitQueueTimeoutError',
    ]) {
      assert.equal(isDatabaseUnavailable(named(name)), true, name);
    }
    assert.equal(isDatabaseUnavailable(new Error('wrapped', { cause: named('MongoNetworkError') })), true);
  });

  it('leaves every other failure alone: a duplicate key, a validation error, a bug', () => {
    const duplicate = Object.assign(new Error('E11000 duplicate key'), { name: 'MongoServerError', code: 11000 });
    assert.equal(isDatabaseUnavailable(duplicate), false);
    assert.equal(isDatabaseUnavailable(Object.assign(new Error('bad'), { name: 'ValidationError' })), false);
    assert.equal(isDatabaseUnavailable(new TypeError('x is undefined')), false);
    assert.equal(isDatabaseUnavailable('not an error'), false);
  });
});
