// Check 7 as a rule: under 15 % free, and full within 14 days at the trend of the last 14 days.
import { strict as assert } from 'node:assert';
import type { BackupStorage } from '../../../models/backups/backup-storage.js';
import type { StorageSample } from '../../../models/backups/storage-sample.js';
import { checkStorage, fullAt, slopeOf } from '../../../src/domains/backups/rules/storage-checks.js';
import { at, DAY } from './mothers.js';

const TIB = 2 ** 40;

function aStorage(freeShare: number, when = at(0)): BackupStorage {
  return { _id: 'nas-01', totalBytes: TIB, freeBytes: Math.round(freeShare * TIB), at: when, rev: 1, findings: {} };
}

/** A sample a day for `days` days up to `at(0)`, free space falling by `perDay` of the total each day. */
function falling(days: number, freeNow: number, perDay: number): StorageSample[] {
  return Array.from({ length: days + 1 }, (_, i) => {
    const ago = days - i;
    return {
      _id: `nas-01|${ago}`,
      name: 'nas-01',
      totalBytes: TIB,
      freeBytes: Math.round((freeNow + ago * perDay) * TIB),
      at: at(-ago * DAY),
    };
  });
}

const firingKeys = (storage: BackupStorage, samples: StorageSample[]) =>
  checkStorage(storage, samples, storage.at)
    .filter((f) => f.firing)
    .map((f) => f.key);

describe('backup storage checks', () => {
  it('fits a least-squares line', () => {
    assert.equal(slopeOf([0, 1, 2, 3], [10, 8, 6, 4]), -2);
    assert.equal(slopeOf([5, 5], [1, 2]), 0);
  });

  it('fires under 15 % free, not at 15 %', () => {
    // 15 GiB of 100 exactly; the same share of a TiB is a few bytes under it once rounded to bytes.
    const storage = { ...aStorage(0.5), totalBytes: 100 * 2 ** 30 };
    assert.deepEqual(firingKeys({ ...storage, freeBytes: 15 * 2 ** 30 }, []), []);
    assert.deepEqual(firingKeys({ ...storage, freeBytes: 15 * 2 ** 30 - 1 }, []), ['storage_low']);
  });

  it('forecasts the day it fills from its trend, and warns under 14 days', () => {
    // 50 % free, losing 4 % a day: full in 12.5 days.
    const soon = falling(10, 0.5, 0.04);
    const full = fullAt(aStorage(0.5), soon)!;
    assert.ok(Math.abs(full.getTime() - at(12.5 * DAY).getTime()) < 60_000, full.toISOString());
    assert.deepEqual(firingKeys(aStorage(0.5), soon), ['storage_full_soon']);
    // Losing 3 % a day: 16.7 days.
    assert.deepEqual(firingKeys(aStorage(0.5), falling(10, 0.5, 0.03)), []);
  });

  it('makes no forecast for a storage that is not filling, or without a day of samples', () => {
    assert.equal(fullAt(aStorage(0.5), falling(10, 0.5, -0.01)), undefined);
    assert.equal(fullAt(aStorage(0.5), falling(10, 0.5, 0)), undefined);
    const hours = falling(10, 0.5, 0.04).map((s, i) => ({ ...s, at: new Date(at(0).getTime() - i * 3_600_000) }));
    assert.equal(fullAt(aStorage(0.5), hours.slice(0, 5)), undefined, 'five hours of samples are no trend');
  });

  it('reads only the last 14 days', () => {
    // Falling fast long ago, flat for the last 14 days.
    const old = falling(30, 0.5, 0.04).map((s) => ({
      ...s,
      freeBytes: s.at < at(-14 * DAY) ? s.freeBytes : 0.5 * TIB,
    }));
    assert.equal(fullAt(aStorage(0.5), old), undefined);
  });
});
