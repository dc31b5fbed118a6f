// The words of the audit trail, as stored: every action a record may name, the fields its before
// and after carry, and the codes of its reasons. The readable words for each are in locales/
// (`audit_cmd.actions.*`, `audit_cmd.fields.*`, `audit_cmd.reasons.*`), and a unit test checks
// that every name listed here has them in every language. `AuditTrail.record` takes only these
// actions (or a permission's, for a refusal), so recording a new one means listing it here first.
import type { Action } from '../../access/permissions.js';

/** What is recorded when something is done (a refusal names the permission's action instead). */
export const DONE_ACTIONS = [
  'role.grant',
  'role.revoke',
  'user.link',
  'user.link_code',
  'user.set_locale',
  'channel.bind',
  'channel.language',
  'web_user.create',
  'web_user.reset_password',
  'incident.declare',
  'incident.assign',
  'incident.update',
  'incident.escalated',
  'incident.renotified',
  'incident.paged',
  'incident.reminded',
  'incident.alerts_resolved',
  'incident.alerts_firing',
  // A step reached, one per state of the incident lifecycle (`incident.<state>`).
  'incident.reported',
  'incident.acknowledged',
  'incident.investigating',
  'incident.mitigating',
  'incident.verifying',
  'incident.resolved',
  'incident.closed',
  'alert.ack',
  'alert.incident',
  'alert.silence',
  'alert.unsilence',
  'alert.silence_expired',
  'backup.policy_set',
  // A restore's steps besides the permissions' own (`restore.request`, `.approve`, `.reject`, `.verify`).
  'restore.approved',
  'restore.expired',
  'restore.executor_call',
  'restore.executor_answer',
  'restore.executor_gave_up',
  'restore.running',
  'restore.succeeded',
  'restore.failed',
  'survey.send',
  'survey.rate',
  'survey.comment',
  'survey.remind',
  'survey.close',
  // The duty roster's changes besides the permissions' own (`duty.import`, `.set`, `.override`).
  'duty.swap',
  'duty.handover',
  'duty.takeover',
  'duty.remind',
  'duty.phone',
  'duty.page',
  // An upgrade's steps besides the permissions' own (`upgrade.announce`, `.approve`, `.rule`).
  'upgrade.approved',
  'upgrade.rejected',
  'upgrade.expired',
  'upgrade.reminded',
  'upgrade.in_progress',
  'upgrade.completed',
  'upgrade.rolled_back',
  'upgrade.cancelled',
  'report.post',
] as const;

export type DoneAction = (typeof DONE_ACTIONS)[number];

/** Every action a record may name: a done action, or the permission a refusal was about. */
export type AuditAction = DoneAction | Action;

/**
 * The keys a record's before/after may hold. A key not listed still shows, as stored; one listed
 * gets its name from `audit_cmd.fields.<key>` and, when VALUE_WORDS names a prefix, its values too.
 */
export const AUDIT_FIELDS = [
  'state',
  'severity',
  'roles',
  'assignee',
  'ackedBy',
  'incidentId',
  'alerts',
  'endsAt',
  'matchers',
  'group',
  'expired',
  'channelId',
  'locale',
  'identities',
  'expiresAt',
  // A backup policy's settings (`7d`, none, or `default` for the grace).
  'full',
  'incremental',
  'grace',
  'offsite',
  'retain',
  // A restore: its step, how many approved of how many, what it restores from and to, the
  // executor's attempts and answers, the checksum reported, and the two verification answers.
  'restore',
  'approvals',
  'backupId',
  'target',
  'required',
  'attempt',
  'httpStatus',
  'checksum',
  'checksumMatch',
  'dataOk',
  'systemOk',
  'person',
  'forced',
  'timeliness',
  'quality',
  'overall',
  'loyalty',
  // An upgrade: its state, what it brings to which system, how risky, its window, a reminder said.
  'upgrade',
  'system',
  'version',
  'risk',
  'start',
  'end',
  'reminder',
  // A before/after that is a bare value rather than fields.
  'value',
] as const;

/** Where a field's values have words: `state: acknowledged` → `incident.state.acknowledged`. */
export const VALUE_WORDS: Partial<Record<(typeof AUDIT_FIELDS)[number], string>> = {
  state: 'incident.state',
  severity: 'incident.severity',
  roles: 'roles',
  alerts: 'alert.state',
  locale: 'audit_cmd.locales',
  grace: 'backup.policy.grace_values',
  restore: 'restore.state',
  checksumMatch: 'restore.match',
  upgrade: 'upgrade.state',
  risk: 'upgrade.risk',
};

/**
 * Why something was refused, as a code with its parameters (`audit_cmd.reasons.<code>`), stored
 * beside the English text so any reader sees it in their language.
 */
export const REASON_CODES = [
  'needs_role',
  'link_unknown',
  'link_expired',
  'link_used',
  'link_self',
  'link_same_platform',
  'link_both_linked',
  // A refused approval or rejection (src/domains/approvals/rules/refusals.ts).
  'approval_own_request',
  'approval_repeat',
  'approval_closed',
  'survey_not_addressee',
] as const;

export type ReasonCode = (typeof REASON_CODES)[number];

/**
 * Where a record came from: a platform, a survey's own page (`link`, GET /s/:token), one of
 * Zhiban's jobs, or a webhook (`audit_cmd.via_names.<via>`).
 */
export const AUDIT_VIA = ['slack', 'discord', 'web', 'feishu', 'link', 'job', 'webhook'] as const;

/** The actor of what Zhiban's jobs and links record (`audit_cmd.system`). */
export const SYSTEM_ACTOR_KEY = 'system';

/** The actor of what the restore executor reports through its webhook (`audit_cmd.executor`). */
export const EXECUTOR_ACTOR_KEY = 'executor';
