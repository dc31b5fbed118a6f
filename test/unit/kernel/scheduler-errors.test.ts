// Agenda's errors while the database is gone: one line per 30 s, not one per job type per poll
// (a 5 s outage in the outage test logged 684 identical "scheduler error" lines).
import { strict as assert } from 'node:assert';
import { schedulerErrorLog } from '../../../src/scheduler-errors.js';

function named(name: string): Error {
  const error = new Error('connect ECONNREFUSED 127.0.0.1:27017');
  error.name = name;
  return error;
}

describe('schedulerErrorLog', function () {
  it('says a database that does not answer once per period, counting what it left out; other errors every time', function () {
    const lines: Array<{ level: string; obj: Record<string, unknown>; msg: string }> = [];
    const logger = {
      warn: (obj: Record<string, unknown>, msg: string) => void lines.push({ level: 'warn', obj, msg }),
      error: (obj: Record<string, unknown>, msg: string) => void lines.push({ level: 'error', obj, msg }),
    };
    let now = 1_000_000;
    const log = schedulerErrorLog(logger as never, 30_000, () => now);

    for (let i = 0; i < 50; i++) log(named('MongoServerSelectionError'));
    assert.equal(lines.length, 1);
    assert.equal(lines[0]!.level, 'warn');
    assert.equal(lines[0]!.obj.leftOut, 0);

    log(new Error('a job definition is broken'));
    assert.equal(lines.length, 2);
    assert.equal(lines[1]!.level, 'error');

    now += 30_000;
    log(named('MongoNetworkError'));
    assert.equal(lines.length, 3);
    assert.equal(lines[2]!.obj.leftOut, 49, 'the line says how many it left out');
  });
});
