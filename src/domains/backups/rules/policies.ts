// `/backup policy`: a system's policy per scope, and changing one (dataops, admin), recorded in the
// audit trail with before → after. A change raises the summary's revision and has the checks look
// again at once, so a policy that makes a backup late (or no longer late) says so within seconds.
import type { Kind, Scope } from '../../../../models/backups/backup-run.js';
import { SCOPES } from '../../../../models/backups/backup-run.js';
import type { BackupPolicy, BackupPolicyModel, PolicyField } from '../../../../models/backups/backup-policy.js';
import { POLICY_FIELDS } from '../../../../models/backups/backup-policy.js';
import { summaryKey, type BackupSummaryModel } from '../../../../models/backups/backup-summary.js';
import { UserError } from '../../../chat/user-error.js';
import type { Clock } from '../../../kernel/clock.js';
import type { AuditTrail } from '../../ops/rules/audit-trail.js';
import { effectivePolicy, overriddenFields, type Policy } from './policy.js';

/** A change: milliseconds, null for none, or `default` to follow the plan again. */
export type PolicyChange = Partial<Record<PolicyField, number | null | 'default'>>;

export interface ScopePolicy {
  scope: Scope;
  policy: Policy;
  /** The fields set over the plan's defaults. */
  set: ReadonlySet<PolicyField>;
}

export interface BackupPoliciesDeps {
  policies: BackupPolicyModel;
  summaries: BackupSummaryModel;
  audit: AuditTrail;
  clock: Clock;
  /** Looks at the system × scope again after a change (the checks). */
  changed(key: string): Promise<unknown>;
}

export class BackupPolicies {
  constructor(private readonly deps: BackupPoliciesDeps) {}

  /** Every scope's policy of a known system; throws `backup.errors.unknown_system` otherwise. */
  async of(system: string): Promise<ScopePolicy[]> {
    await this.ensureKnown(system);
    const stored = await this.deps.policies.find({ system }).lean<BackupPolicy[]>();
    const byScope = new Map(stored.map((p) => [p.scope, p.overrides]));
    return SCOPES.map((scope) => ({
      scope,
      policy: effectivePolicy(scope, byScope.get(scope)),
      set: overriddenFields(byScope.get(scope)),
    }));
  }

  /**
   * Changes what `change` names, leaves the rest. Throws `backup.errors.unknown_system`, or
   * `backup.errors.incremental_not_shorter` when the incremental would not be more frequent than the full.
   */
  async set(
    system: string,
    scope: Scope,
    change: PolicyChange,
    actor: { key: string; via: string },
  ): Promise<{ before: Policy; after: Policy }> {
    await this.ensureKnown(system);
    const _id = summaryKey(system, scope);
    const current = await this.deps.policies.findById(_id).lean<BackupPolicy>();
    const planned = effectivePolicy(scope, applied(current?.overrides ?? {}, change));
    ensureSensible(planned);
    const $set: Record<string, unknown> = { system, scope, setBy: actor.key, setAt: this.deps.clock.now() };
    const $unset: Record<string, ''> = {};
    for (const [field, value] of Object.entries(change) as Array<[PolicyField, number | null | 'default']>) {
      if (value === 'default') $unset[`overrides.${field}`] = '';
      else $set[`overrides.${field}`] = value;
    }
    const before = await this.deps.policies
      .findOneAndUpdate(
        { _id },
        { $set, ...(Object.keys($unset).length ? { $unset } : {}), $inc: { version: 1 } },
        { upsert: true, returnDocument: 'before' },
      )
      .lean<BackupPolicy>();
    const was = effectivePolicy(scope, before?.overrides);
    const now = effectivePolicy(scope, applied(before?.overrides ?? {}, change));
    await this.deps.summaries.updateOne({ _id }, { $inc: { rev: 1 } });
    const fields = Object.keys(change) as PolicyField[];
    await this.deps.audit.record({
      actor: actor.key,
      action: 'backup.policy_set',
      objectType: 'backup-policy',
      objectId: `${system}/${scope}`,
      before: policyWords(was, fields),
      after: policyWords(now, fields),
      outcome: 'done',
      via: actor.via,
    });
    await this.deps.changed(_id);
    return { before: was, after: now };
  }

  private async ensureKnown(system: string): Promise<void> {
    if (!(await this.deps.summaries.exists({ system }))) {
      throw new UserError('backup.errors.unknown_system', { system: system.slice(0, 100) });
    }
  }
}

function applied(overrides: BackupPolicy['overrides'], change: PolicyChange): BackupPolicy['overrides'] {
  const result = { ...overrides };
  for (const [field, value] of Object.entries(change) as Array<[PolicyField, number | null | 'default']>) {
    if (value === 'default') delete result[field];
    else result[field] = value;
  }
  return result;
}

/** An incremental cadence is only one if it comes more often than the full. */
function ensureSensible(policy: Policy): void {
  if (policy.full !== null && policy.incremental !== null && policy.incremental >= policy.full) {
    throw new UserError('backup.errors.incremental_not_shorter', {}, 'backup');
  }
}

/** The audit trail's before/after: each field as it is typed (`7d`), none as nothing, grace unset as `default`. */
export function policyWords(
  policy: Policy,
  fields: readonly PolicyField[] = POLICY_FIELDS,
): Record<string, string | null> {
  return Object.fromEntries(
    fields.map((field) => {
      const value = policy[field];
      if (value === null) return [field, field === 'grace' ? 'default' : null];
      return [field, durationToken(value)];
    }),
  );
}

/** Milliseconds as people type them in a policy: `7d`, `2h`, `30m`, `45s`. */
export function durationToken(ms: number): string {
  for (const [unit, size] of [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
  ] as const) {
    if (ms >= size && ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${Math.round(ms / 1000)}s`;
}

/** The kinds a scope's policy asks for. */
export function kindsOf(policy: Policy): Kind[] {
  return [
    ...(policy.full !== null ? ['full' as const] : []),
    ...(policy.incremental !== null ? ['incremental' as const] : []),
  ];
}
