// What part of the audit trail a person asks for: one object, one person, whole days in the team's
// time zone, or any of them together. Read the same from `/ops audit …` and from the console's
// export link (`GET /api/audit/export?id=&by=&from=&to=`), so both refuse the same things.
import type { Platform } from '../../chat/actor.js';
import { parseUserRef } from '../../chat/mentions.js';
import { truncate } from '../../chat/text.js';
import { daysInclusive, localDay, parseLocalDay } from '../../kernel/calendar.js';
import { SYSTEM_ACTOR_KEY } from './audit-vocabulary.js';

/** The filters as typed; each is optional, but at least one must be given. */
export interface AuditQueryInput {
  id?: string | undefined;
  by?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** The filters as understood: days are whole days in the team's zone, `[from, to)` as instants. */
export interface AuditQuery {
  objectId?: string;
  /** The person, `platform:id`, or `system` for Zhiban's own jobs. */
  by?: string;
  fromDay?: string;
  /** The last day counted: as typed, or today when only `from` was given. */
  toDay?: string;
  from?: Date;
  to?: Date;
}

/** A range longer than this is refused: a year, leap day included. */
export const MAX_RANGE_DAYS = 366;
const LONGEST_ID = 100;
const SHORT_ID = /^[A-Za-z]{2,5}-\d{1,9}$/;

/** Why a filter is refused; `field` is the parameter's name, `value` what was typed (cut). */
export type AuditQueryProblem =
  | { field: 'filter'; code: 'no_filter' }
  | { field: 'id'; code: 'bad_id'; value: string }
  | { field: 'by'; code: 'bad_user'; value: string }
  | { field: 'from' | 'to'; code: 'bad_date'; value: string }
  | { field: 'to'; code: 'to_without_from' }
  | { field: 'from'; code: 'from_after_to'; from: string; to: string }
  | { field: 'to'; code: 'too_long'; days: number };

export interface AuditQueryContext {
  /** Whose platform a bare user id belongs to. */
  platform: Platform;
  /** TIMEZONE. */
  zone: string;
  now: Date;
}

/** The query, or every problem with it (a chat answer names the first; the API lists them all). */
export function readAuditQuery(
  input: AuditQueryInput,
  context: AuditQueryContext,
): { ok: true; query: AuditQuery } | { ok: false; problems: AuditQueryProblem[] } {
  const problems: AuditQueryProblem[] = [];
  const query: AuditQuery = {};
  if (input.id === undefined && input.by === undefined && input.from === undefined && input.to === undefined) {
    return { ok: false, problems: [{ field: 'filter', code: 'no_filter' }] };
  }
  if (input.id !== undefined) {
    const id = objectIdOf(input.id, context.platform);
    if (id) query.objectId = id;
    else problems.push({ field: 'id', code: 'bad_id', value: cut(input.id) });
  }
  if (input.by !== undefined) {
    // Zhiban's own jobs record as `system`: one may ask what it did too.
    const by =
      input.by.trim().toLowerCase() === SYSTEM_ACTOR_KEY ? SYSTEM_ACTOR_KEY : parseUserRef(input.by, context.platform);
    if (by) query.by = by;
    else problems.push({ field: 'by', code: 'bad_user', value: cut(input.by) });
  }
  const from = input.from === undefined ? undefined : parseLocalDay(input.from, context.zone);
  const to = input.to === undefined ? undefined : parseLocalDay(input.to, context.zone);
  if (input.from !== undefined && !from) problems.push({ field: 'from', code: 'bad_date', value: cut(input.from) });
  if (input.to !== undefined && !to) problems.push({ field: 'to', code: 'bad_date', value: cut(input.to) });
  if (input.to !== undefined && input.from === undefined) problems.push({ field: 'to', code: 'to_without_from' });
  if (from && input.from !== undefined && (to || input.to === undefined)) {
    const fromDay = input.from.trim();
    const toDay = input.to?.trim() ?? localDay(context.now, context.zone);
    const days = daysInclusive(fromDay, toDay);
    if (days < 1) problems.push({ field: 'from', code: 'from_after_to', from: fromDay, to: toDay });
    else if (days > MAX_RANGE_DAYS) problems.push({ field: 'to', code: 'too_long', days });
    else {
      Object.assign(query, { fromDay, toDay, from: from.start });
      query.to = to ? to.end : parseLocalDay(toDay, context.zone)!.end;
    }
  }
  return problems.length ? { ok: false, problems } : { ok: true, query };
}

/** `inc-12` → `INC-12`; a mention or user id → `platform:id`; other ids as typed (`slack:alerts`, `ops.audit`). */
function objectIdOf(typed: string, platform: Platform): string | undefined {
  const text = typed.trim();
  // eslint-disable-next-line no-control-regex
  if (text === '' || text.length > LONGEST_ID || /[\u0000-\u001f\u007f\s]/.test(text)) return undefined;
  if (SHORT_ID.test(text)) return text.toUpperCase();
  return parseUserRef(text, platform) ?? text;
}

/** At most 40 characters of what was typed, for an answer that quotes it. */
function cut(text: string): string {
  return truncate(text.trim(), 40);
}
