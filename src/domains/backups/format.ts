// CONTRACT.md's backup run report, read and checked: each refusal names the field and what is
// wrong with it, as the alert webhooks' do. The caller gives the time now (a report may not be
// dated more than five minutes ahead of it: a clock that far off is not to be trusted).
import { z } from 'zod';
import { KINDS, LOCATIONS, RUN_STATUSES, SCOPES } from '../../../models/backups/backup-run.js';
import type { Kind, Location, RunStatus, Scope } from '../../../models/backups/backup-run.js';

export const REPORT_LIMITS = { system: 100, backupId: 200, checksum: 200, message: 2000, storage: 100 } as const;
/** How far ahead of Zhiban's clock a report's times may be. */
export const FUTURE_ALLOWED_MS = 5 * 60_000;

/** A report as the intake stores it. */
export interface BackupReport {
  system: string;
  scope: Scope;
  kind: Kind;
  status: RunStatus;
  backupId: string;
  startedAt: Date;
  finishedAt?: Date | undefined;
  sizeBytes?: number | undefined;
  location: Location;
  checksum?: string | undefined;
  verified?: boolean | undefined;
  message?: string | undefined;
  /** Where it was written, and how full that is now. */
  storage?: { name: string; totalBytes: number; freeBytes: number } | undefined;
}

// A word: what people type after `/backup status`, and a key part (`system|scope`).
const WORD = /^[^\s|\p{Cc}\p{Cf}]+$/u;
// Anything printable: control and bidirectional-override characters could make a card read wrongly.
const PRINTABLE = /^[^\p{Cc}\p{Cf}]+$/u;
const PRINTABLE_NO_BAR = /^[^|\p{Cc}\p{Cf}]+$/u;
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

const time = z
  .string({ error: 'must be an RFC 3339 time' })
  .refine((v) => RFC3339.test(v) && !Number.isNaN(Date.parse(v)), 'must be an RFC 3339 time')
  .transform((v) => new Date(v));

const bytes = z
  .number({ error: 'must be a number of bytes' })
  .int('must be a whole number of bytes')
  .nonnegative('must not be negative')
  .max(Number.MAX_SAFE_INTEGER, 'too large');

const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: `must be one of: ${values.join(', ')}` });

const storage = z
  .object(
    {
      name: z
        .string({ error: 'required' })
        .trim()
        .min(1, 'required')
        .max(REPORT_LIMITS.storage, `longer than ${REPORT_LIMITS.storage} characters`)
        .regex(PRINTABLE_NO_BAR, 'must not contain | or control characters'),
      totalBytes: bytes.refine((v) => v > 0, 'must be more than 0'),
      freeBytes: bytes,
    },
    { error: 'must be an object {name, totalBytes, freeBytes}' },
  )
  .refine((s) => s.freeBytes <= s.totalBytes, { message: 'more free than total', path: ['freeBytes'] });

const report = z.object(
  {
    system: z
      .string({ error: 'required' })
      .trim()
      .min(1, 'required')
      .max(REPORT_LIMITS.system, `longer than ${REPORT_LIMITS.system} characters`)
      .regex(WORD, 'must be one word, without spaces, | or control characters'),
    scope: oneOf(SCOPES),
    kind: oneOf(KINDS),
    status: oneOf(RUN_STATUSES),
    backupId: z
      .string({ error: 'required' })
      .trim()
      .min(1, 'required')
      .max(REPORT_LIMITS.backupId, `longer than ${REPORT_LIMITS.backupId} characters`)
      .regex(PRINTABLE, 'must not contain control characters'),
    startedAt: time,
    finishedAt: time.nullish(),
    sizeBytes: bytes.nullish(),
    location: oneOf(LOCATIONS),
    checksum: z
      .string({ error: 'must be text' })
      .max(REPORT_LIMITS.checksum, `longer than ${REPORT_LIMITS.checksum} characters`)
      .nullish(),
    verified: z.boolean({ error: 'must be true or false' }).nullish(),
    message: z
      .string({ error: 'must be text' })
      .max(REPORT_LIMITS.message, `longer than ${REPORT_LIMITS.message} characters`)
      .nullish(),
    storage: storage.nullish(),
  },
  { error: 'must be a backup report object' },
);

export type ReadReport = { ok: true; report: BackupReport } | { ok: false; reason: string };

/** Reads one report of a request's body; `now` is Zhiban's clock. */
export function readReport(raw: unknown, now: Date): ReadReport {
  const parsed = report.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: reasonOf(parsed.error) };
  const r = parsed.data;
  const latest = now.getTime() + FUTURE_ALLOWED_MS;
  if (r.startedAt.getTime() > latest) return { ok: false, reason: 'startedAt: more than 5 minutes in the future' };
  if (r.finishedAt && r.finishedAt.getTime() > latest) {
    return { ok: false, reason: 'finishedAt: more than 5 minutes in the future' };
  }
  if (r.finishedAt && r.finishedAt < r.startedAt) return { ok: false, reason: 'finishedAt: before startedAt' };
  return {
    ok: true,
    report: {
      system: r.system,
      scope: r.scope,
      kind: r.kind,
      status: r.status,
      backupId: r.backupId,
      startedAt: r.startedAt,
      finishedAt: r.finishedAt ?? undefined,
      sizeBytes: r.sizeBytes ?? undefined,
      location: r.location,
      checksum: r.checksum ?? undefined,
      verified: r.verified ?? undefined,
      // Kept on one line per paragraph as sent; control characters other than line breaks go.
      message: r.message ? r.message.replace(/[^\P{Cc}\n]/gu, '').trim() || undefined : undefined,
      storage: r.storage ?? undefined,
    },
  };
}

/** The envelope: one report, or an array of them. */
export function reportsOf(body: unknown): unknown[] | undefined {
  if (Array.isArray(body)) return body;
  if (body !== null && typeof body === 'object') return [body];
  return undefined;
}

/** The first few issues as `field.path: problem`; the whole value is `(report)`. */
function reasonOf(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.map(String).join('.') || '(report)'}: ${issue.message}`)
    .join('; ');
}
