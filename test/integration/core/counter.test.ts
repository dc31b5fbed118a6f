// Short ids (INC-12, UPG-3…) from one counter shared by every process: many callers at once, on two
// connections as two Zhiban processes would have, each get a number of their own (the embedded
// engine once handed two callers the same one; numbers may be skipped under contention).
import { strict as assert } from 'node:assert';
import type { Connection } from 'mongoose';
import { bindCounter } from '../../../models/core/counter.js';
import { connectDatabase } from '../../../src/db/connect.js';
import { silentLogger } from '../../../src/kernel/logger.js';
import { testDatabaseUri } from '../../support/db.js';

describe('Counter.next across processes', function () {
  this.timeout(30_000);
  const connections: Connection[] = [];

  before(async function () {
    const uri = testDatabaseUri('counter');
    for (let i = 0; i < 2; i += 1) connections.push(await connectDatabase(uri, silentLogger()));
    await connections[0]!.db!.dropDatabase();
  });

  after(async function () {
    await Promise.all(connections.map((c) => c.close()));
  });

  it('hands 200 callers on two connections a number each, none twice, starting from no counter at all', async function () {
    const counters = connections.map((c) => bindCounter(c));
    const numbers = await Promise.all(Array.from({ length: 200 }, (_, i) => counters[i % 2]!.next('PAR')));
    const twice = numbers.filter((n, i) => numbers.indexOf(n) !== i);
    assert.deepEqual(twice, [], 'no number handed out twice');
    assert.ok(numbers.every((n) => Number.isInteger(n) && n >= 1));
  });

  it('counts 1, 2, 3 for one caller at a time', async function () {
    const counter = bindCounter(connections[0]!);
    assert.deepEqual([await counter.next('ONE'), await counter.next('ONE'), await counter.next('ONE')], [1, 2, 3]);
  });
});
