// The pager gateway's durable calls against a fake gateway and the real database: a refusal (4xx)
// ends a call at once, no answer is tried again after the back-off under the same key, a call
// stored twice is made once, and a call no 2xx took within the hour is given up.
import { strict as assert } from 'node:assert';
import pino from 'pino';
import { Secret } from '../../../src/config/secret.js';
import { PAGER_POLICY, PagerGateway } from '../../../src/domains/duty/rules/pager-gateway.js';
import { systemClock } from '../../../src/kernel/clock.js';
import { IDEMPOTENCY_HEADER } from '../../../src/http/signed-post.js';
import { EXECUTOR_SECRET, FakeExecutor } from '../../support/fake-executor.js';
import { Harness } from '../../support/harness.js';
import { MovedClock } from '../../support/moved-clock.js';

describe('Pager gateway calls', function () {
  this.timeout(30_000);
  let clock: MovedClock;
  let fake: FakeExecutor;
  let h: Harness;
  let gateway: PagerGateway;
  const key = (i: number) => fake.calls[i]!.headers[IDEMPOTENCY_HEADER.toLowerCase()];
  const stored = (id: string) => h.zhiban.models.DutyPagerCall.findById(id).lean();

  before(async function () {
    clock = MovedClock.install(new Date('2026-12-01T10:00:00+08:00'));
    fake = await FakeExecutor.start(200);
    h = await Harness.start({ label: 'duty-gateway', env: { WEB_CONSOLE: 'off' } });
    gateway = new PagerGateway(
      h.zhiban.models.DutyPagerCall,
      h.zhiban.models.DutyPhone,
      undefined,
      { url: fake.url, secret: new Secret(EXECUTOR_SECRET), clock: systemClock },
      systemClock,
      pino({ level: 'silent' }),
    );
  });

  after(async function () {
    gateway?.stop();
    await h?.stop();
    await fake?.stop();
    clock?.restore();
  });

  it('ends a call the gateway refuses with a 4xx, without trying again', async function () {
    fake.answerNext(400);
    await gateway.enqueue([{ id: 'p-refused', person: 'slack:U1', what: 'P1 INC-9 x', severity: 'P1' }]);
    await gateway.idle();
    assert.equal((await stored('p-refused'))?.state, 'refused');
    await clock.advance(PAGER_POLICY.maxRetryMs + 1000);
    assert.equal(await gateway.deliverDue(), 0);
    assert.equal(fake.calls.length, 1);
  });

  it('tries a call that got no answer again after the back-off, under the same key, and a stored call once', async function () {
    fake.answerNext(503);
    const request = { id: 'p-retry', person: 'slack:U2', what: 'P2 INC-10 y', severity: 'P2' };
    await gateway.enqueue([request]);
    await gateway.idle();
    await gateway.enqueue([request]);
    await gateway.idle();
    assert.equal(fake.calls.length, 2, 'stored twice, called once');
    assert.equal((await stored('p-retry'))?.state, 'waiting');
    assert.equal(await gateway.deliverDue(), 0, 'not before the back-off');
    await clock.advance(PAGER_POLICY.firstRetryMs + 1000);
    assert.equal(await gateway.deliverDue(), 1);
    assert.equal(key(2), key(1));
    assert.equal((await stored('p-retry'))?.state, 'delivered');
    assert.equal(await gateway.deliverDue(), 0, 'never again after a 2xx');
  });

  it('gives a call up once the hour has passed without a 2xx', async function () {
    fake.otherwise = 500;
    await gateway.enqueue([{ id: 'p-late', person: 'slack:U3', what: 'P1 INC-11 z', severity: 'P1' }]);
    await gateway.idle();
    await clock.advance(PAGER_POLICY.giveUpAfterMs + 1000);
    const before = fake.calls.length;
    await gateway.deliverDue();
    assert.equal((await stored('p-late'))?.state, 'given_up');
    assert.equal(fake.calls.length, before);
  });
});
