// `/ops report daily|weekly|quarterly [period] [post]` (issue 16): the report made on demand for the
// current period so far, `last`, or a named one; told privately (in the person's direct messages,
// where its charts and workbook can go) unless `post` puts it in the `reports` channel. A subcommand
// of the ops domain's `/ops`, added through Router.subcommand.
import { createHash } from 'node:crypto';
import type { CommandContext } from '../../src/chat/context.js';
import type { Router } from '../../src/chat/router.js';
import { UserError } from '../../src/chat/user-error.js';
import type { Clock } from '../../src/kernel/clock.js';
import type { AuditTrail } from '../../src/domains/ops/rules/audit-trail.js';
import { REPORT_KINDS, type ReportKind, type ReportSection } from '../../src/domains/report-section.js';
import { reportSubject, type ReportAnnouncer } from '../../src/domains/reports/announcer.js';
import { reportTitle } from '../../src/domains/reports/cards/report-message.js';
import { makeReport } from '../../src/domains/reports/rules/report-maker.js';
import { spanOf } from '../../src/domains/reports/rules/report-span.js';

export interface ReportHandlerDeps {
  announcer: Pick<ReportAnnouncer, 'post' | 'tell'>;
  sections(): readonly ReportSection[];
  audit: Pick<AuditTrail, 'record'>;
  clock: Clock;
  timezone: string;
}

const USAGE = 'ops_report';

/** Adds `report` to `/ops`. */
export function registerReports(router: Router, deps: ReportHandlerDeps): void {
  router.subcommand('ops', 'report', (ctx, rest) => report(ctx, rest, deps));
}

async function report(ctx: CommandContext, words: string[], deps: ReportHandlerDeps): Promise<void> {
  const [first, ...rest] = words.map((w) => w.trim()).filter(Boolean);
  const kind = first?.toLowerCase();
  if (!kind) throw new UserError('report.errors.missing_kind', {}, USAGE);
  if (!isKind(kind)) throw new UserError('report.errors.bad_kind', { value: [...kind].slice(0, 20).join('') }, USAGE);
  const post = rest.some((w) => w.toLowerCase() === 'post');
  const periods = rest.filter((w) => w.toLowerCase() !== 'post');
  if (periods.length > 1)
    throw new UserError('report.errors.extra_words', { words: periods.slice(1).join(' ') }, USAGE);
  await ctx.authorize(`report.${kind}`);
  const typed = periods[0];
  const found = spanOf(kind, typed, deps.clock.now(), deps.timezone);
  if (!found.ok) {
    const value = [...(typed ?? '')].slice(0, 20).join('');
    throw new UserError(
      found.problem === 'future' ? 'report.errors.future' : `report.errors.bad_period_${kind}`,
      { value },
      USAGE,
    );
  }
  const data = await makeReport(deps.sections(), found.span);
  // Named by the request, so a request the platform delivers twice says the report once.
  const suffix = createHash('sha256')
    .update(ctx.requestId ?? `${ctx.actorKey}:${deps.clock.now().getTime()}`)
    .digest('hex')
    .slice(0, 16);
  const subject = reportSubject(data, suffix);
  const title = reportTitle(data, ctx.t);
  if (post) {
    await deps.announcer.post(data, subject);
    await deps.audit.record({
      actor: ctx.actorKey,
      action: 'report.post',
      objectType: 'report',
      objectId: `${kind}:${found.span.label}`,
      outcome: 'done',
      via: ctx.actor.platform,
    });
    await ctx.replyPrivate({ text: ctx.t('report.posted', { title }) });
    return;
  }
  if (!(await deps.announcer.tell(ctx.actorKey, data, subject))) {
    throw new UserError('report.errors.unreachable', {}, USAGE);
  }
  await ctx.replyPrivate({ text: ctx.t('report.told', { title }) });
}

function isKind(value: string): value is ReportKind {
  return (REPORT_KINDS as readonly string[]).includes(value);
}
