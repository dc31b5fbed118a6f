// `/restore`: request (typed, or through a form), list, show. Parse, check the role, call the rules,
// answer privately: the approvals channel holds the request's card, for everyone to act on.
import type { BaseContext, CommandContext } from '../../src/chat/context.js';
import type { Router } from '../../src/chat/router.js';
import { dispatchSubcommand } from '../../src/chat/subcommands.js';
import { UserError } from '../../src/chat/user-error.js';
import type { Clock } from '../../src/kernel/clock.js';
import type { ApprovalServices } from '../../src/domains/approvals/module.js';
import { auditLine } from '../../src/domains/ops/cards/audit.js';
import type { AuditTrail } from '../../src/domains/ops/rules/audit-trail.js';
import { restoreListMessage, restoreShowMessage } from '../../src/domains/restores/cards/list.js';
import {
  isKnownSystem,
  knownSystems,
  recentBackups,
  type BackupBook,
} from '../../src/domains/restores/rules/backup-choice.js';
import type { RestoreDecisions } from '../../src/domains/restores/rules/decisions.js';
import type { RestoreProgress } from '../../src/domains/restores/rules/progress.js';
import type { RestoreBook } from '../../src/domains/restores/rules/restore-book.js';
import type { RestoreRequests } from '../../src/domains/restores/rules/requests.js';
import type { RestoreVerification } from '../../src/domains/restores/rules/verification.js';
import type { RestoreRequest } from '../../models/restores/restore-request.js';
import { registerRestoreClicks } from './clicks.js';
import { REQUEST_FORM, requestForm, systemRequestForm } from './forms.js';
import { parseRequest, parseRequestForm, requireId, requireSystem } from './input.js';

export interface RestoreHandlerDeps {
  book: RestoreBook;
  requests: RestoreRequests;
  decisions: RestoreDecisions;
  progress: RestoreProgress;
  verification: RestoreVerification;
  approvals: Pick<ApprovalServices, 'voter'>;
  audit: Pick<AuditTrail, 'refusals'>;
  backups: BackupBook;
  timezone: string;
  clock: Clock;
}

/** Refused attempts `/restore show` lists (the latest; `/ops audit <id>` has them all). */
const REFUSALS_SHOWN = 10;

/** Systems that reported backups, for the request form's choice. */
const SYSTEMS_SHOWN = 101;

export function registerRestore(router: Router, deps: RestoreHandlerDeps): void {
  const who = (ctx: BaseContext) => ({ key: ctx.actorKey, via: ctx.actor.platform });
  const zone = deps.timezone;

  const requested = (ctx: BaseContext, restore: RestoreRequest, repeated: boolean) =>
    ctx.replyPrivate({
      text: ctx.t(repeated ? 'restore.requested_again' : 'restore.requested', {
        id: restore._id,
        backup: restore.backup.id,
        required: restore.approval.required,
      }),
    });

  const request = async (ctx: CommandContext, words: string[]) => {
    await ctx.authorize('restore.request');
    if (words.length === 0) {
      const systems = (await knownSystems(deps.backups)).slice(0, SYSTEMS_SHOWN);
      return ctx.openForm(requestForm(ctx.t, systems));
    }
    if (words.length === 1) {
      const system = requireSystem(words[0]);
      const recent = await recentBackups(deps.backups, system);
      if (recent.length > 0) return ctx.openForm(systemRequestForm(ctx.t, system, recent, zone));
      const known = await isKnownSystem(deps.backups, system);
      throw new UserError(known ? 'restore.errors.no_succeeded' : 'restore.errors.unknown_system', { system });
    }
    const { restore, repeated } = await deps.requests.request(parseRequest(words), who(ctx), ctx.requestId);
    await requested(ctx, restore, repeated);
  };

  router.command('restore', (ctx) =>
    dispatchSubcommand(
      ctx,
      ctx.args,
      {
        request,
        list: async (c, [scope]) => {
          await c.authorize('restore.view');
          const which = scope?.toLowerCase() === 'all' ? 'all' : 'open';
          const list = await deps.requests.list(which);
          await c.replyPrivate(restoreListMessage(c.t, list, which, deps.clock.now(), zone));
        },
        show: async (c, [id]) => {
          await c.authorize('restore.view');
          const restore = await deps.book.get(requireId(id));
          const refused = await deps.audit.refusals('restore', restore._id, REFUSALS_SHOWN);
          const lines = refused.events.map((event) => auditLine(c.t, event, zone));
          await c.replyPrivate(restoreShowMessage(c.t, restore, deps.clock.now(), zone, lines, refused.total));
        },
      },
      { name: 'restore', usage: 'restore', whenEmpty: (c) => request(c, []) },
    ),
  );

  router.form(REQUEST_FORM, async (ctx) => {
    await ctx.authorize('restore.request');
    const input = parseRequestForm(ctx.values, ctx.privateValue);
    const { restore, repeated } = await deps.requests.request(input, who(ctx), ctx.requestId);
    await requested(ctx, restore, repeated);
  });

  registerRestoreClicks(router, deps);
}
