// When an upgrade speaks unasked: 24 h and 1 h before (only those still ahead), at the opening,
// and every 15 minutes of overrun once started.
import { strict as assert } from 'node:assert';
import {
  DAY_MS,
  HOUR_MS,
  firstReminder,
  overrunAfter,
  reminderAfter,
  remindersBefore,
} from '../../../src/domains/upgrades/rules/reminders.js';

const start = new Date('2026-12-03T14:00:00Z');
const end = new Date(start.getTime() + 4 * HOUR_MS);
const before = (ms: number) => new Date(start.getTime() - ms);

describe('upgrade reminders', () => {
  it('plans 24 h, 1 h and the opening when all are ahead', () => {
    assert.deepEqual(
      remindersBefore(start, before(3 * DAY_MS)).map((r) => [r.kind, r.at.toISOString()]),
      [
        ['day', '2026-12-02T14:00:00.000Z'],
        ['hour', '2026-12-03T13:00:00.000Z'],
        ['open', '2026-12-03T14:00:00.000Z'],
      ],
    );
  });

  it('leaves out the reminders already past when announced', () => {
    assert.equal(firstReminder(start, before(5 * HOUR_MS)).kind, 'hour');
    assert.equal(firstReminder(start, before(30 * 60_000)).kind, 'open');
  });

  it('goes from one reminder to the next, skipping one missed while no process ran', () => {
    const window = { start, end, state: 'scheduled' as const };
    assert.equal(reminderAfter('day', window, before(DAY_MS))?.kind, 'hour');
    assert.equal(reminderAfter('day', window, before(HOUR_MS / 2))?.kind, 'open', 'the 1 h one is past');
    assert.equal(reminderAfter('open', window, start), null, 'nobody started it: nothing more');
  });

  it('reminds of an overrun at the end and every 15 minutes after', () => {
    const window = { start, end, state: 'in_progress' as const };
    assert.deepEqual(reminderAfter('open', window, start), { kind: 'overrun', at: end });
    const at = (min: number) => new Date(end.getTime() + min * 60_000);
    assert.deepEqual(reminderAfter('overrun', window, at(0)), { kind: 'overrun', at: at(15) });
    assert.deepEqual(overrunAfter(end, at(31)), { kind: 'overrun', at: at(45) });
  });
});
