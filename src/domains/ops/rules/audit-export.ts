// Reading the audit trail by filters, for `/ops audit …` and for the web console's CSV download
// (`GET /api/audit/export`): a person's records are those of all their linked identities, and the
// download is refused (and the refusal recorded) as `/ops audit` is, to all but admin and pm.
import type { Readable } from 'node:stream';
import { refusalOf } from '../../../access/authorization.js';
import { decide } from '../../../access/permissions.js';
import type { Clock } from '../../../kernel/clock.js';
import type { Translate } from '../../../kernel/i18n.js';
import {
  MAX_RANGE_DAYS,
  readAuditQuery,
  type AuditQuery,
  type AuditQueryInput,
  type AuditQueryProblem,
} from '../audit-query.js';
import { auditCsvStream } from '../cards/audit-csv.js';
import type { AuditView } from '../cards/audit.js';
import { OPS_PERMISSIONS } from '../permissions.js';
import type { AuditFilter, AuditTrail } from './audit-trail.js';

/** The console's download route, from the browser's query string. */
export const EXPORT_PATH = '/api/audit/export';
const PARAMS = ['id', 'by', 'from', 'to'] as const;

export interface ExportViewer {
  key: string;
  roles: readonly string[];
}

export type ExportAnswer =
  | { outcome: 'invalid'; details: string[] }
  | { outcome: 'refused'; details: string[] }
  | { outcome: 'ready'; filename: string; csv: Readable };

export interface AuditReaderDeps {
  audit: AuditTrail;
  /** The identities linked with a person's, the person's own included. */
  identities(key: string): Promise<string[]>;
  timezone: string;
  clock: Clock;
}

export class AuditReader {
  constructor(private readonly deps: AuditReaderDeps) {}

  /** The trail's filter for a query, and the view that names it (with the person's other identities). */
  async filterOf(query: AuditQuery): Promise<{ filter: AuditFilter; view: AuditView }> {
    const identities = query.by === undefined ? undefined : await this.deps.identities(query.by);
    const actors = query.by === undefined ? undefined : [...new Set([query.by, ...(identities ?? [])])];
    return {
      filter: { objectId: query.objectId, actors, from: query.from, to: query.to },
      view: {
        objectId: query.objectId,
        by: query.by,
        linked: actors?.filter((key) => key !== query.by),
        fromDay: query.fromDay,
        toDay: query.toDay,
      },
    };
  }

  /**
   * `GET /api/audit/export?id=&by=&from=&to=` for a signed-in viewer: the CSV in their language
   * (`t`), or the bad parameters by name, or a refusal for want of a role (recorded, as in chat).
   */
  async forConsole(viewer: ExportViewer, params: Record<string, unknown>, t: Translate): Promise<ExportAnswer> {
    const details: string[] = [];
    const input: AuditQueryInput = {};
    for (const [name, value] of Object.entries(params)) {
      if (!(PARAMS as readonly string[]).includes(name)) details.push(`${name}: unknown parameter`);
      else if (typeof value !== 'string') details.push(`${name}: give it once, as text`);
      else input[name as (typeof PARAMS)[number]] = value;
    }
    if (details.length) return { outcome: 'invalid', details };
    const read = readAuditQuery(input, { platform: 'web', zone: this.deps.timezone, now: this.deps.clock.now() });
    if (!read.ok) return { outcome: 'invalid', details: read.problems.map(problemText) };
    const decision = decide(OPS_PERMISSIONS['ops.audit'], { roles: viewer.roles, actorKey: viewer.key });
    if (!decision.allowed) {
      const target = { objectType: 'audit', objectId: read.query.objectId ?? read.query.by ?? 'export' };
      const refusal = refusalOf(viewer.key, 'ops.audit', target, decision.needed, 'web');
      await this.deps.audit.record(refusal);
      return { outcome: 'refused', details: [refusal.reason] };
    }
    const { filter } = await this.filterOf(read.query);
    const csv = auditCsvStream(t, this.deps.audit.stream(filter), this.deps.timezone);
    return { outcome: 'ready', filename: fileName(read.query), csv };
  }
}

/** The console's path that downloads what `query` selects (relative to the console's address). */
export function exportPath(query: AuditQuery): string {
  const params = new URLSearchParams();
  if (query.objectId !== undefined) params.set('id', query.objectId);
  if (query.by !== undefined) params.set('by', query.by);
  if (query.fromDay !== undefined) params.set('from', query.fromDay);
  if (query.toDay !== undefined) params.set('to', query.toDay);
  return `${EXPORT_PATH}?${params.toString()}`;
}

/** One line per problem, `field: what is wrong`, as every /api refusal names its fields. */
export function problemText(problem: AuditQueryProblem): string {
  switch (problem.code) {
    case 'no_filter':
      return 'filter: give at least one of id, by, from';
    case 'bad_id':
      return 'id: not an object id such as INC-12 or slack:U123';
    case 'bad_user':
      return 'by: not a person, give platform:id such as slack:U123 or web:alice';
    case 'bad_date':
      return `${problem.field}: not a date, give YYYY-MM-DD`;
    case 'to_without_from':
      return 'to: give from as well';
    case 'from_after_to':
      return `from: ${problem.from} is after to (${problem.to})`;
    case 'too_long':
      return `to: the range is ${problem.days} days, at most ${MAX_RANGE_DAYS}`;
  }
}

/** `zhiban-audit-INC-12-2026-03-01-2026-03-05.csv`: only letters, digits and `-`, so any browser keeps it. */
function fileName(query: AuditQuery): string {
  const parts = [query.objectId, query.by, query.fromDay, query.toDay].filter((p): p is string => p !== undefined);
  const stem = ['zhiban-audit', ...parts].join('-').replace(/[^A-Za-z0-9-]+/g, '-');
  return `${stem.slice(0, 120)}.csv`;
}
