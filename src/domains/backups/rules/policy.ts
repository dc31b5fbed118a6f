// The backup policy of one system × scope: the plan's defaults (seed 6.1.2), what was set over
// them, and the grace a check allows. Pure: no database, no clock.
import type { Kind, Scope } from '../../../../models/backups/backup-run.js';
import type { PolicyField, PolicyOverrides } from '../../../../models/backups/backup-policy.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Every value in milliseconds; null: none (that check is off). */
export interface Policy {
  /** How often a full backup must succeed. */
  full: number | null;
  /** How often an incremental one must (a full counts for it too). */
  incremental: number | null;
  /** How late a backup may be before it is late; null: the default for each period (graceFor). */
  grace: number | null;
  /** How often a copy must succeed at remote, tape or cloud. */
  offsite: number | null;
  /** How long backups are kept before they are listed for clean-up. */
  retain: number | null;
}

/**
 * Seed 6.1.2: business data full daily and incremental "in real time" (at least hourly); database
 * full weekly and incremental daily; configuration full monthly; OS images full quarterly; other
 * files none until set. An off-site copy per full period for business data and databases (seed
 * 6.1.3). Retention is not in the plan: 90 days, a year for configuration and OS images, whose
 * fulls are monthly and quarterly.
 */
export const DEFAULT_POLICIES: Readonly<Record<Scope, Policy>> = {
  business: { full: DAY, incremental: HOUR, grace: null, offsite: DAY, retain: 90 * DAY },
  database: { full: 7 * DAY, incremental: DAY, grace: null, offsite: 7 * DAY, retain: 90 * DAY },
  config: { full: 30 * DAY, incremental: null, grace: null, offsite: null, retain: 365 * DAY },
  'os-image': { full: 90 * DAY, incremental: null, grace: null, offsite: null, retain: 365 * DAY },
  other: { full: null, incremental: null, grace: null, offsite: null, retain: null },
};

/** The policy in force: the scope's defaults with what was set over them. */
export function effectivePolicy(scope: Scope, overrides: PolicyOverrides | undefined): Policy {
  const policy = { ...DEFAULT_POLICIES[scope] };
  for (const [field, value] of Object.entries(overrides ?? {}) as Array<[PolicyField, number | null | undefined]>) {
    if (value !== undefined) policy[field] = value;
  }
  return policy;
}

/** Which fields differ from the plan's defaults (shown as set on the policy card). */
export function overriddenFields(overrides: PolicyOverrides | undefined): Set<PolicyField> {
  return new Set(
    (Object.entries(overrides ?? {}) as Array<[PolicyField, number | null | undefined]>)
      .filter(([, value]) => value !== undefined)
      .map(([field]) => field),
  );
}

/** The default grace: a fifth of the period, at least an hour; a grace that was set wins. */
export function graceFor(policy: Policy, period: number): number {
  return policy.grace ?? Math.max(HOUR, Math.round(period / 5));
}

/** The period a kind must keep, or null when the policy asks nothing of it. */
export function periodOf(policy: Policy, kind: Kind): number | null {
  return kind === 'full' ? policy.full : policy.incremental;
}

/** Whether the policy asks anything at all of the scope (a row of `/backup status`). */
export function hasPolicy(policy: Policy): boolean {
  return policy.full !== null || policy.incremental !== null || policy.offsite !== null;
}
