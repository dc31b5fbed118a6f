// What a check finds: one condition of one system × scope (or storage), firing or not. Facts are
// kept as numbers and times; the words are added by cards/finding-text.ts in the team's language.
import type { Kind } from '../../../../models/backups/backup-run.js';

/** The checks 1–7 (8, past retention, is a daily list: rules/retention.ts). */
export const CHECKS = [
  'failed',
  'late',
  'stuck',
  'small',
  'unverified',
  'offsite',
  'storage_low',
  'storage_full_soon',
] as const;
export type CheckName = (typeof CHECKS)[number];

/** A value of a finding's facts: by name, `…At` is a time, `…On` a day, `…Ms` a duration, `…Bytes` a size. */
export type Fact = string | number | Date | undefined;

export interface Finding {
  /** Unique within its system × scope or storage: `late:full`, `small`, `storage_low`. */
  key: string;
  check: CheckName;
  kind?: Kind;
  firing: boolean;
  /** When the condition began: the deadline passed, the failure, … (the alert's start). */
  since?: Date;
  facts: Record<string, Fact>;
  /** Runs the finding rests on that the summary says are running (a stuck one is checked first). */
  running?: string[];
}

/** The key of a check that is about one kind: `late:full`. */
export function findingKey(check: CheckName, kind?: Kind): string {
  return kind ? `${check}:${kind}` : check;
}

/** The middle value (the mean of the two middle ones for an even count); undefined for none. */
export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
