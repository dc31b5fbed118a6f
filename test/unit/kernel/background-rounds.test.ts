// Background rounds: one at a time, a wake during a round asks for exactly one more, a failed round
// is logged and the next wake still runs, and nothing starts after stop().
import { strict as assert } from 'node:assert';
import pino from 'pino';
import { BackgroundRounds } from '../../../src/kernel/background-rounds.js';

describe('BackgroundRounds', () => {
  const quiet = pino({ level: 'silent' });

  it('runs one round at a time, and one more for any number of wakes during a round', async () => {
    let rounds = 0;
    let release: () => void = () => undefined;
    const work = new BackgroundRounds(
      () => {
        rounds += 1;
        return rounds === 1 ? new Promise<void>((resolve) => (release = resolve)) : Promise.resolve();
      },
      quiet,
      'failed',
    );
    work.wake();
    work.wake();
    work.wake();
    assert.equal(rounds, 1, 'the first round still runs');
    release();
    await work.idle();
    assert.equal(rounds, 2, 'three wakes during it asked for one more');
  });

  it('logs a failed round, and the next wake runs again', async () => {
    const logged: string[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => logged.push(JSON.parse(line).msg) });
    let calls = 0;
    const work = new BackgroundRounds(
      async () => {
        calls += 1;
        if (calls === 1) throw new Error('gateway down');
      },
      logger,
      'delivery failed; the sweep will take it',
    );
    work.wake();
    await work.idle();
    work.wake();
    await work.idle();
    assert.equal(calls, 2);
    assert.deepEqual(logged, ['delivery failed; the sweep will take it']);
  });

  it('starts nothing after stop', async () => {
    let calls = 0;
    const work = new BackgroundRounds(async () => void (calls += 1), quiet, 'failed');
    work.stop();
    work.wake();
    await work.idle();
    assert.equal(calls, 0);
    assert.equal(work.isStopped, true);
  });
});
