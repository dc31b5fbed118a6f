// Check 7, a storage's capacity (seed 6.2.1 (1)): below 15 % free now, and the days until it is
// full by the trend of its last 14 days (a least-squares line through its hourly samples), warned
// when under 14 days. Pure.
import type { BackupStorage } from '../../../../models/backups/backup-storage.js';
import type { StorageSample } from '../../../../models/backups/storage-sample.js';
import type { Finding } from './finding.js';

const DAY = 86_400_000;
export const LOW_FREE_SHARE = 0.15;
export const TREND_WINDOW_MS = 14 * DAY;
export const FULL_SOON_MS = 14 * DAY;
/** A trend needs samples spread over at least a day, and a few of them. */
const TREND_SPAN_MS = DAY;
const TREND_SAMPLES = 3;

/** When the storage will be full at its trend, from its latest reading; undefined if it is not filling. */
export function fullAt(storage: BackupStorage, samples: readonly StorageSample[]): Date | undefined {
  const points = samples.filter((s) => s.at.getTime() > storage.at.getTime() - TREND_WINDOW_MS);
  if (points.length < TREND_SAMPLES) return undefined;
  const times = points.map((s) => s.at.getTime());
  if (Math.max(...times) - Math.min(...times) < TREND_SPAN_MS) return undefined;
  const slope = slopeOf(
    times,
    points.map((s) => s.freeBytes),
  );
  if (!(slope < 0)) return undefined;
  return new Date(storage.at.getTime() + storage.freeBytes / -slope);
}

/** Both findings of a storage, firing or not. */
export function checkStorage(storage: BackupStorage, samples: readonly StorageSample[], now: Date): Finding[] {
  const share = storage.totalBytes > 0 ? storage.freeBytes / storage.totalBytes : 0;
  const full = fullAt(storage, samples);
  const facts = {
    name: storage._id,
    freeBytes: storage.freeBytes,
    totalBytes: storage.totalBytes,
    percent: Math.floor(share * 100),
  };
  return [
    { key: 'storage_low', check: 'storage_low', firing: share < LOW_FREE_SHARE, since: storage.at, facts },
    {
      key: 'storage_full_soon',
      check: 'storage_full_soon',
      firing: full !== undefined && full.getTime() - now.getTime() < FULL_SOON_MS,
      since: storage.at,
      facts: {
        ...facts,
        fullOn: full,
        days: full ? Math.max(0, Math.floor((full.getTime() - now.getTime()) / DAY)) : undefined,
      },
    },
  ];
}

/** The least-squares slope of y over x. */
export function slopeOf(xs: readonly number[], ys: readonly number[]): number {
  const n = xs.length;
  const meanX = xs.reduce((a, b) => a + b, 0) / n;
  const meanY = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i += 1) {
    num += (xs[i]! - meanX) * (ys[i]! - meanY);
    den += (xs[i]! - meanX) ** 2;
  }
  return den === 0 ? 0 : num / den;
}
