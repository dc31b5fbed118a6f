// The audit trail on a real database: append-only through every mongoose write path, no TTL,
// and `/ops audit`'s reads: an object's latest events, and the filters by person and time.
import { strict as assert } from 'node:assert';
import type { Connection } from 'mongoose';
import { AppendOnlyError } from '../../../models/ops/audit-event.js';
import { ensureIndexes, type Models } from '../../../models/index.js';
import { bindModels } from '../../../src/domains/registry.js';
import { connectDatabase } from '../../../src/db/connect.js';
import { silentLogger } from '../../../src/kernel/logger.js';
import { AuditTrail } from '../../../src/domains/ops/rules/audit-trail.js';
import { testDatabaseUri } from '../../support/db.js';

describe('Audit trail: append-only', function () {
  let connection: Connection;
  let models: Models;
  let id: unknown;

  before(async function () {
    connection = await connectDatabase(testDatabaseUri('audit-trail'), silentLogger());
    models = bindModels(connection);
    await ensureIndexes(models);
    const created = await models.AuditEvent.create({
      at: new Date('2026-03-01T02:00:00Z'),
      actor: 'slack:UADMIN0001',
      action: 'role.grant',
      objectType: 'user',
      objectId: 'slack:UTARGET01',
      before: { roles: [] },
      after: { roles: ['pm'] },
      outcome: 'done',
      via: 'slack',
    });
    id = created._id;
  });

  after(async function () {
    await connection?.close();
  });

  const writes: Array<[string, () => Promise<unknown>]> = [
    ['updateOne', () => models.AuditEvent.updateOne({ _id: id }, { $set: { actor: 'x' } })],
    ['updateMany', () => models.AuditEvent.updateMany({}, { $set: { actor: 'x' } })],
    ['findOneAndUpdate', () => models.AuditEvent.findOneAndUpdate({ _id: id }, { $set: { actor: 'x' } })],
    ['findByIdAndUpdate', () => models.AuditEvent.findByIdAndUpdate(id, { $set: { actor: 'x' } })],
    ['replaceOne', () => models.AuditEvent.replaceOne({ _id: id }, { actor: 'x' })],
    ['findOneAndReplace', () => models.AuditEvent.findOneAndReplace({ _id: id }, { actor: 'x' })],
    ['deleteOne', () => models.AuditEvent.deleteOne({ _id: id })],
    ['deleteMany', () => models.AuditEvent.deleteMany({})],
    ['findOneAndDelete', () => models.AuditEvent.findOneAndDelete({ _id: id })],
    ['findByIdAndDelete', () => models.AuditEvent.findByIdAndDelete(id)],
    ['a bulkWrite with a delete', () => models.AuditEvent.bulkWrite([{ deleteOne: { filter: { _id: id } } }])],
    [
      'save of a changed document',
      async () => {
        const doc = (await models.AuditEvent.findById(id))!;
        doc.actor = 'x';
        return doc.save();
      },
    ],
    ['a document’s updateOne', async () => (await models.AuditEvent.findById(id))!.updateOne({ actor: 'x' })],
    ['a document’s deleteOne', async () => (await models.AuditEvent.findById(id))!.deleteOne()],
  ];
  for (const [name, write] of writes) {
    it(`refuses ${name} and leaves the record as it was`, async function () {
      await assert.rejects(write(), AppendOnlyError);
      const still = await models.AuditEvent.findById(id).lean();
      assert.equal(still?.actor, 'slack:UADMIN0001');
      assert.deepStrictEqual(still?.after, { roles: ['pm'] });
    });
  }

  it('still appends, one by one, many at once, or in a bulkWrite of inserts', async function () {
    const line = {
      at: new Date(),
      actor: 'system',
      action: 'x.y',
      objectType: 't',
      objectId: 'T-1',
      outcome: 'done' as const,
    };
    await models.AuditEvent.create({ ...line, via: 'job' });
    await models.AuditEvent.insertMany([{ ...line, via: 'job' }]);
    await models.AuditEvent.bulkWrite([{ insertOne: { document: { ...line, via: 'job' } } }]);
    assert.equal(await models.AuditEvent.countDocuments({ objectId: 'T-1' }), 3);
  });

  it('has no TTL index: records are kept at least 180 days', async function () {
    const indexes = await models.AuditEvent.collection.indexes();
    assert.ok(indexes.length > 1, 'the indexes were created');
    assert.deepStrictEqual(
      indexes.filter((i) => i.expireAfterSeconds !== undefined),
      [],
    );
  });

  it('reads the latest 50 events of an object, oldest first, whatever its type', async function () {
    const start = Date.parse('2026-04-01T00:00:00Z');
    await models.AuditEvent.insertMany(
      Array.from({ length: 60 }, (_, i) => ({
        at: new Date(start + i * 60_000),
        actor: 'system',
        action: 'incident.update',
        objectType: i % 2 ? 'incident' : 'other',
        objectId: 'INC-7',
        outcome: 'done',
        via: 'job',
        reason: String(i),
      })),
    );
    const trail = new AuditTrail(models.AuditEvent, { now: () => new Date() });
    const events = await trail.recent('INC-7');
    assert.equal(events.length, 50);
    assert.deepStrictEqual(
      events.map((e) => e.reason),
      Array.from({ length: 50 }, (_, i) => String(i + 10)),
    );
  });

  it('selects by object, by the identities of a person and by [from, to), counting what it does not show', async function () {
    const start = Date.parse('2026-05-01T00:00:00Z');
    const hour = 3_600_000;
    await models.AuditEvent.insertMany(
      Array.from({ length: 30 }, (_, i) => ({
        at: new Date(start + i * hour),
        actor: ['slack:UALICE0001', 'web:alice', 'discord:300000000000000007'][i % 3],
        action: 'role.grant',
        objectType: 'user',
        objectId: i < 15 ? 'slack:UONE00001' : 'slack:UTWO00002',
        outcome: 'done',
        via: 'slack',
        reason: String(i),
      })),
    );
    const trail = new AuditTrail(models.AuditEvent, { now: () => new Date() });
    const alice = ['slack:UALICE0001', 'web:alice'];
    const reasons = (events: Array<{ reason?: string | null }>) => events.map((e) => e.reason);

    const hers = await trail.select({ actors: alice }, 5);
    assert.equal(hers.total, 20);
    assert.deepStrictEqual(reasons(hers.events), ['22', '24', '25', '27', '28'], 'the newest 5, oldest first');
    const day = await trail.select({ from: new Date(start + 10 * hour), to: new Date(start + 13 * hour) });
    assert.deepStrictEqual(reasons(day.events), ['10', '11', '12'], 'from counted, to not');
    const all = await trail.select({ objectId: 'slack:UTWO00002', actors: alice, from: new Date(start + 20 * hour) });
    assert.deepStrictEqual(reasons(all.events), ['21', '22', '24', '25', '27', '28']);
    assert.equal(all.total, 6);
    assert.equal(await trail.count({ actors: ['discord:300000000000000007'] }), 10);
    assert.deepStrictEqual(reasons(await trail.oldest({ actors: alice }, 3)), ['0', '1', '3']);
    const streamed: string[] = [];
    for await (const event of trail.stream({ objectId: 'slack:UONE00001' })) streamed.push(event.reason!);
    assert.deepStrictEqual(
      streamed,
      Array.from({ length: 15 }, (_, i) => String(i)),
      'every one, oldest first',
    );
  });
});
