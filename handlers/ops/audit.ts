// `/ops audit [export] [<id>] [by <user>] [from <YYYY-MM-DD> [to <YYYY-MM-DD>]]`: the audit trail of
// an object, of one person, of some whole days in TIMEZONE, or of any of them together; `export`
// gives the same records as CSV (a download link where the web console is, else the first rows).
import type { CommandContext } from '../../src/chat/context.js';
import { UserError } from '../../src/chat/user-error.js';
import {
  MAX_RANGE_DAYS,
  readAuditQuery,
  type AuditQuery,
  type AuditQueryInput,
  type AuditQueryProblem,
} from '../../src/domains/ops/audit-query.js';
import { auditMessage } from '../../src/domains/ops/cards/audit.js';
import { auditExportMessage } from '../../src/domains/ops/cards/audit-export.js';
import { exportPath, type AuditReader } from '../../src/domains/ops/rules/audit-export.js';
import type { AuditTrail } from '../../src/domains/ops/rules/audit-trail.js';
import type { Clock } from '../../src/kernel/clock.js';

export interface AuditCommandServices {
  audit: AuditTrail;
  reader: AuditReader;
  timezone: string;
  clock: Clock;
  /** The web console's address (`http://host:port/`), while it is on. */
  consoleUrl(): string | undefined;
}

/** At most this many records on screen; the rest are counted ("N more — narrow the range or export"). */
export const SHOWN = 50;
/** Rows of an export shown in chat when there is no console to download the file from. */
export const INLINE_ROWS = 10;
const KEYWORDS = ['by', 'from', 'to'] as const;
const USAGE = 'ops_audit';

/**
 * Reads the filters (any order), checks `ops.audit`, and answers privately: the newest 50 records
 * the filters select, oldest first, or with `export` where their CSV is. Bad input is a UserError
 * with the correct form, before anything is read or recorded.
 */
export async function auditCommand(ctx: CommandContext, args: string[], services: AuditCommandServices) {
  const exporting = args[0]?.toLowerCase() === 'export';
  const input = filtersTyped(exporting ? args.slice(1) : args);
  const read = readAuditQuery(input, {
    platform: ctx.actor.platform,
    zone: services.timezone,
    now: services.clock.now(),
  });
  if (!read.ok) throw problemError(read.problems[0]!);
  const { query } = read;
  await ctx.authorize('ops.audit', { objectType: 'audit', objectId: query.objectId ?? query.by ?? 'range' });
  const { filter, view } = await services.reader.filterOf(query);
  if (!exporting) {
    const { events, total } = await services.audit.select(filter, SHOWN);
    await ctx.replyPrivate(auditMessage(ctx.t, view, events, services.timezone, total));
    return;
  }
  const link = linkFor(ctx.actor.platform, query, services.consoleUrl());
  const total = await services.audit.count(filter);
  // Without a console to download from, the file's first rows (the oldest) are shown instead.
  const firstRows = link === undefined && total > 0 ? await services.audit.oldest(filter, INLINE_ROWS) : [];
  await ctx.replyPrivate(
    auditExportMessage(ctx.t, {
      view,
      total,
      zone: services.timezone,
      link,
      firstRows,
      web: ctx.actor.platform === 'web',
    }),
  );
}

/** Words to filters: `INC-12 by @alice from 2026-03-01 to 2026-03-05`, in any order. */
function filtersTyped(words: readonly string[]): AuditQueryInput {
  const input: AuditQueryInput = {};
  for (let i = 0; i < words.length; i += 1) {
    const word = words[i]!;
    const keyword = KEYWORDS.find((k) => k === word.toLowerCase());
    if (keyword) {
      const value = words[i + 1];
      if (value === undefined || isKeyword(value)) {
        throw keyword === 'by'
          ? new UserError('errors.missing_user', {}, USAGE)
          : new UserError('audit_cmd.errors.missing_date', { word: keyword }, USAGE);
      }
      if (input[keyword] !== undefined) throw new UserError('audit_cmd.errors.twice', { word: keyword }, USAGE);
      input[keyword] = value;
      i += 1;
    } else if (/^[a-z]+$/.test(word)) {
      // A lower-case word is no id (those have digits, `-`, `:` or a mention): a mistyped subcommand.
      throw new UserError('errors.unknown_subcommand', { command: 'ops audit', sub: word.slice(0, 40) }, USAGE);
    } else if (input.id !== undefined) {
      throw new UserError(
        'audit_cmd.errors.two_ids',
        { first: input.id.slice(0, 40), second: word.slice(0, 40) },
        USAGE,
      );
    } else {
      input.id = word;
    }
  }
  return input;
}

function isKeyword(word: string): boolean {
  return (KEYWORDS as readonly string[]).includes(word.toLowerCase());
}

function problemError(problem: AuditQueryProblem): UserError {
  switch (problem.code) {
    case 'no_filter':
      return new UserError('audit_cmd.errors.missing_id', {}, USAGE);
    case 'bad_id':
      return new UserError('audit_cmd.errors.bad_id', { value: problem.value }, USAGE);
    case 'bad_user':
      return new UserError('errors.bad_user', { value: problem.value }, USAGE);
    case 'bad_date':
      return new UserError('audit_cmd.errors.bad_date', { value: problem.value }, USAGE);
    case 'to_without_from':
      return new UserError('audit_cmd.errors.to_without_from', {}, USAGE);
    case 'from_after_to':
      return new UserError('audit_cmd.errors.from_after_to', { from: problem.from, to: problem.to }, USAGE);
    case 'too_long':
      return new UserError('audit_cmd.errors.too_long', { days: problem.days, max: MAX_RANGE_DAYS }, USAGE);
  }
}

/**
 * Where the CSV is: on the console itself a link relative to the page (it sends the session's
 * cookie); elsewhere the console's full address, while it is on.
 */
function linkFor(platform: string, query: AuditQuery, consoleUrl: string | undefined): string | undefined {
  const path = exportPath(query);
  if (platform === 'web') return path;
  return consoleUrl ? new URL(path, consoleUrl).toString() : undefined;
}
