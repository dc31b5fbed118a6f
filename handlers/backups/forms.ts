// The policy form, opened by `/backup policy set <system> <scope>` without settings: one text input
// per setting, starting with what is in force (Discord's modals hold five inputs: the system and
// scope travel in the form's private value).
import type { Form } from '../../src/chat/form.js';
import type { Translate } from '../../src/kernel/i18n.js';
import type { Scope } from '../../models/backups/backup-run.js';
import { POLICY_FIELDS } from '../../models/backups/backup-policy.js';
import type { Policy } from '../../src/domains/backups/rules/policy.js';
import { durationToken } from '../../src/domains/backups/rules/policies.js';

export const POLICY_FORM = 'backup.policy_set';

/** `e-pay|database` → system and scope (a system name holds no `|`). */
export function policyFormTarget(value: string | undefined): { system: string; scope: string } {
  const at = (value ?? '').lastIndexOf('|');
  return at < 0 ? { system: value ?? '', scope: '' } : { system: value!.slice(0, at), scope: value!.slice(at + 1) };
}

export function policyForm(t: Translate, system: string, scope: Scope, policy: Policy): Form {
  return {
    id: POLICY_FORM,
    title: t('backup.policy.form.title', { system, scope: t(`backup.scope.${scope}`) }),
    submitLabel: t('backup.policy.form.submit'),
    privateValue: `${system}|${scope}`,
    inputs: POLICY_FIELDS.map((field) => {
      const value = policy[field];
      return {
        id: field,
        label: t(`backup.policy.field.${field}`),
        kind: 'text' as const,
        required: false,
        placeholder: t('backup.policy.form.hint'),
        maxLength: 20,
        initial: value === null ? (field === 'grace' ? 'default' : 'none') : durationToken(value),
      };
    }),
  };
}
