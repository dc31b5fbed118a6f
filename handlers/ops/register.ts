// `/ops`: help, whoami, lang, channel, role, link, audit — Zhiban's own commands.
import { CHANNEL_KINDS, type ChannelKind } from '../../src/chat/commands.js';
import type { CommandContext } from '../../src/chat/context.js';
import type { Router } from '../../src/chat/router.js';
import { dispatchSubcommand } from '../../src/chat/subcommands.js';
import { UserError } from '../../src/chat/user-error.js';
import { isLocale, type Locale } from '../../src/kernel/i18n.js';
import { channelLanguage } from './channel-language.js';
import { channelListMessage, channelSetMessage } from '../../src/domains/ops/cards/channels.js';
import { helpMessage } from '../../src/domains/ops/cards/help.js';
import { whoamiMessage } from '../../src/domains/ops/cards/whoami.js';
import { emptyDutyRoles } from '../../src/domains/ops/rules/duty-coverage.js';
import type { AuditReader } from '../../src/domains/ops/rules/audit-export.js';
import type { AuditTrail } from '../../src/domains/ops/rules/audit-trail.js';
import type { Clock } from '../../src/kernel/clock.js';
import type { ChannelDirectory } from '../../src/domains/ops/rules/channel-directory.js';
import type { IdentityLinks } from '../../src/domains/ops/rules/identity-links.js';
import type { RoleAssignments } from '../../src/domains/ops/rules/role-assignments.js';
import type { UserDirectory } from '../../src/domains/ops/rules/user-directory.js';
import { auditCommand } from './audit.js';
import { linkCommand } from './link.js';
import { roleCommand } from './role.js';

export interface OpsServices {
  users: UserDirectory;
  channels: ChannelDirectory;
  roles: RoleAssignments;
  links: IdentityLinks;
  audit: AuditTrail;
  reader: AuditReader;
  /** The team's time zone, for times in the audit trail and the days people type. */
  timezone: string;
  /** DEFAULT_LOCALE: what a channel without a language of its own is spoken to in. */
  teamLocale: Locale;
  clock: Clock;
  /** The web console's address while it is on, for the audit trail's download link. */
  consoleUrl(): string | undefined;
}

export function registerOps(router: Router, services: OpsServices): void {
  const help = async (ctx: CommandContext) =>
    ctx.replyPrivate(helpMessage(ctx.t, ctx.locale, router.catalog, (name) => router.isAvailable(name)));

  router.command('ops', (ctx) =>
    dispatchSubcommand(
      ctx,
      ctx.args,
      {
        // Subcommands other domains add (`/ops report` from reports); the ops domain's own come after and win.
        ...router.addedSubcommands('ops'),
        help,
        whoami: async (c) =>
          c.replyPrivate(
            whoamiMessage(c.t, {
              platform: c.actor.platform,
              userId: c.actor.id,
              roles: [...c.roles].sort(),
              locale: c.locale,
              localeSource: c.localeSource,
              emptyDutyRoles: await emptyDutyRoles((roles) => services.roles.held(roles)),
            }),
          ),
        lang: async (c, [value, ...rest]) => {
          if (value === 'channel') return channelLanguage(c, rest[0], services.channels, services.teamLocale);
          if (value === undefined) {
            await c.replyPrivate({ text: c.t('lang.current', { locale: c.locale }) });
            return;
          }
          if (!isLocale(value)) throw new UserError('errors.bad_locale', { value: value.slice(0, 20) }, 'ops_lang');
          await services.users.setLocale(c.actorKey, value, c.actor.platform);
          await c.replyPrivate({ text: c.t('lang.changed', { lng: value }) });
        },
        channel: async (c, rest) =>
          dispatchSubcommand(
            c,
            rest,
            {
              set: async (cc, [kind]) => {
                if (kind === undefined) throw new UserError('errors.missing_channel_kind', {}, 'ops_channel');
                if (!(CHANNEL_KINDS as readonly string[]).includes(kind)) {
                  throw new UserError('errors.bad_channel_kind', { value: kind.slice(0, 40) }, 'ops_channel');
                }
                // Binding decides where the whole team's alerts and approvals go.
                await cc.authorize('ops.channel_set', {
                  objectType: 'channel_binding',
                  objectId: `${cc.conversation.platform}:${kind}`,
                });
                const previous = await services.channels.bind(
                  kind as ChannelKind,
                  {
                    platform: cc.conversation.platform,
                    channelId: cc.conversation.channelId,
                    channelName: cc.conversation.channelName,
                  },
                  cc.actorKey,
                );
                await cc.reply(channelSetMessage(cc.t, kind as ChannelKind, previous));
              },
              list: async (cc) =>
                cc.replyPrivate(
                  channelListMessage(
                    cc.t,
                    cc.conversation.platform,
                    await services.channels.list(cc.conversation.platform),
                  ),
                ),
            },
            { name: 'ops channel', usage: 'ops_channel' },
          ),
        role: (c, rest) => roleCommand(c, rest, services),
        link: (c, rest) => linkCommand(c, rest, services),
        audit: (c, rest) => auditCommand(c, rest, services),
      },
      { name: 'ops', usage: 'ops', whenEmpty: help },
    ),
  );
}
