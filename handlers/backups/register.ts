// `/backup`: status, policy (and policy set, typed or through its form), report. Parse, check the
// role, call the rules, answer privately: the backups channel is for findings and the daily report.
import type { BaseContext } from '../../src/chat/context.js';
import type { Router } from '../../src/chat/router.js';
import { dispatchSubcommand } from '../../src/chat/subcommands.js';
import type { Clock } from '../../src/kernel/clock.js';
import type { Scope } from '../../models/backups/backup-run.js';
import type { PolicyField } from '../../models/backups/backup-policy.js';
import { policyChangedText, policyMessage } from '../../src/domains/backups/cards/policy.js';
import { reportMessage } from '../../src/domains/backups/cards/report.js';
import { statusMessage } from '../../src/domains/backups/cards/status.js';
import type { BackupPolicies, PolicyChange } from '../../src/domains/backups/rules/policies.js';
import type { BackupReporter } from '../../src/domains/backups/rules/report.js';
import type { BackupStatus } from '../../src/domains/backups/rules/status.js';
import { UserError } from '../../src/chat/user-error.js';
import { POLICY_FORM, policyForm, policyFormTarget } from './forms.js';
import { parsePolicyForm, parsePolicyWords, parseScope, parseSystem } from './input.js';

export interface BackupHandlerDeps {
  status: BackupStatus;
  policies: BackupPolicies;
  reporter: BackupReporter;
  timezone: string;
  clock: Clock;
}

export function registerBackup(router: Router, deps: BackupHandlerDeps): void {
  const who = (ctx: BaseContext) => ({ key: ctx.actorKey, via: ctx.actor.platform });

  const status = async (ctx: BaseContext, words: readonly string[]) => {
    await ctx.authorize('backup.view');
    const system = words[0] !== undefined ? parseSystem(words[0]) : undefined;
    if (system !== undefined && !(await deps.status.known(system))) {
      throw new UserError('backup.errors.unknown_system', { system });
    }
    const rows = await deps.status.rows(system);
    await ctx.replyPrivate(statusMessage(ctx.t, rows, deps.clock.now(), system));
  };

  const setPolicy = async (ctx: BaseContext, system: string, scope: Scope, change: PolicyChange) => {
    const fields = Object.keys(change) as PolicyField[];
    if (fields.length === 0) {
      await ctx.replyPrivate(policyMessage(ctx.t, system, await deps.policies.of(system)));
      return;
    }
    const { before, after } = await deps.policies.set(system, scope, change, who(ctx));
    await ctx.replyPrivate({ text: policyChangedText(ctx.t, system, scope, { before, after, fields }) });
  };

  router.command('backup', (ctx) =>
    dispatchSubcommand(
      ctx,
      ctx.args,
      {
        status: (c, words) => status(c, words),
        policy: async (c, words) => {
          if (words[0]?.toLowerCase() === 'set') {
            await c.authorize('backup.policy_set');
            const system = parseSystem(words[1]);
            const scope = parseScope(words[2]);
            const settings = words.slice(3);
            if (settings.length === 0) {
              const current = (await deps.policies.of(system)).find((p) => p.scope === scope)!;
              return c.openForm(policyForm(c.t, system, scope, current.policy));
            }
            return setPolicy(c, system, scope, parsePolicyWords(settings));
          }
          await c.authorize('backup.view');
          const system = parseSystem(words[0]);
          await c.replyPrivate(policyMessage(c.t, system, await deps.policies.of(system)));
        },
        report: async (c) => {
          await c.authorize('backup.view');
          const report = await deps.reporter.build(deps.clock.now());
          await c.replyPrivate(reportMessage(c.t, report, deps.timezone));
        },
      },
      { name: 'backup', usage: 'backup', whenEmpty: (c) => status(c, []) },
    ),
  );

  router.form(POLICY_FORM, async (ctx) => {
    await ctx.authorize('backup.policy_set');
    const target = policyFormTarget(ctx.privateValue);
    const system = parseSystem(target.system);
    const scope = parseScope(target.scope);
    const current = (await deps.policies.of(system)).find((p) => p.scope === scope)!;
    // The form starts with what is in force: only what was changed in it is a change.
    const typed = parsePolicyForm(ctx.values);
    const change = Object.fromEntries(
      Object.entries(typed).filter(([field, value]) => {
        const now = current.policy[field as PolicyField];
        if (value === 'default') return current.set.has(field as PolicyField);
        return value !== now;
      }),
    ) as PolicyChange;
    await setPolicy(ctx, system, scope, change);
  });
}
