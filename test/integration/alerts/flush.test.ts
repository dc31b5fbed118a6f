// The grouping and the flush as services on a real database, with a clock the test moves: the
// timers to the millisecond, races between processes, and what survives a failed flush or a
// failed intake listener.
import { strict as assert } from 'node:assert';
import type { Connection } from 'mongoose';
import type { Alert } from '../../../models/alerts/alert.js';
import type { AlertGroup } from '../../../models/alerts/alert-group.js';
import { ensureIndexes, type Models } from '../../../models/index.js';
import { bindModels } from '../../../src/domains/registry.js';
import type { Clock } from '../../../src/kernel/clock.js';
import { connectDatabase } from '../../../src/db/connect.js';
import { silentLogger } from '../../../src/kernel/logger.js';
import { AlertFlush } from '../../../src/domains/alerts/rules/flush.js';
import { groupKeyOf } from '../../../src/domains/alerts/rules/group-key.js';
import type { AlertGroupPresenter, GroupChanges } from '../../../src/domains/alerts/rules/presenter.js';
import { AlertGrouping } from '../../../src/domains/alerts/rules/grouping.js';
import { testDatabaseUri } from '../../support/db.js';

const TIMERS = { groupWaitMs: 30_000, groupIntervalMs: 300_000, repeatIntervalMs: 4 * 3_600_000 };
const T0 = new Date('2026-11-20T02:00:00Z').getTime();

class Recorder implements AlertGroupPresenter {
  readonly shown: AlertGroup[] = [];
  readonly changed: GroupChanges[] = [];
  readonly notes: string[] = [];
  failNextShow = false;
  async show(group: AlertGroup): Promise<void> {
    if (this.failNextShow) {
      this.failNextShow = false;
      throw new Error('the outbox is down');
    }
    this.shown.push(group);
  }
  async changes(_group: AlertGroup, changes: GroupChanges): Promise<void> {
    this.changed.push(changes);
  }
  async note(_group: AlertGroup, note: { kind: string }): Promise<void> {
    this.notes.push(note.kind);
  }
}

describe('Alert grouping and flush (services, moved clock)', function () {
  let connection: Connection;
  let models: Models;
  let now = T0;
  const clock: Clock = { now: () => new Date(now) };
  const noSilences = { markGroup: async () => undefined };

  before(async function () {
    connection = await connectDatabase(testDatabaseUri('alert-flush'), silentLogger());
    models = bindModels(connection);
    await ensureIndexes(models);
  });

  after(async function () {
    await connection?.close();
  });

  const grouping = () => new AlertGrouping({ ...parts(), clock, timers: TIMERS });
  const flusher = (presenter: AlertGroupPresenter) =>
    new AlertFlush({ ...parts(), silences: noSilences, presenter, clock, timers: TIMERS, logger: silentLogger() });
  const parts = () => ({ alerts: models.Alert, groups: models.AlertGroup, counters: models.Counter });

  /** Stores alerts as the intake does (its own write), without telling the grouping. */
  async function store(name: string, instances: string[], status: Alert['status'] = 'firing'): Promise<Alert[]> {
    const alerts = instances.map((instance) => {
      const labels = { alertname: name, system: 'e-pay', instance };
      return {
        _id: `${name}-${instance}`,
        source: 'test',
        name,
        status,
        severity: 'major' as const,
        layer: 'application' as const,
        summary: `${name} on ${instance}`,
        labels,
        startsAt: clock.now(),
        firstSeenAt: clock.now(),
        lastSeenAt: clock.now(),
        count: 1,
        groupKey: groupKeyOf(labels, 'major').key,
      };
    });
    for (const alert of alerts) {
      await models.Alert.updateOne({ _id: alert._id }, { $set: alert }, { upsert: true });
    }
    return alerts;
  }
  const groupOf = (name: string) => models.AlertGroup.findOne({ name }).lean<AlertGroup>();

  it('makes one group with one ALG id when ten processes store its first alerts at once', async function () {
    const alerts = await store('RaceNew', ['a', 'b', 'c']);
    const seq = async () => (await models.Counter.findById('ALG').lean())?.seq ?? 0;
    const before = await seq();
    await Promise.all(Array.from({ length: 10 }, () => grouping().stored(alerts)));
    assert.equal(await seq(), before + 1, 'one number taken: no gaps in ALG-n');
    const groups = await models.AlertGroup.find({ name: 'RaceNew' }).lean<AlertGroup[]>();
    assert.equal(groups.length, 1);
    assert.match(groups[0]!.shortId!, /^ALG-\d+$/);
    assert.equal(groups[0]!.revision, 10, 'every batch was counted');
  });

  it('keeps Alertmanager’s timers: group_wait, then group_interval, then repeat_interval', async function () {
    const recorder = new Recorder();
    const flush = flusher(recorder);
    now = T0;
    await grouping().stored(await store('Timers', ['a']));
    assert.equal((await groupOf('Timers'))!.earliestFlushAt.getTime(), T0 + 30_000, 'first flush after group_wait');
    now = T0 + 10_000;
    await grouping().stored(await store('Timers', ['b']));
    assert.equal((await groupOf('Timers'))!.earliestFlushAt.getTime(), T0 + 30_000, 'joining does not delay it');
    const key = (await groupOf('Timers'))!._id;
    assert.equal(await flush.flush(key), false, 'not due yet');

    now = T0 + 30_000;
    assert.equal(await flush.flush(key), true);
    assert.equal(recorder.shown.length, 1);
    assert.deepEqual(recorder.shown[0]!.samples, ['a: Timers on a', 'b: Timers on b']);
    let g = (await groupOf('Timers'))!;
    assert.equal(g.nextFlushAt!.getTime(), T0 + 30_000 + TIMERS.repeatIntervalMs, 'next: the repeat');

    now = T0 + 60_000;
    await grouping().stored(await store('Timers', ['c']));
    g = (await groupOf('Timers'))!;
    assert.equal(g.pending, true);
    assert.equal(g.earliestFlushAt.getTime(), T0 + 30_000 + 300_000, 'a change waits for group_interval');
    now = T0 + 329_999;
    assert.equal(await flush.flush(key), false);
    now = T0 + 330_000;
    assert.equal(await flush.flush(key), true);
    assert.equal(recorder.changed.length, 1);
    assert.deepEqual(
      recorder.changed[0]!.joined.map((a) => a._id),
      ['Timers-c'],
    );

    now = T0 + 30_000 + TIMERS.repeatIntervalMs;
    assert.equal(await flush.flush(key), true);
    assert.deepEqual(recorder.notes, ['repeat']);
    g = (await groupOf('Timers'))!;
    assert.equal(g.lastNotifiedAt!.getTime(), now);
  });

  it('lets only one of two racing flushes take a due group', async function () {
    now = T0;
    await grouping().stored(await store('RaceFlush', ['a']));
    now = T0 + 30_000;
    const recorder = new Recorder();
    const key = (await groupOf('RaceFlush'))!._id;
    const results = await Promise.all([flusher(recorder).flush(key), flusher(recorder).flush(key)]);
    assert.deepEqual(results.sort(), [false, true]);
    assert.equal(recorder.shown.length, 1);
  });

  it('flushes again one group_interval after a flush that failed half-way', async function () {
    now = T0;
    await grouping().stored(await store('Crashy', ['a']));
    const recorder = new Recorder();
    recorder.failNextShow = true;
    const key = (await groupOf('Crashy'))!._id;
    now = T0 + 30_000;
    await assert.rejects(flusher(recorder).flush(key), /the outbox is down/);
    assert.equal(recorder.shown.length, 0);
    assert.equal((await groupOf('Crashy'))!.nextFlushAt!.getTime(), T0 + 30_000 + 300_000);
    now = T0 + 330_000;
    await flusher(recorder).flush(key);
    assert.equal(recorder.shown.length, 1, 'shown at the retry');
  });

  it('finds alerts whose grouping never ran (a failed listener) and schedules their group', async function () {
    now = T0;
    await store('Orphan', ['a', 'b']);
    await grouping().reconcile();
    const g = await groupOf('Orphan');
    assert.ok(g?.shortId);
    assert.equal(g?.earliestFlushAt.getTime(), T0 + 30_000);
    assert.equal(g?.pending, true);
    const recorder = new Recorder();
    now = T0 + 30_000;
    assert.equal(await flusher(recorder).flush(g!._id), true);
    assert.equal(recorder.shown.at(-1)?.firing, 2);
  });

  it('ends an episode quietly when its alerts resolve before anyone was told', async function () {
    now = T0;
    await grouping().stored(await store('Blip', ['a']));
    now = T0 + 5000;
    await grouping().stored(await store('Blip', ['a'], 'resolved'));
    const recorder = new Recorder();
    now = T0 + 30_000;
    await flusher(recorder).flush((await groupOf('Blip'))!._id);
    const g = await groupOf('Blip');
    assert.equal(g?.state, 'resolved');
    assert.equal(recorder.shown.length, 0);
    assert.equal(recorder.changed.length, 0);
  });
});
