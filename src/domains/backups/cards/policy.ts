// `/backup policy <system>`: each scope's policy on one card, a field per scope, marking what was
// changed from the plan's defaults; and the line that answers a change.
import type { Message } from '../../../chat/card.js';
import type { Translate } from '../../../kernel/i18n.js';
import type { Scope } from '../../../../models/backups/backup-run.js';
import { POLICY_FIELDS, type PolicyField } from '../../../../models/backups/backup-policy.js';
import type { Policy } from '../rules/policy.js';
import type { ScopePolicy } from '../rules/policies.js';
import { formatSpan } from './format.js';

export function policyMessage(t: Translate, system: string, scopes: readonly ScopePolicy[]): Message {
  const title = t('backup.policy.title', { system });
  const fields = scopes.map(({ scope, policy, set }) => ({
    label:
      t(`backup.scope.${scope}`) +
      (set.size > 0 ? t('backup.policy.set_mark', { fields: fieldNames(t, [...set]) }) : ''),
    value: policyLine(t, policy),
  }));
  const footer = t('backup.policy.footer', { system });
  return {
    text: [title, ...fields.map((f) => `${f.label}: ${f.value}`), footer].join('\n'),
    cards: [{ title, tone: 'info', fields, footer }],
  };
}

export function policyLine(t: Translate, policy: Policy): string {
  const value = (field: PolicyField) => valueText(t, field, policy[field]);
  return t('backup.policy.line', Object.fromEntries(POLICY_FIELDS.map((field) => [field, value(field)])));
}

/** What a change said, field by field: `full 7 天 → 1 天`. */
export function policyChangedText(
  t: Translate,
  system: string,
  scope: Scope,
  change: { before: Policy; after: Policy; fields: readonly PolicyField[] },
): string {
  const changes = change.fields
    .map((field) =>
      t('backup.policy.change', {
        field: t(`backup.policy.field.${field}`),
        before: valueText(t, field, change.before[field]),
        after: valueText(t, field, change.after[field]),
      }),
    )
    .join(t('backup.status.joiner'));
  return t('backup.policy.changed', { system, scope: t(`backup.scope.${scope}`), changes });
}

function valueText(t: Translate, field: PolicyField, value: number | null): string {
  if (value === null) return t(field === 'grace' ? 'backup.policy.grace_default' : 'backup.policy.none');
  const span = formatSpan(t, value);
  return field === 'grace' || field === 'retain' ? span : t('backup.policy.every', { span });
}

function fieldNames(t: Translate, fields: readonly PolicyField[]): string {
  return fields.map((field) => t(`backup.policy.field.${field}`)).join(t('backup.status.joiner'));
}
