// `/ops audit <id>`: the history of one object (an incident `INC-12`, a person `slack:U123`, …).
import type { CommandContext } from '../../src/chat/context.js';
import { parseUserRef } from '../../src/chat/mentions.js';
import { UserError } from '../../src/chat/user-error.js';
import { auditMessage } from '../../src/domains/ops/cards/audit.js';
import type { AuditTrail } from '../../src/domains/ops/rules/audit-trail.js';

export interface AuditCommandServices {
  audit: AuditTrail;
  timezone: string;
}

const SHORT_ID = /^[A-Za-z]{2,5}-\d{1,9}$/;
const LONGEST_ID = 100;

export async function auditCommand(ctx: CommandContext, [typed]: string[], services: AuditCommandServices) {
  if (typed === undefined) throw new UserError('audit_cmd.errors.missing_id', {}, 'ops_audit');
  const id = objectIdOf(typed, ctx.actor.platform);
  await ctx.authorize('ops.audit', { objectType: 'audit', objectId: id });
  const events = await services.audit.recent(id, 50);
  await ctx.replyPrivate(auditMessage(ctx.t, id, events, services.timezone));
}

/** `inc-12` → `INC-12`; a mention or bare user id → `platform:id`; anything else as typed (e.g. `slack:alerts`). */
function objectIdOf(typed: string, platform: CommandContext['actor']['platform']): string {
  const text = typed.trim().slice(0, LONGEST_ID);
  if (SHORT_ID.test(text)) return text.toUpperCase();
  return parseUserRef(text, platform) ?? text;
}
