// Job locks a stalled database leaves behind: Agenda unlocks a job by saving it when it ends, and
// a save the database never answered leaves the lock in place. releaseOrphanedLocks frees those
// of this process, and only those.
import { strict as assert } from 'node:assert';
import { MongoBackend } from '@agendajs/mongo-backend';
import { Agenda } from 'agenda';
import type { Connection } from 'mongoose';
import { connectDatabase } from '../../../src/db/connect.js';
import { silentLogger } from '../../../src/kernel/logger.js';
import { JOBS_COLLECTION, releaseOrphanedLocks } from '../../../src/scheduler.js';
import { testDatabaseUri } from '../../support/db.js';
import { waitUntil } from '../../support/wait-until.js';

const NAME = 'zhiban-test:4242';

describe('releaseOrphanedLocks', function () {
  this.timeout(20_000);
  let connection: Connection;
  let agenda: Agenda;
  let letGo: () => void = () => undefined;

  before(async function () {
    connection = await connectDatabase(testDatabaseUri('job-locks'), silentLogger());
    agenda = new Agenda({
      backend: new MongoBackend({ mongo: connection.db!, collection: JOBS_COLLECTION }),
      name: NAME,
      processEvery: 100,
    });
    const gate = new Promise<void>((resolve) => (letGo = resolve));
    agenda.define('still-running', async () => gate, { lockLifetime: 600_000 });
    await agenda.start();
  });

  after(async function () {
    letGo();
    await agenda?.stop();
    await connection?.close();
  });

  it('unlocks what this process locked and no longer holds, and leaves every other lock alone', async function () {
    const jobs = connection.db!.collection(JOBS_COLLECTION);
    const minuteAgo = new Date(Date.now() - 60_000);
    const lockedBy = (name: string, lastModifiedBy: string, lockedAt: Date) => ({
      name,
      type: 'normal',
      priority: 0,
      nextRunAt: new Date(Date.now() + 3_600_000),
      data: {},
      lockedAt,
      lastModifiedBy,
    });
    const { insertedIds } = await jobs.insertMany([
      lockedBy('orphaned', NAME, minuteAgo),
      lockedBy('another-process', 'elsewhere:1', minuteAgo),
      lockedBy('just-locked', NAME, new Date()),
    ]);
    // A job this process is running: its lock is as old as the orphan's, but Agenda holds it.
    await agenda.now('still-running', {});
    const running = await waitUntil(
      async () => (await jobs.findOne({ name: 'still-running', lockedAt: { $ne: null } })) ?? undefined,
      'the job to be running',
    );
    // Agenda locks in the database first and lists the job as running a moment later: age the lock
    // only once Agenda holds it, as a lock that old always is in a running process.
    await waitUntil(async () => {
      const stats = await agenda.getRunningStats(true);
      const ids = [stats.runningJobs].flatMap((list) => (Array.isArray(list) ? list.map((j) => String(j._id)) : []));
      return ids.includes(String(running._id)) || undefined;
    }, 'Agenda to list the job as running');
    await jobs.updateOne({ _id: running._id }, { $set: { lockedAt: minuteAgo } });

    assert.equal(await releaseOrphanedLocks(agenda, connection.db!, silentLogger()), 1);
    const lockOf = async (id: unknown) => (await jobs.findOne({ _id: id as never }))?.lockedAt ?? null;
    assert.equal(await lockOf(insertedIds[0]), null, 'the orphan is free to run');
    assert.deepEqual(await lockOf(insertedIds[1]), minuteAgo, 'another process’s lock is kept');
    assert.notEqual(await lockOf(insertedIds[2]), null, 'a lock taken a moment ago is kept');
    assert.deepEqual(await lockOf(running._id), minuteAgo, 'the running job keeps its lock');
  });

  it('after a short outage, also unlocks a lock younger than the usual margin if it is older than the outage', async function () {
    const jobs = connection.db!.collection(JOBS_COLLECTION);
    const lockedBy = (name: string, lockedAt: Date) => ({
      name,
      type: 'normal',
      priority: 0,
      nextRunAt: new Date(Date.now() + 3_600_000),
      data: {},
      lockedAt,
      lastModifiedBy: NAME,
    });
    // The first test's locks aside: only this test's are counted.
    await jobs.deleteMany({ name: { $in: ['orphaned', 'another-process', 'just-locked'] } });
    // Taken 3 s ago, before an outage of 2 s: an orphan, though younger than the usual 5 s.
    const { insertedIds } = await jobs.insertMany([
      lockedBy('before-the-outage', new Date(Date.now() - 3_000)),
      lockedBy('just-locked-2', new Date()),
    ]);
    assert.equal(await releaseOrphanedLocks(agenda, connection.db!, silentLogger()), 0, 'not by the usual margin');
    assert.equal(await releaseOrphanedLocks(agenda, connection.db!, silentLogger(), 2_000), 1);
    const lockOf = async (id: unknown) => (await jobs.findOne({ _id: id as never }))?.lockedAt ?? null;
    assert.equal(await lockOf(insertedIds[0]), null, 'the lock from before the outage is free');
    assert.notEqual(await lockOf(insertedIds[1]), null, 'a lock taken a moment ago is kept');
  });
});
