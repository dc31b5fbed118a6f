// How stored batches reach an intake listener: one call at a time, batches that arrive meanwhile
// merged into the next call, each caller released only once a call covering its batch is done.
import { strict as assert } from 'node:assert';
import type { AlertIntakeListener, NormalizedAlert } from '../../../src/domains/alerts/rules/intake.js';
import { ListenerQueue } from '../../../src/domains/alerts/rules/listener-queue.js';
import { silentLogger } from '../../../src/kernel/logger.js';

function anAlert(id: string, status: NormalizedAlert['status'] = 'firing'): NormalizedAlert {
  return {
    _id: id,
    source: 'test',
    name: 'A',
    status,
    severity: 'minor',
    layer: 'application',
    summary: '',
    labels: { alertname: 'A' },
    startsAt: new Date(0),
    groupKey: 'k',
  };
}

/** A listener whose calls finish only when the test says so. */
class GatedListener implements AlertIntakeListener {
  readonly calls: string[][] = [];
  private gates: Array<() => void> = [];

  stored(alerts: NormalizedAlert[]): Promise<void> {
    this.calls.push(alerts.map((a) => `${a._id}:${a.status}`));
    return new Promise((resolve) => this.gates.push(resolve));
  }

  finishNext(): void {
    this.gates.shift()?.();
  }
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('Alert listener queue', () => {
  it('merges the batches stored during a call into one next call, the latest state of each alert', async () => {
    const listener = new GatedListener();
    const queue = new ListenerQueue(listener, silentLogger());
    const done: string[] = [];
    const first = queue.deliver([anAlert('a')]).then(() => done.push('first'));
    await tick();
    const second = queue.deliver([anAlert('b'), anAlert('c')]).then(() => done.push('second'));
    const third = queue.deliver([anAlert('b', 'resolved')]).then(() => done.push('third'));
    await tick();
    assert.deepStrictEqual(listener.calls, [['a:firing']]);

    listener.finishNext();
    await first;
    await tick();
    assert.deepStrictEqual(done, ['first']);
    assert.deepStrictEqual(listener.calls, [['a:firing'], ['c:firing', 'b:resolved']]);

    listener.finishNext();
    await Promise.all([second, third]);
    assert.deepStrictEqual(done, ['first', 'second', 'third']);
  });

  it('releases the callers of a failed call and goes on with the next', async () => {
    let calls = 0;
    const queue = new ListenerQueue(
      {
        stored: async () => {
          calls += 1;
          if (calls === 1) throw new Error('listener down');
        },
      },
      silentLogger(),
    );
    await queue.deliver([anAlert('a')]);
    await queue.deliver([anAlert('b')]);
    assert.equal(calls, 2);
  });
});
