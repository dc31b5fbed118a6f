// Rotations and overrides across a month (issue 17, "Tests"): handover at 09:00 in Asia/Shanghai, a
// weekly rotation, a daily one, imported shifts, stand-ins cutting shifts short.
import { strict as assert } from 'node:assert';
import type { Schedule } from '../../../src/domains/duty/rules/schedule.js';
import { handoverBefore, nextShift, shiftAt, shiftsBetween } from '../../../src/domains/duty/rules/schedule.js';

const ZONE = 'Asia/Shanghai';
/** `2026-12-01T09:00` in Shanghai as an instant. */
const at = (local: string) => new Date(`${local}:00+08:00`);
const A = 'slack:UA';
const B = 'slack:UB';
const C = 'slack:UC';

const weekly = (): Schedule => ({
  handover: '09:00',
  rotation: { people: [A, B, C], shiftDays: 7, start: at('2026-11-30T09:00') },
  shifts: [],
  overrides: [],
});

describe('duty schedule', function () {
  it('finds the last handover at 09:00 Shanghai time, before and after it', function () {
    assert.equal(
      handoverBefore(at('2026-12-01T08:59'), '09:00', ZONE).toISOString(),
      at('2026-11-30T09:00').toISOString(),
    );
    assert.equal(
      handoverBefore(at('2026-12-01T09:00'), '09:00', ZONE).toISOString(),
      at('2026-12-01T09:00').toISOString(),
    );
  });

  it('turns a weekly rotation over at Monday 09:00 for a whole month, the next person as secondary', function () {
    const schedule = weekly();
    const expected: Array<[string, string, string]> = [
      ['2026-11-30T09:00', A, B],
      ['2026-12-07T08:59', A, B],
      ['2026-12-07T09:00', B, C],
      ['2026-12-14T09:00', C, A],
      ['2026-12-21T09:00', A, B],
      ['2026-12-28T12:00', B, C],
    ];
    for (const [local, primary, secondary] of expected) {
      const shift = shiftAt(schedule, at(local), ZONE);
      assert.equal(shift?.primary, primary, local);
      assert.equal(shift?.secondary, secondary, local);
    }
    const month = shiftsBetween(schedule, at('2026-11-30T09:00'), at('2026-12-28T09:00'), ZONE);
    assert.deepEqual(
      month.map((s) => [s.start.toISOString(), s.primary]),
      [
        [at('2026-11-30T09:00').toISOString(), A],
        [at('2026-12-07T09:00').toISOString(), B],
        [at('2026-12-14T09:00').toISOString(), C],
        [at('2026-12-21T09:00').toISOString(), A],
      ],
    );
    assert.equal(
      shiftAt(schedule, at('2026-12-08T12:00'), ZONE)?.end.toISOString(),
      at('2026-12-14T09:00').toISOString(),
    );
  });

  it('has nobody on duty before the rotation starts, and says who is first', function () {
    const schedule = weekly();
    assert.equal(shiftAt(schedule, at('2026-11-30T08:00'), ZONE), undefined);
    assert.equal(nextShift(schedule, at('2026-11-30T08:00'), ZONE)?.primary, A);
  });

  it('lets an override stand in for the primary, cutting the shift around it, and keeps the shift’s secondary', function () {
    const schedule: Schedule = {
      ...weekly(),
      overrides: [
        {
          id: 'o1',
          start: at('2026-12-02T09:00'),
          end: at('2026-12-03T09:00'),
          person: C,
          by: 'slack:UPM',
          kind: 'override',
        },
      ],
    };
    const before = shiftAt(schedule, at('2026-12-01T12:00'), ZONE)!;
    assert.equal(before.primary, A);
    assert.equal(before.end.toISOString(), at('2026-12-02T09:00').toISOString());
    const during = shiftAt(schedule, at('2026-12-02T20:00'), ZONE)!;
    assert.deepEqual([during.primary, during.secondary, during.source], [C, B, 'override']);
    assert.equal(during.end.toISOString(), at('2026-12-03T09:00').toISOString());
    const bySecondary: Schedule = {
      ...schedule,
      overrides: [{ ...schedule.overrides[0]!, person: B }],
    };
    const covered = shiftAt(bySecondary, at('2026-12-02T20:00'), ZONE)!;
    assert.deepEqual(
      [covered.primary, covered.secondary],
      [B, undefined],
      'the secondary standing in is not their own backup',
    );
    const after = shiftAt(schedule, at('2026-12-03T09:00'), ZONE)!;
    assert.equal(after.primary, A);
    assert.equal(after.start.toISOString(), at('2026-12-03T09:00').toISOString());
    assert.equal(after.end.toISOString(), at('2026-12-07T09:00').toISOString());
  });

  it('takes imported shifts over the rotation where they are, and the rotation elsewhere', function () {
    const schedule: Schedule = {
      ...weekly(),
      shifts: [
        { start: at('2026-12-09T09:00'), end: at('2026-12-10T09:00'), primary: C, secondary: A },
        { start: at('2026-12-10T09:00'), end: at('2026-12-11T09:00'), primary: A },
      ],
    };
    assert.equal(
      shiftAt(schedule, at('2026-12-08T10:00'), ZONE)?.end.toISOString(),
      at('2026-12-09T09:00').toISOString(),
    );
    const imported = shiftAt(schedule, at('2026-12-09T10:00'), ZONE)!;
    assert.deepEqual([imported.primary, imported.secondary, imported.source], [C, A, 'import']);
    assert.equal(shiftAt(schedule, at('2026-12-10T10:00'), ZONE)?.secondary, undefined);
    assert.equal(shiftAt(schedule, at('2026-12-11T10:00'), ZONE)?.primary, B, 'the rotation again');
  });

  it('runs a daily rotation of one person with no secondary', function () {
    const schedule: Schedule = {
      handover: '08:30',
      rotation: { people: [A], shiftDays: 1, start: at('2026-12-01T08:30') },
      shifts: [],
      overrides: [],
    };
    const shift = shiftAt(schedule, at('2026-12-15T08:29'), ZONE)!;
    assert.equal(shift.primary, A);
    assert.equal(shift.secondary, undefined);
    assert.equal(shift.start.toISOString(), at('2026-12-14T08:30').toISOString());
  });
});
