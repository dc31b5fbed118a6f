// The hourly clean-up removes what TTL indexes would on real MongoDB, and nothing else.
import { strict as assert } from 'node:assert';
import type { Agenda } from 'agenda';
import { housekeeping } from '../../../jobs/housekeeping.js';
import { silentLogger } from '../../../src/kernel/logger.js';
import { Harness } from '../../support/harness.js';

describe('Housekeeping job', function () {
  let h: Harness;

  before(async function () {
    h = await Harness.start({ label: 'housekeeping' });
  });

  after(async function () {
    await h?.stop();
  });

  it('deletes outbox messages sent over 7 days ago and link codes past purge, keeping the rest and the audit trail', async function () {
    const { OutboxMessage, LinkCode, AuditEvent } = h.zhiban.models;
    const now = new Date();
    const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
    const message = (state: string, sentAt?: Date) => ({
      platform: 'slack',
      channelId: 'C1',
      channelKey: 'slack:C1',
      subject: 'incident:INC-1',
      op: 'post',
      message: { text: 'x' },
      state,
      notBefore: daysAgo(9),
      createdAt: daysAgo(9),
      ...(sentAt ? { sentAt } : {}),
    });
    await OutboxMessage.insertMany([message('sent', daysAgo(8)), message('sent', daysAgo(1)), message('pending')]);
    const code = (id: string, purgeAt: Date) => ({
      _id: id,
      owner: 'slack:U1',
      createdAt: daysAgo(3),
      expiresAt: daysAgo(3),
      purgeAt,
    });
    await LinkCode.insertMany([code('old', daysAgo(1)), code('fresh', new Date(now.getTime() + 3_600_000))]);
    const audits = await AuditEvent.countDocuments();

    let run: (() => Promise<void>) | undefined;
    const agenda = { define: (_name: string, fn: () => Promise<void>) => (run = fn) } as unknown as Agenda;
    housekeeping.define(agenda, { logger: silentLogger(), models: h.zhiban.models, clock: { now: () => now } });
    await run!();

    assert.equal(await OutboxMessage.countDocuments({ state: 'sent' }), 1);
    assert.equal(await OutboxMessage.countDocuments({ state: 'pending' }), 1);
    assert.deepEqual(
      (await LinkCode.find().lean()).map((c) => c._id),
      ['fresh'],
    );
    assert.equal(await AuditEvent.countDocuments(), audits);
  });

  it('deletes expired web console sessions and sign-in failures that no longer count', async function () {
    const { WebSession, LoginAttempt } = h.zhiban.models;
    const now = new Date();
    const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
    const session = (id: string, expiresAt: Date) => ({
      _id: id,
      user: 'alice',
      trial: false,
      createdAt: at(-60),
      seenAt: at(-30),
      expiresAt,
    });
    await WebSession.insertMany([session('expired', at(-1)), session('open', at(60))]);
    await LoginAttempt.insertMany([
      { _id: 'stale', failures: [at(-20)], purgeAt: at(-5) },
      { _id: 'counting', failures: [at(-1)], purgeAt: at(14) },
    ]);

    let run: (() => Promise<void>) | undefined;
    const agenda = { define: (_name: string, fn: () => Promise<void>) => (run = fn) } as unknown as Agenda;
    housekeeping.define(agenda, { logger: silentLogger(), models: h.zhiban.models, clock: { now: () => now } });
    await run!();

    assert.deepEqual(
      (await WebSession.find().lean()).map((s) => s._id),
      ['open'],
    );
    assert.deepEqual(
      (await LoginAttempt.find().lean()).map((a) => a._id),
      ['counting'],
    );
  });
});
