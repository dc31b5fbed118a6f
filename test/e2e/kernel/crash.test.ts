// Nothing answered 202 is lost when the whole process group dies: Zhiban is started as `npm start`
// starts it (file storage, the embedded engine in a child process), killed with SIGKILL in the
// middle of an alert storm, and started again on the same DATA_DIR. The longer form is
// `npm run chaos`.
import { strict as assert } from 'node:assert';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countStored, sendStorm, stormAlert } from '../../support/crash-storm.js';
import { sendAlerts } from '../../support/alert-sender.js';
import { ZhibanProcess } from '../../support/zhiban-child.js';

describe('A killed process group', function () {
  this.timeout(90_000);
  let dataDir: string;
  let running: ZhibanProcess | undefined;

  beforeEach(async function () {
    dataDir = await mkdtemp(join(tmpdir(), 'zhiban-crash-'));
  });

  afterEach(async function () {
    await running?.killGroup();
    running = undefined;
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps every alert answered 202, and its group, through a SIGKILL of Node and the engine mid-storm', async function () {
    const plan = { total: 600, batch: 20, inFlight: 4, groups: 12, prefix: 'crash' };
    const first = await ZhibanProcess.start({ dataDir });
    running = first;
    await first.ready();
    let killed: Promise<number> | undefined;
    const storm = await sendStorm(first.url, {
      ...plan,
      killAt: { accepted: 300, kill: () => (killed = first.killGroup()) },
    });
    assert.ok(killed, 'the group was killed during the storm');
    await killed;
    running = undefined;
    assert.ok(storm.accepted.size >= 300 && storm.accepted.size < plan.total, `accepted ${storm.accepted.size}`);

    // Started again on the same data: ready, holding every accepted alert, and taking new ones.
    const second = await ZhibanProcess.start({ dataDir });
    running = second;
    await second.ready();
    const count = await countStored(second.databaseUri, storm.accepted, plan.prefix);
    await sendAlerts(second, { ...stormAlert(plan, plan.total), status: 'firing', severity: 'critical' });
    assert.deepEqual(count.lost, [], `accepted ${storm.accepted.size}, stored ${count.stored}`);
    assert.deepEqual(count.groupsLost, [], 'every accepted alert’s group is stored too');
    assert.equal(count.stored, storm.accepted.size);
    // Stored but not answered is allowed (the answer died with the process); the sender sends those again.
    assert.ok(count.storedInAll <= storm.accepted.size + storm.unanswered, JSON.stringify(count));
    assert.equal(await second.stop(), 0, 'stops cleanly after the restart');
    running = undefined;
  });
});
