// The audit trail on a real database: append-only through every mongoose write path, no TTL,
// and `/ops audit`'s read of an object's latest events.
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
});
