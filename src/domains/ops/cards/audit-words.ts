// One audit record in the reader's words: the action, each field of before/after and its values,
// the reason, the actor `system`, where it came from and its outcome, all from locales/. Shared by
// `/ops audit` (one line per record) and the CSV export (one column per part). A name that has no
// words yet shows as stored, never as a missing key.
import { formatTime } from '../../../chat/time.js';
import type { Translate } from '../../../kernel/i18n.js';
import {
  EXECUTOR_ACTOR_KEY,
  REASON_CODES,
  SYSTEM_ACTOR_KEY,
  VALUE_WORDS,
  type ReasonCode,
} from '../audit-vocabulary.js';

/** A record as stored (models/ops/audit-event.ts); old records lack the reason's code. */
export interface AuditRecord {
  at: Date;
  actor: string;
  action: string;
  objectId?: string;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
  reasonCode?: string | null;
  reasonParams?: unknown;
  outcome: string;
  via: string;
}

/** The reader's words for a record, part by part; `before`/`after` are `field: value; …` or empty. */
export interface AuditWords {
  time: string;
  actor: string;
  action: string;
  object: string;
  before: string;
  after: string;
  /** `field: before → after; …`, for a line. */
  change: string;
  reason: string;
  outcome: string;
  via: string;
  refused: boolean;
}

/** A record in the reader's words (`seconds`: times to the second, as the CSV has them). */
export function auditWords(t: Translate, record: AuditRecord, zone: string, seconds = false): AuditWords {
  const say = (key: string, raw: string) => t(key, { defaultValue: raw });
  const fields = changedFields(record.before, record.after);
  const value = (field: string, v: unknown) => valueWords(t, field, v, zone);
  const label = (field: string) => say(`audit_cmd.fields.${field}`, field);
  const side = (which: 'before' | 'after') =>
    fields.length === 0
      ? ''
      : fields
          .map((f) => t('audit_cmd.field_value', { field: label(f.name), value: value(f.name, f[which]) }))
          .join('; ');
  return {
    time: formatTime(record.at, zone, seconds),
    actor: actorWords(t, record.actor),
    action: say(`audit_cmd.actions.${record.action}`, record.action),
    object: record.objectId ?? '',
    before: side('before'),
    after: side('after'),
    change: fields
      .map((f) =>
        t('audit_cmd.change', { field: label(f.name), before: value(f.name, f.before), after: value(f.name, f.after) }),
      )
      .join('; '),
    reason: reasonWords(t, record),
    outcome: say(`audit_cmd.outcomes.${record.outcome}`, record.outcome),
    via: say(`audit_cmd.via_names.${record.via}`, record.via),
    refused: record.outcome === 'refused',
  };
}

/** A person as their key (`slack:U123`); Zhiban's own jobs (`system`) and the restore executor in the reader's words. */
export function actorWords(t: Translate, actor: string): string {
  if (actor === SYSTEM_ACTOR_KEY) return t('audit_cmd.system');
  return actor === EXECUTOR_ACTOR_KEY ? t('audit_cmd.executor') : actor;
}

interface ChangedField {
  name: string;
  before: unknown;
  after: unknown;
}

/** The fields of before and after, each once, in the order they first appear; a bare value is `value`. */
function changedFields(before: unknown, after: unknown): ChangedField[] {
  if (isAbsent(before) && isAbsent(after)) return [];
  const asObject = (v: unknown): Record<string, unknown> => (isAbsent(v) ? {} : isPlainObject(v) ? v : { value: v });
  const b = asObject(before);
  const a = asObject(after);
  const names = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return names.map((name) => ({ name, before: b[name], after: a[name] }));
}

function valueWords(t: Translate, field: string, value: unknown, zone: string): string {
  if (isAbsent(value)) return t('audit_cmd.nothing');
  if (value instanceof Date) return formatTime(value, zone);
  if (typeof value === 'boolean') return t(value ? 'audit_cmd.yes' : 'audit_cmd.no');
  if (Array.isArray(value)) {
    return value.length ? value.map((v) => valueWords(t, field, v, zone)).join(', ') : t('audit_cmd.nothing');
  }
  if (isPlainObject(value)) {
    return Object.entries(value)
      .map(([key, v]) => t('audit_cmd.field_value', { field: key, value: valueWords(t, key, v, zone) }))
      .join(', ');
  }
  const text = String(value);
  const prefix = VALUE_WORDS[field as keyof typeof VALUE_WORDS];
  return prefix ? t(`${prefix}.${text}`, { defaultValue: text }) : text;
}

/**
 * A coded reason in the reader's words; a record from before codes is read from its English text
 * where that has a known form (`needs one of: admin, pm`, `link code expired`); any other reason is
 * what a person typed (an update, what fixed it), shown as typed.
 */
function reasonWords(t: Translate, record: AuditRecord): string {
  const coded = reasonCodeOf(record);
  if (!coded) return record.reason ?? '';
  const roles = coded.params.roles;
  const params =
    coded.code === 'needs_role' && Array.isArray(roles)
      ? { roles: roles.map((r) => t(`roles.${String(r)}`, { defaultValue: String(r) })).join(', ') }
      : {};
  return t(`audit_cmd.reasons.${coded.code}`, params);
}

function reasonCodeOf(record: AuditRecord): { code: ReasonCode; params: Record<string, unknown> } | undefined {
  if (record.reasonCode && isReasonCode(record.reasonCode)) {
    return { code: record.reasonCode, params: isPlainObject(record.reasonParams) ? record.reasonParams : {} };
  }
  const reason = record.reason ?? '';
  const needs = /^needs one of: (.+)$/.exec(reason);
  if (needs) return { code: 'needs_role', params: { roles: needs[1]!.split(', ') } };
  const link = /^link code (\w+)$/.exec(reason);
  const code = link ? `link_${link[1]}` : '';
  return isReasonCode(code) ? { code, params: {} } : undefined;
}

function isReasonCode(code: string): code is ReasonCode {
  return (REASON_CODES as readonly string[]).includes(code);
}

function isAbsent(value: unknown): value is null | undefined {
  return value === null || value === undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}
